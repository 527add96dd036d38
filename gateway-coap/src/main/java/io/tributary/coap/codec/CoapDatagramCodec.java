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
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.FormatError;

/**
 * Turns datagrams into {@link CoapInbound} (a message, or its format error: bad input never throws through the
 * pipeline) and addressed {@link CoapMessage}s into datagrams. Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class CoapDatagramCodec
        extends MessageToMessageCodec<DatagramPacket, AddressedEnvelope<CoapMessage, InetSocketAddress>> {

    /** Largest UDP payload. */
    public static final int MAX_UDP_PAYLOAD = 65507;

    private final int maxDatagramSize;

    /**
     * @param maxDatagramSize the largest datagram accepted; the socket reads one byte more, so a datagram that
     *                        fills the read was cut and is refused with {@link FormatError#TOO_LARGE}
     */
    public CoapDatagramCodec(int maxDatagramSize) {
        this.maxDatagramSize = maxDatagramSize;
    }

    /** Only addressed CoAP messages are encoded; datagrams the stack already encoded pass through. */
    @Override
    public boolean acceptOutboundMessage(Object message) {
        return message instanceof AddressedEnvelope && ((AddressedEnvelope<?, ?>) message).content()
                instanceof CoapMessage;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, DatagramPacket packet, List<Object> out) {
        ByteBuf content = packet.content();
        try {
            if (content.readableBytes() > maxDatagramSize) {
                throw tooLarge(content);
            }
            out.add(new CoapInbound(CoapCodec.decode(content), null, packet.sender(), packet.recipient()));
        } catch (CoapFormatException e) {
            out.add(new CoapInbound(null, e, packet.sender(), packet.recipient()));
        }
    }

    private static CoapFormatException tooLarge(ByteBuf content) {
        int first = content.getUnsignedByte(content.readerIndex());
        boolean version1 = (first >> 6) == 1;
        return new CoapFormatException(FormatError.TOO_LARGE, version1 ? CoapType.of(first >> 4) : null,
                version1 ? content.getUnsignedShort(content.readerIndex() + 2) : -1);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, AddressedEnvelope<CoapMessage, InetSocketAddress> envelope,
                          List<Object> out) {
        out.add(datagram(ctx.alloc(), envelope.content(), envelope.recipient()));
    }

    /**
     * Encodes a message into a datagram.
     *
     * @param allocator where the buffer comes from
     * @param message the message
     * @param recipient where it goes
     * @return the datagram, owning its buffer
     */
    public static DatagramPacket datagram(io.netty.buffer.ByteBufAllocator allocator, CoapMessage message,
                                          InetSocketAddress recipient) {
        ByteBuf buffer = allocator.ioBuffer(CoapCodec.maxEncodedSize(message));
        try {
            CoapCodec.encode(message, buffer);
        } catch (RuntimeException e) {
            buffer.release();
            throw e;
        }
        return new DatagramPacket(buffer, recipient);
    }
}
