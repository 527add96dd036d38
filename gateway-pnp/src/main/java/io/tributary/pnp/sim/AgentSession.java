package io.tributary.pnp.sim;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.WorkRequest;
import io.tributary.pnp.xml.PnpParseException;
import io.tributary.pnp.xml.PnpReader;
import io.tributary.pnp.xml.PnpWriter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;

/** One run of a simulated agent: its poll interval, correlator sequence and failure counters. */
final class AgentSession {

    private static final PnpReader READER = PnpReader.create();
    private static final PnpWriter WRITER = PnpWriter.create();

    private final SimulatedAgent agent;
    private final DeviceBehaviour behaviour;
    private final String udiText;
    private Duration poll;
    private int sequence;
    private int exchanges;
    private boolean terminated;

    AgentSession(SimulatedAgent agent) {
        this.agent = agent;
        this.behaviour = new DeviceBehaviour(agent);
        this.udiText = agent.udi.toString();
        this.poll = agent.pollInterval;
    }

    Flux<AgentEvent> events() {
        return hello().concatWith(Flux.defer(this::exchange)
                .repeat(() -> !terminated && exchanges < agent.maxExchanges));
    }

    private Flux<AgentEvent> hello() {
        return agent.client.get().uri(agent.baseUrl + "/pnp/HELLO")
                .responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
                .flatMapMany(status -> status == 200 ? Flux.just(event(AgentEvent.Kind.HELLO, null, true, null, 0, ""))
                        : errorThenWait("HELLO answered HTTP " + status))
                .onErrorResume(e -> errorThenWait("HELLO failed: " + e));
    }

    private Flux<AgentEvent> exchange() {
        exchanges++;
        String correlator = "CiscoPnP-1.0-" + agent.udi.serial() + "-" + (++sequence);
        PnpMessage work = PnpMessage.of(udiText, correlator, new WorkRequest(new DeviceId(udiText, agent.hostname,
                agent.authRequired, false, agent.authRequired ? "Password in clear text in unsecured transport"
                : null)));
        long start = System.nanoTime();
        return post("/pnp/WORK-REQUEST", WRITER.write(work)).flatMapMany(reply -> {
            if (reply.status != 200) {
                return errorThenWait("WORK-REQUEST answered HTTP " + reply.status);
            }
            PnpMessage message;
            try {
                message = READER.read(reply.body);
            } catch (PnpParseException unreadable) {
                return fault(unreadable);
            }
            if (!(message.body() instanceof ServiceRequest request)) {
                return errorThenWait("WORK-REQUEST answered with " + message.body().getClass().getSimpleName());
            }
            return behaviour.perform(request).flatMapMany(response -> answer(message, request, response, start));
        }).onErrorResume(e -> errorThenWait("work request failed: " + e));
    }

    private Flux<AgentEvent> answer(PnpMessage message, ServiceRequest request, ServiceResponse response,
                                    long start) {
        byte[] document = WRITER.write(PnpMessage.of(udiText, message.correlator(), response));
        return post("/pnp/WORK-RESPONSE", document).flatMapMany(reply -> {
            if (reply.status != 200) {
                return errorThenWait("WORK-RESPONSE answered HTTP " + reply.status);
            }
            if (!(READER.read(reply.body).body() instanceof Bye)) {
                return errorThenWait("WORK-RESPONSE was not answered with bye");
            }
            long round = System.nanoTime() - start;
            AgentEvent answered = event(AgentEvent.Kind.ANSWERED, request.service(), response.success(), null, round,
                    message.correlator());
            if (request instanceof BackoffRequest backoff) {
                return Flux.just(answered).concatWith(obey(backoff));
            }
            return agent.afterBye.isZero() ? Flux.just(answered) : emitThenWait(answered, agent.afterBye);
        });
    }

    /** A request the agent cannot parse is answered with a fault without correlator, as Cisco agents do. */
    private Flux<AgentEvent> fault(PnpParseException cause) {
        byte[] fault = WRITER.write(PnpMessage.of(udiText, null, new Fault(Fault.CLIENT, "cannot parse the request",
                cause.reason().tag())));
        return post("/pnp/WORK-RESPONSE", fault).flatMapMany(reply -> reply.status == 200
                ? Flux.just(event(AgentEvent.Kind.ERROR, null, false, null, 0, "request unreadable; fault sent"))
                : errorThenWait("fault answered HTTP " + reply.status));
    }

    private Flux<AgentEvent> obey(BackoffRequest backoff) {
        if (backoff.terminate()) {
            terminated = true;
            return Flux.just(event(AgentEvent.Kind.TERMINATED, Service.BACKOFF, true, null, 0, backoff.reason()));
        }
        if (backoff.defaultMinutes() != null) {
            poll = Duration.ofMinutes(backoff.defaultMinutes());
            return waitFor(poll, backoff.reason());
        }
        return waitFor(backoff.callbackAfter(), backoff.reason());
    }

    private Flux<AgentEvent> errorThenWait(String cause) {
        return Flux.just(event(AgentEvent.Kind.ERROR, null, false, null, 0, cause)).concatWith(waitFor(poll, cause));
    }

    private Flux<AgentEvent> waitFor(Duration wait, String reason) {
        return emitThenWait(event(AgentEvent.Kind.WAITING, null, true, wait, 0, reason), wait);
    }

    /**
     * Emits the event, then completes after the wait. The timer is set before the event goes out, so whoever
     * reacts to the event (a test moving virtual time) always finds it set.
     */
    private Flux<AgentEvent> emitThenWait(AgentEvent announced, Duration wait) {
        return Flux.create(sink -> {
            // complete only when both happened: the event went out and the time passed
            AtomicInteger pending = new AtomicInteger(2);
            Runnable done = () -> {
                if (pending.decrementAndGet() == 0) {
                    sink.complete();
                }
            };
            sink.onDispose(agent.scheduler.schedule(done, wait.toNanos(), TimeUnit.NANOSECONDS));
            sink.next(announced);
            done.run();
        });
    }

    private AgentEvent event(AgentEvent.Kind kind, Service service, boolean success, Duration wait, long round,
                             String detail) {
        return new AgentEvent(agent.udi.serial(), kind, service, success, wait, round, detail);
    }

    private Mono<Reply> post(String path, byte[] body) {
        return agent.client.headers(headers -> headers.set("Content-Type", "text/xml"))
                .post().uri(agent.baseUrl + path).send(ByteBufFlux.fromInbound(Mono.just(body)))
                .responseSingle((response, content) -> content.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> new Reply(response.status().code(), bytes)));
    }

    private record Reply(int status, byte[] body) {
    }
}
