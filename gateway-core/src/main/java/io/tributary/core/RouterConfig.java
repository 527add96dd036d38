package io.tributary.core;

import java.time.Duration;

import io.tributary.core.config.ScalarType;
import io.tributary.core.config.Section;
import io.tributary.core.config.Setting;
import io.tributary.core.config.Settings;
import io.tributary.core.config.ValueTypes;

/** The router's settings (section {@code router}); {@link Router#create(Settings)} takes their values. */
public final class RouterConfig {

    /** The {@code router} section. */
    public static final Section SECTION = Section.create("router", "The routing core: subscription queues,"
            + " request/reply and retained values.");

    /** Queue of each subscription made without explicit options. */
    public static final Setting<Integer> QUEUE_CAPACITY = SECTION.define("queue-capacity",
            ValueTypes.integer().atLeast(1).unit("messages"), SubscribeOptions.DEFAULT_CAPACITY,
            "Queue of each subscription made without explicit options.");

    /** What a full queue does with a new message. */
    public static final Setting<Overflow> OVERFLOW = SECTION.define("overflow", ValueTypes.choice(Overflow.class),
            Overflow.DROP_OLDEST, "What a full subscription queue does: drop-oldest, drop-newest or error; every"
                    + " drop is counted (tributary_router_dropped_total).");

    /** How long a request waits for its reply. */
    public static final Setting<Duration> REQUEST_TIMEOUT = SECTION.define("request-timeout",
            ValueTypes.positiveDuration(), Duration.ofSeconds(5), "How long a request waits for its reply.");

    /** How many topics may hold a retained value. */
    public static final Setting<Integer> MAX_RETAINED = SECTION.define("max-retained",
            ValueTypes.integer().atLeast(0).unit("topics"), 100_000,
            "Topics that may hold a retained value; further new retained topics are refused and counted.");

    /** Messages a publisher delivers to one subscriber on its own thread before handing the backlog over. */
    public static final Setting<Integer> INLINE_BATCH = SECTION.define("inline-batch",
            ValueTypes.integer().range(0, 1 << 16).unit("messages"), 16, "Messages a publishing thread delivers to one"
                    + " subscriber that has a backlog before the rest is drained on the router's executor, so a CoAP"
                    + " event loop is never held by a slow subscriber; a subscriber that keeps up is always served"
                    + " on the publishing thread.");

    /** Value type of settings that name a topic. */
    public static final ScalarType<Topic> TOPIC = ValueTypes.scalar("topic", Topic.class, Topic::of,
            Topic::toString);

    /** Value type of settings that hold a topic filter ({@code +} and {@code #} wildcards). */
    public static final ScalarType<TopicFilter> TOPIC_FILTER = ValueTypes.scalar("topic filter", TopicFilter.class,
            TopicFilter::of, TopicFilter::toString);

    private RouterConfig() {
    }

    /** @return the router defaults: queues of 1,024 dropping the oldest, 5 s requests, 100,000 retained topics */
    public static Settings defaults() {
        return SECTION.defaults();
    }
}
