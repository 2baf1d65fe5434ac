package vn.onedesk.gateway.remote;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Vietnamese mobile numbers as citizens type them: {@code 0912 345 678}, {@code 091-234-5678}, {@code +84912345678}
 * or {@code 84912345678} are one number, {@code 0912345678}. Only the normalised form is hashed, so that the same
 * phone counts once however it was typed. Mobile numbers only (03, 05, 07, 08, 09 and ten digits): a remote
 * ticket is for a phone the citizen carries.
 */
final class PhoneNumbers {
    private static final Pattern MOBILE = Pattern.compile("0[35789][0-9]{8}");

    private PhoneNumbers() {
    }

    /** The number in its normalised form, or empty when it is not a Vietnamese mobile number. */
    static Optional<String> normalised(String typed) {
        if (typed == null || typed.length() > 32) {
            return Optional.empty();
        }
        String digits = typed.replaceAll("[\\s.()-]", "");
        if (digits.startsWith("+84")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("84") && digits.length() == 11) {
            digits = "0" + digits.substring(2);
        }
        return MOBILE.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }
}
