package vn.onedesk.gateway.admin;

import io.vertx.core.json.JsonObject;

/**
 * A change of a centre's settings over its JSON form. A PATCH of its {@code counterRules} names only the rules it
 * changes, and the others keep their current values; a PUT gives every rule it leaves out its default, as the
 * configuration file and a new centre do.
 */
final class CentreRulesPatch {
    private CentreRulesPatch() {
    }

    /**
     * Puts the body's settings over the centre's JSON (never its id).
     *
     * @param patch whether this is a PATCH, whose {@code counterRules} are merged into the current ones
     */
    static JsonObject apply(JsonObject json, JsonObject body, boolean patch) {
        JsonObject before = json.getValue("counterRules") instanceof JsonObject rules ? rules.copy() : new JsonObject();
        body.forEach(e -> {
            if (!e.getKey().equals("id")) {
                json.put(e.getKey(), e.getValue());
            }
        });
        if (patch && body.getValue("counterRules") instanceof JsonObject changed) {
            json.put("counterRules", before.mergeIn(changed));
        }
        return json;
    }
}
