package io.tributary.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import reactor.core.Disposable;

/**
 * Router cost: publish-to-subscriber throughput with 1, 16 and 1,000 subscribers of one topic (each publish is
 * delivered to every subscriber on the publishing thread), and the cost of one publish while 10,000 filters,
 * wildcards mixed in, are registered.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RouterBenchmark {

    /** One topic with a number of subscribers that consume into a blackhole. */
    @State(Scope.Benchmark)
    public static class FanOut {
        @Param({"1", "16", "1000"})
        int subscribers;

        Router router;
        Message message;
        final List<Disposable> subscriptions = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp(Blackhole blackhole) {
            router = Router.create();
            Topic topic = Topic.of("coap/sensors/kitchen/temp");
            message = Message.text(topic, "21.5");
            for (int i = 0; i < subscribers; i++) {
                subscriptions.add(router.subscribe(TopicFilter.exactly(topic)).subscribe(blackhole::consume));
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    /** 10,000 registered filters: exact, '+' and '#' mixed; the published topic matches three of them. */
    @State(Scope.Benchmark)
    public static class ManyFilters {
        Router router;
        Message message;
        final List<Disposable> subscriptions = new ArrayList<>();

        @Setup(Level.Trial)
        public void setUp(Blackhole blackhole) {
            router = Router.create();
            for (int i = 0; i < 10_000; i++) {
                String filter;
                switch (i % 4) {
                    case 0:
                        filter = "coap/device" + i + "/temp";
                        break;
                    case 1:
                        filter = "coap/+/sensor" + i;
                        break;
                    case 2:
                        filter = "site" + i + "/#";
                        break;
                    default:
                        filter = "pnp/serial" + i + "/+";
                        break;
                }
                subscriptions.add(router.subscribe(TopicFilter.of(filter)).subscribe(blackhole::consume));
            }
            subscriptions.add(router.subscribe(TopicFilter.of("coap/+/temp")).subscribe(blackhole::consume));
            subscriptions.add(router.subscribe(TopicFilter.of("coap/#")).subscribe(blackhole::consume));
            message = Message.text(Topic.of("coap/device4/temp"), "21.5");
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            subscriptions.forEach(Disposable::dispose);
        }
    }

    /**
     * One publish delivered to every subscriber of the topic; messages per second = ops/s x subscribers.
     *
     * @param state the fan-out state
     * @return how many subscriptions queued the message
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public int publishToSubscribers(FanOut state) {
        return state.router.publish(state.message);
    }

    /**
     * One publish with 10,000 filters registered (three match).
     *
     * @param state the many-filters state
     * @return how many subscriptions queued the message
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int publishWith10kFilters(ManyFilters state) {
        return state.router.publish(state.message);
    }
}
