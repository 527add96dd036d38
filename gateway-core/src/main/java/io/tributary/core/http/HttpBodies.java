package io.tributary.core.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.http.server.HttpServerRequest;

/** Reads HTTP bodies into memory with a hard cap, so parsers only ever see size-limited documents. */
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
        return read(request.receive(), request.requestHeaders().get(HttpHeaderNames.CONTENT_LENGTH), maxBytes);
    }

    /**
     * Aggregates a body, of a request or of a client's response, refusing it as soon as it is known to exceed the
     * cap (from the declared length, or while streaming).
     *
     * @param content the body's buffers, released as they are read
     * @param contentLength the Content-Length header, or {@code null}
     * @param maxBytes the largest body accepted, in bytes
     * @return the body (empty array when there is none), or {@link BodyTooLargeException}
     */
    public static Mono<byte[]> read(Flux<ByteBuf> content, String contentLength, int maxBytes) {
        if (contentLength != null) {
            try {
                long length = Long.parseLong(contentLength.trim());
                if (length > maxBytes) {
                    return Mono.error(new BodyTooLargeException(length, maxBytes));
                }
            } catch (NumberFormatException e) {
                return Mono.error(new IllegalArgumentException("Content-Length '" + contentLength
                        + "' is not a number"));
            }
        }
        return Mono.using(() -> Unpooled.compositeBuffer(Integer.MAX_VALUE),
                body -> content
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
