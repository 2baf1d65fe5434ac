package vn.onedesk.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What a java.util.logging logger of the gateway logs while the capture is open, as the records themselves. */
public final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger;
    private final Level previous;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        this.previous = logger.getLevel();
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Captures the logger of this class (the gateway names its loggers after their classes). */
    public static LogCapture of(Class<?> type) {
        return new LogCapture(Logger.getLogger(type.getName()));
    }

    /** Captures a logger and those below it by name, e.g. {@code "io.vertx"} for every Vert.x logger. */
    public static LogCapture named(String name) {
        return new LogCapture(Logger.getLogger(name));
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** Every message, formatted (with its parameters), one per line. */
    public String text() {
        StringBuilder b = new StringBuilder();
        records.forEach(r -> b.append(r.getLevel()).append(' ').append(new java.util.logging.SimpleFormatter()
                .formatMessage(r)).append('\n'));
        return b.toString();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
