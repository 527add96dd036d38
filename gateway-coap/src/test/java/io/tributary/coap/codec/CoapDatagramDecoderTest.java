package io.tributary.coap.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.tributary.coap.message.CoapCode;
import io.tributary.coap.message.CoapMessage;
import io.tributary.coap.message.CoapOptions;
import io.tributary.coap.message.CoapType;
import io.tributary.coap.message.FormatError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoapDatagramDecoderTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("192.0.2.7", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("192.0.2.1", 5683);
    /** CON GET, message ID 7, token 01020304, Uri-Path "temp", Accept 0, payload "21". */
    private static final byte[] WIRE = ByteBufUtil.decodeHexDump("44010007" + "01020304" + "b474656d70" + "60"
            + "ff3231");
    private static final CoapMessage MESSAGE = CoapMessage.builder(CoapType.CON, CoapCode.GET).messageId(7)
            .token(new byte[] {1, 2, 3, 4})
            .options(CoapOptions.builder().uriPath("/temp").addUint(17, 0).build())
            .payload(new byte[] {'2', '1'}).build();

    private final EmbeddedChannel channel = new EmbeddedChannel(new CoapDatagramDecoder(2048));

    @AfterEach
    void nothingLeftBehind() {
        assertThat(channel.finish()).as("finish() leaves nothing behind").isFalse();
    }

    private CoapInbound decode(ByteBuf content, InetSocketAddress recipient) {
        DatagramPacket packet = new DatagramPacket(content, recipient, PEER);
        channel.writeInbound(packet);
        CoapInbound inbound = channel.readInbound();
        assertThat(packet.refCnt()).as("the datagram is released").isZero();
        assertThat((Object) channel.readInbound()).as("one item per datagram").isNull();
        return inbound;
    }

    @Test
    @DisplayName("a whole datagram decodes to its message with sender and recipient")
    void whole() {
        CoapInbound inbound = decode(Unpooled.wrappedBuffer(WIRE), LOCAL);
        assertThat(inbound.message()).isEqualTo(MESSAGE);
        assertThat(inbound.error()).isNull();
        assertThat(inbound.sender()).isEqualTo(PEER);
        assertThat(inbound.recipient()).isEqualTo(LOCAL);
        assertThat(inbound.multicast()).isFalse();
    }

    @Test
    @DisplayName("a datagram held in two buffers decodes the same, wherever it is split")
    void split() {
        for (int at = 0; at <= WIRE.length; at++) {
            CompositeByteBuf content = Unpooled.compositeBuffer().addComponents(true,
                    Unpooled.wrappedBuffer(WIRE, 0, at), Unpooled.wrappedBuffer(WIRE, at, WIRE.length - at));
            assertThat(decode(content, LOCAL).message()).as("split at %d", at).isEqualTo(MESSAGE);
        }
    }

    @Test
    @DisplayName("a datagram truncated at every byte is a typed format error, or the shorter message it still is")
    void truncated() {
        // Prefixes ending at an option or payload boundary are complete messages (§3); the rest are errors.
        for (int length = 0; length < WIRE.length; length++) {
            CoapInbound inbound = decode(Unpooled.buffer(length).writeBytes(WIRE, 0, length), LOCAL);
            boolean complete = length == 8 || length == 13 || length == 14 || length == 16;
            assertThat(inbound.message() != null).as("prefix of %d bytes decodes", length).isEqualTo(complete);
            assertThat(inbound.error() != null).as("prefix of %d bytes is an error", length).isEqualTo(!complete);
        }
    }

    @Test
    @DisplayName("a malformed datagram becomes a typed error for the next handler, keeping the message ID")
    void malformed() {
        CoapInbound inbound = decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("40010007f0")), LOCAL);
        assertThat(inbound.message()).isNull();
        assertThat(inbound.error().error()).isEqualTo(FormatError.RESERVED_OPTION_NIBBLE);
        assertThat(inbound.error().messageId()).isEqualTo(7);
        assertThat(inbound.error().rejectWithReset()).isTrue();
    }

    @Test
    @DisplayName("a datagram longer than the maximum is refused as TOO_LARGE with its header kept for the RST")
    void tooLarge() {
        byte[] big = new byte[2049];
        big[0] = 0x40;
        big[1] = 0x02;
        big[3] = 0x09;
        CoapInbound inbound = decode(Unpooled.wrappedBuffer(big), LOCAL);
        assertThat(inbound.error().error()).isEqualTo(FormatError.TOO_LARGE);
        assertThat(inbound.error().rejectWithReset()).isTrue();
        assertThat(inbound.error().messageId()).isEqualTo(9);
    }

    @Test
    @DisplayName("a multicast destination marks the request as multicast")
    void multicastRecipient() {
        CoapInbound inbound = decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("50010007")),
                new InetSocketAddress("224.0.1.187", 5683));
        assertThat(inbound.multicast()).isTrue();
    }

    @Test
    @DisplayName("outbound messages are not the decoder's business: they pass through untouched")
    void outboundPassesThrough() {
        DatagramPacket datagram = new DatagramPacket(Unpooled.wrappedBuffer(WIRE), PEER);
        channel.writeOutbound(datagram);
        DatagramPacket written = channel.readOutbound();
        assertThat(written).isSameAs(datagram);
        written.release();
    }
}
