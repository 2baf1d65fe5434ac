package vn.onedesk.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JSON (UTF-8) encoding and decoding of every protocol v1 message.
 *
 * <p>Decoding never throws: whatever a device sends, the result is the message or a
 * {@link ProtocolError} whose English detail names the offending field and never leaks a class name or
 * stack trace, with the request id and language when they could be read. Unknown fields are ignored so
 * that newer devices can talk to older gateways.
 */
public final class JsonCodec {
    /** Largest payload the gateway reads; larger ones get PAYLOAD_TOO_LARGE. */
    public static final int MAX_PAYLOAD_BYTES = 4096;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
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
            tree = MAPPER.readTree(payload);
        } catch (IOException e) {
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
        return object(payload).flatMap(JsonCodec::languageIn);
    }

    private static Optional<Language> languageIn(JsonNode tree) {
        return Optional.ofNullable(tree.get("language"))
                .filter(JsonNode::isTextual)
                .flatMap(node -> Language.of(node.asText()));
    }

    /** The payload as a JSON object, if it is one. */
    private static Optional<JsonNode> object(byte[] payload) {
        try {
            JsonNode tree = MAPPER.readTree(payload);
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
