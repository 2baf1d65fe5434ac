package vn.onedesk.gateway.monitoring;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Asks again until the answer is the expected one: for effects the gateway applies asynchronously. */
final class Polling {
    private Polling() {
    }

    static <T> T until(Supplier<T> ask, Predicate<T> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = ask.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not as expected within " + timeout + "; last answer: " + last);
            }
            Thread.sleep(100);
            last = ask.get();
        }
        return last;
    }
}
