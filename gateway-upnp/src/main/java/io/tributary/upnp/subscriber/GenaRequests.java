package io.tributary.upnp.subscriber;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.tributary.upnp.http.Connections;
import io.tributary.upnp.http.GenaHeaders;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;

/**
 * Sends SUBSCRIBE, renewal and UNSUBSCRIBE (UDA 2.0 §4.1.2–§4.1.4) and reads the answers. The CALLBACK URL is the
 * advertised callback address, or the local address of the very connection the SUBSCRIBE leaves on.
 */
final class GenaRequests {

    private final HttpClient client;
    private final URI callbackAddress;
    private final int callbackPort;

    /**
     * @param client the pooled client
     * @param callbackAddress the advertised callback base ({@link SubscriberConfig#CALLBACK_ADDRESS}), or
     *                        {@code null} for the local address of each connection
     * @param callbackPort the port callbacks are served on, with the local address
     */
    GenaRequests(HttpClient client, URI callbackAddress, int callbackPort) {
        this.client = client;
        this.callbackAddress = callbackAddress;
        this.callbackPort = callbackPort;
    }

    Mono<Answer> subscribe(URI url, String token, long timeoutSeconds) {
        String path = GenaSubscriber.CALLBACK_PATH + token;
        HttpClient withCallback = client.doOnRequest((request, connection) -> request.header(GenaHeaders.CALLBACK,
                "<" + callbackBase(connection.channel().localAddress()) + path + ">"));
        return exchange(withCallback, GenaHeaders.SUBSCRIBE, url, request -> request
                .header(GenaHeaders.NT, GenaHeaders.UPNP_EVENT)
                .header(GenaHeaders.TIMEOUT, GenaHeaders.formatTimeout(timeoutSeconds)));
    }

    Mono<Answer> renew(URI url, String sid, long timeoutSeconds) {
        return exchange(client, GenaHeaders.SUBSCRIBE, url, request -> request.header(GenaHeaders.SID, sid)
                .header(GenaHeaders.TIMEOUT, GenaHeaders.formatTimeout(timeoutSeconds)));
    }

    Mono<Answer> unsubscribe(URI url, String sid) {
        return exchange(client, GenaHeaders.UNSUBSCRIBE, url, request -> request.header(GenaHeaders.SID, sid));
    }

    private static Mono<Answer> exchange(HttpClient client, HttpMethod method, URI url,
                                         Consumer<HttpClientRequest> headers) {
        return client.request(method).uri(url).send((request, out) -> {
            headers.accept(request);
            request.header(HttpHeaderNames.CONTENT_LENGTH, "0");
            return out;
        }).response().map(response -> new Answer(response.status().code(),
                trimmed(response.responseHeaders().get(GenaHeaders.SID)),
                GenaHeaders.parseTimeout(response.responseHeaders().get(GenaHeaders.TIMEOUT))));
    }

    private String callbackBase(SocketAddress local) {
        if (callbackAddress != null) {
            String base = callbackAddress.toString();
            return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        }
        InetSocketAddress address = (InetSocketAddress) local;
        String host = Connections.normalize(address.getAddress()).getHostAddress();
        if (Connections.normalize(address.getAddress()) instanceof Inet6Address) {
            int scope = host.indexOf('%');
            host = "[" + (scope >= 0 ? host.substring(0, scope) : host) + "]";
        }
        return "http://" + host + ":" + callbackPort;
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /**
     * The publisher's answer.
     *
     * @param status the status code
     * @param sid the SID header, or {@code null}
     * @param grantedSeconds the granted TIMEOUT, or {@link GenaHeaders#NO_TIMEOUT}
     */
    record Answer(int status, String sid, long grantedSeconds) {
    }
}
