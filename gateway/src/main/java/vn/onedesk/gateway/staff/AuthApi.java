package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.protocol.ErrorCode;

/**
 * Human login over HTTP:
 * <ul>
 *   <li>{@code POST /api/v1/auth/login} {@code {"username","password"}}: 200 with who logged in, their roles, when
 *   the session ends and its {@code token} (for {@code Authorization: Bearer}), and the same token in the
 *   {@value Authentication#COOKIE} cookie (HttpOnly, SameSite=Strict, Path=/, Secure when the request came over
 *   TLS); 401 {@code UNAUTHENTICATED} for a wrong username or password or a disabled account, alike; 429
 *   {@code TOO_MANY_ATTEMPTS} with {@code Retry-After} while the throttle locks the account or the address; 503
 *   {@code UNAVAILABLE} with {@code Retry-After: 1} when every password-check thread is busy and the queue full
 *   ({@link vn.onedesk.gateway.security.PasswordChecks}).</li>
 *   <li>{@code POST /api/v1/auth/logout}: the session is deleted and the cookie cleared; an officer bound to a
 *   counter is unbound by closing it ({@link CounterRelease}): 200 {@code {"counters": [...]}} says what became of
 *   it (closed, or still open because it holds a ticket); otherwise 204.</li>
 *   <li>{@code POST /api/v1/auth/counter-pass}: for a logged-in OFFICER only, a short-lived single-use pass with
 *   which the counter console opens a counter as them ({@link CounterPasses}); 403 {@code FORBIDDEN} for anyone
 *   else.</li>
 *   <li>{@code POST /api/v1/auth/password} {@code {"currentPassword","newPassword"}}: 204; the person's other
 *   sessions end.</li>
 *   <li>{@code GET /api/v1/auth/me}: who the session belongs to, as login answers, without the token.</li>
 * </ul>
 * Bodies are JSON, sent with {@code Content-Type: application/json}: a form that another site posts cannot
 * be one without the browser asking first (CORS), which this gateway never allows.
 */
public final class AuthApi {
    public static final String LOGIN = "/api/v1/auth/login";
    public static final String LOGOUT = "/api/v1/auth/logout";
    public static final String PASSWORD = "/api/v1/auth/password";
    public static final String ME = "/api/v1/auth/me";
    public static final String COUNTER_PASS = "/api/v1/auth/counter-pass";
    /** Longer usernames are refused as they come: no account has one (the migration's check). */
    public static final int MAX_USERNAME_LENGTH = 64;
    private static final int BODY_LIMIT = 4096;
    private static final Logger LOG = Logger.getLogger(AuthApi.class.getName());

    private final StaffLogin logins;
    private final StaffStore store;
    private final Authentication authentication;
    private final CounterPasses passes;
    private final CounterRelease counters;
    private final Clock clock;

    public AuthApi(StaffLogin logins, StaffStore store, Authentication authentication, CounterPasses passes,
                   CounterRelease counters, Clock clock) {
        this.logins = logins;
        this.store = store;
        this.authentication = authentication;
        this.passes = passes;
        this.counters = counters;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.post(LOGIN).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::login);
        router.post(LOGOUT).handler(this::logout);
        router.post(PASSWORD).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(authentication)
                .handler(this::password);
        router.get(ME).handler(authentication).handler(this::me);
        router.post(COUNTER_PASS).handler(authentication).handler(this::counterPass);
    }

    private void login(RoutingContext ctx) {
        Optional<JsonObject> body = jsonBody(ctx);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> username = text(ctx, body.get(), "username", MAX_USERNAME_LENGTH);
        Optional<String> password = username.isEmpty() ? Optional.empty()
                : text(ctx, body.get(), "password", StaffLogin.MAX_PASSWORD_LENGTH);
        if (password.isEmpty()) {
            return;
        }
        logins.login(username.get(), password.get(), address(ctx)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "a login could not be completed", ar.cause());
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the login could not be checked; try again");
            } else if (ar.result() instanceof StaffLogin.LoggedIn in) {
                ctx.response().addCookie(sessionCookie(ctx, in.token(),
                        in.who().session().expires().getEpochSecond() - in.who().session().created().getEpochSecond()));
                json(ctx, 200, in.who().toJson().put("token", in.token()));
            } else if (ar.result() instanceof StaffLogin.Throttled t) {
                tooManyAttempts(ctx, t.retryAfter());
            } else if (ar.result() instanceof StaffLogin.Busy) {
                ctx.response().putHeader("retry-after", "1");
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "too many logins are being checked at this moment;"
                        + " try again in a second");
            } else {
                Authentication.unauthenticated(ctx, "wrong username or password");
            }
        });
    }

    /**
     * Ends the session. If it is an officer's, their outstanding counter pass is revoked and the counter they are
     * bound to is closed on their behalf first; a counter holding a ticket stays open with it (the session ends
     * anyway, and the answer says so). If a counter cannot be closed now for want of the database, nothing changes
     * and the answer is 503, so that the officer tries again rather than leaves a counter in their name.
     */
    private void logout(RoutingContext ctx) {
        Optional<String> token = Authentication.token(ctx);
        if (token.isEmpty()) {
            loggedOut(ctx, List.of(), null);
            return;
        }
        byte[] hash = Tokens.hash(token.get());
        String[] who = {null};
        store.session(hash)
                .compose(found -> {
                    Optional<SignedIn> live = found.filter(s -> !s.session().endedAt(clock.instant()));
                    if (live.isEmpty()) {
                        return Future.succeededFuture(List.<CounterRelease.Released>of());
                    }
                    who[0] = live.get().username();
                    return passes.revoke(who[0]).compose(revoked -> counters.release(who[0]));
                })
                .compose(released -> store.deleteSession(hash).map(released))
                .onSuccess(released -> loggedOut(ctx, released, who[0]))
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "a logout could not be completed", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the logout could not be completed (the session"
                            + " and any counter are as they were); try again");
                });
    }

    private void loggedOut(RoutingContext ctx, List<CounterRelease.Released> released, String officer) {
        if (ctx.response().headWritten()) {
            return; // already answered at the database deadline
        }
        ctx.response().addCookie(sessionCookie(ctx, "", 0));
        if (released.isEmpty()) {
            ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
            return;
        }
        released.stream().filter(CounterRelease.Released::open).forEach(r -> LOG.info(() -> officer
                + " logged out while counter " + r.centre() + "/" + r.counter() + " holds " + r.ticket().orElse("?")
                + ": it stays open with them bound"));
        json(ctx, 200, new JsonObject().put("counters",
                new JsonArray(released.stream().map(r -> r.toJson(officer)).toList())));
    }

    /**
     * A counter pass for the logged-in officer: only a person holding OFFICER (at any centre; the OPEN checks the
     * counter's) gets one, not an ADMIN or a manager, who work no counter.
     */
    private void counterPass(RoutingContext ctx) {
        SignedIn who = Authentication.signedIn(ctx).orElseThrow();
        if (who.roles().stream().noneMatch(r -> r.role() == Role.OFFICER)) {
            HttpErrors.send(ctx, 403, ErrorCode.FORBIDDEN, who.username() + " holds "
                    + (who.roles().isEmpty() ? "no role" : who.roles().toString())
                    + "; only an OFFICER gets a counter pass");
            return;
        }
        passes.issue(who.username()).onComplete(ar -> {
            if (ctx.response().headWritten()) {
                return; // already answered at the database deadline
            }
            if (ar.failed()) {
                LOG.log(Level.WARNING, "a counter pass could not be stored", ar.cause());
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the counter pass could not be issued; try again");
                return;
            }
            CounterPasses.Issued issued = ar.result();
            json(ctx, 200, new JsonObject()
                    .put("officer", new JsonObject().put("id", who.username()).put("name", who.fullName()))
                    .put("pass", issued.pass())
                    .put("expiresAt", issued.expiresAt().toString()));
        });
    }

    private void password(RoutingContext ctx) {
        SignedIn who = Authentication.signedIn(ctx).orElseThrow();
        Optional<JsonObject> body = jsonBody(ctx);
        if (body.isEmpty()) {
            return;
        }
        Optional<String> current = text(ctx, body.get(), "currentPassword", StaffLogin.MAX_PASSWORD_LENGTH);
        Optional<String> next = current.isEmpty() ? Optional.empty()
                : text(ctx, body.get(), "newPassword", StaffLogin.MAX_PASSWORD_LENGTH);
        if (next.isEmpty()) {
            return;
        }
        if (next.get().codePointCount(0, next.get().length()) < StaffLogin.MIN_PASSWORD_LENGTH) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "'newPassword' needs at least "
                    + StaffLogin.MIN_PASSWORD_LENGTH + " characters");
            return;
        }
        logins.changePassword(who, current.get(), next.get(), address(ctx)).onComplete(ar -> {
            if (ar.failed()) {
                LOG.log(Level.WARNING, "a password change could not be completed", ar.cause());
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the password could not be changed; try again");
            } else if (ar.result() instanceof StaffLogin.Changed) {
                if (ctx.response().headWritten()) {
                    return; // already answered at the database deadline
                }
                ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
            } else if (ar.result() instanceof StaffLogin.ChangeThrottled t) {
                tooManyAttempts(ctx, t.retryAfter());
            } else {
                HttpErrors.send(ctx, 403, ErrorCode.FORBIDDEN, "'currentPassword' is wrong");
            }
        });
    }

    private void me(RoutingContext ctx) {
        json(ctx, 200, Authentication.signedIn(ctx).orElseThrow().toJson());
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no other site's page sends it),
     * Path=/, and Secure only when the request came over TLS, since a Secure cookie sent over plain HTTP would
     * never come back. {@code maxAgeSeconds} 0 clears it.
     */
    private static Cookie sessionCookie(RoutingContext ctx, String token, long maxAgeSeconds) {
        return Cookie.cookie(Authentication.COOKIE, token)
                .setPath("/")
                .setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT)
                .setSecure(ctx.request().isSSL())
                .setMaxAge(maxAgeSeconds);
    }

    private static void tooManyAttempts(RoutingContext ctx, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        ctx.response().putHeader("retry-after", String.valueOf(seconds));
        HttpErrors.send(ctx, 429, ErrorCode.TOO_MANY_ATTEMPTS, "too many failed logins; try again in " + seconds
                + " s");
    }

    private static Optional<JsonObject> jsonBody(RoutingContext ctx) {
        String type = ctx.request().getHeader("content-type");
        if (type == null || !type.trim().toLowerCase(Locale.ROOT).startsWith("application/json")) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "send a JSON body with Content-Type: application/json");
            return Optional.empty();
        }
        try {
            Object json = ctx.body().buffer() == null ? null : ctx.body().buffer().toJsonValue();
            if (json instanceof JsonObject object) {
                return Optional.of(object);
            }
        } catch (RuntimeException e) {
            // answered below
        }
        HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "the body must be a JSON object");
        return Optional.empty();
    }

    private static Optional<String> text(RoutingContext ctx, JsonObject body, String field, int maxLength) {
        if (!(body.getValue(field) instanceof String value) || value.isEmpty()) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "'" + field + "' is required, as a string");
            return Optional.empty();
        }
        if (value.length() > maxLength) {
            HttpErrors.send(ctx, 400, ErrorCode.INVALID_REQUEST, "'" + field + "' is longer than " + maxLength
                    + " characters");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static String address(RoutingContext ctx) {
        SocketAddress remote = ctx.request().remoteAddress();
        return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        if (ctx.response().headWritten()) {
            return; // already answered: 503 at the database deadline (DatabaseDeadline)
        }
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body.encodePrettily());
    }
}
