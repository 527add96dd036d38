package io.tributary.coap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.DefaultAddressedEnvelope;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.FormatError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoapDatagramCodecTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5683);

    private final EmbeddedChannel channel = new EmbeddedChannel(new CoapDatagramCodec(2048));

    @Test
    @DisplayName("a datagram decodes to a message with its sender and recipient")
    void decodes() {
        CoapMessage get = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(7)
                .options(CoapOptions.builder().uriPath("/a").build()).build();
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(
                ByteBufUtil.decodeHexDump("40010007b161")), LOCAL, PEER));
        CoapInbound inbound = channel.readInbound();
        assertThat(inbound.message()).isEqualTo(get);
        assertThat(inbound.sender()).isEqualTo(PEER);
        assertThat(inbound.multicast()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    @DisplayName("a malformed datagram becomes a typed error for the next handler, not an exception")
    void malformed() {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(
                ByteBufUtil.decodeHexDump("40010007f0")), LOCAL, PEER));
        CoapInbound inbound = channel.readInbound();
        assertThat(inbound.message()).isNull();
        assertThat(inbound.error().error()).isEqualTo(FormatError.RESERVED_OPTION_NIBBLE);
        assertThat(inbound.error().messageId()).isEqualTo(7);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    @DisplayName("every prefix of a datagram yields exactly one inbound item and releases its buffer")
    void everyPrefix() {
        byte[] wire = ByteBufUtil.decodeHexDump("44010007 01020304 b4 74656d70 11 00 ff 3231".replace(" ", ""));
        for (int length = 0; length <= wire.length; length++) {
            DatagramPacket packet = new DatagramPacket(Unpooled.buffer(length).writeBytes(wire, 0, length), LOCAL, PEER);
            channel.writeInbound(packet);
            CoapInbound inbound = channel.readInbound();
            assertThat(inbound).as("prefix of %d bytes", length).isNotNull();
            assertThat(packet.refCnt()).isZero();
            Object nothingMore = channel.readInbound();
            assertThat(nothingMore).isNull();
        }
        assertThat(channel.finish()).isFalse();
    }

    @Test
    @DisplayName("a datagram longer than the maximum is refused as TOO_LARGE with its header kept for the RST")
    void tooLarge() {
        byte[] big = new byte[2049];
        big[0] = 0x40;
        big[1] = 0x02;
        big[3] = 0x09;
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(big), LOCAL, PEER));
        CoapInbound inbound = channel.readInbound();
        assertThat(inbound.error().error()).isEqualTo(FormatError.TOO_LARGE);
        assertThat(inbound.error().rejectWithReset()).isTrue();
        assertThat(inbound.error().messageId()).isEqualTo(9);
    }

    @Test
    @DisplayName("a multicast destination marks the request as multicast")
    void multicastRecipient() {
        channel.writeInbound(new DatagramPacket(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("50010007")),
                new InetSocketAddress("224.0.1.187", 5683), PEER));
        CoapInbound inbound = channel.readInbound();
        assertThat(inbound.multicast()).isTrue();
    }

    @Test
    @DisplayName("an addressed message encodes to a datagram to that recipient")
    void encodes() {
        channel.writeOutbound(new DefaultAddressedEnvelope<>(CoapMessage.empty(CoapType.RST, 0xbeef), PEER));
        DatagramPacket packet = channel.readOutbound();
        assertThat(packet.recipient()).isEqualTo(PEER);
        assertThat(ByteBufUtil.hexDump(packet.content())).isEqualTo("7000beef");
        packet.release();
        assertThat(channel.finish()).isFalse();
    }
}
