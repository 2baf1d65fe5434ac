package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
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
 *   {@code TOO_MANY_ATTEMPTS} with {@code Retry-After} while the throttle locks the account or the address.</li>
 *   <li>{@code POST /api/v1/auth/logout}: 204; the session is deleted and the cookie cleared.</li>
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
    /** Longer usernames are refused as they come: no account has one (the migration's check). */
    public static final int MAX_USERNAME_LENGTH = 64;
    private static final int BODY_LIMIT = 4096;
    private static final Logger LOG = Logger.getLogger(AuthApi.class.getName());

    private final StaffLogin logins;
    private final StaffStore store;
    private final Authentication authentication;

    public AuthApi(StaffLogin logins, StaffStore store, Authentication authentication) {
        this.logins = logins;
        this.store = store;
        this.authentication = authentication;
    }

    public void mount(Router router) {
        router.post(LOGIN).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(this::login);
        router.post(LOGOUT).handler(this::logout);
        router.post(PASSWORD).handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT)).handler(authentication)
                .handler(this::password);
        router.get(ME).handler(authentication).handler(this::me);
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
            } else {
                Authentication.unauthenticated(ctx, "wrong username or password");
            }
        });
    }

    private void logout(RoutingContext ctx) {
        Optional<String> token = Authentication.token(ctx);
        (token.isEmpty() ? Future.<Void>succeededFuture() : store.deleteSession(Tokens.hash(token.get())))
                .onSuccess(v -> {
                    ctx.response().addCookie(sessionCookie(ctx, "", 0));
                    ctx.response().setStatusCode(204).putHeader("cache-control", "no-store").end();
                })
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "a session could not be deleted", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the session could not be ended; try again");
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
        ctx.response().setStatusCode(status)
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store")
                .end(body.encodePrettily());
    }
}
