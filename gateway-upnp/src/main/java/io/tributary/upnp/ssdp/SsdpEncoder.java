package io.tributary.upnp.ssdp;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/** Writes an {@link SsdpMessage} as a datagram payload: start line, {@code NAME: value} headers, CRLF ends, body. */
public final class SsdpEncoder {

    private static final int CRLF = ('\r' << 8) | '\n';

    private SsdpEncoder() {
    }

    /**
     * @param message the message
     * @param allocator where the buffer comes from
     * @return the encoded bytes; the caller owns the buffer
     */
    public static ByteBuf encode(SsdpMessage message, ByteBufAllocator allocator) {
        ByteBuf out = allocator.buffer(256 + message.bodyLength());
        out.writeCharSequence(message.startLine(), StandardCharsets.ISO_8859_1);
        out.writeShort(CRLF);
        for (Map.Entry<String, String> header : message.headers()) {
            out.writeCharSequence(header.getKey(), StandardCharsets.ISO_8859_1);
            out.writeByte(':');
            if (!header.getValue().isEmpty()) {
                out.writeByte(' ');
                out.writeCharSequence(header.getValue(), StandardCharsets.UTF_8);
            }
            out.writeShort(CRLF);
        }
        out.writeShort(CRLF);
        out.writeBytes(message.bodyUnsafe());
        return out;
    }

    /**
     * @param message the message
     * @return its encoded size in bytes
     */
    public static int size(SsdpMessage message) {
        ByteBuf encoded = encode(message, ByteBufAllocator.DEFAULT);
        try {
            return encoded.readableBytes();
        } finally {
            encoded.release();
        }
    }
}
