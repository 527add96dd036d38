package io.tributary.coap;

import io.netty.util.concurrent.Future;
import reactor.core.publisher.Mono;

/** Adapts Netty futures to Reactor without blocking. */
final class NettyFutures {

    private NettyFutures() {
    }

    static <T> Mono<T> toMono(Future<T> future) {
        return Mono.create(sink -> future.addListener(done -> {
            if (done.isSuccess()) {
                sink.success(future.getNow());
            } else {
                sink.error(done.cause());
            }
        }));
    }
}
