package io.tributary.upnp.ssdp;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.MessageToMessageDecoder;

/**
 * Decodes SSDP datagrams (UDA 2.0 §1.1.1) with hard limits: at most {@code maxSize} bytes and {@code maxHeaders}
 * header lines; a start line of a request ({@code NOTIFY *}, {@code M-SEARCH *}) or response ({@code HTTP/1.x});
 * header lines of a token, a colon and a value; CRLF line ends (bare LF tolerated). A datagram breaking a rule
 * becomes an {@link SsdpDatagram} with the reason instead of a message, so the next handler counts it; nothing is
 * thrown. Defaults {@value #DEFAULT_MAX_SIZE} bytes and {@value #DEFAULT_MAX_HEADERS} headers. Sharable.
 */
@ChannelHandler.Sharable
public final class SsdpDecoder extends MessageToMessageDecoder<DatagramPacket> {

    /** Default largest datagram, in bytes. */
    public static final int DEFAULT_MAX_SIZE = 2048;
    /** Default most header lines. */
    public static final int DEFAULT_MAX_HEADERS = 32;

    private static final Pattern REQUEST_LINE = Pattern.compile("(NOTIFY|M-SEARCH) \\* HTTP/1\\.[01]");
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] \\d{3}( .*)?");

    private final int maxSize;
    private final int maxHeaders;

    /**
     * @param maxSize the largest datagram accepted, in bytes
     * @param maxHeaders the most header lines accepted
     */
    public SsdpDecoder(int maxSize, int maxHeaders) {
        super(DatagramPacket.class);
        this.maxSize = maxSize;
        this.maxHeaders = maxHeaders;
    }

    /** @return the largest datagram accepted, in bytes */
    public int maxSize() {
        return maxSize;
    }

    @Override
    protected void decode(ChannelHandlerContext context, DatagramPacket packet, List<Object> out) {
        out.add(decode(packet.content(), packet.sender(), packet.recipient()));
    }

    /**
     * @param content the datagram's bytes (not released)
     * @param sender who sent it
     * @param recipient where it was sent, or {@code null}
     * @return the message, or the reason it was not read
     */
    public SsdpDatagram decode(ByteBuf content, InetSocketAddress sender, InetSocketAddress recipient) {
        if (content.readableBytes() > maxSize) {
            return new SsdpDatagram(null, "too-large", sender, recipient);
        }
        byte[] bytes = ByteBufUtil.getBytes(content);
        int[] position = {0};
        String start = line(bytes, position);
        if (start == null || !startLine(start)) {
            return new SsdpDatagram(null, "not-http", sender, recipient);
        }
        SsdpMessage.Builder message = SsdpMessage.builder(start);
        int headers = 0;
        while (true) {
            String line = line(bytes, position);
            if (line == null || line.isEmpty()) {
                break;
            }
            if (++headers > maxHeaders) {
                return new SsdpDatagram(null, "too-many-headers", sender, recipient);
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line, colon)) {
                return new SsdpDatagram(null, "bad-header", sender, recipient);
            }
            message.header(line.substring(0, colon), line.substring(colon + 1).trim());
        }
        if (position[0] < bytes.length) {
            byte[] body = new byte[bytes.length - position[0]];
            System.arraycopy(bytes, position[0], body, 0, body.length);
            message.body(body);
        }
        return new SsdpDatagram(message.build(), null, sender, recipient);
    }

    /** Reads one line (ISO-8859-1) up to CRLF or LF; null at the end of the datagram without a line end. */
    private static String line(byte[] bytes, int[] position) {
        int from = position[0];
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                int end = i > from && bytes[i - 1] == '\r' ? i - 1 : i;
                position[0] = i + 1;
                return new String(bytes, from, end - from, StandardCharsets.ISO_8859_1);
            }
        }
        if (from < bytes.length) {
            // A last header line without its line end is still a header line.
            position[0] = bytes.length;
            return new String(bytes, from, bytes.length - from, StandardCharsets.ISO_8859_1);
        }
        return null;
    }

    private static boolean startLine(String line) {
        return REQUEST_LINE.matcher(line).matches() || STATUS_LINE.matcher(line).matches();
    }

    private static boolean token(String line, int colon) {
        for (int i = 0; i < colon; i++) {
            char c = line.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }
}
