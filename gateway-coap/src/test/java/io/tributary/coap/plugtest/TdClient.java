package io.tributary.coap.plugtest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tributary.coap.CoapClient;
import io.tributary.coap.CoapResponse;
import io.tributary.coap.CoapResponseException;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMethod;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Option;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.option.StandardOptionRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.elements.config.UdpConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A CoAP client as the test descriptions use it, so each TD runs once with ours and once with Californium 3.14's
 * {@code CoapClient}: a request (method, path and query, CON or NON, payload, options) and its reply, or an
 * observation whose cancellation deregisters.
 */
interface TdClient extends AutoCloseable {

    /**
     * One request.
     *
     * @param method the method
     * @param path path and query, e.g. {@code /query?first=1}
     * @param confirmable CON or NON
     * @param payload the body, possibly empty
     * @param format its Content-Format, or {@code null}
     * @param options further options in any order
     */
    record Req(CoapMethod method, String path, boolean confirmable, byte[] payload, ContentFormat format,
               CoapOptions options) {

        static Req of(CoapMethod method, String path) {
            return new Req(method, path, true, new byte[0], null, CoapOptions.EMPTY);
        }

        Req non() {
            return new Req(method, path, false, payload, format, options);
        }

        Req body(byte[] bytes, ContentFormat contentFormat) {
            return new Req(method, path, confirmable, bytes, contentFormat, options);
        }

        Req option(int number, byte[] value) {
            return new Req(method, path, confirmable, payload, format, options.toBuilder().add(number, value).build());
        }
    }

    /**
     * A reply as the client delivered it, whole when it came in blocks.
     *
     * @param code the code
     * @param type the message type it came in
     * @param payload the body
     * @param options its options
     */
    record Reply(CoapCode code, CoapType type, byte[] payload, CoapOptions options) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** @return a name for test reports */
    String name();

    /** @return the reply to a request */
    Mono<Reply> send(Req request);

    /** @return the registration's reply, then each notification; cancelling deregisters */
    Flux<Reply> observe(String path, boolean confirmable);

    @Override
    void close();

    /** Our {@link CoapClient}. */
    final class Ours implements TdClient {
        private final CoapClient client;
        private final String base;

        Ours(CoapClient client, String base) {
            this.client = client;
            this.base = base;
        }

        @Override
        public String name() {
            return "tributary";
        }

        @Override
        public Mono<Reply> send(Req request) {
            CoapClient configured = client.confirmable(request.confirmable());
            for (int i = 0; i < request.options().size(); i++) {
                configured = configured.option(request.options().number(i), request.options().value(i));
            }
            return configured.request(request.method(), URI.create(base + request.path()), request.payload(),
                    request.format()).map(Ours::reply);
        }

        /** A final 4.xx/5.xx notification, which ends our flux as an error, is delivered as the last reply. */
        @Override
        public Flux<Reply> observe(String path, boolean confirmable) {
            return client.confirmable(confirmable).observe(URI.create(base + path)).map(Ours::reply)
                    .onErrorResume(CoapResponseException.class, ended -> Mono.just(reply(ended.response())));
        }

        private static Reply reply(CoapResponse response) {
            return new Reply(response.code(), response.type(), response.payload(), response.options());
        }

        @Override
        public void close() {
            client.dispose();
        }
    }

    /** Californium 3.14's client (its classes share our names, so theirs stay qualified). */
    final class Californium implements TdClient {
        private final org.eclipse.californium.core.CoapClient client = new org.eclipse.californium.core.CoapClient();
        private final String base;

        static {
            CoapConfig.register();
            UdpConfig.register();
        }

        Californium(String base) {
            this.base = base;
            client.setTimeout(10_000L);
        }

        @Override
        public String name() {
            return "californium";
        }

        @Override
        public Mono<Reply> send(Req request) {
            return Mono.fromCallable(() -> reply(client.advanced(californium(request))))
                    .subscribeOn(Schedulers.boundedElastic());
        }

        @Override
        public Flux<Reply> observe(String path, boolean confirmable) {
            return Flux.create(sink -> {
                Request registration = californium(new Req(CoapMethod.GET, path, confirmable, new byte[0], null,
                        CoapOptions.EMPTY));
                registration.setObserve();
                CoapObserveRelation relation = client.observe(registration, new CoapHandler() {
                    @Override
                    public void onLoad(org.eclipse.californium.core.CoapResponse response) {
                        sink.next(reply(response));
                    }

                    @Override
                    public void onError() {
                        sink.error(new IllegalStateException("Californium observation failed"));
                    }
                });
                sink.onDispose(relation::proactiveCancel);
            });
        }

        private Request californium(Req request) {
            Request message = new Request(CoAP.Code.valueOf(request.method().code().value()),
                    request.confirmable() ? CoAP.Type.CON : CoAP.Type.NON);
            message.setURI(base + request.path());
            if (request.payload().length > 0) {
                message.setPayload(request.payload());
            }
            if (request.format() != null) {
                message.getOptions().setContentFormat(request.format().number());
            }
            for (int i = 0; i < request.options().size(); i++) {
                message.getOptions().addOption(new Option(StandardOptionRegistry.getDefaultOptionRegistry()
                        .getDefinitionByNumber(request.options().number(i)), request.options().value(i)));
            }
            return message;
        }

        private static Reply reply(org.eclipse.californium.core.CoapResponse response) {
            if (response == null) {
                throw new IllegalStateException("no response within Californium's timeout");
            }
            CoapOptions.Builder options = CoapOptions.builder();
            List<Option> sorted = new ArrayList<>(response.getOptions().asSortedList());
            for (Option option : sorted) {
                options.add(option.getNumber(), option.getValue());
            }
            return new Reply(CoapCode.of(response.advanced().getRawCode()),
                    CoapType.valueOf(response.advanced().getType().name()), response.getPayload(), options.build());
        }

        @Override
        public void close() {
            client.shutdown();
        }
    }
}
