package vn.onedesk.gateway.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.mqtt.LoginAttempts.BAD_USER_NAME_OR_PASSWORD;
import static vn.onedesk.gateway.mqtt.LoginAttempts.connect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.GatewayHarness;

/**
 * Whether a device id exists must not show in how long its wrong login takes. A statistical check, as the issue
 * asks, not a timed unit test: 30 logins with a wrong password for real device ids and 30 for ids that do not
 * exist, interleaved (which goes first alternates) so that whatever else loads the machine loads both alike, each
 * pair from an address of its own and no id more than twice, so that the throttle never steps in. The medians must
 * be within a factor of 2 of each other; before the stand-in check an unknown id was refused in about 4 ms and a
 * known one in about 84 ms (a factor of 20). Every attempt also costs exactly one hash check, which the pool counts.
 */
class DeviceLoginTimingTest {
    private static final int PAIRS = 30;
    private static final int WARM_UP = 3;
    private static GatewayHarness gateway;

    @BeforeAll
    static void start() {
        gateway = GatewayHarness.startDemo();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void aWrongLoginTakesAsLongForAnUnknownDeviceIdAsForAKnownOne() {
        List<String> known = new ArrayList<>(List.of("kiosk-1", "kiosk-2", "hall-1"));
        IntStream.rangeClosed(1, 24).forEach(n -> known.add(String.format("counter-Q%02d", n)));
        long checkedBefore = gateway.gateway().passwordChecks().checksRun();
        double[] knownMillis = new double[PAIRS];
        double[] unknownMillis = new double[PAIRS];
        for (int i = -WARM_UP; i < PAIRS; i++) {
            String from = "127.2." + (i < 0 ? 1 : 0) + "." + (Math.abs(i) + 1);
            String knownId = known.get((i + WARM_UP) % known.size());
            String unknownId = "kiosk-" + (500 + i + WARM_UP);
            double k;
            double u;
            if ((i & 1) == 0) {
                k = millis(knownId, from);
                u = millis(unknownId, from);
            } else {
                u = millis(unknownId, from);
                k = millis(knownId, from);
            }
            if (i >= 0) {
                knownMillis[i] = k;
                unknownMillis[i] = u;
            }
        }
        assertEquals(2L * (PAIRS + WARM_UP), gateway.gateway().passwordChecks().checksRun() - checkedBefore,
                "each wrong login, for a known id or an unknown one, cost one hash check");
        double knownMedian = median(knownMillis);
        double unknownMedian = median(unknownMillis);
        double ratio = unknownMedian / knownMedian;
        String figures = String.format("median %.1f ms for unknown ids, %.1f ms for known ones (ratio %.2f);"
                + " unknown %s, known %s", unknownMedian, knownMedian, ratio, Arrays.toString(round(unknownMillis)),
                Arrays.toString(round(knownMillis)));
        System.out.println("DeviceLoginTimingTest: " + figures);
        assertTrue(ratio >= 0.5 && ratio <= 2.0, figures);
    }

    private static double millis(String deviceId, String from) {
        long start = System.nanoTime();
        int code = connect(gateway.mqttUri(), deviceId, "Sai-mat-khau-42", from);
        double took = (System.nanoTime() - start) / 1e6;
        assertEquals(BAD_USER_NAME_OR_PASSWORD, code, deviceId + " from " + from);
        return took;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static long[] round(double[] values) {
        return Arrays.stream(values).mapToLong(Math::round).toArray();
    }
}
