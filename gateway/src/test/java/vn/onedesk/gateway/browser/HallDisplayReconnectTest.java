package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;
import vn.onedesk.gateway.support.CuttableProxy;

/**
 * A hall display whose network drops while counters go on calling: when it comes back it must show
 * every call it missed, once each, in the order they were made.
 */
class HallDisplayReconnectTest extends BrowserTest {

    @Test
    void afterItsConnectionIsCutAndRestoredTheDisplayShowsEveryCallMadeMeanwhileInSeqOrder() throws Exception {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            numbers.add(takeTicket("TP").path("number").asText());
        }
        for (String counter : List.of("Q01", "Q02", "Q03")) {
            command(counter, "OPEN");
        }

        try (CuttableProxy proxy = CuttableProxy.to(gateway.httpPort())) {
            // The display reaches the gateway only through the proxy: pulling its cable cuts everything it has.
            Browser hall = browser().open("http://127.0.0.1:" + proxy.port() + "/display/hall");
            hall.waitConnection("online");
            command("Q01", "CALL_NEXT");
            hall.waitForJs("the first call announced while online", "return window.onedesk.lastSeq === 1");

            proxy.cut();
            hall.waitConnection("offline");
            // Calls, and a recall, while the display is really gone; the page keeps trying and is refused.
            command("Q02", "CALL_NEXT");
            command("Q03", "CALL_NEXT");
            command("Q01", "RECALL");
            command("Q01", "COMPLETE");
            command("Q01", "CALL_NEXT");
            hall.waitUntil("the display tries to come back and is refused", Duration.ofSeconds(60),
                    d -> proxy.refusedWhileCut() > 0 ? true : null);
            // Between its retries the page is offline, during one it is connecting: never online.
            assertNotEquals("online", hall.attribute("#connection", "data-state"));
            assertEquals(1L, hall.js("return window.onedesk.lastSeq"), "nothing reached the display while cut");
            long lastSeq = engine(q -> q.lastCallSeq());
            assertEquals(5, lastSeq);

            proxy.restore();
            hall.waitConnection("online");
            hall.waitUntil("the display catches up to seq " + lastSeq, Duration.ofSeconds(90),
                    d -> ((Number) hall.js("return window.onedesk.announced.length")).longValue() >= lastSeq
                            ? true : null);

            @SuppressWarnings("unchecked")
            List<Map<String, Object>> announced = (List<Map<String, Object>>) hall.js(
                    "return window.onedesk.announced");
            List<Long> seqs = announced.stream().map(a -> ((Number) a.get("seq")).longValue()).toList();
            assertEquals(LongStream.rangeClosed(1, lastSeq).boxed().toList(), seqs,
                    "every call announced once, in seq order: " + announced);
            assertEquals(List.of(false, false, false, true, false),
                    announced.stream().map(a -> a.get("recall")).toList());
            assertEquals(List.of(numbers.get(0), numbers.get(1), numbers.get(2), numbers.get(0), numbers.get(3)),
                    announced.stream().map(a -> a.get("ticket")).toList());
            assertEquals(lastSeq, ((Number) hall.js("return window.onedesk.lastSeq")).longValue());

            hall.waitUntil("#recent lists every call, newest first", d -> {
                List<Long> recent = recentSeqs(hall);
                return recent.size() >= lastSeq && recent.subList(0, (int) lastSeq)
                        .equals(LongStream.rangeClosed(1, lastSeq).map(i -> lastSeq + 1 - i).boxed().toList())
                        ? true : null;
            });
            List<Long> recent = recentSeqs(hall);
            assertEquals(recent.stream().sorted((a, b) -> Long.compare(b, a)).toList(), recent, "newest first");
            hall.waitText("#now .counter-call[data-counter=\"Q01\"] .ticket", numbers.get(3));
            hall.waitText("#now .counter-call[data-counter=\"Q02\"] .ticket", numbers.get(1));
            hall.waitText("#now .counter-call[data-counter=\"Q03\"] .ticket", numbers.get(2));
            hall.screenshot("hall-display-after-reconnect-test");
        }
    }

    private static List<Long> recentSeqs(Browser hall) {
        @SuppressWarnings("unchecked")
        List<Object> seqs = (List<Object>) hall.js(
                "return [...document.querySelectorAll('#recent li[data-seq]')].map(li => Number(li.dataset.seq))");
        return seqs.stream().map(s -> ((Number) s).longValue()).toList();
    }
}
