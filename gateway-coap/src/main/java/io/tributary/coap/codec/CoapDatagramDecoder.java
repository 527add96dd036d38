package io.tributary.coap.codec;

import java.util.List;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.tributary.coap.message.CoapCodec;
import io.tributary.coap.message.CoapFormatException;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.FormatError;

/**
 * Decodes each datagram into a {@link CoapInbound}: the message, or the format error it caused (bad input never
 * throws through the pipeline), with its sender and recipient. Stateless and sharable; a datagram longer than
 * {@code maxDatagramSize} is refused as {@link FormatError#TOO_LARGE}. Outgoing messages are encoded by the stack's
 * channel handler itself, one pipeline step less on the hot path.
 */
@ChannelHandler.Sharable
public final class CoapDatagramDecoder extends MessageToMessageDecoder<DatagramPacket> {

    private final int maxDatagramSize;

    /**
     * @param maxDatagramSize the largest datagram accepted, in bytes; the socket reads one byte more, so a datagram
     *                        that fills the read was cut and is refused with {@link FormatError#TOO_LARGE}
     */
    public CoapDatagramDecoder(int maxDatagramSize) {
        super(DatagramPacket.class);
        this.maxDatagramSize = maxDatagramSize;
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
}
