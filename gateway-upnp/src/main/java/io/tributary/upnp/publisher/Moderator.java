package io.tributary.upnp.publisher;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tributary.upnp.event.Property;
import io.tributary.upnp.event.PropertySet;

/**
 * Applies {@link Moderation} to a service's changes: decides which variables go out now, which are held until
 * their period ends (the newest held value replacing an older one), and which are suppressed by minimum delta.
 * Not thread-safe: the owning service serialises calls.
 */
final class Moderator {

    private final Map<String, Moderation> rules;
    private final Map<String, VariableState> states = new HashMap<>();

    Moderator(Map<String, Moderation> rules) {
        Map<String, Moderation> active = new HashMap<>();
        rules.forEach((name, rule) -> {
            if (rule.active()) {
                active.put(name, rule);
            }
        });
        this.rules = active;
    }

    boolean idle() {
        return rules.isEmpty();
    }

    /** Returns the variables to send now; held ones wait for {@link #due(long)}; counts what it held back. */
    Result admit(PropertySet change, long now) {
        if (rules.isEmpty()) {
            return new Result(change, 0);
        }
        List<Property> immediate = new ArrayList<>(change.size());
        int held = 0;
        for (Property property : change.properties()) {
            Moderation rule = rules.get(property.name());
            if (rule == null) {
                immediate.add(property);
                continue;
            }
            VariableState state = states.computeIfAbsent(property.name(), name -> new VariableState());
            if (withinDelta(rule, state.lastSent, property.value())) {
                state.held = null;
                held++;
            } else if (!rule.maximumRate().isZero() && state.sentAt != Long.MIN_VALUE
                    && now - state.sentAt < rule.maximumRate().toNanos()) {
                state.held = property.value();
                held++;
            } else {
                state.sent(property.value(), now);
                immediate.add(property);
            }
        }
        return new Result(PropertySet.of(immediate), held);
    }

    /** Releases held values whose period has ended. */
    PropertySet due(long now) {
        List<Property> release = new ArrayList<>();
        for (Map.Entry<String, VariableState> entry : states.entrySet()) {
            VariableState state = entry.getValue();
            if (state.held != null && now - state.sentAt >= rules.get(entry.getKey()).maximumRate().toNanos()) {
                release.add(new Property(entry.getKey(), state.held));
                state.sent(state.held, now);
            }
        }
        return PropertySet.of(release);
    }

    /** @return nanoseconds from {@code now} until the next held value is due, or -1 when nothing is held */
    long nextDue(long now) {
        long next = -1;
        for (Map.Entry<String, VariableState> entry : states.entrySet()) {
            VariableState state = entry.getValue();
            if (state.held != null) {
                long wait = Math.max(0, state.sentAt + rules.get(entry.getKey()).maximumRate().toNanos() - now);
                next = next < 0 ? wait : Math.min(next, wait);
            }
        }
        return next;
    }

    private static boolean withinDelta(Moderation rule, String lastSent, String value) {
        if (rule.minimumDelta() <= 0 || lastSent == null) {
            return false;
        }
        try {
            double before = Double.parseDouble(lastSent.trim());
            double after = Double.parseDouble(value.trim());
            return Math.abs(after - before) < rule.minimumDelta();
        } catch (NumberFormatException notNumeric) {
            return false;
        }
    }

    record Result(PropertySet now, int held) {
    }

    private static final class VariableState {
        String lastSent;
        long sentAt = Long.MIN_VALUE;
        String held;

        void sent(String value, long at) {
            lastSent = value;
            sentAt = at;
            held = null;
        }
    }
}
