package io.tributary.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.http.server.HttpServerRequest;

/** Reads HTTP request bodies into memory with a hard cap, so parsers only ever see size-limited documents. */
public final class HttpBodies {

    private HttpBodies() {
    }

    /**
     * Aggregates a request body, refusing it as soon as it is known to exceed the cap (from Content-Length, or
     * while streaming a chunked body).
     *
     * @param request the request
     * @param maxBytes the largest body accepted, in bytes
     * @return the body (empty array when there is none), or {@link BodyTooLargeException}
     */
    public static Mono<byte[]> read(HttpServerRequest request, int maxBytes) {
        String declared = request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
        if (declared != null) {
            try {
                long length = Long.parseLong(declared.trim());
                if (length > maxBytes) {
                    return Mono.error(new BodyTooLargeException(length, maxBytes));
                }
            } catch (NumberFormatException e) {
                return Mono.error(new IllegalArgumentException("Content-Length '" + declared + "' is not a number"));
            }
        }
        return Mono.using(() -> Unpooled.compositeBuffer(Integer.MAX_VALUE),
                body -> request.receive()
                        .handle((ByteBuf chunk, SynchronousSink<CompositeByteBuf> sink) -> {
                            if (body.readableBytes() + chunk.readableBytes() > maxBytes) {
                                sink.error(new BodyTooLargeException(
                                        (long) body.readableBytes() + chunk.readableBytes(), maxBytes));
                                return;
                            }
                            body.addComponent(true, chunk.retain());
                        })
                        .then(Mono.fromCallable(() -> ByteBufUtil.getBytes(body))),
                CompositeByteBuf::release);
    }

    /** The body is larger than the cap; answer 413. */
    public static final class BodyTooLargeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /**
         * @param size the body size seen so far, in bytes
         * @param maxBytes the cap, in bytes
         */
        public BodyTooLargeException(long size, int maxBytes) {
            super("request body of at least " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
    }
}
