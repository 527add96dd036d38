package io.tributary.app.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.core.Message;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.http.HttpBodies;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.provision.ClaimRefusedException;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The admin API under {@code /api/}: topics (retained values, live stream, publish, delete), PnP devices (list,
 * results, claim, retry), UPnP subscriptions and discovered devices, the CoAP endpoint and its observers, meter
 * totals, and the OpenAPI 3 document of all of it at {@code /api/openapi.json}. Every route but the document goes
 * through the {@link AdminGuard}.
 */
public final class AdminApi implements Consumer<HttpServerRoutes> {

    /** Largest body of a publish, in bytes. */
    static final int MAX_PUBLISH = 1 << 20;
    /** Largest body of a claim, in bytes. */
    static final int MAX_CLAIM = 16 * 1024;
    /** Path of the OpenAPI document. */
    static final String OPENAPI = "/api/openapi.json";

    private final StatusViews views;
    private final AdminGuard guard;
    private final TopicStream stream;
    private final List<ApiRoute> routes = new ArrayList<>();

    /**
     * @param views what to show
     * @param guard the checks every request goes through
     * @param stream the live topics
     */
    public AdminApi(StatusViews views, AdminGuard guard, TopicStream stream) {
        this.views = views;
        this.guard = guard;
        this.stream = stream;
        get("/api/whoami", (request, response, who, variables) -> Json.ok(response, who));
        get("/api/topics", this::topics);
        get("/api/topics/stream", this::stream);
        add(HttpMethod.POST, "/api/topics/{topic}", this::publish);
        add(HttpMethod.DELETE, "/api/topics/{topic}", this::delete);
        get("/api/pnp/devices", (request, response, who, variables) -> views.devices().collectList()
                .flatMap(devices -> Json.ok(response, devices)));
        get("/api/pnp/devices/{serial}", this::device);
        add(HttpMethod.POST, "/api/pnp/devices/{serial}/claim", this::claim);
        add(HttpMethod.POST, "/api/pnp/devices/{serial}/retry", this::retry);
        get("/api/pnp/rules", (request, response, who, variables) -> Json.ok(response, views.rules()));
        get("/api/upnp/subscriptions", (request, response, who, variables) -> Json.ok(response, views.upnp()));
        get("/api/upnp/devices", (request, response, who, variables) -> Json.ok(response, views.upnpDevices()));
        get("/api/coap", (request, response, who, variables) -> views.coap()
                .flatMap(coap -> Json.ok(response, coap))
                .switchIfEmpty(Mono.defer(() -> Json.error(response, HttpResponseStatus.NOT_FOUND,
                        "CoAP is disabled"))));
        get("/api/meters", (request, response, who, variables) -> Json.ok(response, Map.of("timestamp",
                System.currentTimeMillis(), "totals", views.meters())));
    }

    private void get(String template, ApiRoute.Handler handler) {
        add(HttpMethod.GET, template, handler);
    }

    private void add(HttpMethod method, String template, ApiRoute.Handler handler) {
        routes.add(new ApiRoute(method, template, handler));
    }

    /** @return every guarded route as {@code METHOD /template}, plus {@code GET /api/openapi.json}, in order */
    public List<String> routes() {
        List<String> all = new ArrayList<>(routes.stream().map(route -> route.method() + " " + route.template())
                .toList());
        all.add("GET " + OPENAPI);
        return all;
    }

    @Override
    public void accept(HttpServerRoutes httpRoutes) {
        httpRoutes.get(OPENAPI, (request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE,
                "application/json").sendByteArray(Mono.fromCallable(AdminApi::openApi)
                .subscribeOn(Schedulers.boundedElastic())));
        httpRoutes.route(request -> request.fullPath().startsWith("/api/"), this::dispatch);
    }

    private Publisher<Void> dispatch(HttpServerRequest request, HttpServerResponse response) {
        String path = new QueryStringDecoder(request.uri()).path();
        List<HttpMethod> allowed = new ArrayList<>();
        for (ApiRoute route : routes) {
            Map<String, String> variables = route.match(path);
            if (variables == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return guard.check(request, response, (checked, answer, who) -> route.handler().handle(checked, answer,
                        who, variables));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            return Json.error(response.header(HttpHeaderNames.ALLOW, allowed.stream().map(HttpMethod::name)
                    .collect(Collectors.joining(", "))), HttpResponseStatus.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed here");
        }
        return Json.error(response, HttpResponseStatus.NOT_FOUND, "no such admin resource: " + path);
    }

    static String query(HttpServerRequest request, String name, String otherwise) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? otherwise : values.get(0);
    }

    /**
     * @param request a request with a {@code filter} query parameter
     * @return its topic filter, {@code #} when absent
     * @throws IllegalArgumentException when it is not a valid filter
     */
    public static TopicFilter filter(HttpServerRequest request) {
        return TopicFilter.of(query(request, "filter", TopicFilter.REST));
    }

    private Mono<Void> topics(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        return Mono.fromCallable(() -> filter(request)).flatMap(views::topics)
                .flatMap(topics -> Json.ok(response, topics))
                .onErrorResume(IllegalArgumentException.class, bad -> Json.error(response,
                        HttpResponseStatus.BAD_REQUEST, bad.getMessage()));
    }

    private Publisher<Void> stream(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        TopicFilter filter;
        try {
            filter = filter(request);
        } catch (IllegalArgumentException bad) {
            return Json.error(response, HttpResponseStatus.BAD_REQUEST, bad.getMessage());
        }
        return response.sse().header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(stream.events(filter,
                        message -> TopicStream.event("message", new String(Json.encode(
                                StatusViews.StreamedMessage.of(message)), StandardCharsets.UTF_8)),
                        missed -> TopicStream.event("dropped", "{\"dropped\":" + missed + "}")));
    }

    private Mono<Void> publish(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        return Mono.fromCallable(() -> Topic.of(variables.get(ApiRoute.REST)))
                .flatMap(topic -> HttpBodies.read(request, MAX_PUBLISH).map(body -> Message.builder(topic)
                        .payload(body).contentType(request.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE))
                        .attribute(Message.ORIGIN, "admin").attribute("by", who.name())
                        .retain(!"false".equals(query(request, "retain", "true"))).build()))
                .flatMap(message -> Json.ok(response, Map.of("topic", message.topic().toString(),
                        "queued", views.router().publish(message), "retained", message.retain())))
                .onErrorResume(IllegalArgumentException.class, bad -> Json.error(response,
                        HttpResponseStatus.BAD_REQUEST, bad.getMessage()))
                .onErrorResume(HttpBodies.BodyTooLargeException.class, big -> Json.error(response,
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, big.getMessage()));
    }

    private Mono<Void> delete(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        return Mono.fromCallable(() -> Topic.of(variables.get(ApiRoute.REST)))
                .flatMap(topic -> {
                    boolean held = views.router().retainedValue(topic) != null;
                    views.router().publish(Message.builder(topic).attribute(Message.ORIGIN, "admin")
                            .attribute("by", who.name()).retain(true).build());
                    return Json.ok(response, Map.of("topic", topic.toString(), "deleted", held));
                })
                .onErrorResume(IllegalArgumentException.class, bad -> Json.error(response,
                        HttpResponseStatus.BAD_REQUEST, bad.getMessage()));
    }

    private Mono<Void> device(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        return views.device(variables.get("serial"))
                .flatMap(report -> Json.ok(response, Map.of("device", StatusViews.DeviceView.of(report.progress()),
                        "results", report.results())))
                .switchIfEmpty(Mono.defer(() -> Json.error(response, HttpResponseStatus.NOT_FOUND,
                        "no such device")));
    }

    private Mono<Void> claim(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        String serial = variables.get("serial");
        return HttpBodies.read(request, MAX_CLAIM)
                .map(body -> {
                    try {
                        return Json.MAPPER.readValue(body, ClaimRequest.class);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("the body must be {\"rule\": ..., \"variables\": {...}}");
                    }
                })
                .flatMap(claim -> {
                    if (claim.rule() == null) {
                        return Mono.error(new IllegalArgumentException("rule is missing"));
                    }
                    return pnp(views).claim(serial, claim.rule(), claim.variables(), who.name());
                })
                .flatMap(device -> Json.ok(response, device))
                .onErrorResume(failure -> refused(response, failure));
    }

    private Mono<Void> retry(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                       Map<String, String> variables) {
        return Mono.defer(() -> pnp(views).retry(variables.get("serial")))
                .flatMap(device -> Json.ok(response, device))
                .onErrorResume(failure -> refused(response, failure));
    }

    private static PnpAdapter pnp(StatusViews views) {
        if (views.pnp() == null) {
            throw new ClaimRefusedException(ClaimRefusedException.Reason.UNKNOWN_DEVICE, "PnP is disabled");
        }
        return views.pnp();
    }

    /** Maps a refused claim or retry to its status: unknown device 404, unknown rule 400, not failed 409. */
    static Mono<Void> refused(HttpServerResponse response, Throwable failure) {
        if (failure instanceof ClaimRefusedException refused) {
            HttpResponseStatus status = switch (refused.reason()) {
                case UNKNOWN_DEVICE -> HttpResponseStatus.NOT_FOUND;
                case UNKNOWN_RULE -> HttpResponseStatus.BAD_REQUEST;
                case NOT_FAILED -> HttpResponseStatus.CONFLICT;
            };
            return Json.error(response, status, refused.getMessage());
        }
        if (failure instanceof IllegalArgumentException bad) {
            return Json.error(response, HttpResponseStatus.BAD_REQUEST, bad.getMessage());
        }
        if (failure instanceof HttpBodies.BodyTooLargeException big) {
            return Json.error(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, big.getMessage());
        }
        return Mono.error(failure);
    }

    private static byte[] openApi() {
        try (InputStream document = AdminApi.class.getResourceAsStream("openapi.json")) {
            if (document == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            return document.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The body of a claim.
     *
     * @param rule the rule's name
     * @param variables template variables, may be absent
     */
    record ClaimRequest(String rule, Map<String, String> variables) {
    }
}
