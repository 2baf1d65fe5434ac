package vn.onedesk.gateway.browser;

import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.JsonCodec;

/**
 * The waits a citizen sees come from one place: the SSE stream a browser reads, the retained MQTT wait
 * topics a display reads, and the hall display's table all show what the engine estimates, and the state of
 * each service (an estimate only while a counter that serves it is open; -1 below stands for none).
 */
class WaitsAgreementTest extends BrowserTest {
    /** An EventSource in the page keeps the latest wait per service, from board and wait events. */
    private static final String LISTEN_TO_SSE = """
            window.sseWaits = {};
            window.sseEvents = [];
            const es = new EventSource(arguments[0]);
            const keep = w => { const e = w.estimatedWait || {seconds: -1, lowSeconds: -1, highSeconds: -1};
                window.sseWaits[w.service] = {waiting: w.waiting, openCounters: w.openCounters, state: w.state,
                seconds: e.seconds, lowSeconds: e.lowSeconds, highSeconds: e.highSeconds}; };
            es.addEventListener('board', e => { window.sseEvents.push('board'); JSON.parse(e.data).services.forEach(keep); });
            es.addEventListener('wait', e => { window.sseEvents.push('wait'); keep(JSON.parse(e.data)); });
            window.sse = es;
            """;

    @Test
    void theSseWaitsStreamTheRetainedMqttWaitsAndTheHallDisplayAgreeWithTheEnginesEstimates() throws Exception {
        Browser browser = browser().open(url("/display/hall"));
        browser.waitConnection("online");
        browser.js(LISTEN_TO_SSE, "/api/v1/centres/hcc-tinh/waits/stream");
        Map<String, Map<String, Object>> mqttWaits = new ConcurrentHashMap<>();
        TestDevice display = device("hall-1");
        display.client().subscribe(PREFIX + "services/+/wait", 1, (topic, message) -> {
            JsonNode w = JsonCodec.tree(message.getPayload());
            mqttWaits.put(w.path("service").asText(), wait(w.path("waiting").asLong(), w.path("openCounters").asLong(),
                    w.path("state").asText(), w.get("estimatedWait")));
        });

        agree(browser, mqttWaits, "at the start");

        for (String service : new String[] {"TP", "TP", "TP", "DD", "BHXH", "CA", "CA"}) {
            takeTicket(service);
        }
        command("Q01", "OPEN");
        command("Q04", "OPEN");
        agree(browser, mqttWaits, "after tickets and two counters opened");

        command("Q01", "CALL_NEXT");
        takeTicket("KQ");
        agree(browser, mqttWaits, "after a call and one more ticket");
    }

    /** Waits until the SSE stream, the MQTT retained topics and the hall display all show the engine's view. */
    @SuppressWarnings("unchecked")
    private void agree(Browser browser, Map<String, Map<String, Object>> mqttWaits, String when) {
        Map<String, Map<String, Object>>[] last = new Map[3];
        browser.waitUntil(() -> "waits agree " + when + "\n engine: " + last[0] + "\n SSE:    " + last[1]
                + "\n MQTT:   " + mqttWaits + "\n hall:   " + last[2], Browser.WAIT, d -> {
                    Map<String, Map<String, Object>> engine = engineWaits();
                    last[0] = engine;
                    last[1] = sseWaits(browser);
                    last[2] = hallTable(browser);
                    boolean same = engine.equals(last[1]) && engine.equals(new LinkedHashMap<>(mqttWaits))
                            && engine.keySet().stream().allMatch(s -> last[2].containsKey(s)
                            && Objects.equals(engine.get(s).get("waiting"), last[2].get(s).get("waiting")));
                    return same ? true : null;
                });
    }

    private Map<String, Map<String, Object>> engineWaits() {
        return engine(q -> {
            Map<String, Map<String, Object>> waits = new LinkedHashMap<>();
            for (ServiceField service : q.definition().services()) {
                var status = q.status(service.code());
                JsonNode estimate = status.hasEstimate()
                        ? JsonCodec.tree(JsonCodec.encode(TicketViews.wait(q.estimateForService(service.code())))) : null;
                waits.put(service.code(), wait(q.waiting().count(service.code()), q.openCounters(service.code()),
                        status.state().name(), estimate));
            }
            return waits;
        });
    }

    private static Map<String, Object> wait(long waiting, long open, String state, JsonNode estimate) {
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("waiting", waiting);
        w.put("openCounters", open);
        w.put("state", state);
        w.put("seconds", estimate == null ? -1L : estimate.path("seconds").asLong());
        w.put("lowSeconds", estimate == null ? -1L : estimate.path("lowSeconds").asLong());
        w.put("highSeconds", estimate == null ? -1L : estimate.path("highSeconds").asLong());
        return w;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> sseWaits(Browser browser) {
        Map<String, Map<String, Object>> raw = (Map<String, Map<String, Object>>) browser.js("return window.sseWaits");
        Map<String, Map<String, Object>> waits = new LinkedHashMap<>();
        raw.forEach((service, w) -> {
            Map<String, Object> copy = new LinkedHashMap<>();
            w.forEach((k, v) -> copy.put(k, v instanceof Number n ? (Object) n.longValue() : v));
            waits.put(service, copy);
        });
        return waits;
    }

    /** The hall display's waits table: how many wait per service, as printed. */
    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> hallTable(Browser browser) {
        Map<String, Object> rows = (Map<String, Object>) browser.js("""
                const rows = {};
                document.querySelectorAll('#waits tr[data-service]').forEach(tr => {
                  rows[tr.dataset.service] = tr.querySelector('.waiting').textContent.trim(); });
                return rows;""");
        Map<String, Map<String, Object>> table = new LinkedHashMap<>();
        rows.forEach((service, text) -> {
            var numbers = Texts.integers((String) text);
            table.put(service, Map.of("waiting", numbers.isEmpty() ? -1L : (long) numbers.get(0)));
        });
        return table;
    }
}
