package vn.onedesk.protocol;

import java.util.Arrays;
import java.util.Optional;

/** Parses topic names of protocol v1 into {@link Topic}s. */
public final class Topics {
    public static final String PREFIX = "onedesk/v1/";
    /** A segment is {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}. */
    private static final String SEGMENT_PUNCTUATION = "._-";
    /** No v1 topic has more segments after the prefix. */
    private static final int MAX_SEGMENTS = 5;

    private Topics() {
    }

    /** The topic, or empty when the name is not one of protocol v1's. */
    public static Optional<Topic> parse(String name) {
        if (name == null || !name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] s = segments(name);
        if (s == null) {
            return Optional.empty();
        }
        String centre = s[0];
        if (s.length == 2 && s[1].equals("calls")) {
            return Optional.of(new Topic.Calls(centre));
        }
        if (s.length == 2 && s[1].equals("board")) {
            return Optional.of(new Topic.Board(centre));
        }
        if (s.length == 5 && s[1].equals("kiosks") && s[3].equals("tickets")) {
            return switch (s[4]) {
                case "request" -> Optional.of(new Topic.TicketRequest(centre, s[2]));
                case "response" -> Optional.of(new Topic.TicketResponse(centre, s[2]));
                default -> Optional.empty();
            };
        }
        if (s.length == 4 && s[1].equals("counters")) {
            return switch (s[3]) {
                case "commands" -> Optional.of(new Topic.CounterCommands(centre, s[2]));
                case "replies" -> Optional.of(new Topic.CounterReplies(centre, s[2]));
                case "now" -> Optional.of(new Topic.CounterNow(centre, s[2]));
                case "queue" -> Optional.of(new Topic.CounterQueue(centre, s[2]));
                default -> Optional.empty();
            };
        }
        if (s.length == 5 && s[1].equals("counters") && s[3].equals("rating")) {
            return switch (s[4]) {
                case "prompt" -> Optional.of(new Topic.RatingPrompt(centre, s[2]));
                case "submit" -> Optional.of(new Topic.RatingSubmit(centre, s[2]));
                case "replies" -> Optional.of(new Topic.RatingReplies(centre, s[2]));
                default -> Optional.empty();
            };
        }
        if (s.length == 4 && s[1].equals("services") && s[3].equals("wait")) {
            return Optional.of(new Topic.ServiceWait(centre, s[2]));
        }
        if (s.length == 4 && s[1].equals("devices")) {
            return switch (s[3]) {
                case "status" -> Optional.of(new Topic.DeviceStatus(centre, s[2]));
                case "errors" -> Optional.of(new Topic.DeviceErrors(centre, s[2]));
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

    /**
     * The segments after the prefix, split and checked in one pass (every message a device publishes is parsed, so
     * no regular expression and no split's pattern); null when one is not a segment or there are too many.
     */
    private static String[] segments(String name) {
        String[] parts = new String[MAX_SEGMENTS];
        int count = 0;
        int start = PREFIX.length();
        for (int i = start; i <= name.length(); i++) {
            if (i == name.length() || name.charAt(i) == '/') {
                if (count == MAX_SEGMENTS || !AsciiIdentifiers.matches(name, start, i, SEGMENT_PUNCTUATION)) {
                    return null;
                }
                parts[count++] = name.substring(start, i);
                start = i + 1;
            }
        }
        return count == MAX_SEGMENTS ? parts : Arrays.copyOf(parts, count);
    }

    /** Whether a string can be one segment of a topic (a centre, kiosk, counter, service or device id). */
    public static boolean isSegment(String value) {
        return value != null && AsciiIdentifiers.matches(value, 0, value.length(), SEGMENT_PUNCTUATION);
    }
}
