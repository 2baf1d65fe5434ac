package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.ticketing.TicketRequest;

/** The dossier fields of COMPLETE, TRANSFER and the kiosk's ticket request, as the real codec reads them. */
class DossierFieldsTest {

    private static <T> Decoded<T> decode(String json, Class<T> type) {
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000.00.24.H12-241203-0001", "H12.5-0001", "BHXH-2025/000123", "ABC123",
            "0123456789012345678901234567890123456789"})
    void portalStyleCodesAreDossierCodes(String code) {
        assertTrue(DossierCodes.valid(code), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABC12", "hs-0001-abc", "-00.00.24", "/ABCDEF", "000 00 24 H12", "NGUYỄN-VĂN-A",
            "01234567890123456789012345678901234567890", "A\n12345"})
    void anythingElseIsNot(String code) {
        assertFalse(DossierCodes.valid(code), code);
    }

    @Test
    void aCompleteCarriesItsDossiersAndWhetherTheResultGoesByPost() {
        CounterCommand c = decode("{\"requestId\":\"r1\",\"command\":\"COMPLETE\",\"dossiers\":[\"H12-0001\","
                + "\"H12-0002\"],\"returnByPost\":true}", CounterCommand.class).orThrow();
        assertEquals(List.of("H12-0001", "H12-0002"), c.dossiers());
        assertEquals(Boolean.TRUE, c.returnByPost());
        CounterCommand noPost = decode("{\"requestId\":\"r2\",\"command\":\"TRANSFER\",\"service\":\"KQ\","
                + "\"dossiers\":[\"H12-0001\"]}", CounterCommand.class).orThrow();
        assertEquals(Boolean.FALSE, noPost.returnByPost(), "false when absent");
        CounterCommand none = decode("{\"requestId\":\"r3\",\"command\":\"COMPLETE\",\"dossiers\":[]}",
                CounterCommand.class).orThrow();
        assertNull(none.dossiers(), "an empty list is none");
        assertFalse(JsonCodec.encodeToString(none).contains("dossiers"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"dossiers\":[\"bad\"]}|'dossiers[0]' must be",
            "{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"dossiers\":[\"H12-0001\",null]}|'dossiers[1]' must be",
            "{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"dossiers\":[\"H12-0001\",\"H12-0001\"]}|'dossiers[1]' repeats",
            "{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"returnByPost\":false}|'returnByPost' goes only with",
            "{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"dossiers\":[],\"returnByPost\":true}|'returnByPost' goes only",
            "{\"requestId\":\"r\",\"command\":\"CALL_NEXT\",\"dossiers\":[\"H12-0001\"]}|'dossiers' goes only with COMPLETE",
    })
    void badDossierFieldsAreInvalidFieldNamingTheField(String json, String detail) {
        Decoded<CounterCommand> decoded = decode(json, CounterCommand.class);
        Decoded.Failed<CounterCommand> failed = assertInstanceOf(Decoded.Failed.class, decoded);
        assertEquals(ErrorCode.INVALID_FIELD, failed.error().code());
        assertTrue(failed.error().detail().startsWith(detail), failed.error().detail());
        assertEquals("r", failed.requestId().orElseThrow(), "the terminal can match the error to its command");
    }

    @Test
    void elevenDossiersAreTooMany() {
        StringBuilder codes = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            codes.append(i == 0 ? "" : ",").append("\"H12-00").append(10 + i).append('"');
        }
        Decoded<CounterCommand> decoded = decode("{\"requestId\":\"r\",\"command\":\"COMPLETE\",\"dossiers\":["
                + codes + "]}", CounterCommand.class);
        Decoded.Failed<CounterCommand> failed = assertInstanceOf(Decoded.Failed.class, decoded);
        assertEquals(ErrorCode.INVALID_FIELD, failed.error().code());
        assertTrue(failed.error().detail().contains("at most 10"), failed.error().detail());
    }

    @Test
    void aKioskRequestCarriesOneDossierOfTheRightShape() {
        TicketRequest ok = decode("{\"requestId\":\"k1\",\"service\":\"KQ\",\"dossier\":\"000.00.24.H12-241203-0001\"}",
                TicketRequest.class).orThrow();
        assertEquals("000.00.24.H12-241203-0001", ok.dossier());
        assertNull(TicketRequest.of("k2", "KQ").dossier());
        Decoded.Failed<TicketRequest> failed = assertInstanceOf(Decoded.Failed.class,
                decode("{\"requestId\":\"k3\",\"service\":\"KQ\",\"dossier\":\"0123 456\"}", TicketRequest.class));
        assertEquals(ErrorCode.INVALID_FIELD, failed.error().code());
        assertTrue(failed.error().detail().startsWith("'dossier'"), failed.error().detail());
        Decoded.Failed<TicketRequest> wrongType = assertInstanceOf(Decoded.Failed.class,
                decode("{\"requestId\":\"k4\",\"service\":\"KQ\",\"dossier\":42}", TicketRequest.class));
        assertEquals(ErrorCode.MALFORMED, wrongType.error().code(), "a number is not a code: the schema's type");
    }

    @Test
    void theCommandsOwnConstructorKeepsTheRules() {
        CounterCommand c = CounterCommand.withDossiers("r", CommandName.COMPLETE, null, List.of("H12-0001"), true);
        assertEquals(List.of("H12-0001"), c.dossiers());
        assertTrue(c.toString().contains("H12-0001"));
    }
}
