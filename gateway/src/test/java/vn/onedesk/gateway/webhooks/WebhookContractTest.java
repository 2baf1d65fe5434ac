package vn.onedesk.gateway.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The webhooks section of the OpenAPI document against the code: every webhook's example is valid against its schema,
 * the event types the document lists are exactly those a subscription may ask for, and a body that breaks the schema
 * is caught (so the examples' validity means something). The bodies the gateway really sends are checked against the
 * same schemas in {@link WebhookDeliveryTest}.
 */
class WebhookContractTest {
    private final WebhookSchemas schemas;

    WebhookContractTest() throws Exception {
        schemas = new WebhookSchemas();
    }

    @Test
    void everyDocumentedWebhookHasAnExampleThatItsSchemaAccepts() throws Exception {
        Iterator<Map.Entry<String, JsonNode>> hooks = schemas.document().path("webhooks").fields();
        List<String> checked = new ArrayList<>();
        while (hooks.hasNext()) {
            Map.Entry<String, JsonNode> hook = hooks.next();
            JsonNode content = hook.getValue().path("post").path("requestBody").path("content")
                    .path("application/json");
            assertTrue(content.has("example"), hook.getKey() + " has an example");
            OutputUnit result = schemas.validate(content.path("schema"),
                    new JsonObject(new ObjectMapper().writeValueAsString(content.path("example"))));
            assertTrue(result.getValid(), hook.getKey() + ": " + result.getErrors());
            checked.add(content.path("example").path("type").asText());
        }
        assertTrue(checked.containsAll(List.of("ticket.issued", "ticket.called", "ticket.completed", "ticket.no_show",
                "ticket.transferred", "rating.submitted", "booking.created", "booking.cancelled", "booking.checked_in", "turn.near")),
                checked.toString());
    }

    @Test
    void theDocumentedEventTypesAreExactlyThoseASubscriptionMayAskFor() {
        Set<String> documented = new TreeSet<>();
        schemas.document().path("components").path("schemas").path("WebhookEventType").path("enum")
                .forEach(t -> documented.add(t.asText()));
        Set<String> code = new TreeSet<>();
        Arrays.stream(WebhookEventType.values()).forEach(t -> code.add(t.wireName()));
        assertEquals(code, documented);
    }

    @Test
    void aBodyThatBreaksTheSchemaIsCaught() {
        JsonObject called = new JsonObject().put("id", "hcc-tinh:9").put("type", "ticket.called")
                .put("occurredAt", "2026-12-04T01:42:10.502Z").put("centre", "hcc-tinh")
                .put("data", new JsonObject().put("ticket", new JsonObject().put("id", "t").put("number", "A023")
                        .put("service", "TP")).put("counter", new JsonObject().put("id", "Q05").put("number", 5)));
        assertTrue(schemas.validate("TicketEvent", called).getValid());
        assertFalse(schemas.validate("TicketEvent", called.copy().put("type", "ticket.eaten")).getValid(),
                "an unknown type");
        assertFalse(schemas.validate("TicketEvent", called.copy().put("data", new JsonObject())).getValid(),
                "no ticket");
        JsonObject noId = called.copy();
        noId.remove("id");
        assertFalse(schemas.validate("TicketEvent", noId).getValid(), "no id to deduplicate by");
    }
}
