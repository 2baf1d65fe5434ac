package vn.onedesk.protocol.counters;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.Fields;
import vn.onedesk.protocol.Language;

/**
 * Counter terminal → gateway on {@code onedesk/v1/{c}/counters/{counterId}/commands}.
 *
 * @param service  the target service, required for TRANSFER and ignored otherwise
 * @param language "vi" (default) or "en": the language of the error message in the reply
 */
public record CounterCommand(String requestId, CommandName command, String service, Language language) {
    public CounterCommand {
        Fields.identifier("requestId", requestId);
        Fields.requiredValue("command", command);
        if (command == CommandName.TRANSFER) {
            Fields.identifier("service", service);
        } else {
            service = null;
        }
        language = language == null ? Language.DEFAULT : language;
    }

    /** A command whose reply is in Vietnamese. */
    public CounterCommand(String requestId, CommandName command, String service) {
        this(requestId, command, service, null);
    }

    /** Reads the command by name so that an unknown one is UNKNOWN_COMMAND, not a schema error. */
    @JsonCreator
    static CounterCommand fromJson(@JsonProperty("requestId") String requestId,
                                   @JsonProperty("command") String command,
                                   @JsonProperty("service") String service,
                                   @JsonProperty("language") Language language) {
        Fields.identifier("requestId", requestId);
        Fields.required("command", command);
        CommandName name = Arrays.stream(CommandName.values())
                .filter(n -> n.name().equals(command))
                .findFirst()
                .orElseThrow(() -> new Fields.InvalidFieldException("command",
                        "'command' must be one of " + Arrays.toString(CommandName.values()),
                        ErrorCode.UNKNOWN_COMMAND));
        return new CounterCommand(requestId, name, service, language);
    }
}
