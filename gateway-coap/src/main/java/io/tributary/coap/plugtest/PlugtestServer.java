package io.tributary.coap.plugtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import io.tributary.coap.CoapRequest;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapRoute;
import io.tributary.coap.CoapRoutes;
import io.tributary.coap.CoapServer;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.EntityTag;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The resources of the ETSI CoAP plugtests (CoAP#4: TD_COAP_CORE, BLOCK, OBS and LINK), declared on a
 * {@link CoapServer}: {@code /test} (every method), {@code /separate} (a slow answer: empty ACK,
 * then a separate response), {@code /seg1/seg2/seg3}, {@code /query}, {@code /location-query},
 * {@code /multi-format} (text or XML by Accept), {@code /validate} (ETag, If-Match), {@code /create1}
 * (If-None-Match), {@code /large}, {@code /large-update}, {@code /large-create}, {@code /large-post} (block-wise),
 * {@code /obs}, {@code /obs-non}, {@code /obs-large}, {@code /obs-pumping} (observable, changing every period while
 * observed; PUT sets, DELETE ends the observers with 4.04, another Content-Format with 4.06), {@code /link1} to
 * {@code /link3} and {@code /path} with {@code /path/sub1} to {@code sub3} (link attributes for discovery).
 * Immutable; defaults: observable resources change every 5 s, a separate answer comes after 2 s, on
 * {@link Schedulers#parallel()}.
 */
public final class PlugtestServer {

    /** The body of {@code /large}: 2,000 bytes of numbered lines, more than one block. */
    static final String LARGE = largeText();

    private final Duration period;
    private final Duration separateDelay;
    private final Scheduler scheduler;

    private PlugtestServer(Duration period, Duration separateDelay, Scheduler scheduler) {
        this.period = period;
        this.separateDelay = separateDelay;
        this.scheduler = scheduler;
    }

    /** @return the plugtest resources with the defaults */
    public static PlugtestServer create() {
        return new PlugtestServer(Duration.ofSeconds(5), Duration.ofSeconds(2), Schedulers.parallel());
    }

    /**
     * @param every how often an observed resource changes (the Max-Age of its states); {@code /obs-pumping}
     *              changes ten times as often; default 5 s
     * @return a new server reference
     */
    public PlugtestServer period(Duration every) {
        return new PlugtestServer(Objects.requireNonNull(every, "every"), separateDelay, scheduler);
    }

    /**
     * @param delay how long {@code /separate} takes to answer, longer than the endpoint's separate-response-delay
     *              so the answer comes separately (RFC 7252 §5.2.2); default 2 s
     * @return a new server reference
     */
    public PlugtestServer separateDelay(Duration delay) {
        return new PlugtestServer(period, Objects.requireNonNull(delay, "delay"), scheduler);
    }

    /**
     * @param timers drives the changes of observed resources and the delay of {@code /separate} (a virtual-time
     *               scheduler in tests); default {@link Schedulers#parallel()}
     * @return a new server reference
     */
    public PlugtestServer scheduler(Scheduler timers) {
        return new PlugtestServer(period, separateDelay, Objects.requireNonNull(timers, "timers"));
    }

    /**
     * Declares the resources, each call with resources of its own state:
     * {@code CoapServer.create().route(PlugtestServer.create()::declare)}.
     *
     * @param routes the server's route table
     */
    public void declare(CoapRoutes routes) {
        Map<String, byte[]> stored = new ConcurrentHashMap<>();
        AtomicReference<byte[]> validate = new AtomicReference<>(utf8("validate 0"));
        long maxAge = Math.max(1, period.toSeconds());
        ObservedValue obs = new ObservedValue(n -> CoapResponse.content("Observe " + n).maxAge(maxAge), period,
                scheduler);
        ObservedValue obsNon = new ObservedValue(n -> CoapResponse.content("Observe NON " + n).maxAge(maxAge),
                period, scheduler);
        ObservedValue obsLarge = new ObservedValue(n -> CoapResponse.content(n + "\n" + LARGE).maxAge(maxAge),
                period, scheduler);
        Duration pumping = period.dividedBy(10).isZero() ? period : period.dividedBy(10);
        ObservedValue obsPumping = new ObservedValue(n -> CoapResponse.content("Pumping " + n).maxAge(1), pumping,
                scheduler);
        routes.get("/test", request -> Mono.just(CoapResponse.content(describe(request))))
                .post("/test", request -> Mono.just(CoapResponse.of(CoapCode.CREATED)
                        .locationPath("location1", "location2", "location3")))
                .put("/test", request -> Mono.just(CoapResponse.of(CoapCode.CHANGED)))
                .delete("/test", request -> Mono.just(CoapResponse.of(CoapCode.DELETED)))
                .get("/separate", request -> Mono.delay(separateDelay, scheduler)
                        .thenReturn(CoapResponse.content("separate " + describe(request))))
                .get("/seg1/seg2/seg3", request -> Mono.just(CoapResponse.content("seg3")))
                .get("/query", request -> Mono.just(CoapResponse.content(String.join("&", request.query()))))
                .post("/location-query", request -> Mono.just(CoapResponse.of(CoapCode.CREATED)
                        .option(CoapOption.LOCATION_QUERY, utf8("first=1"))
                        .option(CoapOption.LOCATION_QUERY, utf8("second=2"))))
                .route(CoapRoute.get("/multi-format").produces(ContentFormat.TEXT_PLAIN, ContentFormat.XML),
                        request -> Mono.just(ContentFormat.XML.equals(request.accept())
                                ? CoapResponse.content(utf8("<value>multi-format</value>"), ContentFormat.XML)
                                : CoapResponse.content("multi-format")))
                .get("/validate", request -> Mono.just(validated(validate.get())))
                .route(CoapRoute.put("/validate").conditional(), request -> {
                    if (!request.conditionsMet(etag(validate.get()))) {
                        return Mono.just(CoapResponse.of(CoapCode.PRECONDITION_FAILED));
                    }
                    validate.set(request.payload());
                    return Mono.just(CoapResponse.of(CoapCode.CHANGED).etag(etag(request.payload())));
                })
                .route(CoapRoute.put("/create1").conditional(), request -> {
                    byte[] current = stored.get("create1");
                    if (!request.conditionsMet(current == null ? null : etag(current))) {
                        return Mono.just(CoapResponse.of(CoapCode.PRECONDITION_FAILED));
                    }
                    stored.put("create1", request.payload());
                    return Mono.just(CoapResponse.of(current == null ? CoapCode.CREATED : CoapCode.CHANGED));
                })
                .delete("/create1", request -> Mono.fromSupplier(() -> {
                    stored.remove("create1");
                    return CoapResponse.of(CoapCode.DELETED);
                }))
                .route(CoapRoute.get("/large").resourceType("block").size(LARGE.length()).title("Large resource"),
                        request -> Mono.just(CoapResponse.content(LARGE)))
                .get("/large-update", request -> Mono.just(CoapResponse.content(stored.getOrDefault("large-update",
                        utf8(LARGE)), ContentFormat.TEXT_PLAIN)))
                .put("/large-update", request -> Mono.fromSupplier(() -> {
                    stored.put("large-update", request.payload());
                    return CoapResponse.of(CoapCode.CHANGED);
                }))
                .post("/large-create", request -> Mono.fromSupplier(() -> {
                    stored.put("large-create", request.payload());
                    return CoapResponse.of(CoapCode.CREATED).locationPath("large-create", "1");
                }))
                .get("/large-create/1", request -> Mono.just(CoapResponse.content(stored.getOrDefault("large-create",
                        new byte[0]), ContentFormat.TEXT_PLAIN)))
                .post("/large-post", request -> Mono.just(CoapResponse.of(CoapCode.CHANGED)
                        .payload(new String(request.payload(), StandardCharsets.UTF_8).toUpperCase().getBytes(
                                StandardCharsets.UTF_8)).contentFormat(ContentFormat.TEXT_PLAIN)))
                .observe(CoapRoute.get("/obs").resourceType("observe").title("Observable resource"),
                        request -> obs.states())
                .route(CoapRoute.put("/obs"), request -> Mono.just(put(obs, request)))
                .route(CoapRoute.delete("/obs"), request -> Mono.fromSupplier(() -> {
                    obs.delete();
                    return CoapResponse.of(CoapCode.DELETED);
                }))
                .observe(CoapRoute.get("/obs-non").resourceType("observe"), request -> obsNon.states())
                .observe(CoapRoute.get("/obs-large").resourceType("observe").size(LARGE.length() + 3),
                        request -> obsLarge.states())
                .observe(CoapRoute.get("/obs-pumping").resourceType("observe"), request -> obsPumping.states())
                .route(CoapRoute.get("/link1").resourceType("Type1", "Type2").interfaceDescription("If1"),
                        request -> Mono.just(CoapResponse.content("link1")))
                .route(CoapRoute.get("/link2").resourceType("Type2", "Type3").interfaceDescription("If2"),
                        request -> Mono.just(CoapResponse.content("link2")))
                .route(CoapRoute.get("/link3").resourceType("Type1", "Type3").interfaceDescription("foo"),
                        request -> Mono.just(CoapResponse.content("link3")))
                .route(CoapRoute.get("/path").produces(ContentFormat.LINK_FORMAT), request -> Mono.just(
                        CoapResponse.content(utf8("</path/sub1>,</path/sub2>,</path/sub3>"),
                                ContentFormat.LINK_FORMAT)))
                .get("/path/{sub}", request -> Mono.just(CoapResponse.content(request.pathVariable("sub"))));
    }

    /** A PUT of an observed resource: its new state, in whatever format the request has (4.06 to observers). */
    private static CoapResponse put(ObservedValue value, CoapRequest request) {
        value.set(CoapResponse.content(request.payload(), request.contentFormat()));
        return CoapResponse.of(CoapCode.CHANGED);
    }

    private static CoapResponse validated(byte[] body) {
        return CoapResponse.content(body, ContentFormat.TEXT_PLAIN).etag(etag(body));
    }

    private static byte[] etag(byte[] body) {
        return EntityTag.of(body, ContentFormat.TEXT_PLAIN.number());
    }

    private static String describe(CoapRequest request) {
        return "Type: " + (request.confirmable() ? "CON" : "NON") + ", Code: " + request.method() + ", MID: "
                + request.message().messageId();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String largeText() {
        StringBuilder text = new StringBuilder(2000);
        for (int line = 0; text.length() < 2000; line++) {
            text.append(String.format("%03d: the quick brown fox jumps over the lazy dog.\n", line));
        }
        return text.substring(0, 2000);
    }
}
