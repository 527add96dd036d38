package io.tributary.core.gateway;

import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The request deadlines of one connection, confined to its event loop. A handler before the HTTP decoder notices
 * a request's first byte and arms the header deadline, which a handler after the decoder cancels when the decoded
 * request arrives; that handler then arms the body deadline until the request's last content (408 when it passes
 * before any answer was started), enforces the header-field cap (431) and counts the refusals the decoder causes:
 * 414 (request line too long) and 431 (headers too large). Idle keep-alive connections are left to Reactor Netty's
 * idle timeout.
 */
final class RequestDeadlines {

    private enum Phase { IDLE, HEADERS, BODY, CLOSED }

    private final long headerTimeoutNanos;
    private final long bodyTimeoutNanos;
    private final int maxHeaders;
    private final BiConsumer<HttpRefusal, Channel> refused;
    private Phase phase = Phase.IDLE;
    private ScheduledFuture<?> headerDeadline;
    private ScheduledFuture<?> bodyDeadline;
    private boolean answering;

    RequestDeadlines(long headerTimeoutNanos, long bodyTimeoutNanos, int maxHeaders,
                     BiConsumer<HttpRefusal, Channel> refused) {
        this.headerTimeoutNanos = headerTimeoutNanos;
        this.bodyTimeoutNanos = bodyTimeoutNanos;
        this.maxHeaders = maxHeaders;
        this.refused = refused;
    }

    /** @return the handler placed before the HTTP decoder */
    ChannelHandler requestStart() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.IDLE && msg instanceof ByteBuf bytes && bytes.isReadable()) {
                    phase = Phase.HEADERS;
                    headerDeadline = ctx.executor().schedule(() -> headersLate(ctx.channel()), headerTimeoutNanos,
                            TimeUnit.NANOSECONDS);
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancelHeaderDeadline();
                cancelBodyDeadline();
                phase = Phase.CLOSED;
                ctx.fireChannelInactive();
            }
        };
    }

    /** @return the handler placed after the HTTP decoder */
    ChannelHandler requestCheck() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.CLOSED) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                if (msg instanceof HttpRequest request) {
                    cancelHeaderDeadline();
                    phase = Phase.BODY;
                    answering = false;
                    if (request.decoderResult().isSuccess() && request.headers().size() > maxHeaders) {
                        ReferenceCountUtil.release(msg);
                        refuse(ctx, HttpRefusal.HEADER_FIELDS, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
                        return;
                    }
                    if (!(msg instanceof LastHttpContent)) {
                        bodyDeadline = ctx.executor().schedule(() -> bodyLate(ctx), bodyTimeoutNanos,
                                TimeUnit.NANOSECONDS);
                    }
                }
                if (msg instanceof LastHttpContent) {
                    cancelBodyDeadline();
                    phase = Phase.IDLE;
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse response) {
                    answering = true;
                    count(ctx.channel(), response.status());
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void count(Channel channel, HttpResponseStatus status) {
        if (status.equals(HttpResponseStatus.REQUEST_URI_TOO_LONG)) {
            refused.accept(HttpRefusal.REQUEST_LINE, channel);
        } else if (status.equals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)) {
            refused.accept(HttpRefusal.HEADER_SIZE, channel);
        }
    }

    private void headersLate(Channel channel) {
        if (phase == Phase.HEADERS) {
            phase = Phase.CLOSED;
            refused.accept(HttpRefusal.HEADER_TIMEOUT, channel);
            channel.close();
        }
    }

    private void bodyLate(ChannelHandlerContext ctx) {
        bodyDeadline = null;
        if (phase != Phase.BODY) {
            return;
        }
        if (answering) {
            // The handler already answered without waiting for the whole body: nothing more can be said.
            phase = Phase.CLOSED;
            refused.accept(HttpRefusal.BODY_TIMEOUT, ctx.channel());
            ctx.close();
        } else {
            refuse(ctx, HttpRefusal.BODY_TIMEOUT, HttpResponseStatus.REQUEST_TIMEOUT);
        }
    }

    private void refuse(ChannelHandlerContext ctx, HttpRefusal reason, HttpResponseStatus status) {
        phase = Phase.CLOSED;
        refused.accept(reason, ctx.channel());
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        // Written from here, below the counting handler's write, so the refusal is not counted twice.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private void cancelBodyDeadline() {
        if (bodyDeadline != null) {
            bodyDeadline.cancel(false);
            bodyDeadline = null;
        }
    }

    private void cancelHeaderDeadline() {
        if (headerDeadline != null) {
            headerDeadline.cancel(false);
            headerDeadline = null;
        }
    }
}
