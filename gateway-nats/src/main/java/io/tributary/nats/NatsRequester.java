package io.tributary.nats;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import io.nats.client.Connection;
import io.nats.client.JetStreamStatusException;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import reactor.core.publisher.Mono;

/**
 * Requests as {@link Mono}: a jnats request future, cancelled when the subscriber cancels, failing with
 * {@link TimeoutException} when no reply comes in time, {@link NoRespondersException} when the server knows no
 * subscriber of the subject, and {@link NatsRequestException} while disconnected.
 */
public final class NatsRequester {

    private final Supplier<Connection> connection;

    /** @param connection the current connection, {@code null} before the first */
    public NatsRequester(Supplier<Connection> connection) {
        this.connection = connection;
    }

    /**
     * @param subject where to send the request
     * @param headers its headers
     * @param body its body
     * @param timeout how long to wait for the reply
     * @return the reply
     */
    public Mono<Message> request(String subject, Headers headers, byte[] body, Duration timeout) {
        return Mono.defer(() -> {
            Connection current = connection.get();
            if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
                return Mono.error(new NatsRequestException("request on '" + subject + "': not connected to NATS"));
            }
            return Mono.fromFuture(() -> current.requestWithTimeout(subject, headers, body, timeout), false)
                    .onErrorMap(failure -> translate(subject, failure, timeout));
        });
    }

    private static Throwable translate(String subject, Throwable failure, Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof JetStreamStatusException status && status.getStatus() != null
                && status.getStatus().isNoResponders()) {
            return new NoRespondersException(subject);
        }
        if (cause instanceof CancellationException || cause instanceof TimeoutException) {
            return new TimeoutException("no reply on '" + subject + "' within " + timeout.toMillis() + " ms");
        }
        return cause;
    }

    /** The server knows no subscriber of a request's subject (NATS status 503). */
    public static final class NoRespondersException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** @param subject the request subject */
        public NoRespondersException(String subject) {
            super("no responders on '" + subject + "'");
        }
    }
}
