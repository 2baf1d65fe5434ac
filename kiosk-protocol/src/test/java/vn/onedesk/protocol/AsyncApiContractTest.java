package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.counters.NowServing;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;
import vn.onedesk.protocol.rating.RatingPrompt;
import vn.onedesk.protocol.rating.RatingReply;
import vn.onedesk.protocol.rating.RatingSubmit;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;

/**
 * Keeps the AsyncAPI document and the code from drifting apart: every example is read by the real
 * codec and written back unchanged, every schema lists exactly the record's fields, every error code
 * and every topic kind is documented.
 */
class AsyncApiContractTest {

    private static final JsonNode DOC = load();

    /** Message name in the document → the record the codec reads it into. */
    private static final Map<String, Class<?>> MESSAGE_TYPES = Map.ofEntries(
            Map.entry("TicketRequest", TicketRequest.class),
            Map.entry("TicketResponse", TicketResponse.class),
            Map.entry("CounterCommand", CounterCommand.class),
            Map.entry("CounterReply", CounterReply.class),
            Map.entry("CallAnnouncement", CallAnnouncement.class),
            Map.entry("NowServing", NowServing.class),
            Map.entry("WaitEstimate", WaitEstimate.class),
            Map.entry("Board", Board.class),
            Map.entry("CounterQueue", CounterQueue.class),
            Map.entry("DeviceStatus", DeviceStatus.class),
            Map.entry("DeviceError", DeviceError.class),
            Map.entry("RatingPrompt", RatingPrompt.class),
            Map.entry("RatingSubmit", RatingSubmit.class),
            Map.entry("RatingReply", RatingReply.class));

    /** Messages devices send to the gateway: the gateway relies on the codec to enforce their schema. */
    private static final Set<String> DEVICE_TO_GATEWAY = Set.of("TicketRequest", "CounterCommand", "DeviceStatus",
            "RatingSubmit");

    /** Channel id in the document → the topic kind its address must parse into. */
    private static final Map<String, Class<? extends Topic>> CHANNEL_TOPICS = Map.ofEntries(
            Map.entry("ticketRequest", Topic.TicketRequest.class),
            Map.entry("ticketResponse", Topic.TicketResponse.class),
            Map.entry("counterCommands", Topic.CounterCommands.class),
            Map.entry("counterReplies", Topic.CounterReplies.class),
            Map.entry("calls", Topic.Calls.class),
            Map.entry("counterNow", Topic.CounterNow.class),
            Map.entry("counterQueue", Topic.CounterQueue.class),
            Map.entry("serviceWait", Topic.ServiceWait.class),
            Map.entry("board", Topic.Board.class),
            Map.entry("deviceStatus", Topic.DeviceStatus.class),
            Map.entry("deviceErrors", Topic.DeviceErrors.class),
            Map.entry("ratingPrompt", Topic.RatingPrompt.class),
            Map.entry("ratingSubmit", Topic.RatingSubmit.class),
            Map.entry("ratingReplies", Topic.RatingReplies.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode load() {
        try (InputStream in = AsyncApiContractTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml is on the classpath");
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- document shape

    @Test
    void theDocumentIsAsyncApi300WithTcpAndWebSocketServersSecuredByUserPassword() {
        assertEquals("3.0.0", DOC.path("asyncapi").asText());
        assertFalse(DOC.path("info").path("title").asText().isBlank());
        assertFalse(DOC.path("info").path("version").asText().isBlank());

        JsonNode tcp = DOC.path("servers").path("mqtt");
        assertEquals("mqtt", tcp.path("protocol").asText());
        assertTrue(tcp.path("host").asText().endsWith(":1883"), "MQTT over TCP listens on 1883");

        JsonNode ws = DOC.path("servers").path("mqttWebSocket");
        assertEquals("ws", ws.path("protocol").asText());
        assertTrue(ws.path("host").asText().endsWith(":8080"), "MQTT over WebSocket listens on 8080");
        assertEquals("/mqtt", ws.path("pathname").asText());

        for (JsonNode server : List.of(tcp, ws)) {
            assertTrue(server.path("security").size() > 0, "every server is secured");
            for (JsonNode scheme : server.path("security")) {
                assertEquals("userPassword", resolve(scheme).path("type").asText());
            }
        }
    }

    @Test
    void theLastWillOfADeviceIsOfflineOnItsOwnStatusTopic() {
        JsonNode will = DOC.path("servers").path("mqtt").path("bindings").path("mqtt").path("lastWill");
        assertEquals("onedesk/v1/{centreId}/devices/{deviceId}/status", will.path("topic").asText());
        DeviceStatus status = JsonCodec.decode(bytes(will.path("message").asText()), DeviceStatus.class).orThrow();
        assertEquals(vn.onedesk.protocol.devices.Presence.OFFLINE, status.status());
    }

    @Test
    void theInfoDescriptionStatesTheRolesAccessRulesAndTheMqtt5ReplyBehaviour() {
        String description = DOC.path("info").path("description").asText();
        for (String expected : List.of("KIOSK", "COUNTER", "DISPLAY", "counter-Q01", "NOT_AUTHORISED",
                "Response Topic", "Correlation Data", "tickets/response", "4096", "PAYLOAD_TOO_LARGE", "retain")) {
            assertTrue(description.contains(expected) || description.toLowerCase().contains(expected.toLowerCase()),
                    "info.description mentions " + expected);
        }
    }

    @Test
    void theDocumentStatesTheParserLimitsAndTheEchoBoundsTheCodecApplies() {
        String description = DOC.path("info").path("description").asText();
        for (String expected : List.of("appears more than once in the same object",
                "payload has a number longer than " + JsonCodec.MAX_NUMBER_CHARS + " digits",
                "payload has nesting deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels",
                "at most " + DeviceError.MAX_TOPIC_ECHO + " characters",
                "at most " + ErrorView.MAX_DETAIL_CHARS)) {
            assertTrue(description.contains(expected), "info.description mentions " + expected);
        }
        JsonNode schemas = DOC.path("components").path("schemas");
        assertEquals(DeviceError.MAX_TOPIC_ECHO + 1,
                schemas.path("DeviceError").path("properties").path("topic").path("maxLength").asInt());
        assertEquals(ErrorView.MAX_DETAIL_CHARS + 1,
                schemas.path("ErrorView").path("properties").path("detail").path("maxLength").asInt());
    }

    @Test
    void theDocumentStatesTheAppointmentWindowTheCodecApplies() {
        JsonNode at = DOC.path("components").path("schemas").path("TicketRequest").path("properties")
                .path("appointmentAt");
        assertEquals(vn.onedesk.protocol.ticketing.TicketRequest.EARLIEST_APPOINTMENT.toString(),
                at.path("x-minimum").asText());
        assertEquals(vn.onedesk.protocol.ticketing.TicketRequest.LATEST_APPOINTMENT.toString(),
                at.path("x-exclusive-maximum").asText());
        assertTrue(at.path("description").asText().contains("MALFORMED"));
    }

    // ---------------------------------------------------------------- messages and examples

    @Test
    void everyDocumentedMessageMapsToARecordAndHasAtLeastOneExample() {
        JsonNode messages = DOC.path("components").path("messages");
        assertEquals(MESSAGE_TYPES.keySet(), names(messages));
        messages.fields().forEachRemaining(e -> {
            assertEquals(e.getKey(), e.getValue().path("name").asText(), "message name matches its key");
            assertTrue(e.getValue().path("examples").size() >= 1, e.getKey() + " has an example");
        });
    }

    @Test
    void everyMessageOfEveryChannelIsOneOfTheDocumentedMessages() {
        DOC.path("channels").fields().forEachRemaining(channel -> {
            JsonNode messages = channel.getValue().path("messages");
            assertTrue(messages.size() >= 1, channel.getKey() + " carries a message");
            messages.fields().forEachRemaining(m -> {
                String name = resolve(m.getValue()).path("name").asText();
                assertTrue(MESSAGE_TYPES.containsKey(name), channel.getKey() + " carries known message " + name);
            });
        });
    }

    @TestFactory
    Stream<DynamicTest> everyMessageExampleDecodesWithTheRealCodecAndReencodesToTheSameJson() {
        return examples().map(ex -> DynamicTest.dynamicTest(
                ex.message + " example '" + ex.name + "' decodes and re-encodes unchanged", () -> {
                    byte[] payload = JSON.writeValueAsBytes(ex.payload);
                    Decoded<?> decoded = JsonCodec.decode(payload, MESSAGE_TYPES.get(ex.message));
                    Decoded.Ok<?> ok = assertInstanceOf(Decoded.Ok.class, decoded,
                            () -> ex.message + "/" + ex.name + " decodes: " + decoded);
                    assertEquals(JsonCodec.tree(payload), JsonCodec.tree(JsonCodec.encode(ok.message())),
                            "re-encoding " + ex.message + "/" + ex.name + " gives back the example");
                }));
    }

    @Test
    void everyResponseMessageHasASuccessExampleAndAnErrorExample() {
        for (String message : List.of("TicketResponse", "CounterReply", "RatingReply")) {
            List<Example> examples = examples().filter(e -> e.message.equals(message)).toList();
            assertTrue(examples.stream().anyMatch(e -> !e.payload.has("error")), message + " has a success example");
            assertTrue(examples.stream().anyMatch(e -> e.payload.has("error")), message + " has an error example");
        }
        assertTrue(examples().anyMatch(e -> e.payload.path("error").path("code").asText().equals("NOT_AUTHORISED")),
                "a NOT_AUTHORISED reply is shown");
    }

    @Test
    void theCounterCommandExamplesCoverEveryCommandAndTheTransferNamesItsService() {
        List<JsonNode> commands = examples().filter(e -> e.message.equals("CounterCommand")).map(e -> e.payload).toList();
        Set<String> shown = commands.stream().map(c -> c.path("command").asText()).collect(Collectors.toSet());
        assertEquals(Arrays.stream(CommandName.values()).map(Enum::name).collect(Collectors.toSet()), shown);
        for (JsonNode command : commands) {
            boolean transfer = command.path("command").asText().equals("TRANSFER");
            assertTrue(transfer || !command.hasNonNull("service"), "only TRANSFER carries a service: " + command);
            assertEquals(transfer, command.hasNonNull("service") || command.hasNonNull("toCounter")
                    || command.hasNonNull("toOfficer"), "a TRANSFER names its target: " + command);
            assertEquals(List.of("REQUEUE", "CALL_PARKED", "CALL_NUMBER").contains(command.path("command").asText()),
                    command.hasNonNull("ticket"), "REQUEUE, CALL_PARKED and CALL_NUMBER, and only they, name a ticket: "
                            + command);
        }
        assertTrue(commands.stream().anyMatch(c -> c.hasNonNull("toCounter") && c.hasNonNull("note")),
                "a transfer to a counter with a note is shown");
        assertTrue(commands.stream().anyMatch(c -> c.hasNonNull("toOfficer")), "a transfer to an officer is shown");
    }

    @Test
    void aCounterQueueExampleShowsARemoteTicketNotYetConfirmedAsTheConsoleReceivesIt() throws Exception {
        List<vn.onedesk.protocol.ticketing.TicketView> unconfirmed = new ArrayList<>();
        for (Example example : examples().filter(e -> e.message.equals("CounterQueue")).toList()) {
            CounterQueue queue = assertInstanceOf(Decoded.Ok.class,
                    JsonCodec.decode(JSON.writeValueAsBytes(example.payload), CounterQueue.class)).message() instanceof
                    CounterQueue q ? q : null;
            assertNotNull(queue, example.name);
            queue.next().stream().filter(t -> t.remote() != null && !t.remote().confirmed()).forEach(unconfirmed::add);
        }
        assertFalse(unconfirmed.isEmpty(), "a counter's queue shows a remote ticket whose citizen has not confirmed");
        for (var ticket : unconfirmed) {
            assertEquals(vn.onedesk.protocol.ticketing.Channel.REMOTE, ticket.channel(), ticket.toString());
            assertNotNull(ticket.remote().code(), ticket.toString());
        }
    }

    @Test
    void everyFieldTheCodecInsistsOnIsMarkedRequiredInTheSchema() {
        examples().forEach(ex -> {
            JsonNode schema = schemaOf(DOC.path("components").path("messages").path(ex.message).path("payload"));
            Set<String> required = requiredAnywhere(schema);
            ex.payload.fieldNames().forEachRemaining(field -> {
                ObjectNode without = ((ObjectNode) ex.payload).deepCopy();
                without.remove(field);
                Decoded<?> decoded = JsonCodec.decode(jsonBytes(without), MESSAGE_TYPES.get(ex.message));
                if (decoded instanceof Decoded.Failed<?>) {
                    assertTrue(required.contains(field), ex.message + "." + field
                            + " cannot be left out (" + decoded + ") so the schema must require it");
                }
            });
        });
    }

    @Test
    void everyFieldTheSchemaRequiresOfDevicesIsEnforcedByTheCodec() {
        examples().filter(ex -> DEVICE_TO_GATEWAY.contains(ex.message)).forEach(ex -> {
            JsonNode schema = schemaOf(DOC.path("components").path("messages").path(ex.message).path("payload"));
            for (JsonNode field : schema.path("required")) {
                ObjectNode without = ((ObjectNode) ex.payload).deepCopy();
                without.remove(field.asText());
                Decoded<?> decoded = JsonCodec.decode(jsonBytes(without), MESSAGE_TYPES.get(ex.message));
                Decoded.Failed<?> failed = assertInstanceOf(Decoded.Failed.class, decoded,
                        ex.message + " without " + field.asText() + " is refused");
                assertTrue(failed.error().detail().contains("'" + field.asText() + "'"),
                        "the error names " + field.asText() + ": " + failed.error().detail());
            }
        });
    }

    // ---------------------------------------------------------------- schemas vs records

    @TestFactory
    Stream<DynamicTest> everyPayloadSchemaListsExactlyTheRecordsFieldsWithMatchingTypes() {
        return MESSAGE_TYPES.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                "the " + e.getKey() + " schema matches record " + e.getValue().getSimpleName(), () -> {
                    JsonNode payload = DOC.path("components").path("messages").path(e.getKey()).path("payload");
                    assertSchemaMatches(e.getKey(), payload, e.getValue(), new HashSet<>());
                }));
    }

    private static void assertSchemaMatches(String where, JsonNode schemaRef, Type generic, Set<Class<?>> seen) {
        JsonNode schema = schemaOf(schemaRef);
        if (generic instanceof ParameterizedType list && list.getRawType() == List.class) {
            assertEquals("array", schema.path("type").asText(), where + " is an array");
            Type element = list.getActualTypeArguments()[0];
            if (!(element instanceof Class<?> c && c.isRecord()) || seen.add((Class<?>) element)) {
                assertSchemaMatches(where + "[]", schema.path("items"), element, seen);
            }
            return;
        }
        Class<?> type = (Class<?>) generic;
        if (type.isEnum()) {
            // As the codec writes them: the name, or the wire value an enum declares (Language: vi, en).
            List<String> constants = Arrays.stream(type.getEnumConstants()).map(c -> JsonCodec.toTree(c).asText()).toList();
            assertEquals(constants, texts(schema.path("enum")), where + " lists the values of " + type.getSimpleName());
            assertEquals("string", schema.path("type").asText(), where);
        } else if (type.isRecord()) {
            assertEquals("object", schema.path("type").asText(), where + " is an object");
            Set<String> components = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(components, new TreeSet<>(names(schema.path("properties"))),
                    where + " documents exactly the fields of " + type.getSimpleName());
            Set<String> required = new HashSet<>(texts(schema.path("required")));
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getType().isPrimitive()) {
                    assertTrue(required.contains(component.getName()),
                            where + "." + component.getName() + " is primitive, so the codec needs it: required");
                }
                if (seen.add(component.getType()) || !component.getType().isRecord()) {
                    assertSchemaMatches(where + "." + component.getName(),
                            schema.path("properties").path(component.getName()), component.getGenericType(), seen);
                }
            }
        } else if (type == String.class) {
            assertEquals("string", schema.path("type").asText(), where);
        } else if (type == int.class || type == Integer.class) {
            assertEquals("integer", schema.path("type").asText(), where);
            assertEquals("int32", schema.path("format").asText(), where);
        } else if (type == long.class || type == Long.class) {
            assertEquals("integer", schema.path("type").asText(), where);
            assertEquals("int64", schema.path("format").asText(), where);
        } else if (type == boolean.class || type == Boolean.class) {
            assertEquals("boolean", schema.path("type").asText(), where);
        } else if (type == Instant.class) {
            assertEquals("string", schema.path("type").asText(), where);
            assertEquals("date-time", schema.path("format").asText(), where + " is an ISO-8601 timestamp");
        } else {
            fail("no rule for documenting " + type + " at " + where);
        }
    }

    @Test
    void theListLimitsOfTheBoardAndTheCounterQueueAreTheRecordsConstants() {
        JsonNode board = DOC.path("components").path("schemas").path("Board").path("properties");
        assertEquals(Board.RECENT_CALLS, board.path("recentCalls").path("maxItems").asInt());
        JsonNode queue = DOC.path("components").path("schemas").path("CounterQueue").path("properties");
        assertEquals(CounterQueue.NEXT, queue.path("next").path("maxItems").asInt());
        assertEquals(CounterQueue.PARKED, queue.path("parked").path("maxItems").asInt());
    }

    // ---------------------------------------------------------------- error codes

    @Test
    void everyErrorCodeAppearsInTheDocumentsErrorCodeEnumAndViceVersa() {
        JsonNode errorCode = DOC.path("components").path("schemas").path("ErrorCode");
        List<String> documented = texts(errorCode.path("enum"));
        assertEquals(documented.size(), new HashSet<>(documented).size(), "no code is listed twice");
        assertEquals(names(ErrorCode.values()), new TreeSet<>(documented));
    }

    @Test
    void everyErrorCodeIsDescribedInEnglishAndVietnameseAndOnlyTheRetryableOnesAreMarkedRetryable() {
        JsonNode errorCode = DOC.path("components").path("schemas").path("ErrorCode");
        JsonNode descriptions = errorCode.path("x-enum-descriptions");
        assertEquals(names(ErrorCode.values()), new TreeSet<>(names(descriptions)));
        String prose = errorCode.path("description").asText();
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.englishMessage(), descriptions.path(code.name()).asText(), code + " description");
            assertTrue(prose.contains("`" + code.name() + "`"), "the ErrorCode description explains " + code);
        }
        JsonNode vietnamese = errorCode.path("x-enum-descriptions-vi");
        assertEquals(names(ErrorCode.values()), new TreeSet<>(names(vietnamese)));
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code.vietnameseMessage(), vietnamese.path(code.name()).asText(), code + " Vietnamese text");
        }
        Set<String> retryable = new TreeSet<>(texts(errorCode.path("x-retryable")));
        assertEquals(names(EnumSet.allOf(ErrorCode.class).stream().filter(ErrorCode::retryable)
                .toArray(ErrorCode[]::new)), retryable);
    }

    @Test
    void errorPayloadsUseTheErrorCodeSchemaWithMessageAndDetail() {
        for (String schema : List.of("TicketResponse", "CounterReply", "DeviceError", "RatingReply")) {
            JsonNode error = schemaOf(DOC.path("components").path("schemas").path(schema).path("properties").path("error"));
            assertEquals(List.of("code", "message", "detail"), texts(error.path("required")));
            assertEquals(names(ErrorCode.values()), new TreeSet<>(texts(schemaOf(error.path("properties").path("code"))
                    .path("enum"))));
        }
    }

    @Test
    void everyErrorExampleHasTheCodesTextInVietnameseOrEnglishAndAnEnglishDetail() {
        List<Example> errors = examples().filter(e -> e.payload.has("error")).toList();
        assertTrue(errors.size() >= 10, "errors are shown: " + errors.size());
        Set<String> languages = new TreeSet<>();
        for (Example example : errors) {
            JsonNode error = example.payload.path("error");
            ErrorCode code = ErrorCode.valueOf(error.path("code").asText());
            String message = error.path("message").asText();
            assertTrue(message.equals(code.vietnameseMessage()) || message.equals(code.englishMessage()),
                    example.message + "/" + example.name + ": the message is the code's own text, not " + message);
            languages.add(message.equals(code.vietnameseMessage()) ? "vi" : "en");
            assertFalse(error.path("detail").asText().isBlank(), example.message + "/" + example.name + " has a detail");
        }
        assertEquals(Set.of("en", "vi"), languages, "errors are shown in both languages");
    }

    @Test
    void everyRequestWithAReplyMayAskForTheLanguageOfItsErrors() {
        for (String request : List.of("TicketRequest", "CounterCommand", "RatingSubmit")) {
            JsonNode language = schemaOf(DOC.path("components").path("schemas").path(request).path("properties")
                    .path("language"));
            assertEquals(List.of("vi", "en"), texts(language.path("enum")), request + ".language");
            assertTrue(examples().anyMatch(e -> e.message.equals(request) && e.payload.path("language").asText().equals("en")),
                    request + " has an example in English");
        }
    }

    // ---------------------------------------------------------------- channels and operations

    @Test
    void everyTopicKindHasExactlyOneChannel() {
        assertEquals(CHANNEL_TOPICS.keySet(), names(DOC.path("channels")));
        assertEquals(Set.of(Topic.class.getPermittedSubclasses()), new HashSet<>(CHANNEL_TOPICS.values()));
    }

    @TestFactory
    Stream<DynamicTest> everyChannelAddressParsesIntoTheExpectedTopicKind() {
        return CHANNEL_TOPICS.entrySet().stream().map(e -> DynamicTest.dynamicTest(
                "channel " + e.getKey() + " is a " + e.getValue().getSimpleName() + " topic", () -> {
                    JsonNode channel = DOC.path("channels").path(e.getKey());
                    String address = channel.path("address").asText();
                    String concrete = address;
                    Set<String> placeholders = placeholders(address);
                    assertEquals(placeholders, names(channel.path("parameters")),
                            "every placeholder of " + address + " is a declared parameter and vice versa");
                    for (String parameter : placeholders) {
                        JsonNode examples = resolve(channel.path("parameters").path(parameter)).path("examples");
                        assertTrue(examples.size() >= 1, parameter + " has an example value");
                        for (JsonNode value : examples) {
                            assertTrue(Topics.isSegment(value.asText()), parameter + " example is one topic segment");
                        }
                        concrete = concrete.replace("{" + parameter + "}", examples.get(0).asText());
                    }
                    String name = concrete;
                    Topic topic = Topics.parse(name).orElseThrow(() -> new AssertionError(name + " does not parse"));
                    assertInstanceOf(e.getValue(), topic);
                    assertEquals(name, topic.name(), "the topic round-trips");
                    assertEquals(resolve(channel.path("parameters").path("centreId")).path("examples").get(0).asText(),
                            topic.centre());
                }));
    }

    @Test
    void requestsAreReceivedAtQos1AndRepliedToOnTheirResponseChannels() {
        assertReply("receiveTicketRequest", "ticketRequest", "ticketResponse");
        assertReply("receiveCounterCommand", "counterCommands", "counterReplies");
        assertReply("receiveDeviceStatus", "deviceStatus", "deviceErrors");
        assertReply("receiveRatingSubmit", "ratingSubmit", "ratingReplies");
        JsonNode reply = DOC.path("operations").path("receiveTicketRequest");
        assertTrue(reply.path("description").asText().contains("Response Topic"),
                "the ticket request operation explains the MQTT 5 response topic");
        assertTrue(reply.path("description").asText().contains("Correlation Data"));
    }

    private static void assertReply(String operationId, String channel, String replyChannel) {
        JsonNode operation = DOC.path("operations").path(operationId);
        assertEquals("receive", operation.path("action").asText());
        assertEquals(DOC.path("channels").path(channel), resolve(operation.path("channel")));
        assertEquals(DOC.path("channels").path(replyChannel), resolve(operation.path("reply").path("channel")));
        assertEquals(1, operation.path("bindings").path("mqtt").path("qos").asInt());
    }

    @Test
    void everyChannelIsUsedByAnOperationWithTheRightDirectionQosAndRetainFlag() {
        Map<String, String> direction = Map.of(
                "ticketRequest", "receive", "counterCommands", "receive",
                "calls", "send", "counterNow", "send", "serviceWait", "send", "deviceErrors", "send",
                "board", "send", "counterQueue", "send", "ratingSubmit", "receive", "ratingPrompt", "send");
        Set<String> retained = Set.of("counterNow", "serviceWait", "deviceStatus", "board", "counterQueue",
                "ratingPrompt");
        Set<String> used = new HashSet<>();
        DOC.path("operations").fields().forEachRemaining(op -> {
            JsonNode operation = op.getValue();
            String channel = channelId(operation.path("channel"));
            used.add(channel);
            JsonNode reply = operation.path("reply");
            if (!reply.isMissingNode()) {
                used.add(channelId(reply.path("channel")));
            }
            String action = operation.path("action").asText();
            if (!channel.equals("deviceStatus")) { // devices send heartbeats, the gateway publishes presence
                assertEquals(direction.get(channel), action, op.getKey() + " direction");
            }
            JsonNode mqtt = operation.path("bindings").path("mqtt");
            assertEquals(1, mqtt.path("qos").asInt(), op.getKey() + " uses QoS 1");
            assertEquals(action.equals("send") && retained.contains(channel), mqtt.path("retain").asBoolean(),
                    op.getKey() + " retain flag");
        });
        assertEquals(CHANNEL_TOPICS.keySet(), used, "every channel is used by an operation");
    }

    // ---------------------------------------------------------------- helpers

    private record Example(String message, String name, JsonNode payload) {
    }

    private static Stream<Example> examples() {
        List<Example> all = new ArrayList<>();
        DOC.path("components").path("messages").fields().forEachRemaining(m -> {
            for (JsonNode example : m.getValue().path("examples")) {
                all.add(new Example(m.getKey(), example.path("name").asText(), example.path("payload")));
            }
        });
        return all.stream();
    }

    /** Follows local "$ref"s. */
    private static JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current.has("$ref"); hops++) {
            assertTrue(hops < 10, "reference loop at " + node);
            String ref = current.path("$ref").asText();
            assertTrue(ref.startsWith("#/"), "only local references: " + ref);
            JsonNode target = DOC.at(ref.substring(1));
            assertFalse(target.isMissingNode(), "reference resolves: " + ref);
            current = target;
        }
        return current;
    }

    /** Follows references and the single-element allOf used to annotate a referenced schema. */
    private static JsonNode schemaOf(JsonNode node) {
        JsonNode schema = resolve(node);
        while (!schema.has("type") && schema.path("allOf").size() == 1) {
            schema = resolve(schema.path("allOf").get(0));
        }
        return schema;
    }

    private static String channelId(JsonNode channelRef) {
        String ref = channelRef.path("$ref").asText();
        assertTrue(ref.startsWith("#/channels/"), "operations refer to channels: " + ref);
        return ref.substring("#/channels/".length());
    }

    /** Fields required always, by one of the alternatives, or conditionally. */
    private static Set<String> requiredAnywhereIn(JsonNode then) {
        Set<String> required = new HashSet<>(texts(then.path("required")));
        then.path("anyOf").forEach(alternative -> required.addAll(texts(alternative.path("required"))));
        return required;
    }

    private static Set<String> requiredAnywhere(JsonNode schema) {
        Set<String> required = new HashSet<>(texts(schema.path("required")));
        for (JsonNode alternative : schema.path("oneOf")) {
            required.addAll(texts(alternative.path("required")));
        }
        for (JsonNode alternative : schema.path("anyOf")) {
            required.addAll(texts(alternative.path("required")));
        }
        required.addAll(requiredAnywhereIn(schema.path("then")));
        // allOf: [{"if": ..., "then": {...}}, ...], one conditional per command
        schema.path("allOf").forEach(part -> required.addAll(requiredAnywhereIn(part.path("then"))));
        // dependentRequired: {"pin": ["officer"]} requires officer whenever pin is there
        schema.path("dependentRequired").forEach(fields -> required.addAll(texts(fields)));
        // dependentSchemas: {"officer": {"oneOf": [{"required": ["pin"]}, {"required": ["pass"]}]}}
        schema.path("dependentSchemas").forEach(dependent -> {
            required.addAll(texts(dependent.path("required")));
            dependent.path("oneOf").forEach(alternative -> required.addAll(texts(alternative.path("required"))));
        });
        return required;
    }

    private static Set<String> placeholders(String address) {
        Set<String> names = new LinkedHashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(address);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> names(JsonNode object) {
        Iterator<String> it = object.fieldNames();
        Set<String> names = new TreeSet<>();
        it.forEachRemaining(names::add);
        return names;
    }

    private static Set<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static byte[] jsonBytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
