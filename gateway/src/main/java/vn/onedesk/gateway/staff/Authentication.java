package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.protocol.ErrorCode;

/**
 * The Vert.x Web handler in front of every route that needs a login: it finds the session from the
 * {@value #COOKIE} cookie or an {@code Authorization: Bearer} header, checks that it has not ended and that its
 * account is still enabled, and puts who it is on the context ({@link #signedIn}); otherwise it answers 401
 * {@code UNAUTHENTICATED}. The roles are read with the session at every request, so a role taken away or an
 * account disabled counts at once. {@link #requireRole} follows it on routes that need a role:
 *
 * <pre>
 * router.get("/api/v1/centres/:centre/reports/daily")
 *         .handler(authentication)
 *         .handler(Authentication.requireRole("centre", Role.CENTRE_MANAGER))
 *         .handler(report);
 * </pre>
 */
public final class Authentication implements Handler<RoutingContext> {
    public static final String COOKIE = "onedesk_session";
    private static final String SIGNED_IN = "onedesk.signedIn";
    private static final Logger LOG = Logger.getLogger(Authentication.class.getName());

    private final StaffStore store;
    private final Clock clock;

    public Authentication(StaffStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Optional<String> token = token(ctx);
        if (token.isEmpty()) {
            unauthenticated(ctx, "log in first (POST " + AuthApi.LOGIN + "), then send the session cookie or"
                    + " Authorization: Bearer <token>");
            return;
        }
        byte[] hash = Tokens.hash(token.get());
        store.session(hash)
                .compose(found -> {
                    Instant now = clock.instant();
                    if (found.isEmpty()) {
                        return Future.succeededFuture(Optional.<SignedIn>empty());
                    }
                    SignedIn who = found.get();
                    if (who.session().endedAt(now)) {
                        return store.deleteSession(hash).map(Optional.<SignedIn>empty());
                    }
                    if (!who.session().dueForTouch(now)) {
                        return Future.succeededFuture(Optional.of(who));
                    }
                    return store.touch(hash, now).map(v -> Optional.of(new SignedIn(who.username(), who.fullName(),
                            who.operator(), who.roles(), who.session().seenAt(now))));
                })
                .onSuccess(who -> {
                    if (who.isEmpty()) {
                        unauthenticated(ctx, "the session has ended, was logged out, or its account is disabled:"
                                + " log in again");
                        return;
                    }
                    if (ctx.response().headWritten()) {
                        return; // answered 503 at the database deadline while the session was read
                    }
                    ctx.put(SIGNED_IN, who.get());
                    ctx.next();
                })
                .onFailure(e -> {
                    LOG.log(Level.WARNING, "a session could not be read", e);
                    HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, "the session could not be read; try again");
                });
    }

    /** Who the request comes from; present on every route behind this handler. */
    public static Optional<SignedIn> signedIn(RoutingContext ctx) {
        return Optional.ofNullable(ctx.get(SIGNED_IN));
    }

    /**
     * A handler, after {@link Authentication}, that lets the request on only if its person holds one of
     * {@code roles} at the centre named by the path parameter {@code centreParam}, or is ADMIN; otherwise 403
     * {@code FORBIDDEN}.
     */
    public static Handler<RoutingContext> requireRole(String centreParam, Role... roles) {
        Set<Role> allowed = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(Arrays.asList(roles));
        String needed = allowed.stream().map(Role::name).collect(Collectors.joining(" or "));
        return ctx -> {
            Optional<SignedIn> who = signedIn(ctx);
            if (who.isEmpty()) { // a route wired without Authentication before it: refuse rather than let through
                unauthenticated(ctx, "log in first (POST " + AuthApi.LOGIN + ")");
                return;
            }
            String centre = ctx.pathParam(centreParam);
            if (who.get().may(allowed, centre)) {
                ctx.next();
                return;
            }
            HttpErrors.send(ctx, 403, ErrorCode.FORBIDDEN, who.get().username() + " holds "
                    + (who.get().roles().isEmpty() ? "no role" : who.get().roles().toString()) + "; this needs "
                    + (needed.isEmpty() ? "" : needed + " of " + centre + ", or ") + "ADMIN");
        };
    }

    /** The token of a request: an {@code Authorization: Bearer} header, else the session cookie. */
    static Optional<String> token(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("authorization");
        if (authorization != null) {
            String[] parts = authorization.trim().split("\\s+", 2);
            if (parts.length == 2 && parts[0].equalsIgnoreCase("bearer") && !parts[1].isBlank()) {
                return Optional.of(parts[1].trim());
            }
        }
        Cookie cookie = ctx.request().getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? Optional.empty() : Optional.of(cookie.getValue());
    }

    static void unauthenticated(RoutingContext ctx, String detail) {
        if (!ctx.response().headWritten()) {
            ctx.response().putHeader("www-authenticate", "Bearer realm=\"OneDesk\"");
        }
        HttpErrors.send(ctx, 401, ErrorCode.UNAUTHENTICATED, detail);
    }
}
