package vn.onedesk.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dossier codes (mã hồ sơ) as the national public-service portal writes them on a receipt, e.g.
 * {@code 000.00.24.H12-241203-0001}: upper-case letters, digits, '.', '-' and '/', starting with a letter or digit,
 * {@value #MIN_LENGTH}..{@value #MAX_LENGTH} characters. A barcode scanner types exactly that; the gateway checks the
 * shape only (whether the dossier exists is the one-stop software's business, which OneDesk does not reach), and
 * refuses anything else with INVALID_FIELD naming the field, so no free text (a name, an ID number) rides along.
 */
public final class DossierCodes {
    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 40;
    /** The most dossiers one COMPLETE or TRANSFER may carry. */
    public static final int MAX_PER_COMMAND = 10;
    private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9./-]{" + (MIN_LENGTH - 1) + ","
            + (MAX_LENGTH - 1) + "}");

    private DossierCodes() {
    }

    /** Whether the value has the shape of a dossier code. */
    public static boolean valid(String value) {
        return value != null && CODE.matcher(value).matches();
    }

    /** One code in {@code field}; null stays null (the field is optional). */
    public static String optional(String field, String value) {
        if (value != null && !valid(value)) {
            throw invalid(field);
        }
        return value;
    }

    /** A list of 0..{@value #MAX_PER_COMMAND} distinct codes in {@code field}, copied; null becomes empty. */
    public static List<String> list(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_PER_COMMAND) {
            throw new Fields.InvalidFieldException(field, "'" + field + "' may hold at most " + MAX_PER_COMMAND
                    + " dossier codes, not " + values.size(), ErrorCode.INVALID_FIELD);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String code = values.get(i);
            if (!valid(code)) {
                throw invalid(field + "[" + i + "]");
            }
            if (!seen.add(code)) {
                throw new Fields.InvalidFieldException(field + "[" + i + "]", "'" + field + "[" + i + "]' repeats"
                        + " dossier " + code + ": give each dossier once", ErrorCode.INVALID_FIELD);
            }
        }
        return List.copyOf(values);
    }

    private static Fields.InvalidFieldException invalid(String field) {
        return new Fields.InvalidFieldException(field, "'" + field + "' must be a dossier code: " + MIN_LENGTH + "-"
                + MAX_LENGTH + " upper-case letters, digits, '.', '-' or '/', starting with a letter or digit,"
                + " e.g. 000.00.24.H12-241203-0001", ErrorCode.INVALID_FIELD);
    }
}
