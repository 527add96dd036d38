package io.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.tributary.core.SubscriberQueue.Offer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class SubscriberQueueTest {

    private final List<SubscriberQueue<?>> ended = new CopyOnWriteArrayList<>();

    /** A cold flux whose subscriber gets a new queue, handed to {@code connect} before onSubscribe. */
    private <T> Flux<T> flux(SubscriberQueue.Spec<T> spec, Consumer<SubscriberQueue<T>> connect) {
        return new Flux<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                SubscriberQueue<T> queue = spec.create(actual, ended::add);
                connect.accept(queue);
                queue.start();
            }
        };
    }

    @Nested
    class SlowSubscriber {

        private static final int CAPACITY = 64;
        private static final int PRODUCERS = 4;
        private static final int EACH = 10_000;

        private final ExecutorService threads = Executors.newFixedThreadPool(PRODUCERS + 1);
        private final CountDownLatch blocked = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicLong droppedSeen = new AtomicLong();
        private final AtomicInteger largest = new AtomicInteger();
        private final List<Integer> delivered = new CopyOnWriteArrayList<>();
        private final AtomicReference<Throwable> error = new AtomicReference<>();

        @AfterEach
        void stopThreads() {
            release.countDown();
            threads.shutdownNow();
        }

        /** Demand is unbounded; the first item blocks the subscriber in onNext until released. */
        private final class Blocking extends BaseSubscriber<Integer> {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                requestUnbounded();
            }

            @Override
            protected void hookOnNext(Integer value) {
                delivered.add(value);
                if (delivered.size() == 1) {
                    blocked.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            protected void hookOnError(Throwable failure) {
                error.set(failure);
            }
        }

        /** One producer delivers item 0 and stays blocked in onNext; then the others offer 1..EACH each. */
        private SubscriberQueue<Integer> flood(SubscriberQueue.Spec<Integer> spec) throws Exception {
            Blocking subscriber = new Blocking();
            SubscriberQueue<Integer> queue = spec.onDrop(item -> droppedSeen.incrementAndGet()).create(subscriber,
                    ended::add);
            queue.start();
            threads.execute(() -> queue.offer(0));
            assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
            List<Future<?>> producers = new ArrayList<>();
            for (int p = 0; p < PRODUCERS; p++) {
                producers.add(threads.submit(() -> {
                    for (int i = 1; i <= EACH; i++) {
                        queue.offer(i);
                        largest.accumulateAndGet(queue.size(), Math::max);
                    }
                }));
            }
            for (Future<?> producer : producers) {
                producer.get(30, TimeUnit.SECONDS);
            }
            return queue;
        }

        private void releaseAndAwait(int count) {
            release.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (delivered.size() < count && error.get() == null && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }

        @Test
        @DisplayName("DROP_OLDEST: a blocked subscriber with unbounded demand never has more than capacity waiting; every other item is dropped and counted")
        void dropOldest() throws Exception {
            SubscriberQueue<Integer> queue = flood(SubscriberQueue.<Integer>spec(CAPACITY)
                    .overflow(Overflow.DROP_OLDEST));
            assertThat(largest.get()).isEqualTo(CAPACITY);
            assertThat(queue.size()).isEqualTo(CAPACITY);
            assertThat(queue.dropped()).isEqualTo(PRODUCERS * EACH - CAPACITY);
            assertThat(droppedSeen.get()).isEqualTo(PRODUCERS * EACH - CAPACITY);
            releaseAndAwait(1 + CAPACITY);
            assertThat(delivered).hasSize(1 + CAPACITY);
            assertThat(queue.size()).isZero();
        }

        @Test
        @DisplayName("DROP_NEWEST: the queue stays at capacity and every refused item is counted")
        void dropNewest() throws Exception {
            SubscriberQueue<Integer> queue = flood(SubscriberQueue.<Integer>spec(CAPACITY)
                    .overflow(Overflow.DROP_NEWEST));
            assertThat(largest.get()).isEqualTo(CAPACITY);
            assertThat(queue.dropped()).isEqualTo(PRODUCERS * EACH - CAPACITY);
            assertThat(droppedSeen.get()).isEqualTo(PRODUCERS * EACH - CAPACITY);
            releaseAndAwait(1 + CAPACITY);
            assertThat(delivered).hasSize(1 + CAPACITY);
        }

        @Test
        @DisplayName("merging: the queue stays at capacity and nothing is lost, the overflow summed into the last item")
        void merging() throws Exception {
            SubscriberQueue<Integer> queue = flood(SubscriberQueue.<Integer>spec(CAPACITY).merging(Integer::sum));
            assertThat(largest.get()).isEqualTo(CAPACITY);
            assertThat(queue.merged()).isEqualTo(PRODUCERS * EACH - CAPACITY);
            assertThat(queue.dropped()).isZero();
            releaseAndAwait(1 + CAPACITY);
            assertThat(delivered).hasSize(1 + CAPACITY);
            assertThat(delivered.stream().mapToLong(Integer::longValue).sum())
                    .isEqualTo(PRODUCERS * ((long) EACH * (EACH + 1) / 2));
        }

        @Test
        @DisplayName("ERROR: the first item over capacity ends the subscription with OverflowException; nothing more is queued")
        void error() throws Exception {
            SubscriberQueue<Integer> queue = flood(SubscriberQueue.<Integer>spec(CAPACITY).overflow(Overflow.ERROR)
                    .label("subscription 'load'"));
            assertThat(largest.get()).isEqualTo(CAPACITY);
            releaseAndAwait(Integer.MAX_VALUE);
            assertThat(error.get()).isInstanceOf(OverflowException.class)
                    .hasMessage("subscription 'load' overflowed its queue of 64 messages");
            assertThat(delivered).containsExactly(0);
            assertThat(ended).containsExactly(queue);
            assertThat(queue.offer(1)).isEqualTo(Offer.DROPPED);
        }
    }

    @Nested
    class Order {

        @Test
        @DisplayName("a full queue merges new items into the last waiting one; earlier items and order are kept")
        void mergeIntoLast() {
            SubscriberQueue.Spec<String> spec = SubscriberQueue.<String>spec(3).merging((last, next) -> last + "+" + next);
            List<Offer> offers = new ArrayList<>();
            StepVerifier.create(flux(spec, queue -> {
                        for (String item : new String[] {"1", "2", "3", "4", "5", "6"}) {
                            offers.add(queue.offer(item));
                        }
                    }), 0)
                    .thenRequest(10)
                    .expectNext("1", "2", "3+4+5+6")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(offers).containsExactly(Offer.ACCEPTED, Offer.ACCEPTED, Offer.ACCEPTED, Offer.MERGED,
                    Offer.MERGED, Offer.MERGED);
        }

        @Test
        @DisplayName("where the merger declines, the oldest item makes room and is counted as dropped")
        void mergerDeclines() {
            List<String> dropped = new ArrayList<>();
            SubscriberQueue.Spec<String> spec = SubscriberQueue.<String>spec(2)
                    .merging((last, next) -> last.charAt(0) == next.charAt(0) ? next : null)
                    .onDrop(dropped::add);
            AtomicReference<SubscriberQueue<String>> holder = new AtomicReference<>();
            StepVerifier.create(flux(spec, queue -> {
                        holder.set(queue);
                        queue.offer("a1");
                        queue.offer("a2");
                        queue.offer("a3");
                        queue.offer("gap");
                    }), 0)
                    .thenRequest(10)
                    .expectNext("a3", "gap")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            assertThat(dropped).containsExactly("a1");
            assertThat(holder.get().dropped()).isEqualTo(1);
            assertThat(holder.get().merged()).isEqualTo(1);
        }

        @Test
        @DisplayName("the prefix comes before anything queued and does not count against the capacity")
        void prefixFirst() {
            StepVerifier.create(flux(SubscriberQueue.<String>spec(1).overflow(Overflow.DROP_NEWEST), queue -> {
                        assertThat(queue.offer("live")).isEqualTo(Offer.ACCEPTED);
                        queue.prefix(List.of("retained-1", "retained-2"));
                    }), 0)
                    .thenRequest(1)
                    .expectNext("retained-1")
                    .thenRequest(5)
                    .expectNext("retained-2", "live")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
        }

        @Test
        @DisplayName("nothing is delivered beyond the demand; the rest waits in order")
        void demand() {
            AtomicReference<SubscriberQueue<Integer>> holder = new AtomicReference<>();
            StepVerifier.create(flux(SubscriberQueue.<Integer>spec(10), holder::set), 2)
                    .then(() -> {
                        for (int i = 1; i <= 5; i++) {
                            holder.get().offer(i);
                        }
                    })
                    .expectNext(1, 2)
                    .then(() -> assertThat(holder.get().size()).isEqualTo(3))
                    .thenRequest(3)
                    .expectNext(3, 4, 5)
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Nested
    class Termination {

        @Test
        @DisplayName("cancelling calls onEnd once, empties the queue and refuses later offers")
        void cancellation() {
            AtomicReference<SubscriberQueue<String>> holder = new AtomicReference<>();
            StepVerifier.create(flux(SubscriberQueue.<String>spec(4), holder::set), 1)
                    .then(() -> {
                        holder.get().offer("a");
                        holder.get().offer("b");
                    })
                    .expectNext("a")
                    .thenCancel()
                    .verify(Duration.ofSeconds(5));
            SubscriberQueue<String> queue = holder.get();
            assertThat(ended).containsExactly(queue);
            assertThat(queue.isCancelled()).isTrue();
            assertThat(queue.size()).isZero();
            assertThat(queue.offer("c")).isEqualTo(Offer.DROPPED);
            queue.cancel();
            assertThat(ended).hasSize(1);
        }

        @Test
        @DisplayName("complete() delivers what is queued, then completes; later offers are dropped; onEnd is not called")
        void completion() {
            StepVerifier.create(flux(SubscriberQueue.<String>spec(4), queue -> {
                        queue.offer("a");
                        queue.offer("b");
                        queue.complete();
                        assertThat(queue.offer("c")).isEqualTo(Offer.DROPPED);
                    }), 0)
                    .thenRequest(5)
                    .expectNext("a", "b")
                    .verifyComplete();
            assertThat(ended).isEmpty();
        }

        @Test
        @DisplayName("a subscriber throwing from onNext gets that error from the queue; onEnd is called, the producer is unharmed")
        void throwingSubscriber() {
            AtomicReference<Throwable> error = new AtomicReference<>();
            CoreSubscriber<String> throwing = new CoreSubscriber<>() {
                @Override
                public void onSubscribe(Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String item) {
                    throw new IllegalStateException("boom " + item);
                }

                @Override
                public void onError(Throwable failure) {
                    error.set(failure);
                }

                @Override
                public void onComplete() {
                }
            };
            SubscriberQueue<String> queue = SubscriberQueue.<String>spec(4).create(throwing, ended::add);
            queue.start();
            assertThat(queue.offer("x")).isEqualTo(Offer.ACCEPTED);
            assertThat(error.get()).isInstanceOf(IllegalStateException.class).hasMessage("boom x");
            assertThat(ended).containsExactly(queue);
            assertThat(queue.offer("y")).isEqualTo(Offer.DROPPED);
        }

        @Test
        @DisplayName("an operator failing downstream cancels the queue: onEnd is called and the error reaches the subscriber")
        void failingOperator() {
            AtomicReference<SubscriberQueue<String>> holder = new AtomicReference<>();
            StepVerifier.create(flux(SubscriberQueue.<String>spec(4), holder::set).doOnNext(item -> {
                        throw new IllegalStateException("boom " + item);
                    }))
                    .then(() -> assertThat(holder.get().offer("x")).isEqualTo(Offer.ACCEPTED))
                    .expectErrorMessage("boom x")
                    .verify(Duration.ofSeconds(5));
            assertThat(ended).containsExactly(holder.get());
        }

        @Test
        @DisplayName("ERROR overflow is signalled even without demand, naming the queue")
        void overflowWithoutDemand() {
            StepVerifier.create(flux(SubscriberQueue.<String>spec(2).overflow(Overflow.ERROR).label("events of x"),
                            queue -> {
                                queue.offer("1");
                                queue.offer("2");
                                assertThat(queue.offer("3")).isEqualTo(Offer.DROPPED);
                            }), 0)
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(OverflowException.class)
                            .hasMessage("events of x overflowed its queue of 2 messages"))
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Nested
    class Threads {

        /** Unbounded demand; records each item and the thread it arrived on. */
        private final class Recording extends BaseSubscriber<String> {
            final List<String> items = new ArrayList<>();
            final List<Thread> threads = new ArrayList<>();

            @Override
            protected void hookOnNext(String value) {
                items.add(value);
                threads.add(Thread.currentThread());
            }
        }

        @Test
        @DisplayName("with nothing waiting, the producer delivers on its own thread without queueing")
        void fastPath() {
            Recording subscriber = new Recording();
            SubscriberQueue<String> queue = SubscriberQueue.<String>spec(4).create(subscriber, ended::add);
            queue.start();
            assertThat(queue.offer("a")).isEqualTo(Offer.ACCEPTED);
            assertThat(subscriber.threads).containsExactly(Thread.currentThread());
            assertThat(queue.size()).isZero();
        }

        @Test
        @DisplayName("with an executor, a producer delivers at most the batch inline; the rest is drained there")
        void batchThenExecutor() {
            Queue<Runnable> executor = new ArrayDeque<>();
            Recording subscriber = new Recording();
            List<String> seen = subscriber.items;
            SubscriberQueue<String> queue = SubscriberQueue.<String>spec(16).drainOn(executor::add, 2)
                    .create(subscriber, ended::add);
            queue.start();
            queue.add("1");
            queue.add("2");
            queue.add("3");
            queue.add("4");
            queue.offer("5");
            assertThat(seen).containsExactly("1", "2");
            assertThat(executor).hasSize(1);
            queue.offer("6");
            assertThat(seen).as("a drain handed to the executor is not taken back inline").hasSize(2);
            executor.poll().run();
            assertThat(seen).containsExactly("1", "2", "3", "4", "5", "6");
            assertThat(executor).isEmpty();
            queue.offer("7");
            assertThat(seen).as("caught up: the fast path again").endsWith("7");
        }

        @Test
        @DisplayName("batch 0: the producer never delivers; every drain runs on the executor")
        void nothingInline() {
            Queue<Runnable> executor = new ArrayDeque<>();
            Recording subscriber = new Recording();
            List<String> seen = subscriber.items;
            SubscriberQueue<String> queue = SubscriberQueue.<String>spec(16).drainOn(executor::add, 0)
                    .create(subscriber, ended::add);
            queue.start();
            queue.offer("a");
            queue.offer("b");
            assertThat(seen).isEmpty();
            assertThat(executor).hasSize(1);
            executor.poll().run();
            assertThat(seen).containsExactly("a", "b");
        }
    }
}
