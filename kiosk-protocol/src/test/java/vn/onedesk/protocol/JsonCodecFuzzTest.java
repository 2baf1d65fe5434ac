package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.counters.CounterView;
import vn.onedesk.protocol.counters.NowServing;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.devices.PaperLevel;
import vn.onedesk.protocol.devices.Presence;
import vn.onedesk.protocol.devices.PrinterStatus;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.ServiceState;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Seeded random inputs for {@link JsonCodec#decode}: whatever arrives, it returns the message or an
 * error with a readable message, and never throws. The seeds are fixed so that a failure reproduces;
 * the failure message carries the seed, the iteration and the payload in hex.
 */
class JsonCodecFuzzTest {

    private static final int ITERATIONS = 1_000;
    private static final Instant T = Instant.parse("2025-03-03T01:15:00Z");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    // INVALID_FIELD: a well-formed field whose value the record refuses, naming it (a dossier code of the wrong shape).
    private static final Set<ErrorCode> DECODE_ERRORS = Set.of(ErrorCode.MALFORMED, ErrorCode.PAYLOAD_TOO_LARGE,
            ErrorCode.UNKNOWN_COMMAND, ErrorCode.INVALID_FIELD);
    /** What a message for people must never contain: class names, stack-trace fragments, Jackson's wording. */
    private static final List<String> LEAKS = List.of("java.", "Exception", "com.fasterxml", "vn.onedesk", "`",
            "Source:", "line:", "column:", "\n");
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Every message type, with valid messages whose encodings seed the mutations. */
    private static final Map<Class<?>, List<Object>> VALID = new LinkedHashMap<>();

    static {
        TicketView waiting = new TicketView("tk-A005", "A005", "TP", "Tư pháp – Hộ tịch", Priority.ELDERLY,
                Channel.WALK_IN, "WAITING", T, 4, new EstimatedWaitView(900, 600, 1200), ServiceState.OPEN, null, null);
        TicketView called = new TicketView("tk-A003", "A003", "TP", null, Priority.NONE, Channel.REMOTE, "CALLED", T,
                null, null, null, null, null);
        VALID.put(TicketRequest.class, List.of(TicketRequest.of("kiosk-01-0042", "TP"),
                new TicketRequest("k:1", "BHXH", Priority.CHILD_UNDER_6, Channel.APPOINTMENT, Language.EN, T),
                new TicketRequest("k:2", "KQ", null, null, null, null, "000.00.24.H12-241203-0001")));
        VALID.put(CounterCommand.class, List.of(new CounterCommand("Q01-1", CommandName.CALL_NEXT, null),
                new CounterCommand("Q01-2", CommandName.TRANSFER, "BHXH", Language.EN),
                CounterCommand.withDossiers("Q01-3", CommandName.COMPLETE, null, List.of("H12-0001", "H12/0002"),
                        true)));
        VALID.put(DeviceStatus.class, List.of(new DeviceStatus(Presence.ONLINE, T),
                new DeviceStatus(Presence.OFFLINE, null),
                new DeviceStatus(Presence.ONLINE, T, new PrinterStatus(PaperLevel.LOW, true))));
        VALID.put(TicketResponse.class, List.of(TicketResponse.issued("r1", waiting),
                TicketResponse.refused("r2", ProtocolError.of(ErrorCode.SERVICE_CLOSED), Language.VI),
                TicketResponse.refused("r3", ProtocolError.of(ErrorCode.MALFORMED, "'service' is required"), Language.EN)));
        VALID.put(CounterReply.class, List.of(
                CounterReply.done("Q01-1", CommandName.CALL_NEXT, new CounterView("Q01", 1, "POSTAL", true), called,
                        "earliest ticket"),
                CounterReply.refused("Q01-2", null, ProtocolError.of(ErrorCode.UNKNOWN_COMMAND), Language.EN)));
        VALID.put(CallAnnouncement.class, List.of(new CallAnnouncement(41, "A003", "TP", "Q01", 1, false, T)));
        VALID.put(NowServing.class, List.of(new NowServing("Q01", 1, true, "A003", "TP", "SERVING", T),
                new NowServing("Q02", 2, false, null, null, null, null)));
        VALID.put(DeviceError.class, List.of(
                DeviceError.of("onedesk/v1/hcm-q1/counters/Q01/commands", null, ProtocolError.of(ErrorCode.NOT_AUTHORISED),
                        Language.VI),
                DeviceError.of("onedesk/v1/hcm-q1/devices/k1/status", "k1-7", ProtocolError.of(ErrorCode.MALFORMED, "x"),
                        Language.EN)));
        VALID.put(WaitEstimate.class, List.of(
                new WaitEstimate("TP", "Tư pháp", 12, 2, ServiceState.OPEN, null, new EstimatedWaitView(1200, 900, 1500), T)));
        VALID.put(Board.class, List.of(new Board("hcm-q1", "Quận 1", 41,
                List.of(new NowServing("Q01", 1, true, "A003", "TP", "CALLED", T)),
                List.of(new CallAnnouncement(41, "A003", "TP", "Q01", 1, false, T)),
                List.of(new WaitEstimate("TP", "Tư pháp", 12, 2, ServiceState.OPEN, null, new EstimatedWaitView(1200, 900, 1500), T)), T)));
        VALID.put(CounterQueue.class, List.of(new CounterQueue("Q01",
                List.of(new CounterQueue.ServiceLine("TP", "Tư pháp", 1)), List.of(waiting), T)));
    }

    /** Field names of every record on the wire, so that mutations hit fields the codec reads. */
    private static final List<String> FIELD_NAMES = fieldNames();

    private static final List<String> ENUM_NAMES = enumNames();

    // ---------------------------------------------------------------- the properties

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L, 20250303L})
    void randomBytesAreReadOrRefusedWithAMessageAndNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Class<?> type : VALID.keySet()) {
                byte[] payload = random.nextInt(4) == 0 ? jsonSoup(random) : randomBytes(random);
                check(seed, i, payload, type);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {2L, 11L, 20250304L})
    void byteLevelMutationsOfValidJsonAreReadOrRefusedWithAMessageAndNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Map.Entry<Class<?>, List<Object>> entry : VALID.entrySet()) {
                byte[] payload = JsonCodec.encode(pick(random, entry.getValue()));
                int mutations = 1 + random.nextInt(4);
                for (int m = 0; m < mutations; m++) {
                    payload = mutateBytes(random, payload);
                }
                check(seed, i, payload, entry.getKey());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 13L, 20250305L})
    void fieldLevelMutationsOfValidMessagesAreReadOrRefusedWithAMessageAndNeverThrow(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Map.Entry<Class<?>, List<Object>> entry : VALID.entrySet()) {
                ObjectNode tree = (ObjectNode) JsonCodec.tree(JsonCodec.encode(pick(random, entry.getValue())));
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations; m++) {
                    mutateTree(random, tree, 0);
                }
                check(seed, i, bytes(tree), entry.getKey());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5L, 17L})
    void validMessagesWithRandomUnknownFieldsAreStillRead(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Map.Entry<Class<?>, List<Object>> entry : VALID.entrySet()) {
                Object message = pick(random, entry.getValue());
                ObjectNode tree = (ObjectNode) JsonCodec.tree(JsonCodec.encode(message));
                for (int extra = 1 + random.nextInt(3); extra > 0; extra--) {
                    String name = "x" + randomIdentifier(random);
                    if (!tree.has(name)) {
                        tree.set(name, randomValue(random, 0));
                    }
                }
                byte[] payload = bytes(tree);
                if (payload.length > JsonCodec.MAX_PAYLOAD_BYTES) {
                    continue;
                }
                Decoded<?> decoded = check(seed, i, payload, entry.getKey());
                if (!(decoded instanceof Decoded.Ok<?> ok) || !ok.message().equals(message)) {
                    fail(report(seed, i, payload, entry.getKey(), "unknown fields changed the message: " + decoded));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {19L, 23L})
    void validMessagesWithARepeatedKeyAreRefusedNamingThatKey(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Map.Entry<Class<?>, List<Object>> entry : VALID.entrySet()) {
                ObjectNode tree = (ObjectNode) JsonCodec.tree(JsonCodec.encode(pick(random, entry.getValue())));
                List<String> keys = new ArrayList<>();
                tree.fieldNames().forEachRemaining(keys::add);
                if (keys.isEmpty()) {
                    continue;
                }
                String key = pick(random, keys);
                String json = new String(bytes(tree), StandardCharsets.UTF_8);
                String repeated = json.substring(0, json.length() - 1) + ",\"" + key + "\":"
                        + randomValue(random, 0) + "}";
                byte[] payload = repeated.getBytes(StandardCharsets.UTF_8);
                if (payload.length > JsonCodec.MAX_PAYLOAD_BYTES) {
                    continue;
                }
                Decoded<?> decoded = check(seed, i, payload, entry.getKey());
                if (!(decoded instanceof Decoded.Failed<?> f) || f.error().code() != ErrorCode.MALFORMED
                        || !f.error().detail().equals("key '" + key + "' appears more than once in the same object")) {
                    fail(report(seed, i, payload, entry.getKey(), "a repeated key was not refused: " + decoded));
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {29L, 31L})
    void validMessagesCarryingAnOverLongNumberOrOverDeepNestingAreRefusedNamingTheLimitWithTheirRequestId(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < ITERATIONS; i++) {
            for (Map.Entry<Class<?>, List<Object>> entry : VALID.entrySet()) {
                ObjectNode tree = (ObjectNode) JsonCodec.tree(JsonCodec.encode(pick(random, entry.getValue())));
                boolean number = random.nextBoolean();
                int size = number ? JsonCodec.MAX_NUMBER_CHARS + 1 + random.nextInt(3000)
                        : JsonCodec.MAX_NESTING_DEPTH + random.nextInt(2000);
                String hostile = number ? (random.nextBoolean() ? "-" : "") + "7".repeat(size)
                        : "[".repeat(size) + "]".repeat(size);
                String json = new String(bytes(tree), StandardCharsets.UTF_8);
                String withHostile = json.substring(0, json.length() - 1) + (tree.isEmpty() ? "" : ",")
                        + "\"xHostile\":" + hostile + "}";
                byte[] payload = withHostile.getBytes(StandardCharsets.UTF_8);
                if (payload.length > JsonCodec.MAX_PAYLOAD_BYTES) {
                    continue;
                }
                String expected = number
                        ? "payload has a number longer than " + JsonCodec.MAX_NUMBER_CHARS + " digits"
                        : "payload has nesting deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels";
                JsonNode requestId = tree.get("requestId");
                java.util.Optional<String> echo = requestId != null && requestId.isTextual()
                        && IDENTIFIER.matcher(requestId.asText()).matches()
                        ? java.util.Optional.of(requestId.asText()) : java.util.Optional.empty();
                Decoded<?> decoded = check(seed, i, payload, entry.getKey());
                if (!(decoded instanceof Decoded.Failed<?> f) || f.error().code() != ErrorCode.MALFORMED
                        || !f.error().detail().equals(expected) || !f.requestId().equals(echo)) {
                    fail(report(seed, i, payload, entry.getKey(), "expected MALFORMED '" + expected + "' echoing "
                            + echo + ", got " + decoded));
                }
            }
        }
    }

    /**
     * Decodes and checks the contract of decode; when the payload was read, the message must write
     * back to something that reads into the same message.
     */
    private static Decoded<?> check(long seed, int iteration, byte[] payload, Class<?> type) {
        Decoded<?> decoded;
        try {
            decoded = JsonCodec.decode(payload, type);
        } catch (Throwable t) {
            throw new AssertionError(report(seed, iteration, payload, type, "decode threw " + t), t);
        }
        boolean oversized = payload.length > JsonCodec.MAX_PAYLOAD_BYTES;
        if (oversized && !(decoded instanceof Decoded.Failed<?> f && f.error().code() == ErrorCode.PAYLOAD_TOO_LARGE)) {
            fail(report(seed, iteration, payload, type, "oversized payload not refused as PAYLOAD_TOO_LARGE: " + decoded));
        }
        if (decoded instanceof Decoded.Ok<?> ok) {
            if (!type.isInstance(ok.message())) {
                fail(report(seed, iteration, payload, type, "Ok without a " + type.getSimpleName() + ": " + ok));
            }
            byte[] again;
            try {
                again = JsonCodec.encode(ok.message());
            } catch (RuntimeException e) {
                throw new AssertionError(report(seed, iteration, payload, type, "cannot re-encode " + ok), e);
            }
            if (again.length <= JsonCodec.MAX_PAYLOAD_BYTES) {
                Decoded<?> reread = JsonCodec.decode(again, type);
                if (!(reread instanceof Decoded.Ok<?> ok2) || !ok2.message().equals(ok.message())) {
                    fail(report(seed, iteration, payload, type, "read " + ok + " but its encoding reads as " + reread));
                }
            }
        } else if (decoded instanceof Decoded.Failed<?> failed) {
            String problem = null;
            if (failed.error() == null || failed.error().code() == null) {
                problem = "no error";
            } else if (!DECODE_ERRORS.contains(failed.error().code())) {
                problem = "unexpected code " + failed.error().code();
            } else if (failed.error().detail() == null || failed.error().detail().isBlank()) {
                problem = "blank message";
            } else if (LEAKS.stream().anyMatch(failed.error().detail()::contains)) {
                problem = "message leaks internals: " + failed.error().detail();
            } else if (!oversized && failed.error().code() == ErrorCode.PAYLOAD_TOO_LARGE) {
                problem = "PAYLOAD_TOO_LARGE for a payload within the limit";
            } else if (failed.requestId() == null) {
                problem = "null requestId optional";
            } else if (failed.requestId().isPresent() && !IDENTIFIER.matcher(failed.requestId().get()).matches()) {
                problem = "echoes an unreadable requestId " + failed.requestId();
            }
            if (problem != null) {
                fail(report(seed, iteration, payload, type, problem + " in " + failed));
            }
        } else {
            fail(report(seed, iteration, payload, type, "decode returned " + decoded));
        }
        return decoded;
    }

    private static String report(long seed, int iteration, byte[] payload, Class<?> type, String problem) {
        return "seed " + seed + ", iteration " + iteration + ", decoding as " + type.getSimpleName() + ": " + problem
                + "\npayload (utf-8, lossy): " + new String(payload, StandardCharsets.UTF_8)
                + "\npayload (hex): " + HexFormat.of().formatHex(payload);
    }

    // ---------------------------------------------------------------- generators

    private static byte[] randomBytes(Random random) {
        int length = random.nextInt(20) == 0 ? JsonCodec.MAX_PAYLOAD_BYTES - 8 + random.nextInt(16) : random.nextInt(300);
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        if (length > 0 && random.nextBoolean()) {
            bytes[0] = '{';
        }
        return bytes;
    }

    private static final String[] SOUP = {"{", "}", "[", "]", "\"", ":", ",", " ", "\\", "\\u", "\\ud800", "0", "-",
            "1e999", ".", "e", "true", "false", "null", "\"requestId\"", "\"service\"", "\"command\"", "\"status\"",
            "\"priority\"", "\"TRANSFER\"", "\"ONLINE\"", "\"r1\"", "\u00e1", "\u1ebf", "\u0000", "\n", "/*", "//", "'"};

    /** Random sequences of JSON tokens and near-tokens, which get much further into the parser than noise. */
    private static byte[] jsonSoup(Random random) {
        StringBuilder out = new StringBuilder("{");
        int tokens = random.nextInt(60);
        for (int t = 0; t < tokens; t++) {
            out.append(SOUP[random.nextInt(SOUP.length)]);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[] INTERESTING_BYTES = {'{', '}', '[', ']', '"', ':', ',', '\\', '0', '9', '-', 'e', 'n',
            0, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc3, (byte) 0xe1, (byte) 0xed, (byte) 0xf4,
            (byte) 0xf8, (byte) 0xff};

    private static byte[] mutateBytes(Random random, byte[] in) {
        if (in.length == 0) {
            return new byte[] {INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)]};
        }
        int at = random.nextInt(in.length);
        switch (random.nextInt(9)) {
            case 0: { // flip one bit
                byte[] out = in.clone();
                out[at] ^= (byte) (1 << random.nextInt(8));
                return out;
            }
            case 1: { // overwrite with an interesting byte
                byte[] out = in.clone();
                out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                return out;
            }
            case 2: { // insert an interesting byte
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, at);
                out[at] = INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
                System.arraycopy(in, at, out, at + 1, in.length - at);
                return out;
            }
            case 3: { // delete a range
                int length = 1 + random.nextInt(Math.min(8, in.length - at));
                byte[] out = new byte[in.length - length];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(in, at + length, out, at, in.length - at - length);
                return out;
            }
            case 4: // truncate
                return Arrays.copyOf(in, at);
            case 5: { // duplicate a range in place
                int length = 1 + random.nextInt(Math.min(32, in.length - at));
                byte[] out = new byte[in.length + length];
                System.arraycopy(in, 0, out, 0, at + length);
                System.arraycopy(in, at, out, at + length, in.length - at);
                return out;
            }
            case 6: { // blow a range up, sometimes past the size limit
                int length = 1 + random.nextInt(Math.min(16, in.length - at));
                int times = 1 + random.nextInt(random.nextBoolean() ? 8 : 400);
                byte[] chunk = Arrays.copyOfRange(in, at, at + length);
                byte[] out = new byte[in.length + length * times];
                System.arraycopy(in, 0, out, 0, at);
                for (int k = 0; k < times; k++) {
                    System.arraycopy(chunk, 0, out, at + k * length, length);
                }
                System.arraycopy(in, at, out, at + length * times, in.length - at);
                return out;
            }
            case 7: { // swap two bytes
                byte[] out = in.clone();
                int other = random.nextInt(in.length);
                byte b = out[at];
                out[at] = out[other];
                out[other] = b;
                return out;
            }
            default: { // splice the tail of a valid message of another type
                List<Object> others = pick(random, new ArrayList<>(VALID.values()));
                byte[] tail = JsonCodec.encode(pick(random, others));
                int from = random.nextInt(tail.length);
                byte[] out = new byte[at + tail.length - from];
                System.arraycopy(in, 0, out, 0, at);
                System.arraycopy(tail, from, out, at, tail.length - from);
                return out;
            }
        }
    }

    /** Changes one field of the object, or of an object nested in it. */
    private static void mutateTree(Random random, ObjectNode node, int depth) {
        List<String> fields = new ArrayList<>();
        node.fieldNames().forEachRemaining(fields::add);
        int op = random.nextInt(fields.isEmpty() ? 2 : 6);
        switch (op) {
            case 0 -> node.set(pick(random, FIELD_NAMES), randomValue(random, depth)); // add or replace a known field
            case 1 -> node.set(randomIdentifier(random), randomValue(random, depth)); // add an unknown field
            case 2 -> node.remove(pick(random, fields));
            case 3 -> node.putNull(pick(random, fields));
            case 4 -> {
                String field = pick(random, fields);
                if (node.get(field) instanceof ObjectNode nested && depth < 3) {
                    mutateTree(random, nested, depth + 1);
                } else {
                    node.set(field, randomValue(random, depth));
                }
            }
            default -> node.set(pick(random, fields), randomValue(random, depth));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        switch (random.nextInt(depth < 3 ? 16 : 13)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt(2001) - 1000);
            case 3: return NODES.numberNode(pick(random, List.of(Long.MAX_VALUE, Long.MIN_VALUE, (long) Integer.MAX_VALUE + 1,
                    (long) Integer.MIN_VALUE - 1, 0L, -1L)));
            case 4: return NODES.numberNode(new BigInteger(200, random));
            case 5: return NODES.numberNode(pick(random, List.of(0.5, -0.0, 1e300, 4.9e-324, 41.0, Double.MAX_VALUE)));
            case 6: return NODES.textNode(pick(random, ENUM_NAMES));
            case 7: return NODES.textNode(randomIdentifier(random));
            case 8: return NODES.textNode(pick(random, List.of("", " ", "vi", "en", "VI", "2025-03-03T01:15:00Z",
                    "2025-03-03T08:15:00+07:00", "2025-02-30T00:00:00Z", "1741000000", "-1", "NaN", "null", "true",
                    "+1", "A001", "Tư pháp – Hộ tịch", "\u0000", "\ud83c\udfab")));
            case 9: return NODES.textNode(randomText(random));
            case 10: return NODES.textNode(randomIdentifier(random).repeat(1 + random.nextInt(40)));
            case 11: return NODES.textNode(String.valueOf(random.nextLong()));
            case 12: return NODES.textNode(pick(random, ENUM_NAMES).toLowerCase());
            case 13: {
                ArrayNode array = NODES.arrayNode();
                for (int k = random.nextInt(4); k > 0; k--) {
                    array.add(randomValue(random, depth + 1));
                }
                return array;
            }
            default: {
                ObjectNode object = NODES.objectNode();
                for (int k = random.nextInt(4); k > 0; k--) {
                    object.set(random.nextBoolean() ? pick(random, FIELD_NAMES) : randomIdentifier(random),
                            randomValue(random, depth + 1));
                }
                return object;
            }
        }
    }

    private static String randomIdentifier(Random random) {
        String first = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        String rest = first + "._:-";
        StringBuilder out = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
        for (int k = random.nextInt(random.nextInt(10) == 0 ? 80 : 12); k > 0; k--) {
            out.append(rest.charAt(random.nextInt(rest.length())));
        }
        return out.toString();
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        for (int k = random.nextInt(30); k > 0; k--) {
            out.append((char) switch (random.nextInt(4)) {
                case 0 -> random.nextInt(0x80);
                case 1 -> 0x00C0 + random.nextInt(0x0200);
                case 2 -> 0x1EA0 + random.nextInt(0x5A); // Vietnamese letters with two diacritics
                default -> random.nextInt(0x10000); // anything in the BMP, lone surrogates included
            });
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- helpers

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return PLAIN.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            // Lone surrogates cannot be written as UTF-8 by Jackson: send what such a device would, Java's lossy bytes.
            return tree.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    private static List<String> fieldNames() {
        Set<String> names = new TreeSet<>();
        for (Class<?> type : List.of(TicketRequest.class, TicketResponse.class, TicketView.class,
                EstimatedWaitView.class, ErrorView.class, CounterCommand.class, CounterReply.class,
                CounterView.class, NowServing.class, CallAnnouncement.class, WaitEstimate.class, DeviceStatus.class,
                PrinterStatus.class, DeviceError.class)) {
            for (RecordComponent component : type.getRecordComponents()) {
                names.add(component.getName());
            }
        }
        assertTrue(names.contains("requestId"));
        return List.copyOf(names);
    }

    private static List<String> enumNames() {
        List<String> names = new ArrayList<>();
        for (Class<? extends Enum<?>> type : List.of(Priority.class, Channel.class, CommandName.class, Presence.class,
                PaperLevel.class, ErrorCode.class)) {
            for (Enum<?> constant : type.getEnumConstants()) {
                names.add(constant.name());
            }
        }
        return List.copyOf(names);
    }
}
