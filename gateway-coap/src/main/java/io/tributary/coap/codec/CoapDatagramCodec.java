package io.tributary.coap.codec;

import java.net.InetSocketAddress;
import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.AddressedEnvelope;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageCodec;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapMessage;

/**
 * Turns datagrams into {@link CoapInbound} (a message, or its format error: bad input never throws through the
 * pipeline) and addressed {@link CoapMessage}s into datagrams. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class CoapDatagramCodec
        extends MessageToMessageCodec<DatagramPacket, AddressedEnvelope<CoapMessage, InetSocketAddress>> {

    /** The shared instance. */
    public static final CoapDatagramCodec INSTANCE = new CoapDatagramCodec();

    private CoapDatagramCodec() {
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        try {
            out.add(new CoapInbound(CoapCodec.decode(packet.content()), null, packet.sender(), packet.recipient()));
        } catch (CoapFormatException e) {
            out.add(new CoapInbound(null, e, packet.sender(), packet.recipient()));
        }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AddressedEnvelope<CoapMessage, InetSocketAddress> envelope,
                          List<Object> out) {
        CoapMessage message = envelope.content();
        ByteBuf buffer = ctx.alloc().ioBuffer(CoapCodec.maxEncodedSize(message));
        try {
            CoapCodec.encode(message, buffer);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        out.add(new DatagramPacket(buffer, envelope.recipient(), envelope.sender()));
    }
}
