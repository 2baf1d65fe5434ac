package vn.onedesk.gateway.staff;

import java.util.Optional;

/**
 * What checking the officer that a counter's OPEN names came to, whether they proved who they are with their PIN
 * at a hardware terminal ({@link OfficerPins}) or with a counter pass at the console ({@link CounterPasses}).
 */
public sealed interface OfficerVerdict {

    /** The officer may open the counter. */
    record Verified(String username, String fullName) implements OfficerVerdict {
    }

    /**
     * Unknown officer, wrong PIN or pass, no PIN set, disabled, not an OFFICER of the centre, or throttled: one
     * answer for all, so that nothing tells whether the officer exists.
     */
    record Refused(String detail) implements OfficerVerdict {
    }

    /** The right officer and proof, but another operator than the counter's. */
    record WrongOperator(String detail) implements OfficerVerdict {
    }

    /** Whether the account may work a counter at {@code centre}: enabled, and OFFICER there (ADMIN is not). */
    static boolean officerAt(Optional<StaffAccount> account, String centre) {
        return account.isPresent() && account.get().enabled() && account.get().roles().stream()
                .anyMatch(r -> r.role() == Role.OFFICER && centre.equals(r.centre()));
    }

    /** Verified, or WrongOperator when the officer works for another operator than the counter's. */
    static OfficerVerdict forCounter(StaffAccount officer, String counter, String operator) {
        if (!officer.operator().map(operator::equals).orElse(false)) {
            return new WrongOperator("officer " + officer.username() + " works for "
                    + officer.operator().orElse("no operator") + ", counter " + counter + " is " + operator + "'s");
        }
        return new Verified(officer.username(), officer.fullName());
    }
}
