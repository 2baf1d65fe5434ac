package vn.onedesk.gateway.booking;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Vietnamese phone number as a citizen types it ({@code 0912 345 678}, {@code 091.234.5678}, {@code +84912345678})
 * in one form, {@code 0} and 9 or 10 digits, so that one number typed two ways is one number for the limit per phone.
 */
final class PhoneNumbers {
    private static final Pattern NATIONAL = Pattern.compile("0[1-9][0-9]{8,9}");

    private PhoneNumbers() {
    }

    /** The number in its one form; empty when it is not a Vietnamese phone number. */
    static Optional<String> normalised(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+84")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("84") && digits.length() >= 11) {
            digits = "0" + digits.substring(2);
        }
        return NATIONAL.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }
}
