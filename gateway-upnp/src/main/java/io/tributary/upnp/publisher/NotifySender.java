package io.tributary.upnp.publisher;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.upnp.event.PropertySetWriter;
import io.tributary.upnp.http.GenaHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Sends one NOTIFY (UDA 2.0 §4.3.2) to a subscription's callback URLs in order until one answers 2xx; a 412 ends
 * the subscription at once. Uses one pooled {@link HttpClient} for every subscription.
 */
final class NotifySender {

    private static final Logger LOG = LoggerFactory.getLogger(NotifySender.class);

    /** What became of one message. */
    enum Outcome {
        /** A callback URL answered 2xx. */
        SENT,
        /** No callback URL answered 2xx (connection error, timeout or other status). */
        FAILED,
        /** A callback URL answered 412: the subscriber does not know the SID any more. */
        GONE
    }

    private final HttpClient client;

    NotifySender(HttpClient client) {
        this.client = client;
    }

    Mono<Outcome> send(String[] urls, String sid, long seq, byte[] body) {
        return attempt(urls, 0, sid, Long.toString(seq), body);
    }

    private Mono<Outcome> attempt(String[] urls, int index, String sid, String seq, byte[] body) {
        String url = urls[index];
        return client.request(GenaHeaders.NOTIFY)
                .uri(url)
                .send((request, out) -> {
                    request.header(HttpHeaderNames.CONTENT_TYPE, PropertySetWriter.CONTENT_TYPE)
                            .header(GenaHeaders.NT, GenaHeaders.UPNP_EVENT)
                            .header(GenaHeaders.NTS, GenaHeaders.UPNP_PROPCHANGE)
                            .header(GenaHeaders.SID, sid)
                            .header(GenaHeaders.SEQ, seq)
                            .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(body.length));
                    return out.send(Mono.just(Unpooled.wrappedBuffer(body)));
                })
                .response()
                .map(response -> {
                    int status = response.status().code();
                    if (status >= 200 && status < 300) {
                        return Outcome.SENT;
                    }
                    if (status == 412) {
                        return Outcome.GONE;
                    }
                    LOG.debug("NOTIFY {} SEQ {} to {} answered {}", sid, seq, url, status);
                    return Outcome.FAILED;
                })
                .onErrorResume(failure -> {
                    LOG.debug("NOTIFY {} SEQ {} to {} failed: {}", sid, seq, url, failure.toString());
                    return Mono.just(Outcome.FAILED);
                })
                .flatMap(outcome -> outcome == Outcome.FAILED && index + 1 < urls.length
                        ? attempt(urls, index + 1, sid, seq, body) : Mono.just(outcome));
    }
}
