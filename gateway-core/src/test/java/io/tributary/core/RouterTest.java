package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
        void reentrantPublish() throws InterruptedException {
            List<String> seen = new CopyOnWriteArrayList<>();
            Map<String, List<Integer>> depths = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(100);
            Disposable echo = router.subscribe(TopicFilter.of("ping")).subscribe(m -> {
                seen.add(m.payloadUtf8());
                depths.computeIfAbsent(Thread.currentThread().getName(), name -> new CopyOnWriteArrayList<>())
                        .add(Thread.currentThread().getStackTrace().length);
                all.countDown();
                if (seen.size() < 100) {
                    router.publish(msg("ping", String.valueOf(seen.size())));
                }
            });
            router.publish(msg("ping", "0"));
            // Past the inline batch the chain continues on the router's executor rather than on this thread.
            assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
            echo.dispose();
            assertThat(seen).containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(String::valueOf).toList());
            // Recursion would add frames per nested publish (hundreds over 100 levels); on each thread that delivers,
            // the drain loop keeps the depth flat.
            assertThat(depths.values()).allSatisfy(onOneThread -> assertThat(
                    Collections.max(onOneThread) - Collections.min(onOneThread))
                    .as("stack depth spread on one thread: %s", depths).isLessThanOrEqualTo(2));
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

    @Nested
    @DisplayName("a slow subscriber never holds its publishers, and its queue stays bounded")
    class SlowSubscribers {

        private final Deque<Runnable> drainTasks = new ArrayDeque<>();
        private final Router router = Router.create(RouterConfig.defaults().with(RouterConfig.INLINE_BATCH, 16),
                drainTasks::add);

        @Test
        @DisplayName("a publisher returns while the subscriber is blocked; what does not fit is dropped and counted")
        void publisherReturns() throws Exception {
            int capacity = 64;
            CountDownLatch blocked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<String> delivered = new CopyOnWriteArrayList<>();
            Disposable slow = router.subscribe(TopicFilter.of("t"), SubscribeOptions.defaults().capacity(capacity))
                    .subscribe(message -> {
                        delivered.add(message.payloadUtf8());
                        if (delivered.size() == 1) {
                            blocked.countDown();
                            awaitQuietly(release);
                        }
                    });
            // The first message is delivered on the first publisher's thread, which the subscriber then blocks.
            Thread first = new Thread(() -> router.publish(msg("t", "0")), "first-publisher");
            first.start();
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();

            Thread second = new Thread(() -> {
                for (int i = 1; i <= 10_000; i++) {
                    router.publish(msg("t", String.valueOf(i)));
                }
            }, "second-publisher");
            second.start();
            second.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(second.isAlive()).as("the second publisher returned while the subscriber was blocked")
                    .isFalse();
            assertThat(router.stats().dropped()).as("all but the newest %d were dropped", capacity)
                    .isEqualTo(10_000 - capacity);

            release.countDown();
            first.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(first.isAlive()).isFalse();
            assertThat(delivered).as("the first publisher delivered one inline batch (its own message included),"
                    + " then handed the rest over").hasSize(16);
            assertThat(drainTasks).hasSize(1);

            drainTasks.poll().run();
            assertThat(delivered).hasSize(1 + capacity)
                    .endsWith(String.valueOf(10_000))
                    .containsSubsequence("0", String.valueOf(10_000 - capacity + 1), String.valueOf(10_000));
            slow.dispose();
        }

        @Test
        @DisplayName("a subscriber that keeps up is served on the publishing thread, with nothing handed over")
        void fastPath() {
            List<String> threads = new CopyOnWriteArrayList<>();
            Disposable quick = router.subscribe(TopicFilter.of("t")).subscribe(
                    message -> threads.add(Thread.currentThread().getName()));
            for (int i = 0; i < 1000; i++) {
                router.publish(msg("t", "x"));
            }
            quick.dispose();
            assertThat(threads).hasSize(1000).containsOnly(Thread.currentThread().getName());
            assertThat(drainTasks).isEmpty();
        }

        private void awaitQuietly(CountDownLatch latch) {
            try {
                latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
