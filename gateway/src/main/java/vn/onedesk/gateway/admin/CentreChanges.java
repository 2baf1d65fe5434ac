package vn.onedesk.gateway.admin;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreConfigReader;
import vn.onedesk.gateway.config.CentreJson;

/**
 * A change of a centre's definition, made on its configuration-file form (the same JSON the file, the database and
 * the API use) and read back through the file's own reader, so the API accepts exactly what a file may say, with
 * the same checks. Problems become answers: a contradiction with what exists (a code, prefix, id or number already
 * used) is a 409 ALREADY_EXISTS, anything else a 400 INVALID_FIELD naming the field.
 */
final class CentreChanges {
    private CentreChanges() {
    }

    /** The definition after the edit; throws {@link AdminFailure} when it cannot be one. */
    static CentreDefinition apply(CentreDefinition current, UnaryOperator<JsonObject> edit) {
        JsonObject next = edit.apply(CentreJson.write(current).copy());
        return read(next);
    }

    static CentreDefinition read(JsonObject json) {
        List<String> problems = new ArrayList<>();
        CentreDefinition centre;
        try {
            centre = CentreConfigReader.draft("centre", json, problems);
        } catch (CentreDefinition.InvalidCentreException e) {
            throw contradiction(e.problems().get(0));
        }
        if (centre != null) {
            return centre;
        }
        String first = problems.get(0);
        if (field(first) == null) { // a problem of the centre as a whole: a contradiction between its parts
            throw contradiction(first);
        }
        throw AdminFailure.invalid(field(first), first.replaceFirst("^centre[^:]*: ", ""));
    }

    private static AdminFailure contradiction(String problem) {
        String detail = problem.replaceFirst("^centre[^:]*: ", "");
        String lower = detail.toLowerCase(Locale.ROOT);
        if (lower.contains("prefix")) {
            return AdminFailure.exists("prefix", detail);
        }
        if (lower.contains("counter number")) {
            return AdminFailure.exists("number", detail);
        }
        if (lower.contains("defined twice")) {
            return AdminFailure.exists(lower.startsWith("service") ? "code" : "id", detail);
        }
        if (lower.contains("may not serve") || lower.contains("unknown service")) {
            return AdminFailure.invalid("primary", detail);
        }
        return AdminFailure.invalid(null, detail);
    }

    /** "centre.services[2].prefix: must be ..." → "prefix"; "centre.sessions[0]: 'to' must be after" → "sessions". */
    static String field(String problem) {
        int colon = problem.indexOf(':');
        String path = colon < 0 ? problem : problem.substring(0, colon);
        String[] parts = path.split("\\.");
        String last = parts[parts.length - 1];
        if (last.contains("[") && parts.length > 1) {
            String bare = last.substring(0, last.indexOf('['));
            return parts.length > 2 && bare.isEmpty() ? parts[parts.length - 2] : bare.isEmpty() ? last : bare;
        }
        return last.equals("centre") ? null : last.replaceAll("\\[.*", "");
    }

    // ---------------------------------------------------------------- edits of the JSON form

    static JsonArray list(JsonObject centre, String key) {
        JsonArray array = centre.getJsonArray(key);
        if (array == null) {
            array = new JsonArray();
            centre.put(key, array);
        }
        return array;
    }

    static int indexOf(JsonArray array, String key, String id) {
        for (int i = 0; i < array.size(); i++) {
            if (id.equals(array.getJsonObject(i).getString(key))) {
                return i;
            }
        }
        return -1;
    }

    static JsonObject find(CentreDefinition centre, String key, String idKey, String id) {
        JsonArray array = CentreJson.write(centre).getJsonArray(key);
        int i = indexOf(array, idKey, id);
        return i < 0 ? null : array.getJsonObject(i);
    }
}
