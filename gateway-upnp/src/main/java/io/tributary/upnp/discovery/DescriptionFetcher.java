package io.tributary.upnp.discovery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.core.http.HttpBodies;
import io.tributary.upnp.description.DescriptionException;
import io.tributary.upnp.description.DescriptionReader;
import io.tributary.upnp.description.DeviceDescription;
import io.tributary.upnp.http.UpnpHttp;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Fetches a device description (UDA 2.0 §2.1): {@code GET} of the LOCATION with a timeout, the body capped at
 * {@link DiscoveryConfig#MAX_DESCRIPTION_SIZE} while it streams, read with the hardened {@link DescriptionReader}.
 * A status other than 200 fails with an {@link IOException}, an unusable document with {@link DescriptionException},
 * a body over the cap with {@link HttpBodies.BodyTooLargeException}.
 */
final class DescriptionFetcher {

    private final HttpClient client;
    private final DescriptionReader reader;
    private final int maxSize;

    /**
     * @param client the pooled client (its response timeout bounds a fetch)
     * @param reader reads descriptions
     * @param maxSize the largest description, in bytes
     */
    DescriptionFetcher(HttpClient client, DescriptionReader reader, int maxSize) {
        this.client = client;
        this.reader = reader;
        this.maxSize = maxSize;
    }

    Mono<DeviceDescription> fetch(URI location, Duration timeout) {
        return client.headers(headers -> headers.set(HttpHeaderNames.USER_AGENT, UpnpHttp.SERVER))
                .get().uri(location)
                .response((response, content) -> {
                    if (response.status().code() != 200) {
                        return Mono.error(new IOException("HTTP " + response.status().code()));
                    }
                    return HttpBodies.read(content, response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH),
                            maxSize);
                })
                .next()
                .timeout(timeout)
                .map(document -> reader.read(document, location));
    }
}
