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
 * @param service  the target service, required for TRANSFER and ignored otherwise
 * @param language "vi" (default) or "en": the language of the error message in the reply
 * @param officer  for OPEN only: the username of the officer who opens the counter, with their {@code pin};
 *                 both or neither; ignored, with the PIN, for every other command
 * @param pin      the officer's PIN, 4-12 digits; never written to a log, the store or a reply
 */
public record CounterCommand(String requestId, CommandName command, String service, Language language,
                             String officer, String pin) {
    private static final Pattern PIN = Pattern.compile("[0-9]{4,12}");

    public CounterCommand {
        Fields.identifier("requestId", requestId);
        Fields.requiredValue("command", command);
        if (command == CommandName.TRANSFER) {
            Fields.identifier("service", service);
        } else {
            service = null;
        }
        language = language == null ? Language.DEFAULT : language;
        if (command == CommandName.OPEN) {
            Fields.optionalIdentifier("officer", officer);
            if (officer != null && pin == null) {
                throw new Fields.InvalidFieldException("pin", "'pin' is required with 'officer'");
            }
            if (pin != null && officer == null) {
                throw new Fields.InvalidFieldException("officer", "'officer' is required with 'pin'");
            }
            if (pin != null && !PIN.matcher(pin).matches()) {
                throw new Fields.InvalidFieldException("pin", "'pin' must be 4-12 digits");
            }
        } else {
            officer = null;
            pin = null;
        }
    }

    /** A command that names no officer. */
    public CounterCommand(String requestId, CommandName command, String service, Language language) {
        this(requestId, command, service, language, null, null);
    }

    /** A command whose reply is in Vietnamese. */
    public CounterCommand(String requestId, CommandName command, String service) {
        this(requestId, command, service, null);
    }

    /** Never shows the PIN. */
    @Override
    public String toString() {
        return "CounterCommand[requestId=" + requestId + ", command=" + command + ", service=" + service
                + ", language=" + language + ", officer=" + officer + ", pin=" + (pin == null ? null : "****") + "]";
    }

    /** Reads the command by name so that an unknown one is UNKNOWN_COMMAND, not a schema error. */
    @JsonCreator
    static CounterCommand fromJson(@JsonProperty("requestId") String requestId,
                                   @JsonProperty("command") String command,
                                   @JsonProperty("service") String service,
                                   @JsonProperty("language") Language language,
                                   @JsonProperty("officer") String officer,
                                   @JsonProperty("pin") String pin) {
        Fields.identifier("requestId", requestId);
        Fields.required("command", command);
        CommandName name = Arrays.stream(CommandName.values())
                .filter(n -> n.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new Fields.InvalidFieldException("command",
                        "'command' must be one of " + Arrays.toString(CommandName.values()),
                        ErrorCode.UNKNOWN_COMMAND));
        return new CounterCommand(requestId, name, service, language, officer, pin);
    }
}
