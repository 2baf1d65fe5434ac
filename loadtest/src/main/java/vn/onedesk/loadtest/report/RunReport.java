package vn.onedesk.loadtest.report;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one run measured, printed for people and written as JSON for {@code scripts/benchmarks.sh}.
 * Every scenario writes the same top-level fields (scenario, target, options, results, server, notes),
 * plus its own figures under results.
 */
public final class RunReport {
    private final JsonObject json = new JsonObject();
    private final JsonObject results = new JsonObject();
    private final List<String> lines = new ArrayList<>();
    private final JsonArray notes = new JsonArray();

    public RunReport(String scenario, String target, Map<String, String> options) {
        JsonObject given = new JsonObject();
        new TreeMap<>(options).forEach(given::put);
        json.put("scenario", scenario).put("target", target).put("startedAt", Instant.now().toString())
                .put("options", given).put("results", results).put("notes", notes);
        lines.add("== " + scenario + " against " + target + " ==");
    }

    public RunReport put(String key, Object value) {
        results.put(key, value);
        return this;
    }

    public RunReport line(String text) {
        lines.add(text);
        return this;
    }

    public RunReport latency(String label, Latencies latencies) {
        results.put(latencies.name(), latencies.toJson());
        lines.add(label + ": " + latencies.line());
        return this;
    }

    public RunReport errors(Map<String, Long> byCode) {
        JsonObject errors = new JsonObject();
        new TreeMap<>(byCode).forEach(errors::put);
        results.put("errors", errors);
        lines.add("errors by code: " + (byCode.isEmpty() ? "none" : new TreeMap<>(byCode).toString()));
        return this;
    }

    public RunReport server(JsonObject server) {
        json.put("server", server);
        lines.add(ServerWatch.line(server));
        return this;
    }

    public RunReport note(String note) {
        notes.add(note);
        lines.add("note: " + note);
        return this;
    }

    public JsonObject results() {
        return results;
    }

    public JsonObject toJson() {
        return json;
    }

    public void print(PrintStream out) {
        lines.forEach(out::println);
        out.flush();
    }

    public void write(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Files.writeString(file, json.encodePrettily() + "\n", StandardCharsets.UTF_8);
    }
}
