package io.tributary.coap.stack;

/**
 * Something a {@link TimerWheel} can expire: the exchange objects themselves extend it, so arming and cancelling a
 * timer allocates nothing and costs a few pointer writes.
 */
public abstract class WheelTask {

    long deadline;
    WheelTask previous;
    WheelTask next;
    TimerWheel armedOn;
    int bucket;

    /** @return whether this task is armed on a wheel */
    public final boolean armed() {
        return armedOn != null;
    }

    /** Runs on the wheel's thread when the deadline passes. */
    protected abstract void expire();
}
