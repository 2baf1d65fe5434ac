package vn.onedesk.gateway.phones;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vietnamese phone numbers as citizens type them ({@code 0912 345 678}, {@code 091-234-5678}, {@code 091.234.5678},
 * {@code +84912345678}, {@code 84912345678}) in one national form ({@code 0912345678}), so that one number typed two
 * ways counts once in a limit per phone; only that form is ever hashed ({@link vn.onedesk.gateway.config.PhoneKey}).
 * Bookings take any Vietnamese number; remote tickets only a mobile one, the phone the citizen carries.
 */
public final class PhoneNumbers {
    private static final Pattern NATIONAL = Pattern.compile("0[1-9][0-9]{8,9}");
    private static final Pattern MOBILE = Pattern.compile("0[35789][0-9]{8}");

    private PhoneNumbers() {
    }

    /** Any Vietnamese number in its national form; empty when it is none. */
    public static Optional<String> normalised(String typed) {
        return national(typed).filter(n -> NATIONAL.matcher(n).matches());
    }

    /** A Vietnamese mobile number (03, 05, 07, 08, 09 and ten digits) in its national form; empty otherwise. */
    public static Optional<String> mobile(String typed) {
        return national(typed).filter(n -> MOBILE.matcher(n).matches());
    }

    private static Optional<String> national(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+84")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("84") && (digits.length() == 11 || digits.length() == 12)) {
            digits = "0" + digits.substring(2);
        }
        return Optional.of(digits);
    }
}
