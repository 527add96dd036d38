package io.tributary.app.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.core.Message;
import io.tributary.core.Overflow;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.TopicFilter;
import reactor.core.publisher.Flux;

/**
 * Server-Sent Events of every message matching a filter, for one client: a router subscription whose bounded
 * queue ({@code admin.stream-buffer} messages, plus the one in hand) drops the oldest message when the client falls
 * behind. Drops are
 * counted for the client and in {@code tributary.admin.stream.dropped}, and the client is told how many it missed
 * in a {@code dropped} event just before the next message it gets. A comment every 15 s keeps idle connections
 * open through proxies.
 */
public final class TopicStream {

    /** Interval of the keep-alive comment. */
    static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final Router router;
    private final int buffer;
    private final Counter dropped;

    /**
     * @param router where messages come from
     * @param buffer messages one client may fall behind before the oldest is dropped
     * @param registry where {@code tributary.admin.stream.dropped} goes
     */
    public TopicStream(Router router, int buffer, MeterRegistry registry) {
        this.router = router;
        this.buffer = buffer;
        this.dropped = Counter.builder("tributary.admin.stream.dropped")
                .description("messages dropped for live-topic clients that fell behind").register(registry);
    }

    /**
     * @param filter which topics
     * @param message renders one message as a whole SSE event
     * @param drops renders the notice of that many missed messages as a whole SSE event
     * @return the event stream of one client, text to write as it comes; cancelling ends the subscription
     */
    public Flux<String> events(TopicFilter filter, Function<Message, String> message, LongFunction<String> drops) {
        return Flux.defer(() -> {
            AtomicLong missed = new AtomicLong();
            long[] told = new long[1];
            Flux<String> messages = router.subscribe(filter, SubscribeOptions.defaults().capacity(buffer)
                            .overflow(Overflow.DROP_OLDEST).onDrop(lost -> {
                                missed.incrementAndGet();
                                dropped.increment();
                            }))
                    .map(next -> {
                        long now = missed.get();
                        String notice = now > told[0] ? drops.apply(now - told[0]) : "";
                        told[0] = now;
                        return notice + message.apply(next);
                    });
            // Prefetch 1: the router's bounded queue, not the merge, is where a slow client's messages wait.
            return Flux.merge(1, messages, Flux.interval(HEARTBEAT).map(tick -> ": keep-alive\n\n"))
                    .startWith(": " + filter + "\n\n");
        });
    }

    /**
     * @param event the event name
     * @param data the data, one {@code data:} line per line of text
     * @return the SSE event (HTML Living Standard, server-sent events)
     */
    public static String event(String event, String data) {
        StringBuilder frame = new StringBuilder("event: ").append(event).append('\n');
        for (String line : data.split("\r\n|\r|\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        return frame.append('\n').toString();
    }
}
