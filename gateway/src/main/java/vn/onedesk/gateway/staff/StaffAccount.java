package vn.onedesk.gateway.staff;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * A person who logs in over HTTP.
 *
 * @param operator who they work for, as a counter's operator (POSTAL, BHXH, CONG_AN, ...); empty for staff who
 *                 work no counter, such as an administrator
 * @param pin      an officer's PIN for a hardware terminal, hashed like the password
 */
public record StaffAccount(String username, String fullName, Optional<String> operator, PasswordHash.Pbkdf2 password,
                           Optional<PasswordHash.Pbkdf2> pin, boolean enabled, List<RoleAssignment> roles) {
    public StaffAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(fullName, "fullName");
        Objects.requireNonNull(password, "password");
        operator = operator == null ? Optional.empty() : operator;
        pin = pin == null ? Optional.empty() : pin;
        roles = List.copyOf(roles);
    }

    @Override
    public String toString() {
        return "StaffAccount[" + username + ", " + roles + (enabled ? "" : ", disabled") + "]"; // no hashes in logs
    }
}
