package vn.onedesk.gateway.http;

import io.vertx.ext.web.Router;

/**
 * Serves the OpenAPI document of the public API, what a citizen's phone (or another front end) may call without a
 * login: {@value #CONTRACT} from the jar, at {@value #DOCUMENT}. The administration's document is served by
 * {@code AdminApi}; this one is kept apart so that an integrator building a citizen front end sees only what is
 * public. {@code PublicContractTest} checks that it is a valid OpenAPI 3.1 contract, that every operation in it is
 * routed and that the gateway's real answers match its schemas.
 */
public final class PublicApiDocument {
    public static final String CONTRACT = "openapi/onedesk-public.yaml";
    public static final String DOCUMENT = "/api/v1/public-openapi.yaml";

    public void mount(Router router) {
        router.get(DOCUMENT).handler(ctx -> ctx.response()
                .putHeader("content-type", "application/yaml; charset=utf-8")
                .putHeader("cache-control", "no-cache")
                .sendFile(CONTRACT).onFailure(ctx::fail));
    }
}
