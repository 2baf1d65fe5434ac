package vn.onedesk.engine.centre;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who staffs a counter: Vietnam Post (POSTAL) or an agency that keeps its own officers
 * (BHXH, CONG_AN, ...). A value rather than an enum because provinces add agencies by configuration.
 */
public record Operator(String code) {
    // CODE must be initialised before POSTAL: the constructor of POSTAL checks against it.
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");
    public static final Operator POSTAL = new Operator("POSTAL");

    public Operator {
        Objects.requireNonNull(code, "operator code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("operator code must be upper-case letters, digits or '_': " + code);
        }
    }

    public boolean isPostal() {
        return this.equals(POSTAL);
    }

    @Override
    public String toString() {
        return code;
    }
}
