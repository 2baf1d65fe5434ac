package vn.onedesk.gateway.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading numbers out of what a page shows, whatever words surround them. */
final class Texts {
    private static final Pattern INTEGER = Pattern.compile("\\d+");

    private Texts() {
    }

    /** Every whole number in the text, in order ("Còn 2 người" → [2]). */
    static List<Integer> integers(String text) {
        List<Integer> found = new ArrayList<>();
        if (text != null) {
            Matcher m = INTEGER.matcher(text);
            while (m.find()) {
                found.add(Integer.parseInt(m.group()));
            }
        }
        return found;
    }

    /** Minutes as a person reads a wait: rounded to the nearest minute. */
    static int minutes(Duration d) {
        return (int) Math.round(d.toSeconds() / 60.0);
    }
}
