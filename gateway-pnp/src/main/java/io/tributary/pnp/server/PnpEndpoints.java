package io.tributary.pnp.server;

import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.config.Settings;
import io.tributary.core.http.HttpBodies;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.xml.PnpParseException;
import io.tributary.pnp.xml.PnpReader;
import io.tributary.pnp.xml.PnpWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The PnP HTTP endpoints of one server instance: {@code /pnp/HELLO}, {@code /pnp/WORK-REQUEST} and
 * {@code /pnp/WORK-RESPONSE}, sharing one table of outstanding requests however many listeners serve them.
 * Every refusal is a PnP fault with a status code (400, 413, 503), a counted metric and a log line; 503 comes
 * only from the handler ({@link ServerBusyException}), which decides before anything changes.
 */
public final class PnpEndpoints implements Consumer<HttpServerRoutes> {

    private static final Logger LOG = LoggerFactory.getLogger(PnpEndpoints.class);
    private static final RateLimitedLog FORGOTTEN = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);
    private static final String TEXT_XML = "text/xml";
    private static final String NO_UDI = "";
    private static final Set<String> WORK_PATHS = Set.of("/pnp/WORK-REQUEST", "/pnp/WORK-RESPONSE");

    private final PnpServer server;
    private final int maxBody;
    private final int maxDevices;
    private final Credentials credentials;
    private final boolean credentialsOverHttp;
    private final PnpReader reader;
    private final PnpWriter writer = PnpWriter.create();
    private final PnpMetrics metrics;
    private final OutstandingRequests outstanding;

    PnpEndpoints(PnpServer server) {
        this.server = server;
        this.maxBody = server.config.get(PnpServerConfig.MAX_BODY);
        this.maxDevices = server.config.get(PnpServerConfig.MAX_DEVICES);
        Settings login = server.config.get(PnpServerConfig.CREDENTIALS);
        this.credentials = PnpServerConfig.credentials(login);
        this.credentialsOverHttp = login.get(PnpServerConfig.OVER_HTTP);
        this.reader = PnpReader.create(server.xmlLimits);
        this.metrics = new PnpMetrics(server.meterRegistry);
        this.outstanding = new OutstandingRequests(maxDevices);
    }

    @Override
    public void accept(HttpServerRoutes routes) {
        routes.get("/pnp/HELLO", (request, response) -> hello(response))
                .post("/pnp/HELLO", (request, response) -> hello(response))
                .head("/pnp/HELLO", (request, response) -> hello(response))
                .post("/pnp/WORK-REQUEST", this::workRequest)
                .post("/pnp/WORK-RESPONSE", this::workResponse)
                .route(request -> WORK_PATHS.contains(pathOf(request.uri())) && request.method() != HttpMethod.POST,
                        this::methodNotAllowed);
        server.extraRoutes.forEach(extra -> extra.accept(routes));
    }

    private static String pathOf(String uri) {
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    private Mono<Void> methodNotAllowed(HttpServerRequest request, HttpServerResponse response) {
        metrics.rejected("method");
        metrics.request(pathOf(request.uri()).endsWith("REQUEST") ? "work-request" : "work-response",
                "method-not-allowed");
        LOG.warn("PnP {} {} refused: only POST is allowed", request.method(), pathOf(request.uri()));
        response.header(HttpHeaderNames.ALLOW, "POST");
        return sendXml(response, HttpResponseStatus.METHOD_NOT_ALLOWED, writer.write(PnpMessage.of(NO_UDI, null,
                new Fault(Fault.CLIENT, "method not allowed", "use POST"))));
    }

    private Mono<Void> hello(HttpServerResponse response) {
        metrics.request("hello", "ok");
        return response.status(HttpResponseStatus.OK).header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
    }

    private Mono<Void> workRequest(HttpServerRequest request, HttpServerResponse response) {
        return HttpBodies.read(request, maxBody)
                .flatMap(body -> {
                    PnpMessage message = reader.read(body);
                    if (!(message.body() instanceof WorkRequest work)) {
                        return refuse(response, "work-request", "unexpected-body", message.udi(),
                                "WORK-REQUEST carries " + bodyName(message) + ", not a work request");
                    }
                    PnpContact contact = contact(request, message, body);
                    return server.handler.workRequest(contact)
                            .defaultIfEmpty(BackoffRequest.callbackAfter("no work", BackoffRequest.DEFAULT_CALLBACK))
                            .flatMap(next -> answerWork(response, contact, work, next));
                })
                .onErrorResume(failure -> failed(response, "work-request", failure));
    }

    private Mono<Void> answerWork(HttpServerResponse response, PnpContact contact, WorkRequest work,
                                  ServiceRequest next) {
        String serial = contact.serial();
        ServiceRequestRecord record = new ServiceRequestRecord(contact.message().correlator(), next, System.nanoTime());
        String forgotten = outstanding.put(serial, record);
        if (forgotten != null) {
            metrics.forgotten();
            FORGOTTEN.warn("PnP request outstanding for device {} forgotten to make room for {}: {} devices have a"
                    + " request outstanding", forgotten, serial, maxDevices);
        }
        Credentials login = null;
        if (work.deviceId().authRequired() && credentials != null) {
            if (contact.secure() || credentialsOverHttp) {
                login = credentials;
            } else {
                LOG.warn("PnP device {} requires authentication but contacted over plain HTTP; credentials withheld",
                        serial);
            }
        }
        PnpMessage reply = PnpMessage.of(contact.message().udi(), record.correlator(), next).withCredentials(login);
        metrics.request("work-request", "ok");
        LOG.debug("PnP {} -> {} ({})", serial, next.service().id(), record.correlator());
        return sendXml(response, HttpResponseStatus.OK, writer.write(reply));
    }

    private Mono<Void> workResponse(HttpServerRequest request, HttpServerResponse response) {
        return HttpBodies.read(request, maxBody)
                .flatMap(body -> {
                    PnpMessage message = reader.read(body);
                    if (!(message.body() instanceof ServiceResponse) && !(message.body() instanceof Fault)) {
                        return refuse(response, "work-response", "unexpected-body", message.udi(),
                                "WORK-RESPONSE carries " + bodyName(message) + ", not a service response");
                    }
                    PnpContact contact = contact(request, message, body);
                    ServiceRequestRecord pending = outstanding.get(contact.serial());
                    String mismatch = mismatch(message, pending);
                    if (mismatch != null) {
                        return refuse(response, "work-response", "correlator", message.udi(),
                                "device " + contact.serial() + ": " + mismatch);
                    }
                    if (!outstanding.complete(contact.serial(), pending)) {
                        return refuse(response, "work-response", "correlator", message.udi(),
                                "the outstanding request was replaced while this response was read");
                    }
                    metrics.serviceTime(pending.request().service().id(), System.nanoTime() - pending.sentAtNanos());
                    return server.handler.workResponse(contact, pending)
                            .then(Mono.defer(() -> {
                                metrics.request("work-response", "ok");
                                return sendXml(response, HttpResponseStatus.OK, writer.write(
                                        PnpMessage.of(message.udi(), pending.correlator(), new Bye(null))));
                            }));
                })
                .onErrorResume(failure -> failed(response, "work-response", failure));
    }

    private static String mismatch(PnpMessage message, ServiceRequestRecord pending) {
        if (pending == null) {
            return "no request is outstanding for this device (correlator " + message.correlator() + ")";
        }
        if (message.body() instanceof Fault) {
            return null;
        }
        if (!pending.correlator().equals(message.correlator())) {
            return "correlator " + message.correlator() + " does not match the outstanding " + pending.correlator();
        }
        ServiceResponse answer = (ServiceResponse) message.body();
        if (answer.service() != pending.request().service()) {
            return "a " + answer.service().id() + " response answers a " + pending.request().service().id()
                    + " request";
        }
        return null;
    }

    private static PnpContact contact(HttpServerRequest request, PnpMessage message, byte[] document) {
        Udi udi = message.deviceUdi();
        InetSocketAddress remote = request.remoteAddress();
        return new PnpContact(message, udi, remote, request.requestHeaders().get(HttpHeaderNames.HOST),
                "https".equals(request.scheme()), document);
    }

    private static String bodyName(PnpMessage message) {
        return message.body().getClass().getSimpleName();
    }

    private Mono<Void> failed(HttpServerResponse response, String endpoint, Throwable failure) {
        if (failure instanceof HttpBodies.BodyTooLargeException) {
            metrics.rejected("too-large");
            metrics.request(endpoint, "too-large");
            LOG.warn("PnP {} refused: {}", endpoint, failure.getMessage());
            return send(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, NO_UDI,
                    new Fault(Fault.CLIENT, "body too large", failure.getMessage()));
        }
        if (failure instanceof PnpParseException parse) {
            return refuse(response, endpoint, parse.reason().tag(), NO_UDI, parse.getMessage());
        }
        if (failure instanceof IllegalArgumentException) {
            // a UDI without a usable serial, or a Content-Length that is not a number
            return refuse(response, endpoint, "invalid", NO_UDI, failure.getMessage());
        }
        if (failure instanceof ServerBusyException) {
            metrics.rejected("capacity");
            metrics.request(endpoint, "unavailable");
            LOG.warn("PnP {} refused: {}", endpoint, failure.getMessage());
            return send(response, HttpResponseStatus.SERVICE_UNAVAILABLE, NO_UDI,
                    new Fault(Fault.SERVER, "server busy", failure.getMessage()));
        }
        if (failure instanceof AbortedException) {
            // the agent went away mid-exchange: nothing to answer, nothing wrong on this side
            metrics.request(endpoint, "aborted");
            LOG.debug("PnP {} aborted by the peer: {}", endpoint, failure.toString());
            return Mono.empty();
        }
        metrics.request(endpoint, "error");
        LOG.error("PnP {} failed in the handler", endpoint, failure);
        return send(response, HttpResponseStatus.INTERNAL_SERVER_ERROR, NO_UDI,
                new Fault(Fault.SERVER, "internal error", null));
    }

    private Mono<Void> refuse(HttpServerResponse response, String endpoint, String reason, String udi,
                              String rawDetail) {
        String detail = printable(rawDetail);
        metrics.rejected(reason);
        metrics.request(endpoint, "bad-request");
        LOG.warn("PnP {} refused ({}): {}", endpoint, reason, detail);
        return send(response, HttpResponseStatus.BAD_REQUEST, udi, new Fault(Fault.CLIENT, reason, detail));
    }

    /** Keeps control characters a document may smuggle into an error message out of logs and faults. */
    private static String printable(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(text.length(), 512));
        for (int i = 0; i < text.length() && clean.length() < 512; i++) {
            char c = text.charAt(i);
            clean.append(Character.isISOControl(c) ? ' ' : c);
        }
        return clean.toString();
    }

    private Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, String udi, Fault fault) {
        // a fault carries no correlator
        return sendXml(response, status, writer.write(PnpMessage.of(udi, null, fault)));
    }

    private static Mono<Void> sendXml(HttpServerResponse response, HttpResponseStatus status, byte[] document) {
        return response.status(status).header(HttpHeaderNames.CONTENT_TYPE, TEXT_XML)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(document.length))
                .sendByteArray(Mono.just(document)).then();
    }
}
