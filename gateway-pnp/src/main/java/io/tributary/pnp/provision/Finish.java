package io.tributary.pnp.provision;

import java.time.Duration;
import java.util.Objects;

import io.tributary.pnp.message.BackoffRequest;

/**
 * What a rule does after its last step: terminate provisioning (the agent removes its PnP profile) or park the
 * device with a backoff, repeated at every later poll.
 *
 * @param terminate whether to terminate
 * @param backoff the backoff when not terminating, 1 s to 47 h 59 min 59 s
 */
public record Finish(boolean terminate, Duration backoff) {

    /** Checks that a backoff has a duration. */
    public Finish {
        if (!terminate) {
            Objects.requireNonNull(backoff, "backoff");
            if (backoff.getSeconds() < 1 || backoff.compareTo(BackoffRequest.MAX_CALLBACK) > 0) {
                throw new IllegalArgumentException("a finishing backoff must be 1s to 47h59m59s, was " + backoff);
            }
        }
    }

    /** @return terminate provisioning */
    public static Finish terminateProvisioning() {
        return new Finish(true, null);
    }

    /**
     * @param wait how long the device waits before its next poll, each time
     * @return park the device
     */
    public static Finish backoff(Duration wait) {
        return new Finish(false, wait);
    }

    /** @return the request that carries it out */
    BackoffRequest request() {
        return terminate ? BackoffRequest.terminate("provisioning complete")
                : BackoffRequest.callbackAfter("no further work", backoff);
    }
}
