package vn.onedesk.protocol.counters;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import vn.onedesk.protocol.DossierCodes;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.Language;

/**
 * Counter terminal → gateway on {@code onedesk/v1/{c}/counters/{counterId}/commands}.
 *
 * @param service  the target service: for TRANSFER, required unless {@code toCounter} or {@code toOfficer} is given
 *                 (then the ticket keeps its service unless this names another); ignored otherwise
 * @param language "vi" (default) or "en": the language of the error message in the reply
 * @param officer  for OPEN only: the username of the officer who opens the counter, with exactly one proof of
 *                 who they are: their {@code pin} (a hardware terminal) or a {@code pass} (the counter console,
 *                 whose officer logged in over HTTP); ignored, with both, for every other command
 * @param pin      the officer's PIN, 4-12 digits; never written to a log, the store or a reply
 * @param pass     a counter pass the gateway issued to the logged-in officer ({@code POST /api/v1/auth/counter-pass}):
 *                 short-lived and single-use; never written to a log, the store or a reply
 * @param ticket    for CALL_PARKED, CALL_NUMBER and REQUEUE only: the number of the ticket, e.g. "A023" (the
 *                  service's one or two capital letters, then 3-6 digits); ignored otherwise
 * @param reason    for PARK and CALL_NUMBER only: the officer's reason, 1-200 characters, no control characters, kept
 *                  with the event (a call by number is audited by it); ignored otherwise
 * @param toCounter for TRANSFER: the counter the ticket is reserved for (it keeps its service unless {@code service}
 *                  names another); excludes {@code toOfficer}; ignored otherwise
 * @param toOfficer for TRANSFER: the username of the officer the ticket is reserved for, called at whichever
 *                  counter they are bound to; excludes {@code toCounter}; ignored otherwise
 * @param note      for TRANSFER: a note for the next officer, 1..200 characters without control characters;
 *                  ignored otherwise
 * @param dossiers     COMPLETE and TRANSFER only: the codes of the dossiers (hồ sơ) received in this visit, 1 to
 *                     {@value DossierCodes#MAX_PER_COMMAND} distinct codes (see {@link DossierCodes}); null when none
 *                     (an empty list is none). Any other command carrying codes is refused with INVALID_FIELD.
 * @param returnByPost with {@code dossiers} only: whether the citizen asked for the result to be returned by post
 *                     (BCCI, Decision 45/2016/QĐ-TTg); false when absent. Without dossiers it is INVALID_FIELD.
 */
public record CounterCommand(String requestId, CommandName command, String service, Language language,
                             String officer, String pin, String pass, String ticket, String reason,
                             String toCounter, String toOfficer, String note,
                             List<String> dossiers, Boolean returnByPost) {
    /** A ticket number: the service's prefix (one or two capital letters) and its sequence, at least 3 digits. */
    private static final Pattern TICKET = Pattern.compile("[A-Z]{1,2}[0-9]{3,6}");
    public static final int MAX_REASON = 200;
    public static final int MAX_NOTE = 200;
    private static final List<CommandName> WITH_TICKET = List.of(CommandName.CALL_PARKED, CommandName.CALL_NUMBER,
            CommandName.REQUEUE);
    private static final List<CommandName> WITH_REASON = List.of(CommandName.PARK, CommandName.CALL_NUMBER);

    private static final Pattern PIN = Pattern.compile("[0-9]{4,12}");
    /** What the gateway issues is 43 URL-safe Base64 characters (256 bits); the bounds leave room, not more. */
    private static final Pattern PASS = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public CounterCommand {
        Fields.identifier("requestId", requestId);
        Fields.requiredValue("command", command);
        if (command == CommandName.TRANSFER) {
            Fields.optionalIdentifier("toCounter", toCounter);
            Fields.optionalIdentifier("toOfficer", toOfficer);
            if (toCounter != null && toOfficer != null) {
                throw new Fields.InvalidFieldException("toOfficer",
                        "'toCounter' and 'toOfficer' exclude each other: name one target");
            }
            if (toCounter == null && toOfficer == null) {
                Fields.identifier("service", service);
            } else {
                Fields.optionalIdentifier("service", service);
            }
            note = note(note);
        } else {
            service = null;
            toCounter = null;
            toOfficer = null;
            note = null;
        }
        language = language == null ? Language.DEFAULT : language;
        if (command == CommandName.OPEN) {
            Fields.optionalIdentifier("officer", officer);
            if (officer != null && pin == null && pass == null) {
                throw new Fields.InvalidFieldException("pin", "'pin' or 'pass' is required with 'officer'");
            }
            if (pin != null && pass != null) {
                throw new Fields.InvalidFieldException("pass", "'pin' and 'pass' exclude each other: send one");
            }
            if (pin != null && officer == null) {
                throw new Fields.InvalidFieldException("officer", "'officer' is required with 'pin'");
            }
            if (pass != null && officer == null) {
                throw new Fields.InvalidFieldException("officer", "'officer' is required with 'pass'");
            }
            if (pin != null && !PIN.matcher(pin).matches()) {
                throw new Fields.InvalidFieldException("pin", "'pin' must be 4-12 digits");
            }
            if (pass != null && !PASS.matcher(pass).matches()) {
                throw new Fields.InvalidFieldException("pass", "'pass' must be the counter pass as the gateway"
                        + " issued it (16-128 letters, digits, '-' or '_')");
            }
        } else {
            officer = null;
            pin = null;
            pass = null;
        }
        if (WITH_TICKET.contains(command)) {
            Fields.required("ticket", ticket);
            if (!TICKET.matcher(ticket).matches()) {
                throw new Fields.InvalidFieldException("ticket", "'ticket' must be a ticket number such as A023:"
                        + " one or two capital letters, then 3-6 digits");
            }
        } else {
            ticket = null;
        }
        if (WITH_REASON.contains(command)) {
            reason = reason(reason);
        } else {
            reason = null;
        }
        dossiers = DossierCodes.list("dossiers", dossiers);
        if (dossiers.isEmpty()) {
            dossiers = null;
            if (returnByPost != null) {
                throw new Fields.InvalidFieldException("returnByPost", "'returnByPost' goes only with 'dossiers': the"
                        + " result of which dossier would be posted?", ErrorCode.INVALID_FIELD);
            }
        } else {
            if (command != CommandName.COMPLETE && command != CommandName.TRANSFER) {
                throw new Fields.InvalidFieldException("dossiers", "'dossiers' goes only with COMPLETE and TRANSFER,"
                        + " not " + command, ErrorCode.INVALID_FIELD);
            }
            returnByPost = returnByPost != null && returnByPost;
        }
    }

    /** The officer's reason, trimmed: required, 1-200 characters, none of them a control character. */
    private static String reason(String reason) {
        Fields.required("reason", reason);
        String trimmed = reason.strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_REASON) {
            throw new Fields.InvalidFieldException("reason", "'reason' must be at most " + MAX_REASON + " characters");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new Fields.InvalidFieldException("reason", "'reason' must not contain control characters");
        }
        return trimmed;
    }


    /** A COMPLETE or TRANSFER with the dossiers received, and whether their result goes back by post. */
    public static CounterCommand withDossiers(String requestId, CommandName command, String service,
                                              List<String> dossiers, boolean returnByPost) {
        return new CounterCommand(requestId, command, service, null, null, null, null, null, null, null, null, null,
                dossiers, returnByPost);
    }

    /** A command without a ticket, a reason, a TRANSFER's target counter or officer and note, or dossiers. */
    public CounterCommand(String requestId, CommandName command, String service, Language language,
                          String officer, String pin, String pass) {
        this(requestId, command, service, language, officer, pin, pass, null, null, null, null, null, null, null);
    }

    /** A command that names no officer. */
    public CounterCommand(String requestId, CommandName command, String service, Language language) {
        this(requestId, command, service, language, null, null, null);
    }

    /** PARK (with a reason), CALL_PARKED (with a ticket number) or CALL_NUMBER (with both). */
    public static CounterCommand atTicket(String requestId, CommandName command, String ticket, String reason,
                                          Language language) {
        return new CounterCommand(requestId, command, null, language, null, null, null, ticket, reason, null, null,
                null, null, null);
    }

    /** A TRANSFER: to a service, or reserved for a counter or an officer, with an optional note. */
    public static CounterCommand transfer(String requestId, String service, String toCounter, String toOfficer,
                                          String note, Language language) {
        return new CounterCommand(requestId, CommandName.TRANSFER, service, language, null, null, null, null,
                null, toCounter, toOfficer, note, null, null);
    }

    /** A REQUEUE of the ticket with this number. */
    public static CounterCommand requeue(String requestId, String ticket, Language language) {
        return new CounterCommand(requestId, CommandName.REQUEUE, null, language, null, null, null, ticket, null,
                null, null, null, null, null);
    }

    private static String note(String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank() || value.length() > MAX_NOTE) {
            throw new Fields.InvalidFieldException("note", "'note' must be 1-" + MAX_NOTE + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new Fields.InvalidFieldException("note", "'note' must not contain control characters");
        }
        return value;
    }

    /** An OPEN by an officer with their PIN (a hardware terminal). */
    public static CounterCommand openWithPin(String requestId, String officer, String pin, Language language) {
        return new CounterCommand(requestId, CommandName.OPEN, null, language, officer, pin, null);
    }

    /** An OPEN by an officer with a counter pass (the counter console). */
    public static CounterCommand openWithPass(String requestId, String officer, String pass, Language language) {
        return new CounterCommand(requestId, CommandName.OPEN, null, language, officer, null, pass);
    }

    /** A command whose reply is in Vietnamese. */
    public CounterCommand(String requestId, CommandName command, String service) {
        this(requestId, command, service, null);
    }

    /** Never shows the PIN or the pass. */
    @Override
    public String toString() {
        return "CounterCommand[requestId=" + requestId + ", command=" + command + ", service=" + service
                + ", language=" + language + ", officer=" + officer + ", pin=" + (pin == null ? null : "****")
                + ", pass=" + (pass == null ? null : "****") + ", ticket=" + ticket + ", reason=" + reason
                + ", toCounter=" + toCounter + ", toOfficer=" + toOfficer + ", note=" + note
                + ", dossiers=" + dossiers + ", returnByPost=" + returnByPost + "]";
    }

    /** Reads the command by name so that an unknown one is UNKNOWN_COMMAND, not a schema error. */
    @JsonCreator
    static CounterCommand fromJson(@JsonProperty("requestId") String requestId,
                                   @JsonProperty("command") String command,
                                   @JsonProperty("service") String service,
                                   @JsonProperty("language") Language language,
                                   @JsonProperty("officer") String officer,
                                   @JsonProperty("pin") String pin,
                                   @JsonProperty("pass") String pass,
                                   @JsonProperty("ticket") String ticket,
                                   @JsonProperty("reason") String reason,
                                   @JsonProperty("toCounter") String toCounter,
                                   @JsonProperty("toOfficer") String toOfficer,
                                   @JsonProperty("note") String note,
                                   @JsonProperty("dossiers") List<String> dossiers,
                                   @JsonProperty("returnByPost") Boolean returnByPost) {
        Fields.identifier("requestId", requestId);
        Fields.required("command", command);
        CommandName name = Arrays.stream(CommandName.values())
                .filter(n -> n.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new Fields.InvalidFieldException("command",
                        "'command' must be one of " + Arrays.toString(CommandName.values()),
                        ErrorCode.UNKNOWN_COMMAND));
        return new CounterCommand(requestId, name, service, language, officer, pin, pass, ticket, reason, toCounter,
                toOfficer, note, dossiers, returnByPost);
    }
}
