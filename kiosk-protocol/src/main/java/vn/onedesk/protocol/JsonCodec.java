package vn.onedesk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * JSON (UTF-8) encoding and decoding of every protocol v1 message.
 *
 * <p>Decoding never throws: whatever a device sends, the result is the message or a
 * {@link ProtocolError} whose English detail names the offending field and never leaks a class name or
 * stack trace, with the request id and language when they could be read. Unknown fields are ignored so
 * that newer devices can talk to older gateways; a key repeated in an object is not (MALFORMED, naming it), and
 * a payload beyond the parser's limits ({@link #MAX_NUMBER_CHARS}, {@link #MAX_NESTING_DEPTH}) is MALFORMED naming
 * the limit, still with the request id and language read before it.
 */
public final class JsonCodec {
    /** Largest payload the gateway reads; larger ones get PAYLOAD_TOO_LARGE. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    /** Longest number a device may send, in digits: no field needs more than 20. */
    public static final int MAX_NUMBER_CHARS = 100;
    /** Deepest nesting of objects and arrays a device may send: no message is deeper than 3. */
    public static final int MAX_NESTING_DEPTH = 32;
    /**
     * Longest string or key the parser reads, in characters: the payload limit itself, so a string is never cut
     * short of it (the fields bound their own values: identifiers are at most 64). Jackson counts a number's
     * characters against this limit as well as {@link #MAX_NUMBER_CHARS}, so it must stay well above that one.
     */
    public static final int MAX_STRING_CHARS = MAX_PAYLOAD_BYTES;

    /** What devices send: bounded by the limits above, and a key may appear only once in an object. */
    private static final ObjectMapper DEVICE_MAPPER = configured(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(MAX_NUMBER_CHARS)
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_CHARS)
                    .maxNameLength(MAX_STRING_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build());

    /** Everything else: what the gateway writes, and trusted documents read by tests and tools. */
    private static final ObjectMapper MAPPER = configured(new JsonFactory());

    private static ObjectMapper configured(JsonFactory factory) {
        return JsonMapper.builder(factory)
                .addModule(new JavaTimeModule())
                .addModule(new SimpleModule("iso-instants").addDeserializer(Instant.class, new IsoInstantDeserializer()))
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                // "{...} trailing garbage" is not valid JSON: reject it instead of reading the first value.
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // The schema's types are exact: no "12" for a number, no 1.5 for an integer ...
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                // ... and no 42 or true for a string ("requestId": 42 is not the request id "42").
                .withCoercionConfig(LogicalType.Textual, cfg -> cfg
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private JsonCodec() {
    }

    public static byte[] encode(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    public static String encodeToString(Object message) {
        return new String(encode(message), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> Decoded<T> decode(byte[] payload, Class<T> type) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return Decoded.failed(ProtocolError.of(ErrorCode.PAYLOAD_TOO_LARGE,
                    "payload has " + payload.length + " bytes; the limit is " + MAX_PAYLOAD_BYTES), Optional.empty());
        }
        JsonNode tree;
        try {
            // the device parser refuses duplicate keys and values beyond the limits itself
            tree = DEVICE_MAPPER.readTree(payload);
        } catch (IOException e) {
            // Scanned only once reading failed (every request used to be read twice): a limit or a duplicate key
            // means the payload was valid JSON up to there, so the requestId and language read so far are kept.
            Scan scan = Scan.of(payload);
            if (scan.problem != null) {
                return malformed(scan.problem, Optional.ofNullable(scan.requestId),
                        Optional.ofNullable(scan.language));
            }
            return malformed("payload is not valid JSON in UTF-8", Optional.empty(), Optional.empty());
        }
        if (tree == null || !tree.isObject()) {
            return malformed("payload must be a JSON object", Optional.empty(), Optional.empty());
        }
        Optional<String> requestId = Optional.ofNullable(tree.get("requestId"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .filter(JsonCodec::isIdentifier);
        Optional<Language> language = languageIn(tree);
        try {
            return Decoded.ok(MAPPER.treeToValue(tree, type));
        } catch (ValueInstantiationException e) {
            return fromInstantiation(e, requestId, language);
        } catch (InvalidFormatException e) {
            return malformed(describeInvalidValue(e), requestId, language);
        } catch (JsonMappingException e) {
            return malformed(fieldOf(e).map(f -> "'" + f + "' has the wrong type").orElse("payload does not match the schema"),
                    requestId, language);
        } catch (JsonProcessingException e) {
            return malformed("payload does not match the schema", requestId, language);
        } catch (IllegalArgumentException e) {
            return malformed("payload does not match the schema", requestId, language);
        }
    }

    /**
     * The language a payload asks its replies in: its {@code language} when that is {@code "vi"} or {@code "en"},
     * whatever else the payload holds or lacks. Empty when the payload is not a JSON object within the size limit,
     * or has no such language; replies are then in {@link Language#DEFAULT}.
     */
    public static Optional<Language> requestedLanguage(byte[] payload) {
        if (payload.length > MAX_PAYLOAD_BYTES) {
            return Optional.empty();
        }
        Optional<JsonNode> object = object(payload);
        if (object.isPresent()) {
            return languageIn(object.get());
        }
        Scan scan = Scan.of(payload); // a limit or a duplicate key: the language read before it counts
        return scan.problem != null ? Optional.ofNullable(scan.language) : Optional.empty();
    }

    private static Optional<Language> languageIn(JsonNode tree) {
        return Optional.ofNullable(tree.get("language"))
                .filter(JsonNode::isTextual)
                .flatMap(node -> Language.of(node.asText()));
    }

    /** The payload as a JSON object, if it is one. */
    private static Optional<JsonNode> object(byte[] payload) {
        try {
            JsonNode tree = DEVICE_MAPPER.readTree(payload);
            return tree != null && tree.isObject() ? Optional.of(tree) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Reads any JSON document into a tree: for tests, tools and the AsyncAPI examples. */
    public static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode toTree(Object message) {
        return MAPPER.valueToTree(message);
    }

    private static <T> Decoded<T> fromInstantiation(ValueInstantiationException e, Optional<String> requestId,
                                                    Optional<Language> language) {
        Throwable cause = e.getCause();
        if (cause instanceof Fields.InvalidFieldException invalid) {
            return Decoded.failed(ProtocolError.of(invalid.code(), invalid.getMessage()), requestId, language);
        }
        return malformed(fieldOf(e).map(f -> "'" + f + "' is invalid").orElse("payload does not match the schema"),
                requestId, language);
    }

    private static String describeInvalidValue(InvalidFormatException e) {
        String field = fieldOf(e).orElse("value");
        Class<?> target = e.getTargetType();
        if (target != null && target.isEnum()) {
            String allowed = Arrays.stream(target.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ", "[", "]"));
            return "'" + field + "' must be one of " + allowed;
        }
        return "'" + field + "' has the wrong type or format";
    }

    private static Optional<String> fieldOf(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? Optional.empty() : Optional.of(path);
    }

    /**
     * Timestamps are ISO-8601 strings on the wire. Jackson would also read a number as epoch seconds,
     * which silently misreads the epoch milliseconds many devices send (year 56970): refuse numbers.
     */
    private static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {
        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            return InstantDeserializer.INSTANT.deserialize(p, ctxt);
        }
    }

    /**
     * One streaming pass over a device's payload, before it is read into a tree: it finds what the tree cannot
     * say precisely (a duplicate key, which parser limit was exceeded) and remembers the top-level
     * {@code requestId} and {@code language} seen before the failure, so the error still carries them.
     * {@code problem} is null when nothing of that kind was found (the payload may still be invalid JSON).
     */
    private record Scan(String requestId, Language language, String problem) {

        static Scan of(byte[] payload) {
            String requestId = null;
            Language language = null;
            // The keys seen in each open object (an array's entry stays empty).
            Deque<Set<String>> open = new ArrayDeque<>();
            try (JsonParser p = DEVICE_MAPPER.getFactory().createParser(payload)) {
                // Duplicates are found here, with the key's name; the parser's own check stays for readTree.
                p.disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
                JsonToken token;
                while ((token = p.nextToken()) != null) {
                    switch (token) {
                        case START_OBJECT, START_ARRAY -> open.push(new HashSet<>());
                        case END_OBJECT, END_ARRAY -> open.pop();
                        case FIELD_NAME -> {
                            String key = p.currentName();
                            if (!open.peek().add(key)) {
                                boolean topLevel = open.size() == 1;
                                return new Scan(topLevel && key.equals("requestId") ? null : requestId,
                                        topLevel && key.equals("language") ? null : language,
                                        "key '" + key + "' appears more than once in the same object");
                            }
                        }
                        case VALUE_STRING -> {
                            // Reading the text is what checks its length.
                            String text = p.getText();
                            if (open.size() == 1 && p.getParsingContext().inObject()) {
                                String key = p.currentName();
                                if ("requestId".equals(key) && isIdentifier(text)) {
                                    requestId = text;
                                } else if ("language".equals(key)) {
                                    language = Language.of(text).orElse(null);
                                }
                            }
                        }
                        default -> {
                        }
                    }
                }
                return new Scan(requestId, language, null);
            } catch (StreamConstraintsException e) {
                return new Scan(requestId, language, "payload has " + exceeded(e));
            } catch (IOException | RuntimeException e) {
                return new Scan(null, null, null);
            }
        }

        /** Which limit a payload broke, in words a device's developer understands. */
        private static String exceeded(StreamConstraintsException e) {
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Number value length")) {
                return "a number longer than " + MAX_NUMBER_CHARS + " digits";
            }
            if (message.startsWith("Document nesting depth")) {
                return "nesting deeper than " + MAX_NESTING_DEPTH + " levels";
            }
            if (message.startsWith("String value length")) {
                return "a string longer than " + MAX_STRING_CHARS + " characters";
            }
            if (message.startsWith("Name length")) {
                return "a key longer than " + MAX_STRING_CHARS + " characters";
            }
            return "a value beyond the parser's limits (numbers of " + MAX_NUMBER_CHARS + " digits, strings of "
                    + MAX_STRING_CHARS + ", nesting of " + MAX_NESTING_DEPTH + " levels)";
        }
    }

    /** Whether a request id read from a failed message is well-formed enough to echo back. */
    private static boolean isIdentifier(String value) {
        try {
            Fields.identifier("requestId", value);
            return true;
        } catch (Fields.InvalidFieldException e) {
            return false;
        }
    }

    private static <T> Decoded<T> malformed(String detail, Optional<String> requestId, Optional<Language> language) {
        return Decoded.failed(ProtocolError.of(ErrorCode.MALFORMED, detail), requestId, language);
    }
}
