package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * The accounts a gateway needs before anyone can log in, made at start if absent:
 * <ul>
 *   <li>in the built-in demo, the demo staff, all with the password {@value #DEMO_PASSWORD}: {@code admin}
 *   (ADMIN), {@code manager} (CENTRE_MANAGER of the demo centre) and {@code officer-Q01} …
 *   {@code officer-Q24} (OFFICER of the demo centre, with their counter's operator and the PIN
 *   {@value #DEMO_PIN});</li>
 *   <li>with a real configuration and no ADMIN account yet, {@code admin} with a random one-time password that
 *   the log shows once.</li>
 * </ul>
 * Hashing is slow on purpose (PBKDF2, 210,000 iterations), so it runs on workers, and the demo hashes each of
 * its two secrets once per JVM and gives every demo account the same hash: 26 accounts cost two hashes, not 52.
 * That is acceptable for published demo passwords only; every other account gets a salt of its own.
 */
public final class StaffSeed {
    public static final String DEMO_PASSWORD = "demo";
    public static final String DEMO_PIN = "1234";
    public static final String ADMIN = "admin";
    public static final String MANAGER = "manager";
    public static final String OFFICER_PREFIX = "officer-";
    static final int BOOTSTRAP_PASSWORD_LENGTH = 16;
    private static final Logger LOG = Logger.getLogger(StaffSeed.class.getName());

    private StaffSeed() {
    }

    /** Makes what is missing. Also prepares the stand-in hash that unknown usernames are checked against. */
    public static Future<Void> seed(Vertx vertx, StaffStore store, GatewayConfig config, Clock clock) {
        Future<Void> standIn = vertx.executeBlocking(() -> {
            StaffLogin.prepare();
            return null;
        }, false);
        Future<Void> accounts = config.demo() ? demo(vertx, store, config, clock) : bootstrapAdmin(vertx, store, clock);
        return Future.all(standIn, accounts).mapEmpty();
    }

    // ---------------------------------------------------------------- the demo

    /** The demo's staff for its first centre; hashes are filled in by {@link #demo}. */
    static List<String> demoUsernames(CentreDefinition centre) {
        List<String> names = new ArrayList<>(List.of(ADMIN, MANAGER));
        centre.counters().forEach(c -> names.add(OFFICER_PREFIX + c.id()));
        return names;
    }

    private static Future<Void> demo(Vertx vertx, StaffStore store, GatewayConfig config, Clock clock) {
        CentreDefinition centre = config.centres().get(0);
        return store.existing(demoUsernames(centre)).compose(existing -> {
            if (existing.size() == demoUsernames(centre).size()) {
                return Future.succeededFuture();
            }
            Future<PasswordHash.Pbkdf2> password = vertx.executeBlocking(DemoPassword::hash, false);
            Future<PasswordHash.Pbkdf2> pin = vertx.executeBlocking(DemoPin::hash, false);
            return Future.all(password, pin).compose(hashed -> {
                List<StaffAccount> accounts = new ArrayList<>();
                accounts.add(new StaffAccount(ADMIN, "Quản trị hệ thống (demo)", Optional.empty(), password.result(),
                        Optional.empty(), true, List.of(RoleAssignment.admin())));
                accounts.add(new StaffAccount(MANAGER, "Lãnh đạo trung tâm (demo)", Optional.empty(),
                        password.result(), Optional.empty(), true, List.of(RoleAssignment.managerOf(centre.id()))));
                for (CounterDefinition counter : centre.counters()) {
                    accounts.add(new StaffAccount(OFFICER_PREFIX + counter.id(), "Cán bộ quầy " + counter.number()
                            + " (demo)", Optional.of(counter.operator().code()), password.result(),
                            Optional.of(pin.result()), true, List.of(RoleAssignment.officerAt(centre.id()))));
                }
                List<StaffAccount> missing = accounts.stream().filter(a -> !existing.contains(a.username())).toList();
                return store.createMissing(missing, clock.instant());
            }).map(created -> {
                if (!created.isEmpty()) {
                    LOG.info(() -> "demo: created " + created.size() + " staff account(s) (" + summary(created)
                            + "), password " + DEMO_PASSWORD);
                }
                return null;
            });
        });
    }

    private static String summary(List<String> usernames) {
        return usernames.size() <= 4 ? String.join(", ", usernames)
                : String.join(", ", usernames.subList(0, 3)) + " … " + usernames.get(usernames.size() - 1);
    }

    /** The demo password's hash, made once per JVM (tests start many demo gateways). */
    private static final class DemoPassword {
        private static final PasswordHash.Pbkdf2 HASH = PasswordHash.create(DEMO_PASSWORD.toCharArray());

        static PasswordHash.Pbkdf2 hash() {
            return HASH;
        }
    }

    private static final class DemoPin {
        private static final PasswordHash.Pbkdf2 HASH = PasswordHash.create(DEMO_PIN.toCharArray());

        static PasswordHash.Pbkdf2 hash() {
            return HASH;
        }
    }

    // ---------------------------------------------------------------- a real configuration

    private static Future<Void> bootstrapAdmin(Vertx vertx, StaffStore store, Clock clock) {
        return store.anyAdmin().compose(any -> {
            if (any) {
                return Future.succeededFuture();
            }
            String password = Tokens.newPassword(BOOTSTRAP_PASSWORD_LENGTH);
            return vertx.executeBlocking(() -> PasswordHash.create(password.toCharArray()), false)
                    .compose(hash -> store.create(new StaffAccount(ADMIN, "Quản trị hệ thống", Optional.empty(), hash,
                            Optional.empty(), true, List.of(RoleAssignment.admin())), clock.instant()))
                    .map(created -> {
                        if (created) {
                            LOG.info("no administrator account yet, so OneDesk created one: username " + ADMIN
                                    + ", one-time password " + password + "\n  Log in with it (POST "
                                    + AuthApi.LOGIN + ") and change it at once (POST " + AuthApi.PASSWORD
                                    + "). It is shown only this once, and stored only as a hash.");
                        } else {
                            LOG.warning("no account holds ADMIN, and the username " + ADMIN + " is taken by an account"
                                    + " that does not: no administrator was created. Give an account the ADMIN role in"
                                    + " the staff_roles table.");
                        }
                        return null;
                    });
        });
    }
}
