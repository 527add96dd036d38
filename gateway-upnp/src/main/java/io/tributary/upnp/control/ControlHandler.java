package io.tributary.upnp.control;

import java.net.InetSocketAddress;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.config.Settings;
import io.tributary.core.http.HttpBodies;
import io.tributary.core.log.RateLimitedLog;
import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.description.UpnpTypes;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.http.UpnpHttp;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Answers SOAP action requests (UDA 2.0 §3) on the control URLs: {@code POST} with a body of at most
 * {@link ControlConfig#MAX_BODY_SIZE}, read with the hardened XML reader. The action must be in the service's SCPD
 * (else 401 Invalid Action) and the in arguments exactly those the SCPD lists (else 402 Invalid Args); a
 * {@code SOAPACTION} header, when sent, must name the same service type and action (else 401). QueryStateVariable
 * is answered from the service's evented state. Answers: 200 with the response envelope; 500 with a UPnP fault;
 * 400 with a fault (401) for a body that is not a SOAP envelope or holds a DTD; 413 with a fault over the size
 * limit; 405 for any method but POST ({@code M-POST} included, as UDA prescribes when POST works). Every refusal is
 * counted and logged at a limited rate.
 */
public final class ControlHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ControlHandler.class);
    private static final String QUERY_STATE_VARIABLE = "QueryStateVariable";

    private final Map<String, ControlEndpoint> endpoints;
    private final int maxBodySize;
    private final SoapReader reader;
    private final SoapWriter writer = new SoapWriter();
    private final ControlMeters meters;
    private final RateLimitedLog badRequests = new RateLimitedLog(LOG, 10, TimeUnit.SECONDS);

    /**
     * @param endpoints the control endpoints by control URL path
     * @param settings values of {@link ControlConfig#SECTION}
     * @param xml the hardened XML factories for request bodies
     * @param registry where to record meters
     */
    public ControlHandler(Map<String, ControlEndpoint> endpoints, Settings settings, HardenedXml xml,
                          MeterRegistry registry) {
        this.endpoints = Map.copyOf(endpoints);
        this.maxBodySize = settings.get(ControlConfig.MAX_BODY_SIZE);
        this.reader = new SoapReader(xml);
        this.meters = new ControlMeters(registry);
    }

    /**
     * Declares the control URLs.
     *
     * @return a route contribution for {@code HttpServer.route(...)} or a shared listener
     */
    public Consumer<HttpServerRoutes> routes() {
        return routes -> routes.route(request -> endpoints.containsKey(request.fullPath()), this::handle);
    }

    Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
        ControlEndpoint endpoint = endpoints.get(request.fullPath());
        InetSocketAddress requester = Connections.remote(request);
        if (!HttpMethod.POST.equals(request.method())) {
            meters.rejected("method");
            badRequests.warn("control request {} {} from {} refused with 405", request.method(), request.fullPath(),
                    requester);
            return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).header(HttpHeaderNames.ALLOW, "POST")
                    .header(HttpHeaderNames.CONTENT_LENGTH, "0").send();
        }
        String soapAction = request.requestHeaders().get("SOAPACTION");
        return HttpBodies.read(request, maxBodySize)
                .map(reader::read)
                .flatMap(soap -> dispatch(endpoint, soap, soapAction, requester))
                .flatMap(body -> {
                    meters.ok();
                    return send(response, HttpResponseStatus.OK, body);
                })
                .onErrorResume(HttpBodies.BodyTooLargeException.class, failure -> refuse(response,
                        HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "body-too-large", requester, failure))
                .onErrorResume(SoapException.class, failure -> refuse(response, HttpResponseStatus.BAD_REQUEST,
                        "malformed-body", requester, failure))
                .onErrorResume(IllegalArgumentException.class, failure -> refuse(response,
                        HttpResponseStatus.BAD_REQUEST, "malformed-body", requester, failure))
                .onErrorResume(failure -> {
                    UpnpError error = failure instanceof UpnpError upnp ? upnp
                            : UpnpError.actionFailed(String.valueOf(failure.getMessage()));
                    if (!(failure instanceof UpnpError)) {
                        LOG.error("action on {} from {} failed", request.fullPath(), requester, failure);
                    } else {
                        LOG.debug("action on {} from {}: {} {}", request.fullPath(), requester, error.code(),
                                error.description());
                    }
                    meters.fault(error.code());
                    return send(response, HttpResponseStatus.INTERNAL_SERVER_ERROR, writer.fault(error));
                });
    }

    private Mono<byte[]> dispatch(ControlEndpoint endpoint, SoapRequest soap, String soapAction,
                                  InetSocketAddress requester) {
        if (SoapReader.CONTROL_NAMESPACE.equals(soap.namespace()) && QUERY_STATE_VARIABLE.equals(soap.action())) {
            checkSoapAction(soapAction, SoapReader.CONTROL_NAMESPACE, soap.action());
            String variable = soap.arguments().get("varName");
            if (variable == null || soap.arguments().size() != 1) {
                throw UpnpError.invalidArgs("QueryStateVariable takes varName only");
            }
            return endpoint.service().query(variable).map(value -> writer.response(SoapReader.CONTROL_NAMESPACE,
                    QUERY_STATE_VARIABLE, Map.of("return", value)));
        }
        if (!UpnpTypes.satisfies(soap.namespace(), endpoint.serviceType())) {
            throw UpnpError.invalidAction("{" + soap.namespace() + "}" + soap.action() + " is not an action of "
                    + endpoint.serviceType());
        }
        checkSoapAction(soapAction, soap.namespace(), soap.action());
        Scpd.Action action = endpoint.actions().stream().filter(candidate -> candidate.name().equals(soap.action()))
                .findFirst().orElseThrow(() -> UpnpError.invalidAction(soap.action()));
        Set<String> expected = new LinkedHashSet<>();
        action.arguments().stream().filter(argument -> !argument.out()).forEach(argument ->
                expected.add(argument.name()));
        if (!expected.equals(soap.arguments().keySet())) {
            throw UpnpError.invalidArgs(action.name() + " takes " + expected + ", got " + soap.arguments().keySet());
        }
        return endpoint.service().invoke(action.name(), soap.arguments(), requester)
                .map(out -> writer.response(soap.namespace(), action.name(), out));
    }

    /** A SOAPACTION header, when sent, must name the body's action: {@code "serviceType#action"} (quotes optional). */
    private static void checkSoapAction(String header, String namespace, String action) {
        if (header == null) {
            return;
        }
        String value = header.trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        int hash = value.lastIndexOf('#');
        if (hash < 0 || !value.substring(hash + 1).equals(action)
                || !Objects.equals(value.substring(0, hash), namespace)) {
            throw UpnpError.invalidAction("SOAPACTION " + header + " does not name {" + namespace + "}" + action);
        }
    }

    private Mono<Void> refuse(HttpServerResponse response, HttpResponseStatus status, String reason,
                              InetSocketAddress requester, Throwable cause) {
        meters.rejected(reason);
        badRequests.warn("control request from {} refused with {} ({}): {}", requester, status.code(), reason,
                cause.getMessage());
        return send(response, status, writer.fault(UpnpError.invalidAction("unreadable request: "
                + cause.getMessage())));
    }

    private static Mono<Void> send(HttpServerResponse response, HttpResponseStatus status, byte[] body) {
        return response.status(status)
                .header(HttpHeaderNames.CONTENT_TYPE, UpnpHttp.TEXT_XML)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length))
                .header("EXT", "")
                .header(HttpHeaderNames.SERVER, UpnpHttp.SERVER)
                .sendByteArray(Mono.just(body)).then();
    }
}

