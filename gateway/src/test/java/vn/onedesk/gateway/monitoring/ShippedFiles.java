package vn.onedesk.gateway.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard and alert rules the monitoring module ships, read from the class path. */
final class ShippedFiles {
    static final String DASHBOARD = "/onedesk/grafana/onedesk-centre.json";
    static final String RULES = "/onedesk/prometheus/onedesk-alerts.yml";

    private ShippedFiles() {
    }

    static byte[] bytes(String resource) {
        try (InputStream in = ShippedFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError(resource + " is not on the class path (the monitoring module ships it)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each panel target's expression, keyed by "panel title / refId". */
    static Map<String, String> dashboardExpressions() {
        try {
            JsonNode dashboard = new ObjectMapper().readTree(bytes(DASHBOARD));
            Map<String, String> exprs = new LinkedHashMap<>();
            dashboard.path("panels").forEach(p -> p.path("targets").forEach(t ->
                    exprs.put(p.path("title").asText() + " / " + t.path("refId").asText(), t.path("expr").asText())));
            return exprs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each alert's expression, keyed by alert name. */
    static Map<String, String> alertExpressions() {
        try {
            JsonNode rules = new YAMLMapper().readTree(bytes(RULES));
            Map<String, String> exprs = new LinkedHashMap<>();
            rules.path("groups").forEach(g -> g.path("rules").forEach(r ->
                    exprs.put(r.path("alert").asText(), r.path("expr").asText())));
            return exprs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A dashboard expression as Grafana sends it, for the demo centre and the given gateway instance. */
    static String asGrafanaSendsIt(String expr, String instance) {
        return expr.replace("$centre", "hcc-tinh").replace("$instance", instance).replace("$__rate_interval", "1m");
    }

    static List<String> all() {
        List<String> all = new ArrayList<>(dashboardExpressions().values());
        all.addAll(alertExpressions().values());
        return all;
    }
}
