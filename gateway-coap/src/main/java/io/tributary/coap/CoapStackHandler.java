package io.tributary.coap;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.tributary.coap.codec.CoapInbound;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.stack.CoapStack;
import io.tributary.coap.stack.Outbound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport glue between a channel and its {@link CoapStack}: decoded datagrams go to the stack; the stack's
 * messages are encoded here straight into datagrams (one pipeline step less than an encoder), batched while a read
 * burst is in progress and flushed when it ends, flushed at once otherwise. A failure never closes the channel.
 */
final class CoapStackHandler extends SimpleChannelInboundHandler<CoapInbound> implements Outbound {

    private static final Logger LOG = LoggerFactory.getLogger(CoapStackHandler.class);

    private final Channel channel;
    private CoapStack stack;
    private boolean reading;
    private boolean unflushed;

    /** @param channel the channel whose event loop owns the stack */
    CoapStackHandler(Channel channel) {
        this.channel = channel;
    }

    /** @param coapStack the stack fed by this handler */
    void stack(CoapStack coapStack) {
        this.stack = coapStack;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, CoapInbound inbound) {
        reading = true;
        try {
            if (inbound.error() != null) {
                stack.malformed(inbound.error(), inbound.sender());
            } else {
                stack.receive(inbound.message(), inbound.sender(), inbound.multicast());
            }
        } catch (RuntimeException e) {
            LOG.warn("failed to process {} from {}", inbound.message(), inbound.sender(), e);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        if (unflushed) {
            unflushed = false;
            channel.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // UDP errors (e.g. ICMP port unreachable surfacing as an exception) concern one datagram, not the socket.
        LOG.debug("ignored channel error: {}", cause.toString());
    }

    @Override
    public void send(CoapMessage message, InetSocketAddress recipient) {
        ByteBuf buffer = channel.alloc().ioBuffer(CoapCodec.maxEncodedSize(message));
        try {
            CoapCodec.encode(message, buffer);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        DatagramPacket datagram = new DatagramPacket(buffer, recipient);
        if (reading && channel.eventLoop().inEventLoop()) {
            unflushed = true;
            channel.write(datagram, channel.voidPromise());
        } else {
            channel.writeAndFlush(datagram, channel.voidPromise());
        }
    }

    @Override
    public void batch(Runnable task) {
        if (reading) {
            task.run();
            return;
        }
        reading = true;
        try {
            task.run();
        } finally {
            reading = false;
            if (unflushed) {
                unflushed = false;
                channel.flush();
            }
        }
    }

    @Override
    public void execute(Runnable task) {
        channel.eventLoop().execute(task);
    }

    @Override
    public boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }
}
