package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.centre.BookingCalendar;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.devices.DeviceRegistry;
import vn.onedesk.gateway.devices.DeviceStore;
import vn.onedesk.gateway.http.HttpErrors;
import vn.onedesk.gateway.presence.PresenceTracker;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.staff.Authentication;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.gateway.staff.SignedIn;
import vn.onedesk.gateway.staff.StaffStore;
import vn.onedesk.protocol.ErrorCode;

/**
 * The administration API, {@code /api/v1/admin/...}: its routes are made from the OpenAPI document shipped in the jar
 * ({@value #CONTRACT}, served at {@value #DOCUMENT}), one per documented operation, and Vert.x's OpenAPI validator
 * checks every request against it before a handler runs; there is no administration route outside the document. Login comes first (401
 * before anything is read), then the role and centre (403), then the document's checks (400 INVALID_FIELD, naming
 * the field), then the domain's rules (404, 409).
 */
public final class AdminApi {
    public static final String CONTRACT = "openapi/onedesk-admin.yaml";
    public static final String DOCUMENT = "/api/v1/openapi.yaml";
    static final String CENTRES = "/api/v1/admin/centres";
    static final String STAFF = "/api/v1/admin/staff";
    private static final Logger LOG = Logger.getLogger(AdminApi.class.getName());
    private static final long MAX_BODY = 64 * 1024;

    /** One documented operation, routed on the gateway's router with Vert.x's validation before its handler. */
    private record Operation(io.vertx.openapi.contract.Operation operation,
                             io.vertx.core.Handler<RoutingContext> access,
                             io.vertx.core.Handler<RoutingContext> handler) {
    }

    private final List<Operation> operations;
    private final io.vertx.openapi.validation.RequestValidator validator;
    private final byte[] document;
    private final Authentication authentication;

    private AdminApi(List<Operation> operations, io.vertx.openapi.validation.RequestValidator validator,
                     byte[] document, Authentication authentication) {
        this.operations = operations;
        this.validator = validator;
        this.document = document;
        this.authentication = authentication;
    }

    /** Everything the API works on. */
    public record Parts(Vertx vertx, Pool pool, Centres centres, Administration administration,
                        PresenceTracker presence, Authentication authentication, Clock clock) {
    }

    /**
     * Reads and resolves the document (Vert.x checks it against the OpenAPI 3.1 meta-schema), and pairs each of its
     * operations with its handler; an operation without one is a bug found at start, not at the first request.
     */
    public static Future<AdminApi> create(Parts parts) {
        // Vert.x's file system finds the resource on the class path, off the event loop this is called on; the
        // contract reads it again by name, which keeps its relative references resolvable.
        return parts.vertx().fileSystem().readFile(CONTRACT)
                .recover(e -> Future.failedFuture(new IllegalStateException("the jar lacks " + CONTRACT, e)))
                .compose(document -> OpenAPIContract.from(parts.vertx(), CONTRACT).map(contract -> {
                    Handlers handlers = new Handlers(parts);
                    List<Operation> operations = contract.operations().stream()
                            .map(op -> new Operation(op, handlers.access(op.getOperationId()),
                                    handlers.forOperation(op.getOperationId()))).toList();
                    return new AdminApi(operations,
                            io.vertx.openapi.validation.RequestValidator.create(parts.vertx(), contract),
                            document.getBytes(), parts.authentication());
                }));
    }

    /**
     * Routes the documented operations, and only those, on the gateway's router: the body is read, the login checked
     * (401) and the role and centre (403) before anything else, then Vert.x validates the request against the
     * document (400), then the handler runs.
     * Routes are added to the gateway's own router rather than mounted as a sub-router at the root, which would
     * relabel every request's route in the HTTP metrics.
     */
    public void mount(Router main) {
        main.get(DOCUMENT).handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .end(io.vertx.core.buffer.Buffer.buffer(document)));
        RequestExtractor extractor = RequestExtractor.withBodyHandler();
        for (Operation op : operations) {
            String path = op.operation().getOpenAPIPath().replaceAll("\\{([^}]+)}", ":$1");
            main.route(op.operation().getHttpMethod(), path)
                    .handler(BodyHandler.create(false).setBodyLimit(MAX_BODY))
                    .handler(authentication)
                    .handler(op.access())
                    .handler(ctx -> extractor.extractValidatableRequest(ctx, op.operation())
                            .compose(request -> validator.validate(request, op.operation().getOperationId()))
                            .onSuccess(validated -> ctx.next())
                            .onFailure(ctx::fail))
                    .handler(op.handler())
                    .failureHandler(AdminApi::failed);
        }
    }

    // ---------------------------------------------------------------- errors

    private static void failed(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.openapi.validation.ValidatorException || t instanceof AdminFailure) {
                failure = t;
                break;
            }
        }
        if (failure instanceof AdminFailure f) {
            send(ctx, f.status, f.code, f.field, f.getMessage());
        } else if (failure instanceof io.vertx.openapi.validation.ValidatorException e) {
            send(ctx, 400, ErrorCode.INVALID_FIELD, ValidationFields.field(e), ValidationFields.detail(e));
        } else if (ctx.statusCode() == 413) {
            send(ctx, 413, ErrorCode.PAYLOAD_TOO_LARGE, null, "the body is larger than " + MAX_BODY + " bytes");
        } else if (ctx.statusCode() == 400) {
            send(ctx, 400, ErrorCode.INVALID_REQUEST, null, "the body is not valid JSON");
        } else {
            LOG.log(Level.WARNING, "administration request " + ctx.request().method() + " " + ctx.request().path()
                    + " failed", failure);
            send(ctx, 500, ErrorCode.INTERNAL, null, "the request failed unexpectedly; nothing was changed");
        }
    }

    static void send(RoutingContext ctx, int status, ErrorCode code, String field, String detail) {
        if (ctx.response().headWritten()) {
            return;
        }
        JsonObject body = HttpErrors.body(code, detail, HttpErrors.language(ctx));
        if (field != null) {
            body.getJsonObject("error").put("field", field);
        }
        ctx.response().setStatusCode(status).putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("cache-control", "no-store").end(body.encodePrettily());
    }

    // ---------------------------------------------------------------- handlers

    private static final class Handlers {
        private final Parts parts;
        private final CentreAdmin centres;
        private final DeviceAdmin devices;
        private final StaffAdmin staff;
        private final WebhookAdmin webhooks;

        Handlers(Parts parts) {
            this.parts = parts;
            this.centres = parts.administration().centres;
            this.devices = parts.administration().devices;
            this.staff = parts.administration().staff;
            this.webhooks = parts.administration().webhooks;
        }

        /**
         * Who may call the operation, checked before the request is validated, so that a person without the right
         * learns nothing from the answer but 403: staff accounts and creating or removing centres are ADMIN's; an
         * operation on one centre needs its CENTRE_MANAGER (or ADMIN); the lists and views need one of the two.
         */
        io.vertx.core.Handler<RoutingContext> access(String operationId) {
            Function<RoutingContext, Future<?>> check;
            if (operationId.endsWith("Staff") || operationId.equals("createCentre")
                    || operationId.equals("deleteCentre") || operationId.contains("Webhook")) {
                check = this::adminOnly;
            } else if (operationId.equals("listCentres") || operationId.equals("getProvinceView")
                    || operationId.equals("listAudit")) {
                check = this::managerOrAdmin;
            } else {
                check = this::managesPathCentre;
            }
            return ctx -> check.apply(ctx).onSuccess(v -> ctx.next()).onFailure(ctx::fail);
        }

        io.vertx.core.Handler<RoutingContext> forOperation(String operationId) {
            Map<String, Function<RoutingContext, Future<Answer>>> all = new HashMap<>();
            all.put("listCentres", ctx -> Future.succeededFuture(Answer.ok(new JsonObject().put("centres",
                    new JsonArray(parts.centres().all().stream().map(CentreRuntime::definition)
                            .filter(c -> who(ctx).may(MANAGE, c.id())).map(Handlers::centreView).toList())))));
            all.put("createCentre", ctx -> username(ctx).compose(u -> centres.create(u, body(ctx)))
                    .map(c -> Answer.created(centreView(c))));
            all.put("getCentre", ctx -> running(ctx).map(c -> Answer.ok(centreView(centres.runtime(c).definition()))));
            all.put("replaceCentre", ctx -> changeCentre(ctx, true));
            all.put("updateCentre", ctx -> changeCentre(ctx, false));
            all.put("deleteCentre", ctx -> username(ctx).compose(u -> centres.remove(u, ctx.pathParam("centre")))
                    .map(Answer.NONE));
            all.put("listServices", ctx -> running(ctx).map(c -> Answer.ok(new JsonObject().put("services",
                    CentreJson.write(centres.runtime(c).definition()).getJsonArray("services")))));
            all.put("createService", ctx -> createIn(ctx, "services", "code"));
            all.put("getService", ctx -> getIn(ctx, "services", "code", "code"));
            all.put("replaceService", ctx -> changeIn(ctx, "services", "code", "code", true));
            all.put("updateService", ctx -> changeIn(ctx, "services", "code", "code", false));
            all.put("deleteService", ctx -> deleteService(ctx));
            all.put("listCounters", ctx -> running(ctx).map(c -> Answer.ok(new JsonObject().put("counters",
                    CentreJson.write(centres.runtime(c).definition()).getJsonArray("counters")))));
            all.put("createCounter", ctx -> createIn(ctx, "counters", "id"));
            all.put("getCounter", ctx -> getIn(ctx, "counters", "id", "counter"));
            all.put("replaceCounter", ctx -> changeIn(ctx, "counters", "id", "counter", true));
            all.put("updateCounter", ctx -> changeIn(ctx, "counters", "id", "counter", false));
            all.put("deleteCounter", ctx -> deleteIn(ctx, "counters", "id", "counter"));
            all.put("listDevices", ctx -> running(ctx).compose(devices::list)
                    .map(list -> Answer.ok(new JsonObject().put("devices", new JsonArray(list)))));
            all.put("createDevice", ctx -> running(ctx).compose(c -> devices.put(who(ctx).username(),
                    centres.runtime(c).definition(), body(ctx).getString("id"), body(ctx), false)).map(Answer::created));
            all.put("getDevice", ctx -> running(ctx).compose(c -> devices.get(c, ctx.pathParam("device")))
                    .map(Answer::ok));
            all.put("replaceDevice", ctx -> running(ctx).compose(c -> {
                JsonObject body = body(ctx);
                samePathId(body, "id", ctx.pathParam("device"));
                return devices.put(who(ctx).username(), centres.runtime(c).definition(), ctx.pathParam("device"), body,
                        true);
            }).map(Answer::ok));
            all.put("updateDevice", ctx -> running(ctx).compose(c -> devices.patch(who(ctx).username(),
                    centres.runtime(c).definition(), ctx.pathParam("device"), body(ctx))).map(Answer::ok));
            all.put("deleteDevice", ctx -> running(ctx).compose(c -> devices.delete(who(ctx).username(), c,
                    ctx.pathParam("device"))).map(Answer.NONE));
            all.put("listStaff", ctx -> username(ctx).compose(u -> staff.list())
                    .map(list -> Answer.ok(new JsonObject().put("staff", new JsonArray(list)))));
            all.put("createStaff", ctx -> username(ctx).compose(u -> staff.create(u, body(ctx))).map(Answer::created));
            all.put("getStaff", ctx -> username(ctx).compose(u -> staff.get(ctx.pathParam("username")))
                    .map(Answer::ok));
            all.put("replaceStaff", ctx -> username(ctx).compose(u -> {
                samePathId(body(ctx), "username", ctx.pathParam("username"));
                return staff.change(u, ctx.pathParam("username"), body(ctx), true);
            }).map(Answer::ok));
            all.put("updateStaff", ctx -> username(ctx).compose(u -> staff.change(u, ctx.pathParam("username"),
                    body(ctx), false)).map(Answer::ok));
            all.put("deleteStaff", ctx -> username(ctx).compose(u -> staff.delete(u, ctx.pathParam("username")))
                    .map(Answer.NONE));
            all.put("listWebhooks", ctx -> webhooks.list()
                    .map(list -> Answer.ok(new JsonObject().put("webhooks", list))));
            all.put("createWebhook", ctx -> username(ctx).compose(u -> webhooks.create(u, body(ctx)))
                    .map(Answer::created));
            all.put("getWebhook", ctx -> webhooks.get(ctx.pathParam("webhook")).map(Answer::ok));
            all.put("deleteWebhook", ctx -> username(ctx).compose(u -> webhooks.delete(u, ctx.pathParam("webhook")))
                    .map(Answer.NONE));
            all.put("listWebhookDeadLetters", ctx -> webhooks.deadLetters(ctx.pathParam("webhook")).map(Answer::ok));
            all.put("replayWebhookDeadLetters", ctx -> username(ctx).compose(u -> webhooks.replay(u,
                    ctx.pathParam("webhook"), ctx.body().isEmpty() ? null : body(ctx))).map(Answer::ok));
            all.put("listAudit", this::audit);
            all.put("getLiveView", ctx -> running(ctx).compose(c -> HallViews.live(centres.runtime(c), parts.clock()))
                    .map(Answer::ok));
            all.put("getProvinceView", ctx -> HallViews.province(parts.centres(), parts.pool(), parts.presence(),
                    parts.clock(), c -> who(ctx).may(MANAGE, c))
                    .map(list -> Answer.ok(new JsonObject().put("centres", new JsonArray(list)))));
            Function<RoutingContext, Future<Answer>> handler = all.get(operationId);
            if (handler == null) {
                throw new IllegalStateException("the OpenAPI document names operation " + operationId
                        + ", which has no handler");
            }
            return ctx -> {
                Future<Answer> answer;
                try {
                    answer = handler.apply(ctx);
                } catch (AdminFailure | IllegalArgumentException e) {
                    answer = Future.failedFuture(e);
                }
                answer.onSuccess(a -> a.send(ctx)).onFailure(e -> {
                    if (e instanceof IllegalArgumentException && !(e instanceof AdminFailure)) {
                        ctx.fail(AdminFailure.invalid(null, e.getMessage()));
                    } else {
                        ctx.fail(e);
                    }
                });
            };
        }

        private static final EnumSet<Role> MANAGE = EnumSet.of(Role.CENTRE_MANAGER);

        private static SignedIn who(RoutingContext ctx) {
            return Authentication.signedIn(ctx).orElseThrow();
        }

        private static JsonObject body(RoutingContext ctx) {
            return ctx.body().asJsonObject();
        }

        /*
         * Who may call an operation is checked once, by access(), before the request is validated; the handlers
         * below only read who it is and which centre.
         */

        private Future<String> managesPathCentre(RoutingContext ctx) {
            String centre = ctx.pathParam("centre");
            return who(ctx).may(MANAGE, centre) ? Future.succeededFuture(centre)
                    : Future.failedFuture(AdminFailure.forbidden(who(ctx).username() + " does not manage centre "
                            + centre + "; this needs CENTRE_MANAGER of " + centre + ", or ADMIN"));
        }

        /** The centre of the path; 404 for a centre that does not run. */
        private Future<String> running(RoutingContext ctx) {
            String centre = ctx.pathParam("centre");
            centres.runtime(centre);
            return Future.succeededFuture(centre);
        }

        private static Future<String> username(RoutingContext ctx) {
            return Future.succeededFuture(who(ctx).username());
        }

        private Future<String> adminOnly(RoutingContext ctx) {
            SignedIn who = who(ctx);
            return who.roles().stream().anyMatch(r -> r.role() == Role.ADMIN) ? Future.succeededFuture(who.username())
                    : Future.failedFuture(AdminFailure.forbidden(who.username() + " is not ADMIN; only an"
                            + " administrator creates or removes centres and manages staff accounts and webhooks"));
        }

        private Future<Void> managerOrAdmin(RoutingContext ctx) {
            SignedIn who = who(ctx);
            return who.roles().stream().anyMatch(r -> r.role() == Role.ADMIN || r.role() == Role.CENTRE_MANAGER)
                    ? Future.succeededFuture()
                    : Future.failedFuture(AdminFailure.forbidden(who.username() + " is neither CENTRE_MANAGER nor"
                            + " ADMIN"));
        }

        private static void samePathId(JsonObject body, String key, String id) {
            if (body.containsKey(key) && !id.equals(body.getString(key))) {
                throw AdminFailure.invalid(key, "the body's " + key + " '" + body.getString(key)
                        + "' differs from the path's '" + id + "'; an id is not changed, make a new resource");
            }
        }

        private Future<Answer> changeCentre(RoutingContext ctx, boolean replace) {
            return running(ctx).compose(c -> {
                JsonObject body = body(ctx);
                samePathId(body, "id", c);
                return centres.change(who(ctx).username(), c, replace ? "replace" : "update", CENTRES + "/" + c,
                        json -> {
                            CentreRulesPatch.apply(json, body, !replace);
                            return json;
                        }, CentreAdmin::settings);
            }).map(d -> Answer.ok(centreView(d)));
        }

        private Future<Answer> createIn(RoutingContext ctx, String list, String idKey) {
            return running(ctx).compose(c -> {
                JsonObject item = body(ctx);
                String id = item.getString(idKey);
                if (CentreChanges.find(centres.runtime(c).definition(), list, idKey, id) != null) {
                    throw AdminFailure.exists(idKey, "centre " + c + " already has " + singular(list) + " " + id);
                }
                return centres.change(who(ctx).username(), c, "create", CENTRES + "/" + c + "/" + list + "/" + id,
                                json -> {
                                    CentreChanges.list(json, list).add(item);
                                    return json;
                                }, d -> CentreChanges.find(d, list, idKey, id))
                        .map(d -> Answer.created(CentreChanges.find(d, list, idKey, id)));
            });
        }

        private Future<Answer> getIn(RoutingContext ctx, String list, String idKey, String param) {
            return running(ctx).map(c -> {
                JsonObject found = CentreChanges.find(centres.runtime(c).definition(), list, idKey, ctx.pathParam(param));
                if (found == null) {
                    throw AdminFailure.notFound("centre " + c + " has no " + singular(list) + " " + ctx.pathParam(param));
                }
                return Answer.ok(found);
            });
        }

        private Future<Answer> changeIn(RoutingContext ctx, String list, String idKey, String param, boolean replace) {
            return running(ctx).compose(c -> {
                String id = ctx.pathParam(param);
                JsonObject body = body(ctx);
                samePathId(body, idKey, id);
                requireExisting(c, list, idKey, id);
                return centres.change(who(ctx).username(), c, replace ? "replace" : "update",
                                CENTRES + "/" + c + "/" + list + "/" + id, json -> {
                                    JsonArray items = CentreChanges.list(json, list);
                                    int i = CentreChanges.indexOf(items, idKey, id);
                                    JsonObject next = replace ? new JsonObject() : items.getJsonObject(i).copy();
                                    body.forEach(e -> next.put(e.getKey(), e.getValue()));
                                    next.put(idKey, id);
                                    items.set(i, next);
                                    return json;
                                }, d -> CentreChanges.find(d, list, idKey, id))
                        .map(d -> Answer.ok(CentreChanges.find(d, list, idKey, id)));
            });
        }

        private Future<Answer> deleteIn(RoutingContext ctx, String list, String idKey, String param) {
            return running(ctx).compose(c -> {
                String id = ctx.pathParam(param);
                requireExisting(c, list, idKey, id);
                return centres.change(who(ctx).username(), c, "delete", CENTRES + "/" + c + "/" + list + "/" + id,
                        json -> {
                            JsonArray items = CentreChanges.list(json, list);
                            items.remove(CentreChanges.indexOf(items, idKey, id));
                            return json;
                        }, d -> CentreChanges.find(d, list, idKey, id));
            }).map(Answer.NONE);
        }

        /** A service removed is also taken off every counter's skills; a counter left with none is refused. */
        private Future<Answer> deleteService(RoutingContext ctx) {
            return running(ctx).compose(c -> {
                String code = ctx.pathParam("code");
                requireExisting(c, "services", "code", code);
                return centres.change(who(ctx).username(), c, "delete", CENTRES + "/" + c + "/services/" + code,
                        json -> {
                            JsonArray services = CentreChanges.list(json, "services");
                            services.remove(CentreChanges.indexOf(services, "code", code));
                            for (Object o : CentreChanges.list(json, "counters")) {
                                JsonObject counter = (JsonObject) o;
                                counter.getJsonArray("primary").remove(code);
                                counter.getJsonArray("secondary").remove(code);
                                if (counter.getJsonArray("primary").isEmpty()) {
                                    throw new AdminFailure(409, ErrorCode.SERVICE_IN_USE, null, "counter "
                                            + counter.getString("id") + " has " + code + " as its only primary"
                                            + " service; give it another before removing " + code);
                                }
                            }
                            return json;
                        }, d -> CentreChanges.find(d, "services", "code", code));
            }).map(Answer.NONE);
        }

        private void requireExisting(String centre, String list, String idKey, String id) {
            if (CentreChanges.find(centres.runtime(centre).definition(), list, idKey, id) == null) {
                throw AdminFailure.notFound("centre " + centre + " has no " + singular(list) + " " + id);
            }
        }

        private static String singular(String list) {
            return list.substring(0, list.length() - 1);
        }

        static JsonObject centreView(CentreDefinition centre) {
            return CentreJson.write(centre).put("gaps", new JsonArray(centre.gaps()))
                    .put("suggestedBookingCapacity", suggestedCapacities(centre));
        }

        /**
         * For each service, the booking capacity per slot that leaves walk-ins their share of the counters
         * ({@link BookingCalendar#suggestedCapacity}): at the service's slot length when it takes bookings, else at
         * {@link #SUGGESTION_SLOT}, so that an administrator sees it before offering slots. Read-only: computed from
         * the counters and services each time the centre is read, never stored.
         */
        static JsonObject suggestedCapacities(CentreDefinition centre) {
            JsonObject all = new JsonObject();
            for (vn.onedesk.engine.centre.ServiceField service : centre.services()) {
                Duration slot = centre.booking().service(service.code())
                        .map(vn.onedesk.engine.centre.BookingRules.ServiceBooking::slotLength).orElse(SUGGESTION_SLOT);
                all.put(service.code(), new JsonObject().put("slotMinutes", slot.toMinutes())
                        .put("capacity", BookingCalendar.suggestedCapacity(centre, service.code(), slot)));
            }
            return all;
        }

        /** The slot length of a suggestion for a service that takes no bookings yet: the usual half hour. */
        static final Duration SUGGESTION_SLOT = Duration.ofMinutes(30);

        private Future<Answer> audit(RoutingContext ctx) {
            SignedIn who = who(ctx);
            String centre = ctx.queryParams().get("centre");
            boolean admin = who.roles().stream().anyMatch(r -> r.role() == Role.ADMIN);
            List<String> managed = who.roles().stream().filter(r -> r.role() == Role.CENTRE_MANAGER)
                    .map(r -> r.centre()).toList();
            if (!admin && (managed.isEmpty() || (centre != null && !managed.contains(centre)))) {
                return Future.failedFuture(AdminFailure.forbidden(who.username() + " may read the audit of the"
                        + " centres they manage only"));
            }
            int limit = ctx.queryParams().contains("limit") ? Integer.parseInt(ctx.queryParams().get("limit")) : 100;
            long before = ctx.queryParams().contains("before") ? Long.parseLong(ctx.queryParams().get("before"))
                    : Long.MAX_VALUE;
            String[] centres = centre != null ? new String[] {centre} : admin ? null : managed.toArray(String[]::new);
            return parts.pool().preparedQuery("SELECT audit_id, at, username, action, resource, centre_id, before,"
                            + " after FROM admin_audit WHERE audit_id < $1 AND ($2::text[] IS NULL OR centre_id = ANY($2))"
                            + " ORDER BY audit_id DESC LIMIT $3")
                    .execute(Tuple.of(before, centres, limit))
                    .map(rows -> {
                        JsonArray entries = new JsonArray();
                        rows.forEach(r -> entries.add(new JsonObject().put("id", r.getLong(0))
                                .put("at", r.getOffsetDateTime(1).toInstant().toString()).put("username", r.getString(2))
                                .put("action", r.getString(3)).put("resource", r.getString(4))
                                .put("centre", r.getString(5)).put("before", r.getValue(6)).put("after", r.getValue(7))));
                        return Answer.ok(new JsonObject().put("entries", entries));
                    });
        }
    }

    /** What a handler answers: a status and a JSON body, or 204 without one. */
    private record Answer(int status, JsonObject body) {
        static final Function<Object, Answer> NONE = ignored -> new Answer(204, null);

        static Answer ok(JsonObject body) {
            return new Answer(200, body);
        }

        static Answer created(JsonObject body) {
            return new Answer(201, body);
        }

        void send(RoutingContext ctx) {
            if (ctx.response().headWritten()) {
                return; // already answered: 503 at the database deadline (DatabaseDeadline)
            }
            ctx.response().setStatusCode(status).putHeader("cache-control", "no-store");
            if (body == null) {
                ctx.response().end();
            } else {
                ctx.response().putHeader("content-type", "application/json; charset=utf-8").end(body.encodePrettily());
            }
        }
    }
}
