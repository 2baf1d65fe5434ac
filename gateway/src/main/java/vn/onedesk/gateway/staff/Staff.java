package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.monitoring.StaffMetrics;

/** The staff feature, wired: accounts and sessions in PostgreSQL, login with its throttle, and the HTTP API. */
public final class Staff {
    private final Vertx vertx;
    private final Clock clock;
    private final StaffStore store;
    private final StaffLogin logins;
    private final Authentication authentication;
    private final OfficerPins officerPins;
    private final CounterPasses counterPasses;
    private final PasswordChecks checks;

    /** @param checks the gateway's bounded pool of password checks, shared with device logins */
    public Staff(Vertx vertx, Pool pool, StaffMetrics metrics, Clock clock, PasswordChecks checks) {
        this.vertx = vertx;
        this.clock = clock;
        this.checks = checks;
        this.store = new StaffStore(pool);
        this.logins = new StaffLogin(checks, store, new LoginThrottle(), metrics, clock);
        this.authentication = new Authentication(store, clock);
        this.officerPins = new OfficerPins(checks, store, new LoginThrottle(), clock);
        this.counterPasses = new CounterPasses(store, pool, clock);
    }

    /** The PIN check of an officer opening a counter at a hardware terminal. */
    public OfficerPins officerPins() {
        return officerPins;
    }

    /** Who may work at a centre as an officer: what a TRANSFER to an officer checks. */
    public OfficerDirectory officers() {
        return new OfficerDirectory(store);
    }

    /** The passes with which the counter console opens a counter as its logged-in officer. */
    public CounterPasses counterPasses() {
        return counterPasses;
    }

    /** The accounts a start needs: see {@link StaffSeed}. */
    public Future<Void> seed(GatewayConfig config) {
        return StaffSeed.seed(vertx, store, config, clock);
    }

    /** The login routes, {@code /api/v1/auth/...}, in a gateway where no officer is ever bound to a counter. */
    public void mount(Router router) {
        mount(router, CounterRelease.NONE);
    }

    /** The login routes; an officer's logout closes their counter through {@code counters}. */
    public void mount(Router router, CounterRelease counters) {
        new AuthApi(logins, store, authentication, counterPasses, counters, clock).mount(router);
    }

    /** The handler that routes needing a login put first. */
    public Authentication authentication() {
        return authentication;
    }

    public StaffStore store() {
        return store;
    }

    public StaffLogin logins() {
        return logins;
    }

    /** The gateway's pool of password checks, which staff logins and PINs share with device logins. */
    public PasswordChecks passwordChecks() {
        return checks;
    }
}
