package vn.onedesk.monitoring;

/** What staff logins over HTTP record. */
public interface StaffMetrics {
    /** One refused login attempt. Usernames and addresses are never labels: they are logged instead. */
    void loginFailed(LoginFailure reason);
}
