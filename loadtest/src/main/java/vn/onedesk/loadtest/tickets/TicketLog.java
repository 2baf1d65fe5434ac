package vn.onedesk.loadtest.tickets;

import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kiosks' own record of every ticket they were given, one JSON object a line: kiosk, requestId,
 * ticketId, number, service. A retry that is answered again is written again, so the audit can check
 * that the same request always got the same ticket.
 */
public final class TicketLog implements AutoCloseable {
    private final BufferedWriter out;
    private volatile java.util.function.Consumer<Entry> observer = e -> { };

    /** One ticket as a kiosk received it. */
    public record Entry(String kiosk, String requestId, String ticketId, String number, String service) {
        JsonObject toJson() {
            return new JsonObject().put("kiosk", kiosk).put("requestId", requestId).put("ticketId", ticketId)
                    .put("number", number).put("service", service);
        }

        static Entry of(JsonObject json) {
            return new Entry(json.getString("kiosk"), json.getString("requestId"), json.getString("ticketId"),
                    json.getString("number"), json.getString("service"));
        }
    }

    public TicketLog(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    /** Told of every ticket as it is written (the cluster crash test times each centre's recovery with it). */
    public void observe(java.util.function.Consumer<Entry> observer) {
        this.observer = observer;
    }

    public synchronized void write(Entry entry) {
        observer.accept(entry);
        try {
            out.write(entry.toJson().encode());
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void flush() throws IOException {
        out.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                entries.add(Entry.of(new JsonObject(line)));
            }
        }
        return entries;
    }
}
