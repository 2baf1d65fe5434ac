package vn.onedesk.protocol.counters;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.regex.Pattern;
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
 * @param ticket    for REQUEUE: the number of the ticket marked NO_SHOW, e.g. "A023"; ignored otherwise
 * @param toCounter for TRANSFER: the counter the ticket is reserved for (it keeps its service unless {@code service}
 *                  names another); excludes {@code toOfficer}; ignored otherwise
 * @param toOfficer for TRANSFER: the username of the officer the ticket is reserved for, called at whichever
 *                  counter they are bound to; excludes {@code toCounter}; ignored otherwise
 * @param note      for TRANSFER: a note for the next officer, 1..200 characters without control characters;
 *                  ignored otherwise
 */
public record CounterCommand(String requestId, CommandName command, String service, Language language,
                             String officer, String pin, String pass, String ticket, String toCounter,
                             String toOfficer, String note) {
    public static final int MAX_NOTE = 200;
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
        if (command == CommandName.REQUEUE) {
            ticket = Fields.ticketNumber("ticket", ticket);
        } else {
            ticket = null;
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
    }

    /** A command without the fields of TRANSFER to a counter or an officer and of REQUEUE. */
    public CounterCommand(String requestId, CommandName command, String service, Language language,
                          String officer, String pin, String pass) {
        this(requestId, command, service, language, officer, pin, pass, null, null, null, null);
    }

    /** A command that names no officer. */
    public CounterCommand(String requestId, CommandName command, String service, Language language) {
        this(requestId, command, service, language, null, null, null);
    }

    /** A TRANSFER: to a service, or reserved for a counter or an officer, with an optional note. */
    public static CounterCommand transfer(String requestId, String service, String toCounter, String toOfficer,
                                          String note, Language language) {
        return new CounterCommand(requestId, CommandName.TRANSFER, service, language, null, null, null, null,
                toCounter, toOfficer, note);
    }

    /** A REQUEUE of the ticket with this number. */
    public static CounterCommand requeue(String requestId, String ticket, Language language) {
        return new CounterCommand(requestId, CommandName.REQUEUE, null, language, null, null, null, ticket, null,
                null, null);
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
                + ", pass=" + (pass == null ? null : "****") + ", ticket=" + ticket + ", toCounter=" + toCounter
                + ", toOfficer=" + toOfficer + ", note=" + note + "]";
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
                                   @JsonProperty("toCounter") String toCounter,
                                   @JsonProperty("toOfficer") String toOfficer,
                                   @JsonProperty("note") String note) {
        Fields.identifier("requestId", requestId);
        Fields.required("command", command);
        CommandName name = Arrays.stream(CommandName.values())
                .filter(n -> n.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new Fields.InvalidFieldException("command",
                        "'command' must be one of " + Arrays.toString(CommandName.values()),
                        ErrorCode.UNKNOWN_COMMAND));
        return new CounterCommand(requestId, name, service, language, officer, pin, pass, ticket, toCounter,
                toOfficer, note);
    }
}
