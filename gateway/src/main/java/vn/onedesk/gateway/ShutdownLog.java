package vn.onedesk.gateway;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The shutdown lines, written straight to standard error in the log's own format: java.util.logging
 * resets its handlers in a shutdown hook of its own, which may run before ours, and then a logged
 * line would be lost.
 */
final class ShutdownLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ShutdownLog() {
    }

    static void line(String message) {
        System.err.println(TIME.format(LocalDateTime.now()) + " INFO    onedesk: " + message);
        System.err.flush();
    }
}
