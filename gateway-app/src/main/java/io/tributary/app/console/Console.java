package io.tributary.app.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.app.admin.AdminApi;
import io.tributary.app.admin.AdminGuard;
import io.tributary.app.admin.AdminPrincipal;
import io.tributary.app.admin.AdminSurface;
import io.tributary.app.admin.StatusViews;
import io.tributary.app.admin.StatusViews.DeviceView;
import io.tributary.app.admin.TopicStream;
import io.tributary.core.Message;
import io.tributary.core.TopicFilter;
import io.tributary.core.http.HttpBodies;
import io.tributary.pnp.provision.ClaimRefusedException;
import io.tributary.upnp.discovery.DiscoveredService;
import io.tributary.upnp.publisher.PublisherSubscription;
import io.tributary.upnp.subscriber.SourceSubscription;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * The operator console under {@code /ui}: plain HTML pages, a little JavaScript and htmx from the jar, and HTML
 * fragments the pages load (behind the same {@link AdminGuard} as the API): retained topics and their live
 * stream, PnP devices with a claim dialog, UPnP subscriptions and discovered devices, the CoAP endpoint and its
 * observers; the rate charts read {@code /api/meters}. The pages themselves hold no data and need no credentials;
 * the script asks for them when a fragment is refused.
 */
public final class Console implements AdminSurface.Companion {

    /** The pages, by path segment under {@code /ui/}. */

    private final StaticFiles files = new StaticFiles();

    @Override
    public Consumer<HttpServerRoutes> routes(StatusViews views, AdminGuard guard, TopicStream stream) {
        Fragments fragments = new Fragments(views);
        return routes -> routes
                .get("/ui", (request, response) -> response.sendRedirect("/ui/topics"))
                .get("/ui/", (request, response) -> response.sendRedirect("/ui/topics"))
                .get("/ui/static/{file}", (request, response) -> files.send(response, "console/" + request.param(
                        "file")))
                .route(request -> request.method().name().equals("GET")
                                && request.fullPath().startsWith("/ui/webjars/"),
                        (request, response) -> files.send(response, "META-INF/resources/webjars/"
                                + request.fullPath().substring("/ui/webjars/".length())))
                .get("/ui/part/topics", guard.guard((request, response, who) -> html(response,
                        Mono.fromCallable(() -> AdminApi.filter(request)).flatMap(views::topics)
                                .map(Fragments::topics))))
                .get("/ui/part/topics/stream", guard.guard((request, response, who) -> liveTopics(request,
                        response, stream)))
                .get("/ui/part/pnp", guard.guard((request, response, who) -> html(response,
                        views.devices().collectList().map(Fragments::devices))))
                .get("/ui/part/pnp/{serial}/claim", guard.guard((request, response, who) -> html(response,
                        Mono.fromCallable(() -> fragments.claimForm(request.param("serial"))))))
                .post("/ui/part/pnp/{serial}/claim", guard.guard((request, response, who) -> claim(request,
                        response, who, views)))
                .post("/ui/part/pnp/{serial}/retry", guard.guard((request, response, who) -> refusedOr(response,
                        views.pnp() == null ? Mono.error(new IllegalStateException("PnP is disabled"))
                                : views.pnp().retry(request.param("serial")).then(views.devices().collectList()
                                .map(Fragments::devices)))))
                .get("/ui/part/upnp", guard.guard((request, response, who) -> html(response,
                        Mono.fromCallable(() -> Fragments.upnp(views.upnp(), views.upnpDevices())))))
                .get("/ui/part/coap", guard.guard((request, response, who) -> html(response,
                        views.coap().map(Fragments::coap).defaultIfEmpty(Fragments.COAP_DISABLED))))
                .get("/ui/{page}", (request, response) -> files.sendPage(response, request.param("page")));
    }

    private static Publisher<Void> liveTopics(HttpServerRequest request, HttpServerResponse response,
                                              TopicStream stream) {
        TopicFilter filter;
        try {
            filter = AdminApi.filter(request);
        } catch (IllegalArgumentException bad) {
            return response.status(HttpResponseStatus.BAD_REQUEST).sendString(Mono.just(Html.escape(
                    bad.getMessage())));
        }
        return response.sse().header(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .sendString(stream.events(filter, message -> TopicStream.event("message", Fragments.live(message)),
                        missed -> TopicStream.event("dropped", missed + " older messages dropped: this view fell"
                                + " behind")));
    }

    private static Mono<Void> claim(HttpServerRequest request, HttpServerResponse response, AdminPrincipal who,
                                    StatusViews views) {
        String serial = request.param("serial");
        return refusedOr(response, HttpBodies.read(request, 16 * 1024).flatMap(body -> {
            Map<String, List<String>> form = new QueryStringDecoder("?" + new String(body,
                    StandardCharsets.UTF_8)).parameters();
            String rule = first(form, "rule");
            if (views.pnp() == null) {
                return Mono.error(new IllegalStateException("PnP is disabled"));
            }
            return views.pnp().claim(serial, rule == null ? "" : rule, variables(first(form, "variables")),
                    who.name());
        }).then(views.devices().collectList().map(Fragments::devices)));
    }

    /** Parses {@code name=value} lines, ignoring blank ones. */
    static Map<String, String> variables(String lines) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (lines == null) {
            return variables;
        }
        for (String line : lines.split("\r?\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                variables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            } else if (!line.isBlank()) {
                throw new IllegalArgumentException("variables are name=value lines, not '" + line.trim() + "'");
            }
        }
        return variables;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static Mono<Void> refusedOr(HttpServerResponse response, Mono<String> fragment) {
        return html(response, fragment).onErrorResume(failure -> {
            if (failure instanceof ClaimRefusedException || failure instanceof IllegalArgumentException
                    || failure instanceof IllegalStateException) {
                // htmx swaps 4xx answers nowhere by default; the script shows the message of this header.
                return response.status(failure instanceof ClaimRefusedException refused
                                && refused.reason() == ClaimRefusedException.Reason.UNKNOWN_DEVICE
                                ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.BAD_REQUEST)
                        .header("X-Tributary-Error", Html.escape(failure.getMessage()))
                        .sendString(Mono.just(Html.escape(failure.getMessage()))).then();
            }
            return Mono.error(failure);
        });
    }

    private static Mono<Void> html(HttpServerResponse response, Mono<String> fragment) {
        return response.header(HttpHeaderNames.CONTENT_TYPE, "text/html; charset=utf-8")
                .header(HttpHeaderNames.CACHE_CONTROL, "no-store").sendString(fragment).then();
    }

    /** HTML fragments of the views. */
    static final class Fragments {

        static final String COAP_DISABLED = "<p class=\"empty\">CoAP is disabled.</p>";

        private final StatusViews views;

        Fragments(StatusViews views) {
            this.views = views;
        }

        static String topics(List<StatusViews.TopicView> topics) {
            if (topics.isEmpty()) {
                return Html.empty(5, "no retained values match");
            }
            StringBuilder rows = new StringBuilder();
            for (StatusViews.TopicView topic : topics) {
                rows.append("<tr>").append(Html.cell(topic.topic())).append("<td class=\"value\">")
                        .append(topic.preview() == null ? "(" + topic.size() + " bytes)" : Html.escape(
                                topic.preview())).append("</td>").append(Html.cell(topic.contentType()))
                        .append(Html.cell(topic.origin())).append(Html.cell(Html.time(topic.lastChange())))
                        .append("</tr>");
            }
            return rows.toString();
        }

        static String live(Message message) {
            StatusViews.TopicView view = StatusViews.TopicView.of(message);
            return "<tr>" + Html.cell(Html.time(view.lastChange())) + Html.cell(view.topic())
                    + "<td class=\"value\">" + (view.preview() == null ? "(" + view.size() + " bytes)"
                    : Html.escape(view.preview())) + "</td>" + Html.cell(view.origin()) + "</tr>";
        }

        static String devices(List<DeviceView> devices) {
            if (devices.isEmpty()) {
                return Html.empty(8, "no device has called home yet");
            }
            StringBuilder rows = new StringBuilder();
            for (DeviceView device : devices) {
                String serial = Html.escape(device.serial());
                rows.append("<tr data-serial=\"").append(serial).append("\" class=\"state-")
                        .append(device.state().toLowerCase(Locale.ROOT)).append("\">")
                        .append(Html.cell(device.serial())).append(Html.cell(device.pid()))
                        .append(Html.cell(device.hostname()))
                        .append(Html.cell(device.unclaimed() ? "unclaimed" : device.rule()))
                        .append("<td><span class=\"state\">").append(Html.escape(device.state())).append("</span>")
                        .append("</td><td><progress max=\"").append(Math.max(1, device.steps())).append("\" value=\"")
                        .append(device.step()).append("\"></progress> step ").append(device.step()).append(" of ")
                        .append(device.steps()).append("</td>").append(Html.cell(device.lastError()))
                        .append("<td class=\"actions\"><button class=\"claim\" hx-get=\"/ui/part/pnp/").append(serial)
                        .append("/claim\" hx-target=\"#claim-form\">Claim</button>");
                if ("FAILED".equals(device.state())) {
                    rows.append(" <button class=\"retry\" hx-post=\"/ui/part/pnp/").append(serial)
                            .append("/retry\" hx-target=\"#devices\">Retry</button>");
                }
                rows.append("</td></tr>");
            }
            return rows.toString();
        }

        String claimForm(String serial) {
            StringBuilder form = new StringBuilder("<form hx-post=\"/ui/part/pnp/").append(Html.escape(serial))
                    .append("/claim\" hx-target=\"#devices\"><p>Claim <strong>").append(Html.escape(serial))
                    .append("</strong>: it follows the rule from its next work request.</p>")
                    .append("<label>Rule <select name=\"rule\" id=\"claim-rule\">");
            for (String rule : views.rules()) {
                form.append("<option>").append(Html.escape(rule)).append("</option>");
            }
            return form.append("</select></label><label>Variables (name=value, one per line)")
                    .append("<textarea name=\"variables\" id=\"claim-variables\" rows=\"4\"></textarea></label>")
                    .append("<menu><button type=\"button\" class=\"cancel\">Cancel</button>")
                    .append("<button type=\"submit\" id=\"claim-submit\">Claim</button></menu></form>").toString();
        }

        static String upnp(StatusViews.UpnpView upnp, List<StatusViews.UpnpDeviceView> devices) {
            StringBuilder html = new StringBuilder("<h2>Subscriptions at the gateway's publisher</h2><table><thead>"
                    + "<tr><th>SID</th><th>Service</th><th>Callback</th><th>Requester</th><th>Next SEQ</th>"
                    + "<th>Failures</th><th>Expires in</th></tr></thead><tbody>");
            if (upnp.publisher().isEmpty()) {
                html.append(Html.empty(7, "no control point is subscribed"));
            }
            for (PublisherSubscription held : upnp.publisher()) {
                html.append("<tr>").append(Html.cell(held.sid())).append(Html.cell(held.path()))
                        .append(Html.cell(String.join(" ", held.callbacks()))).append(Html.cell(held.requester()))
                        .append(Html.cell(held.seq())).append(Html.cell(held.failures()))
                        .append(Html.cell(held.expiresInSeconds() + " s")).append("</tr>");
            }
            html.append("</tbody></table><h2>The gateway's own subscriptions</h2><table><thead><tr><th>Event URL</th>"
                    + "<th>State</th><th>SID</th><th>Last SEQ</th><th>Granted</th><th>Failures</th></tr></thead>"
                    + "<tbody>");
            if (upnp.subscriber().isEmpty()) {
                html.append(Html.empty(6, "no upnp.sources configured"));
            }
            for (SourceSubscription own : upnp.subscriber()) {
                html.append("<tr>").append(Html.cell(own.url())).append(Html.cell(own.state()))
                        .append(Html.cell(own.sid())).append(Html.cell(own.lastSeq()))
                        .append(Html.cell(own.grantedSeconds() + " s")).append(Html.cell(own.failures()))
                        .append("</tr>");
            }
            html.append("</tbody></table><h2>Devices on the network</h2><table id=\"upnp-devices\"><thead><tr>"
                    + "<th>Device</th><th>Type</th><th>LOCATION</th><th>Services</th><th>Followed</th>"
                    + "<th>Subscriptions</th><th>Expires in</th></tr></thead><tbody>");
            if (devices.isEmpty()) {
                html.append(Html.empty(7, "discovery found no device (or upnp.discovery is off)"));
            }
            for (StatusViews.UpnpDeviceView device : devices) {
                // One line per service in both cells, so a service and its subscription's state line up.
                StringBuilder services = new StringBuilder("<td>");
                StringBuilder states = new StringBuilder("<td>");
                for (DiscoveredService service : device.services()) {
                    String separator = services.length() == 4 ? "" : "<br>";
                    String id = service.serviceId();
                    services.append(separator).append("<span title=\"").append(Html.escape(id)).append("\">")
                            .append(Html.escape(id.substring(id.lastIndexOf(':') + 1))).append("</span>");
                    states.append(separator).append(service.subscription().name().toLowerCase(Locale.ROOT));
                }
                html.append("<tr data-udn=\"").append(Html.escape(device.udn())).append("\">")
                        .append("<td title=\"").append(Html.escape(device.udn())).append("\">")
                        .append(Html.escape(device.friendlyName() != null ? device.friendlyName() : device.udn()))
                        .append("</td>").append(Html.cell(device.deviceType() != null ? device.deviceType()
                                : device.problem())).append(Html.cell(device.location()))
                        .append(services).append("</td>").append(Html.cell(device.followed() ? "yes" : "no"))
                        .append(states).append("</td>").append(Html.cell(device.expiresInSeconds() + " s"))
                        .append("</tr>");
            }
            return html.append("</tbody></table>").toString();
        }

        static String coap(StatusViews.CoapView coap) {
            Map<String, Object> rows = new LinkedHashMap<>();
            rows.put("UDP port", coap.port() + " (" + coap.transport() + ")");
            rows.put("Peers tracked", coap.peers());
            rows.put("Deduplication entries", coap.dedupSize());
            rows.put("Client requests in flight", coap.clientInFlight());
            rows.put("Observers", coap.observers().size());
            rows.put("Requests received", coap.requests());
            rows.put("Responses 2.xx / 4.xx / 5.xx", coap.success() + " / " + coap.clientErrors() + " / "
                    + coap.serverErrors());
            rows.put("Retransmissions", coap.retransmissions());
            rows.put("Timeouts", coap.timeouts());
            rows.put("Duplicates", coap.duplicates());
            rows.put("Malformed datagrams", coap.formatErrors());
            rows.put("Refused for lack of resources", coap.rejected());
            StringBuilder html = new StringBuilder("<table class=\"facts\"><tbody>");
            rows.forEach((name, value) -> html.append("<tr><th>").append(Html.escape(name)).append("</th>")
                    .append(Html.cell(value)).append("</tr>"));
            html.append("</tbody></table><h2>Observers</h2><table id=\"coap-observers\"><thead><tr><th>Peer</th>"
                    + "<th>Resource</th><th>Token</th><th>Last Observe</th><th>Type</th><th>Age</th></tr></thead>"
                    + "<tbody>");
            if (coap.observers().isEmpty()) {
                html.append(Html.empty(6, "no client observes a resource"));
            }
            for (StatusViews.ObserverView observer : coap.observers()) {
                html.append("<tr>").append(Html.cell(observer.peer())).append(Html.cell(observer.resource()))
                        .append(Html.cell(observer.token())).append(Html.cell(observer.observe()))
                        .append(Html.cell(observer.type())).append(Html.cell(observer.ageSeconds() + " s"))
                        .append("</tr>");
            }
            return html.append("</tbody></table>").toString();
        }
    }
}
