package vn.onedesk.gateway.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import java.io.InputStream;

/**
 * The schemas of the administration's OpenAPI document (the one in the jar), for checking webhook bodies against what
 * the document promises receivers: with vertx-json-schema, the validator vertx-openapi itself uses (draft 2020-12).
 */
final class WebhookSchemas {
    private static final String BASE = "https://onedesk.invalid/openapi/onedesk-admin.yaml";

    private final JsonNode document;
    private final SchemaRepository repository;

    WebhookSchemas() throws Exception {
        try (InputStream in = WebhookSchemas.class.getClassLoader().getResourceAsStream("openapi/onedesk-admin.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        repository = SchemaRepository.create(new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri(BASE));
        repository.dereference(BASE, JsonSchema.of(new JsonObject(new ObjectMapper().writeValueAsString(document))));
    }

    JsonNode document() {
        return document;
    }

    /** The validation of {@code value} against {@code #/components/schemas/<name>}. */
    OutputUnit validate(String name, Object value) {
        return repository.validator(JsonSchema.of(new JsonObject().put("$ref", BASE + "#/components/schemas/" + name)))
                .validate(value);
    }

    /** The validation of {@code value} against a schema given as a JSON node of the document ($refs resolve there). */
    OutputUnit validate(JsonNode schema, Object value) throws Exception {
        JsonObject json = new JsonObject(new ObjectMapper().writeValueAsString(schema));
        if (json.containsKey("$ref")) {
            json.put("$ref", BASE + json.getString("$ref"));
        }
        return repository.validator(JsonSchema.of(BASE, json)).validate(value);
    }
}
