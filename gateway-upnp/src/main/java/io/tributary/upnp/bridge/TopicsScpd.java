package io.tributary.upnp.bridge;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.tributary.core.Message;
import io.tributary.core.Overflow;
import io.tributary.core.Router;
import io.tributary.core.SubscribeOptions;
import io.tributary.core.Topic;
import io.tributary.core.TopicFilter;
import io.tributary.core.time.Cancellable;
import io.tributary.core.time.SchedulingClock;
import io.tributary.upnp.description.Scpd;
import io.tributary.upnp.event.XmlNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The SCPD of the topics service (UDA 2.0 §2.5): the actions GetValue, SetValue (when writable) and ListTopics
 * with their argument types, then one evented string variable per retained topic the filter matches, named as the
 * topics service events it ({@link XmlNames#fromTopic(String)}), sorted. When a retained topic appears or is
 * cleared the SCPD is rebuilt from the router's retained values, at most once per delay, and handed on (to the
 * device documents, which change the CONFIGID). A variable named like an argument type is left out of the table.
 */
public final class TopicsScpd {

    /** The topics service's type. */
    public static final String SERVICE_TYPE = "urn:tributary-io:service:Topics:1";
    /** The topics service's identifier. */
    public static final String SERVICE_ID = "urn:tributary-io:serviceId:Topics";
    /** The argument type of topics. */
    public static final String TOPIC_TYPE = "A_ARG_TYPE_Topic";
    /** The argument type of values. */
    public static final String VALUE_TYPE = "A_ARG_TYPE_Value";
    /** The argument type of topic filters. */
    public static final String FILTER_TYPE = "A_ARG_TYPE_Filter";
    /** The argument type of topic lists. */
    public static final String TOPICS_TYPE = "A_ARG_TYPE_Topics";

    private static final Logger LOG = LoggerFactory.getLogger(TopicsScpd.class);
    private static final Set<String> ARGUMENT_TYPES = Set.of(TOPIC_TYPE, VALUE_TYPE, FILTER_TYPE, TOPICS_TYPE);

    private final Router router;
    private final TopicFilter filter;
    private final boolean writable;
    private final SchedulingClock clock;
    private final long delayNanos;
    private final Set<Topic> known = new HashSet<>();
    private Consumer<Scpd> updates;
    private Disposable changes;
    private Cancellable pending;

    /**
     * @param router the gateway's router
     * @param filter the topics service's filter
     * @param writable whether SetValue is offered
     * @param clock runs the rebuild timer
     * @param delayNanos the longest time a change waits before the SCPD is rebuilt
     */
    public TopicsScpd(Router router, TopicFilter filter, boolean writable, SchedulingClock clock, long delayNanos) {
        this.router = router;
        this.filter = filter;
        this.writable = writable;
        this.clock = clock;
        this.delayNanos = delayNanos;
    }

    /** @return the actions of the topics service */
    public List<Scpd.Action> actions() {
        List<Scpd.Action> actions = new ArrayList<>();
        actions.add(new Scpd.Action("GetValue", List.of(Scpd.Argument.in("Topic", TOPIC_TYPE),
                Scpd.Argument.out("Value", VALUE_TYPE))));
        if (writable) {
            actions.add(new Scpd.Action("SetValue", List.of(Scpd.Argument.in("Topic", TOPIC_TYPE),
                    Scpd.Argument.in("Value", VALUE_TYPE))));
        }
        actions.add(new Scpd.Action("ListTopics", List.of(Scpd.Argument.in("Filter", FILTER_TYPE),
                Scpd.Argument.out("Topics", TOPICS_TYPE))));
        return actions;
    }

    /** @return the SCPD for the retained topics now */
    public Mono<Scpd> current() {
        return router.retained(filter)
                .map(message -> XmlNames.fromTopic(message.topic().toString()))
                .collect(TreeSet<String>::new, Set::add)
                .map(names -> {
                    names.removeAll(ARGUMENT_TYPES);
                    List<Scpd.StateVariable> variables = new ArrayList<>(names.size() + 4);
                    variables.add(Scpd.StateVariable.argumentType(TOPIC_TYPE, "string"));
                    variables.add(Scpd.StateVariable.argumentType(VALUE_TYPE, "string"));
                    variables.add(Scpd.StateVariable.argumentType(FILTER_TYPE, "string"));
                    variables.add(Scpd.StateVariable.argumentType(TOPICS_TYPE, "string"));
                    names.forEach(name -> variables.add(Scpd.StateVariable.evented(name)));
                    return new Scpd(actions(), variables);
                });
    }

    /**
     * Follows the retained topics until {@link #stop()}.
     *
     * @param onChange given each rebuilt SCPD
     */
    public synchronized void start(Consumer<Scpd> onChange) {
        this.updates = onChange;
        // The router's retained values are read on each rebuild; the subscription only says when to rebuild, so a
        // message dropped from its queue delays a rebuild at worst until the next change.
        changes = router.subscribe(filter, SubscribeOptions.defaults().overflow(Overflow.DROP_OLDEST)
                        .retainedFirst(true))
                .filter(Message::retain)
                .subscribe(this::onRetained, failure -> LOG.error("topics service SCPD no longer follows the"
                        + " retained topics: {}", failure.toString()));
    }

    private void onRetained(Message message) {
        synchronized (this) {
            boolean changed = message.clearsRetained() ? known.remove(message.topic())
                    : known.add(message.topic());
            if (!changed || pending != null || updates == null) {
                return;
            }
            pending = () -> false;
        }
        // The timer is armed outside the monitor, so a timer task taking the monitor can never deadlock.
        Cancellable timer = clock.schedule(this::rebuild, delayNanos, TimeUnit.NANOSECONDS);
        synchronized (this) {
            if (pending != null) {
                pending = timer;
                return;
            }
        }
        timer.cancel();
    }

    private void rebuild() {
        Consumer<Scpd> target;
        synchronized (this) {
            pending = null;
            target = updates;
        }
        if (target != null) {
            current().subscribe(target);
        }
    }

    /** Stops following the retained topics. */
    public void stop() {
        Disposable running;
        Cancellable timer;
        synchronized (this) {
            running = changes;
            timer = pending;
            changes = null;
            pending = null;
            updates = null;
        }
        if (running != null) {
            running.dispose();
        }
        if (timer != null) {
            timer.cancel();
        }
    }
}
