package io.tributary.app.admin;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.log.RateLimitedLog;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Puts every admin and console request through the same checks: credentials ({@link AdminAuth}; missing or wrong:
 * 401), the role (a read-only principal changing state: 403), and for requests that change state, protection
 * against cross-site request forgery (403): no cross-origin {@code Origin}, and, unless a bearer token was sent (a
 * browser never adds one on its own), an {@code X-Requested-With} or {@code HX-Request} header, which a cross-site
 * form cannot send and a cross-site script could only send after a CORS preflight this server never approves. No
 * cookies are used. Denials are counted in {@code tributary.admin.denied{status}}; every change is logged with who
 * made it.
 */
public final class AdminGuard {

    private static final Logger LOG = LoggerFactory.getLogger(AdminGuard.class);
    private static final Logger AUDIT = LoggerFactory.getLogger("io.tributary.admin.audit");
    private static final RateLimitedLog DENIALS = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    private final AdminAuth auth;
    private final Counter unauthorized;
    private final Counter forbidden;

    AdminGuard(AdminAuth auth, MeterRegistry registry) {
        this.auth = auth;
        this.unauthorized = denied(registry, 401);
        this.forbidden = denied(registry, 403);
    }

    private static Counter denied(MeterRegistry registry, int status) {
        return Counter.builder("tributary.admin.denied").tag("status", Integer.toString(status))
                .description("admin and console requests refused: 401 credentials, 403 role or CSRF check")
                .register(registry);
    }

    /** A request handler that knows who is asking. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param request the request
         * @param response the response
         * @param principal who is asking, already checked
         * @return completes when answered
         */
        Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response, AdminPrincipal principal);
    }

    /**
     * @param handler what to do once the request passed the checks
     * @return a Reactor Netty handler that runs the checks first
     */
    public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> guard(Handler handler) {
        return (request, response) -> check(request, response, handler);
    }

    /**
     * Runs the checks, then the handler.
     *
     * @param request the request
     * @param response the response
     * @param handler what to do once the request passed the checks
     * @return completes when answered
     */
    public Mono<Void> check(HttpServerRequest request, HttpServerResponse response, Handler handler) {
        String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
        // Optional, so that a handler completing empty is not taken for missing credentials.
        return auth.authenticate(authorization).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> principal.isPresent()
                        ? Mono.from(admit(request, response, principal.get(), authorization, handler))
                        : unauthorized(request, response));
    }

    private Mono<Void> unauthorized(HttpServerRequest request, HttpServerResponse response) {
        unauthorized.increment();
        DENIALS.warn("admin request {} /{} from {}: missing or wrong credentials", request.method(), request.path(),
                request.remoteAddress());
        return Json.error(response.header(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"tributary\""),
                HttpResponseStatus.UNAUTHORIZED, "missing or wrong credentials");
    }

    private Publisher<Void> admit(HttpServerRequest request, HttpServerResponse response, AdminPrincipal principal,
                                  String authorization, Handler handler) {
        if (!changesState(request.method())) {
            return handler.handle(request, response, principal);
        }
        String refusal = !principal.mayWrite() ? principal.name() + " has the read-only role"
                : crossSite(request.requestHeaders(), authorization);
        if (refusal != null) {
            forbidden.increment();
            DENIALS.warn("admin request {} /{} from {} refused: {}", request.method(), request.path(),
                    request.remoteAddress(), refusal);
            return Json.error(response, HttpResponseStatus.FORBIDDEN, refusal);
        }
        AUDIT.info("{} {} by {} ({}) from {}", request.method(), request.uri(), principal.name(),
                principal.role(), request.remoteAddress());
        return handler.handle(request, response, principal);
    }

    /** @return why the request may come from another site, or {@code null} */
    static String crossSite(HttpHeaders headers, String authorization) {
        String origin = headers.get(HttpHeaderNames.ORIGIN);
        if (origin != null && !sameOrigin(origin, headers.get(HttpHeaderNames.HOST))) {
            return "cross-origin request from " + origin;
        }
        boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer && !headers.contains("X-Requested-With") && !headers.contains("HX-Request")) {
            return "a request that changes state needs the header X-Requested-With (CSRF protection)";
        }
        return null;
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            URI uri = URI.create(origin);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return uri.getHost() != null && authority.equalsIgnoreCase(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean changesState(HttpMethod method) {
        return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
    }
}
