package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class RouterTest {

    private final Router router = Router.create();

    private static Message msg(String topic, String payload) {
        return Message.text(Topic.of(topic), payload);
    }

    private static Message retained(String topic, String payload) {
        return Message.builder(Topic.of(topic)).payload(payload).retain(true).build();
    }

    @Nested
    class PublishSubscribe {

        @Test
        @DisplayName("a subscriber receives matching messages in publish order and nothing else")
        void delivery() {
            StepVerifier.create(router.subscribe(TopicFilter.of("sensors/+/temp")).map(Message::payloadUtf8))
                    .then(() -> {
                        router.publish(msg("sensors/kitchen/temp", "21"));
                        router.publish(msg("sensors/kitchen/humidity", "40"));
                        router.publish(msg("sensors/hall/temp", "19"));
                    })
                    .expectNext("21", "19")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(router.subscriptionCount()).isZero();
        }

        @Test
        @DisplayName("every subscriber whose filter matches gets its own copy; publish reports how many queued it")
        void fanOut() {
            List<String> a = new CopyOnWriteArrayList<>();
            List<String> b = new CopyOnWriteArrayList<>();
            Disposable first = router.subscribe(TopicFilter.of("#")).subscribe(m -> a.add(m.payloadUtf8()));
            Disposable second = router.subscribe(TopicFilter.of("x/y")).subscribe(m -> b.add(m.payloadUtf8()));
            assertThat(router.publish(msg("x/y", "1"))).isEqualTo(2);
            assertThat(router.publish(msg("x/z", "2"))).isEqualTo(1);
            first.dispose();
            assertThat(router.publish(msg("x/y", "3"))).isEqualTo(1);
            second.dispose();
            assertThat(a).containsExactly("1", "2");
            assertThat(b).containsExactly("1", "3");
            assertThat(router.stats().published()).isEqualTo(3);
        }

        @Test
        @DisplayName("a subscriber that publishes from onNext does not recurse or deadlock")
        void reentrantPublish() {
            List<String> seen = new CopyOnWriteArrayList<>();
            List<Integer> depths = new CopyOnWriteArrayList<>();
            Disposable echo = router.subscribe(TopicFilter.of("ping")).subscribe(m -> {
                seen.add(m.payloadUtf8());
                depths.add(Thread.currentThread().getStackTrace().length);
                if (seen.size() < 100) {
                    router.publish(msg("ping", String.valueOf(seen.size())));
                }
            });
            router.publish(msg("ping", "0"));
            echo.dispose();
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(String::valueOf).toList());
            // Recursion would add frames per nested publish (100 levels); the drain loop keeps the depth flat.
            assertThat(depths.stream().mapToInt(Integer::intValue).max().orElseThrow()
                    - depths.stream().mapToInt(Integer::intValue).min().orElseThrow())
                    .as("stack depth spread over 100 re-entrant publishes: %s", depths).isLessThanOrEqualTo(2);
        }

        @Test
        @DisplayName("publishers on many threads lose nothing when the queue is large enough")
        void concurrentPublishers() throws InterruptedException {
            int threads = 4;
            int each = 20_000;
            CountDownLatch all = new CountDownLatch(threads * each);
            Disposable counting = router.subscribe(TopicFilter.of("load/#"),
                            SubscribeOptions.defaults().capacity(threads * each))
                    .subscribe(m -> all.countDown());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                int id = t;
                pool.execute(() -> {
                    Message message = msg("load/" + id, "x");
                    for (int i = 0; i < each; i++) {
                        router.publish(message);
                    }
                });
            }
            assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
            pool.shutdown();
            counting.dispose();
            assertThat(router.stats().dropped()).isZero();
        }

        @Test
        @DisplayName("a subscriber that throws from onNext loses its subscription, the publisher is unharmed")
        void throwingSubscriber() {
            StepVerifier.create(router.subscribe(TopicFilter.of("t")).doOnNext(m -> {
                        throw new IllegalStateException("boom");
                    }))
                    .then(() -> assertThat(router.publish(msg("t", "1"))).isEqualTo(1))
                    .expectErrorMessage("boom")
                    .verify(Duration.ofSeconds(5));
            assertThat(router.subscriptionCount()).isZero();
        }
    }

    @Nested
    class Overflows {

        @Test
        @DisplayName("DROP_OLDEST keeps the newest messages and counts every drop")
        void dropOldest() {
            StepVerifier.create(router.subscribe(TopicFilter.of("q"),
                            SubscribeOptions.defaults().capacity(3).overflow(Overflow.DROP_OLDEST))
                    .map(Message::payloadUtf8), 0)
                    .then(() -> {
                        for (int i = 1; i <= 10; i++) {
                            router.publish(msg("q", String.valueOf(i)));
                        }
                    })
                    .thenRequest(10)
                    .expectNext("8", "9", "10")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(router.stats().dropped()).isEqualTo(7);
        }

        @Test
        @DisplayName("a subscriber's own drop listener hears of each message its queue drops, the router counts them too")
        void ownDropListener() {
            List<String> dropped = new ArrayList<>();
            StepVerifier.create(router.subscribe(TopicFilter.of("q"), SubscribeOptions.defaults().capacity(2)
                            .onDrop(message -> dropped.add(message.payloadUtf8()))).map(Message::payloadUtf8), 0)
                    .then(() -> {
                        for (int i = 1; i <= 5; i++) {
                            router.publish(msg("q", String.valueOf(i)));
                        }
                    })
                    .thenRequest(5)
                    .expectNext("4", "5")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(dropped).containsExactly("1", "2", "3");
            assertThat(router.stats().dropped()).isEqualTo(3);
        }

        @Test
        @DisplayName("DROP_NEWEST keeps the first messages and counts every drop")
        void dropNewest() {
            StepVerifier.create(router.subscribe(TopicFilter.of("q"),
                            SubscribeOptions.defaults().capacity(3).overflow(Overflow.DROP_NEWEST))
                    .map(Message::payloadUtf8), 0)
                    .then(() -> {
                        for (int i = 1; i <= 10; i++) {
                            router.publish(msg("q", String.valueOf(i)));
                        }
                    })
                    .thenRequest(10)
                    .expectNext("1", "2", "3")
                    .then(() -> router.publish(msg("q", "11")))
                    .expectNext("11")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(router.stats().dropped()).isEqualTo(7);
        }

        @Test
        @DisplayName("ERROR ends the subscription with OverflowException and unregisters it")
        void error() {
            StepVerifier.create(router.subscribe(TopicFilter.of("q"),
                            SubscribeOptions.defaults().capacity(2).overflow(Overflow.ERROR)), 0)
                    .then(() -> {
                        for (int i = 1; i <= 3; i++) {
                            router.publish(msg("q", String.valueOf(i)));
                        }
                    })
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OverflowException.class)
                            .hasMessageContaining("'q'").hasMessageContaining("2 messages"))
                    .verify(Duration.ofSeconds(5));
            assertThat(router.subscriptionCount()).isZero();
        }
    }

    @Nested
    class Retained {

        @Test
        @DisplayName("the last retained value per topic is kept; an empty retained payload clears it")
        void lastValueAndClear() {
            router.publish(retained("home/temp", "20"));
            router.publish(retained("home/temp", "21"));
            router.publish(msg("home/temp", "not kept"));
            router.publish(retained("home/hum", "40"));
            StepVerifier.create(router.retained(TopicFilter.of("home/+")).map(Message::payloadUtf8))
                    .recordWith(ArrayList::new)
                    .expectNextCount(2)
                    .consumeRecordedWith(values -> assertThat(values).containsExactlyInAnyOrder("21", "40"))
                    .verifyComplete();
            assertThat(router.retainedValue(Topic.of("home/temp")).payloadUtf8()).isEqualTo("21");
            router.publish(Message.builder(Topic.of("home/temp")).retain(true).build());
            assertThat(router.retainedValue(Topic.of("home/temp"))).isNull();
            assertThat(router.retainedCount()).isEqualTo(1);
        }

        @Test
        @DisplayName("a new subscriber can ask for the current state before live messages")
        void retainedFirst() {
            router.publish(retained("dev/a", "A0"));
            router.publish(retained("dev/b", "B0"));
            StepVerifier.create(router.subscribe(TopicFilter.of("dev/#"),
                                    SubscribeOptions.defaults().retainedFirst(true))
                            .map(Message::payloadUtf8))
                    .recordWith(ArrayList::new)
                    .expectNextCount(2)
                    .consumeRecordedWith(state -> assertThat(state).containsExactlyInAnyOrder("A0", "B0"))
                    .then(() -> router.publish(msg("dev/a", "A1")))
                    .expectNext("A1")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("retained topics are capped; refusals are counted")
        void cap() {
            Router small = Router.create(RouterConfig.defaults().with(RouterConfig.MAX_RETAINED, 2));
            small.publish(retained("a", "1"));
            small.publish(retained("b", "1"));
            small.publish(retained("c", "1"));
            small.publish(retained("a", "2"));
            assertThat(small.retainedCount()).isEqualTo(2);
            assertThat(small.retainedValue(Topic.of("c"))).isNull();
            assertThat(small.retainedValue(Topic.of("a")).payloadUtf8()).isEqualTo("2");
            assertThat(small.stats().retainedRefused()).isEqualTo(1);
        }
    }

    @Nested
    class RequestReply {

        @Test
        @DisplayName("a request reaches the most specific responder and returns its reply")
        void answered() {
            router.respond(TopicFilter.of("rpc/#"), req -> Mono.just(msg("reply", "generic")));
            router.respond(TopicFilter.of("rpc/+/status"), req -> Mono.just(msg("reply", "status of "
                    + req.topic().segment(1))));
            StepVerifier.create(router.request(msg("rpc/dev1/status", "")).map(Message::payloadUtf8))
                    .expectNext("status of dev1").verifyComplete();
            StepVerifier.create(router.request(msg("rpc/dev1/other", "")).map(Message::payloadUtf8))
                    .expectNext("generic").verifyComplete();
        }

        @Test
        @DisplayName("no responder gives a clear NoResponderException; an unregistered responder is gone")
        void noResponder() {
            Disposable registration = router.respond(TopicFilter.of("rpc/x"), req -> Mono.just(req));
            registration.dispose();
            StepVerifier.create(router.request(msg("rpc/x", "")))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NoResponderException.class)
                            .hasMessageContaining("rpc/x"))
                    .verify(Duration.ofSeconds(5));
            assertThat(router.stats().noResponder()).isEqualTo(1);
        }

        @Test
        @DisplayName("a responder that never answers times out at exactly the timeout, in virtual time")
        void timeout() {
            router.respond(TopicFilter.of("slow"), req -> Mono.never());
            StepVerifier.withVirtualTime(() -> router.request(msg("slow", ""), Duration.ofSeconds(5)))
                    .expectSubscription()
                    .expectNoEvent(Duration.ofMillis(4999))
                    .thenAwait(Duration.ofMillis(1))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RequestTimeoutException.class)
                            .hasMessageContaining("slow").hasMessageContaining("5000 ms"))
                    .verify(Duration.ofSeconds(5));
            assertThat(router.stats().requestTimeouts()).isEqualTo(1);
        }

        @Test
        @DisplayName("a responder's own error reaches the requester")
        void responderError() {
            router.respond(TopicFilter.of("bad"), req -> Mono.error(new IllegalArgumentException("nope")));
            StepVerifier.create(router.request(msg("bad", ""))).expectErrorMessage("nope")
                    .verify(Duration.ofSeconds(5));
        }
    }
}
