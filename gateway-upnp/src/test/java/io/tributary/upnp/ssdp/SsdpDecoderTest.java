package io.tributary.upnp.ssdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SsdpDecoderTest {

    private static final InetSocketAddress SENDER = SsdpFixtures.peer("192.168.1.20", 50000);
    private static final InetSocketAddress GROUP = SsdpFixtures.peer("239.255.255.250", 1900);

    private static SsdpDatagram decode(String text) {
        EmbeddedChannel channel = new EmbeddedChannel(new SsdpDecoder(512, 4));
        channel.writeInbound(new DatagramPacket(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1), GROUP,
                SENDER));
        SsdpDatagram datagram = channel.readInbound();
        assertThat(channel.finish()).as("nothing left behind").isFalse();
        return datagram;
    }

    @Test
    @DisplayName("UDA §1.1.1: an M-SEARCH is read with its headers in order, names in any case, sender and recipient")
    void readsSearch() {
        SsdpDatagram datagram = decode("M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nman: \"ssdp:discover\"\r\n"
                + "MX: 2\r\nST:ssdp:all\r\n\r\n");
        assertThat(datagram.invalid()).isNull();
        assertThat(datagram.multicast()).isTrue();
        assertThat(datagram.sender()).isEqualTo(SENDER);
        SsdpMessage search = datagram.message();
        assertThat(search.isSearch()).isTrue();
        assertThat(SsdpFixtures.lines(search)).containsExactly("M-SEARCH * HTTP/1.1", "HOST: 239.255.255.250:1900",
                "man: \"ssdp:discover\"", "MX: 2", "ST: ssdp:all");
        assertThat(search.header("MAN")).isEqualTo("\"ssdp:discover\"");
        assertThat(search.body()).isEmpty();
    }

    @Test
    @DisplayName("bare LF line ends and a last line without its end are read; a body after the blank line is kept")
    void tolerant() {
        SsdpMessage notify = decode("NOTIFY * HTTP/1.1\nNT: upnp:event\nNTS: upnp:propchange\n\n<e:propertyset/>")
                .message();
        assertThat(notify.header("NTS")).isEqualTo("upnp:propchange");
        assertThat(new String(notify.body(), StandardCharsets.UTF_8)).isEqualTo("<e:propertyset/>");
        assertThat(decode("HTTP/1.1 200 OK\r\nST: upnp:rootdevice").message().header("ST"))
                .isEqualTo("upnp:rootdevice");
    }

    @Test
    @DisplayName("a datagram over the size limit, with too many headers, a bad header or no HTTP start line becomes a"
            + " dropped datagram with its reason, nothing thrown")
    void refuses() {
        assertThat(decode("M-SEARCH * HTTP/1.1\r\nX: " + "a".repeat(600) + "\r\n\r\n").invalid())
                .isEqualTo("too-large");
        assertThat(decode("NOTIFY * HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\n\r\n").invalid())
                .isEqualTo("too-many-headers");
        assertThat(decode("NOTIFY * HTTP/1.1\r\nno colon here\r\n\r\n").invalid()).isEqualTo("bad-header");
        assertThat(decode("NOTIFY * HTTP/1.1\r\nBAD NAME: x\r\n\r\n").invalid()).isEqualTo("bad-header");
        assertThat(decode("GET / HTTP/1.1\r\n\r\n").invalid()).isEqualTo("not-http");
        assertThat(decode("\u0000\u0001garbage").invalid()).isEqualTo("not-http");
        assertThat(decode("").invalid()).isEqualTo("not-http");
    }

    @Test
    @DisplayName("the encoder writes the start line, NAME: value headers (EXT: empty) and CRLF line ends")
    void encodes() {
        SsdpMessage message = SsdpMessage.builder(SsdpMessage.OK).header("CACHE-CONTROL", "max-age=1800")
                .header("EXT", "").header("ST", "upnp:rootdevice").build();
        ByteBuf encoded = SsdpEncoder.encode(message, ByteBufAllocator.DEFAULT);
        try {
            assertThat(encoded.toString(StandardCharsets.ISO_8859_1)).isEqualTo("HTTP/1.1 200 OK\r\n"
                    + "CACHE-CONTROL: max-age=1800\r\nEXT:\r\nST: upnp:rootdevice\r\n\r\n");
        } finally {
            encoded.release();
        }
        assertThat(SsdpEncoder.size(message)).isEqualTo(75);
    }

    @Test
    @DisplayName("header grammars: max-age, 31-bit IDs, MX and the UDN of a USN")
    void headers() {
        assertThat(SsdpHeaders.maxAge("no-cache, max-age = 1800")).isEqualTo(1800);
        assertThat(SsdpHeaders.maxAge("no-cache")).isEqualTo(-1);
        assertThat(SsdpHeaders.id("2147483647")).isEqualTo(2147483647L);
        assertThat(SsdpHeaders.id("2147483648")).isEqualTo(-1);
        assertThat(SsdpHeaders.mx("x")).isEqualTo(-1);
        assertThat(SsdpHeaders.udn("uuid:abc::upnp:rootdevice")).isEqualTo("uuid:abc");
        assertThat(SsdpHeaders.udn("uuid:abc")).isEqualTo("uuid:abc");
        assertThat(SsdpHeaders.udn("urn:x")).isNull();
    }
}
