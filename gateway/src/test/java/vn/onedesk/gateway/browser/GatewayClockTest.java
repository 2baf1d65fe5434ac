package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.Browser;

/**
 * A TV box or kiosk in a centre without internet often has no network time and a wrong clock of its own.
 * The screens follow the gateway's clock instead: here the gateway's clock stands hours away from the
 * browser's (today at 15:47 at the centre), and the hall's clock shows the gateway's time.
 */
class GatewayClockTest extends BrowserTest {
    private static final LocalTime GATEWAY_TIME = LocalTime.of(15, 47);

    @Override
    protected Clock gatewayClock() {
        return centreTimeOfDay(GATEWAY_TIME);
    }

    @Test
    void theHallClockShowsTheGatewaysTimeNotTheDevicesOwn() throws Exception {
        Browser hall = browser().open(url("/display/hall"));
        hall.waitConnection("online");
        String clock = hall.waitUntil("#clock shows a time", d -> {
            String c = hall.text("#clock");
            return c == null || c.isBlank() ? null : c;
        });
        // the gateway's 15:47, or the minute after if it turned while the page loaded
        assertTrue(List.of("15:47", "15:48").contains(clock), "the hall clock reads " + clock
                + ", not the gateway's 15:47 (the browser's own time differs by hours)");
    }
}
