package vn.onedesk.gateway.admin;

import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatorException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which field a failed OpenAPI validation is about, from the JSON Schema output: the instance location of the
 * deepest error ("/targetWaitMinutes" → targetWaitMinutes), or the property a "required" or "additionalProperties"
 * error quotes. The document's checks are Vert.x's; this only names the field for the answer.
 */
final class ValidationFields {
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]+)\"|'([^']+)'");

    private ValidationFields() {
    }

    static String field(ValidatorException e) {
        if (!(e instanceof SchemaValidationException schema) || schema.getOutputUnit() == null) {
            return null;
        }
        for (OutputUnit unit : leaves(schema.getOutputUnit())) {
            String location = unit.getInstanceLocation();
            if (location != null && !location.isEmpty() && !location.equals("#") && !location.equals("/")) {
                String[] parts = location.replace("#", "").split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    if (!parts[i].isEmpty() && !parts[i].chars().allMatch(Character::isDigit)) {
                        return parts[i];
                    }
                }
            }
            String error = unit.getError();
            if (error != null) {
                Matcher m = QUOTED.matcher(error);
                if (m.find()) {
                    return m.group(1) != null ? m.group(1) : m.group(2);
                }
            }
        }
        return null;
    }

    static String detail(ValidatorException e) {
        if (e instanceof SchemaValidationException schema && schema.getOutputUnit() != null) {
            List<OutputUnit> leaves = leaves(schema.getOutputUnit());
            if (!leaves.isEmpty() && leaves.get(0).getError() != null) {
                return e.getMessage() + ": " + leaves.get(0).getError();
            }
        }
        return e.getMessage();
    }

    private static List<OutputUnit> leaves(OutputUnit unit) {
        List<OutputUnit> out = new ArrayList<>();
        if (unit.getErrors() != null) {
            unit.getErrors().forEach(child -> out.addAll(leaves(child)));
        }
        if (out.isEmpty()) {
            out.add(unit);
        }
        return out;
    }
}
