package io.tributary.coap;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

import io.netty.util.NetUtil;
import io.tributary.coap.message.CoapOption;
import io.tributary.coap.message.CoapOptions;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A {@code coap://host:port/path?query} URI split as RFC 7252 §6.4 says: the endpoint address, Uri-Host when the
 * host is a name, Uri-Path and Uri-Query options. Host names are resolved off the event loops.
 */
final class CoapUri {

    static final int DEFAULT_PORT = 5683;

    private CoapUri() {
    }

    static Mono<InetSocketAddress> address(URI uri) {
        check(uri);
        String host = host(uri);
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        if (literal != null) {
            try {
                return Mono.just(new InetSocketAddress(InetAddress.getByAddress(literal), port));
            } catch (UnknownHostException e) {
                return Mono.error(e);
            }
        }
        return Mono.fromCallable(() -> new InetSocketAddress(InetAddress.getByName(host), port))
                .subscribeOn(Schedulers.boundedElastic());
    }

    static CoapOptions.Builder options(URI uri) {
        check(uri);
        CoapOptions.Builder options = CoapOptions.builder();
        String host = host(uri);
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
            options.add(CoapOption.URI_HOST, host);
        }
        String path = uri.getRawPath();
        if (path != null) {
            for (String segment : path.split("/")) {
                if (!segment.isEmpty()) {
                    options.add(CoapOption.URI_PATH, decode(segment));
                }
            }
        }
        String query = uri.getRawQuery();
        if (query != null && !query.isEmpty()) {
            for (String item : query.split("&")) {
                options.add(CoapOption.URI_QUERY, decode(item));
            }
        }
        return options;
    }

    private static void check(URI uri) {
        if (!"coap".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("only coap:// URIs are supported, not " + uri);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URI without host: " + uri);
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("CoAP URIs have no fragment (RFC 7252 §6.1): " + uri);
        }
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
