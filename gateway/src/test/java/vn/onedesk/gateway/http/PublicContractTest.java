package vn.onedesk.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIContract;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.gateway.booking.BookingApi;
import vn.onedesk.gateway.booking.Bookings;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.HttpCalls;
import vn.onedesk.gateway.support.TestClock;

/**
 * The public API's OpenAPI document ({@code onedesk-public.yaml}, served at {@value PublicApiDocument#DOCUMENT}) is a
 * valid OpenAPI 3.1 contract, every operation it documents is routed, and the gateway's real answers (successes and
 * errors) have a status the document names for them and a body its schema accepts, checked with vertx-json-schema
 * (draft 2020-12, the validator vertx-openapi uses). The demo centre takes bookings for TP, one place per slot, on
 * Monday 2025-03-03 at 07:00 at the centre.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicContractTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final String BASE = "https://onedesk.invalid/openapi/onedesk-public.yaml";
    private static final String TP = "/api/v1/centres/{centre}";

    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T00:00:00Z"));
    private GatewayHarness gateway;
    private JsonNode document;
    private SchemaRepository schemas;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayHarness.startDemo(clock, c -> Bookings.withBooking(c, 1));
        HttpResponse<String> served = HttpCalls.get(gateway.httpUri(PublicApiDocument.DOCUMENT));
        assertEquals(200, served.statusCode(), served.body());
        assertTrue(served.headers().firstValue("content-type").orElse("").contains("yaml"));
        document = new ObjectMapper(new YAMLFactory()).readTree(served.body());
        schemas = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE));
        schemas.dereference(BASE, JsonSchema.of(new JsonObject(new ObjectMapper().writeValueAsString(document))));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    /** Past the booking API's rate limits' window: each test starts with the address's counts at zero. */
    private void nextWindow() {
        clock.advance(BookingApi.WINDOW.plusSeconds(1));
    }

    @Test
    void theServedDocumentIsAValidOpenApi31Contract() throws Exception {
        assertEquals("3.1.0", document.path("openapi").asText());
        Vertx vertx = Vertx.vertx();
        try {
            JsonObject json = new JsonObject(new ObjectMapper().writeValueAsString(document));
            // Vert.x validates the contract against the OpenAPI 3.1 meta-schema; an invalid one fails here.
            OpenAPIContract contract = GatewayHarness.await(OpenAPIContract.from(vertx, json));
            assertFalse(contract.operations().isEmpty());
        } finally {
            vertx.close();
        }
    }

    @Test
    void everyDocumentedOperationIsRoutedAndAnswersWithADocumentedStatusAndBody() throws Exception {
        nextWindow();
        JsonNode booking = HttpCalls.json(HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                Bookings.body("2025-03-05T09:00:00+07:00", "0912 000 001")));
        Map<String, String> ids = Map.of("{centre}", GatewayHarness.CENTRE, "{code}", booking.path("code").asText());
        List<String> wrong = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String concrete = path.getKey();
            for (Map.Entry<String, String> id : ids.entrySet()) {
                concrete = concrete.replace(id.getKey(), id.getValue());
            }
            Iterator<String> methods = path.getValue().fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (!METHODS.contains(method)) {
                    continue;
                }
                // Harmless probes: reads, a body the operation refuses, a cancellation with a wrong secret.
                String target = concrete + (concrete.endsWith("/slots") ? "?service=TP&date=2025-03-05" : "");
                HttpResponse<String> answer = HttpCalls.call(method.toUpperCase(), gateway.httpUri(target),
                        method.equals("post") || method.equals("put") || method.equals("patch") ? "{}" : null,
                        BookingApi.SECRET_HEADER, "not-the-secret");
                String detail = answer.statusCode() == 404 && answer.body().startsWith("{")
                        ? HttpCalls.json(answer).path("error").path("detail").asText() : "";
                if (detail.startsWith("no such resource") || answer.statusCode() == 405) {
                    wrong.add(method.toUpperCase() + " " + target + " is not routed: " + answer.statusCode());
                    continue;
                }
                String problem = problem(method, path.getKey(), answer);
                if (problem != null) {
                    wrong.add(problem);
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theAnswersOfABookingFromStartToCancellationAndItsRefusalsMatchTheDocument() {
        nextWindow();
        List<String> wrong = new ArrayList<>();
        check(wrong, "get", "/api/v1/booking/centres", HttpCalls.get(gateway.httpUri("/api/v1/booking/centres")), 200);
        check(wrong, "get", TP + "/booking", HttpCalls.get(Bookings.uri(gateway, "/booking")), 200);
        check(wrong, "get", TP + "/booking", HttpCalls.get(gateway.httpUri("/api/v1/centres/nowhere/booking")), 404);
        String slots = TP + "/slots";
        check(wrong, "get", slots, HttpCalls.get(Bookings.uri(gateway, "/slots?service=TP&date=2025-03-04")), 200);
        check(wrong, "get", slots, HttpCalls.get(Bookings.uri(gateway, "/slots?service=TP&date=" + Bookings.HOLIDAY)),
                200);
        check(wrong, "get", slots, HttpCalls.get(Bookings.uri(gateway, "/slots?service=TP&date=4/3/2025")), 400);
        check(wrong, "get", slots, HttpCalls.get(Bookings.uri(gateway, "/slots?service=XX&date=2025-03-04&lang=en")),
                400);

        String bookings = TP + "/bookings";
        String slot = "2025-03-04T08:00:00+07:00";
        HttpResponse<String> made = HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                Bookings.body(slot, "0912 000 002"));
        check(wrong, "post", bookings, made, 201);
        check(wrong, "post", bookings, HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                Bookings.body(slot, "0912 000 003")), 409); // SLOT_FULL: one place per slot
        check(wrong, "post", bookings, HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                Bookings.body(slot, "12345")), 400);
        check(wrong, "post", bookings, HttpCalls.postJson(Bookings.uri(gateway, "/bookings"), "not json"), 400);

        JsonNode booking = HttpCalls.json(made);
        String code = booking.path("code").asText();
        String secret = booking.path("secret").asText();
        String one = TP + "/bookings/{code}";
        String uri = Bookings.uri(gateway, "/bookings/" + code);
        check(wrong, "get", one, HttpCalls.get(uri, BookingApi.SECRET_HEADER, secret), 200);
        check(wrong, "get", one, HttpCalls.get(uri), 400);
        check(wrong, "get", one, HttpCalls.get(uri, BookingApi.SECRET_HEADER, "wrong"), 404);
        HttpResponse<String> qr = HttpCalls.get(uri + "/qr.svg");
        assertEquals(200, qr.statusCode());
        assertEquals("image/svg+xml", qr.headers().firstValue("content-type").orElse(""));
        assertTrue(document.path("paths").path(one + "/qr.svg").path("get").path("responses").path("200")
                .path("description").asText().contains("image/svg+xml"), "the QR code's type is the documented one");
        check(wrong, "get", one + "/qr.svg", HttpCalls.get(Bookings.uri(gateway, "/bookings/not-a-code/qr.svg")), 404);
        check(wrong, "delete", one, HttpCalls.call("DELETE", uri, null, BookingApi.SECRET_HEADER, secret), 200);
        check(wrong, "delete", one, HttpCalls.call("DELETE", uri, null, BookingApi.SECRET_HEADER, secret), 200);

        // Over the address's bookings per window: 429 with Retry-After, as documented.
        HttpResponse<String> limited = null;
        for (int i = 0; i < BookingApi.BOOKS_PER_WINDOW + 1 && limited == null; i++) {
            HttpResponse<String> answer = HttpCalls.postJson(Bookings.uri(gateway, "/bookings"),
                    Bookings.body("2025-03-04T13:30:00+07:00", "0913 000 0" + String.format("%02d", i)));
            if (answer.statusCode() == 429) {
                limited = answer;
            }
        }
        assertTrue(limited != null, "the address's limit was reached");
        check(wrong, "post", bookings, limited, 429);
        assertTrue(Integer.parseInt(limited.headers().firstValue("retry-after").orElse("0")) >= 1);
        assertEquals(List.of(), wrong);
    }

    private void check(List<String> wrong, String method, String path, HttpResponse<String> answer, int status) {
        if (answer.statusCode() != status) {
            wrong.add(method.toUpperCase() + " " + path + ": " + answer.statusCode() + " (expected " + status + ") "
                    + answer.body());
            return;
        }
        String problem = problem(method, path, answer);
        if (problem != null) {
            wrong.add(problem);
        }
    }

    /** Null when the answer's status is documented for the operation and its JSON body valid; else what is wrong. */
    private String problem(String method, String path, HttpResponse<String> answer) {
        String what = method.toUpperCase() + " " + path + " " + answer.statusCode();
        JsonNode response = document.path("paths").path(path).path(method).path("responses")
                .path(String.valueOf(answer.statusCode()));
        if (response.isMissingNode()) {
            return what + " is not a documented answer: " + answer.body();
        }
        if (response.has("$ref")) {
            String name = response.path("$ref").asText().substring("#/components/responses/".length());
            response = document.path("components").path("responses").path(name);
        }
        String type = answer.headers().firstValue("content-type").orElse("");
        JsonNode content = response.path("content");
        if (!type.startsWith("application/json")) {
            // a body vertx-openapi cannot describe (an SVG image) is named in the response's description
            return content.has(type) || response.path("description").asText().contains("`" + type + "`") ? null
                    : what + " has the undocumented type " + type;
        }
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return what + " documents no JSON body";
        }
        try {
            JsonObject json = new JsonObject(new ObjectMapper().writeValueAsString(schema));
            if (json.containsKey("$ref")) {
                json.put("$ref", BASE + json.getString("$ref"));
            }
            OutputUnit result = schemas.validator(JsonSchema.of(BASE, json)).validate(new JsonObject(answer.body()));
            return result.getValid() ? null : what + " does not match its schema: " + result.toJson().encode() + " "
                    + answer.body();
        } catch (Exception e) {
            return what + ": " + e + " " + answer.body();
        }
    }
}
