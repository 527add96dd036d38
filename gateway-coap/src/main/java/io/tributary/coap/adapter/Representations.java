package io.tributary.coap.adapter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tributary.coap.CoapResponse;
import io.tributary.coap.ContentFormat;
import io.tributary.coap.message.EntityTag;
import io.tributary.core.Message;
import io.tributary.core.Topic;

/**
 * How a topic's retained value is served over CoAP: in the Content-Format it was published with, or as
 * {@code application/octet-stream} when it was published without one (or with a media type CoAP has no number
 * for), saying so; with an ETag (RFC 7252 §5.10.6) derived from format and bytes, remembered per topic for the
 * value it was computed for, so a large value is hashed once, not once per block request.
 */
final class Representations {

    /** Topics whose ETag is remembered; past this the memory starts over, so a scan of many topics stays bounded. */
    static final int CACHE_SIZE = 4096;
    /** Values up to this size are served from a copy of their bytes; larger ones block by block from the value. */
    private static final int SMALL = 1024;

    private record Tagged(Message value, byte[] etag) {
    }

    private final Map<Topic, Tagged> etags = new ConcurrentHashMap<>();

    /** @return the Content-Format a value is served in */
    static ContentFormat format(Message value) {
        ContentFormat format = ContentFormat.ofMediaType(value.contentType());
        return format != null ? format : ContentFormat.OCTET_STREAM;
    }

    /** @return the ETag of a topic's value */
    byte[] etag(Message value) {
        Tagged known = etags.get(value.topic());
        if (known != null && known.value() == value) {
            return known.etag();
        }
        byte[] etag = EntityTag.of(value.payload(), format(value).number());
        if (etags.size() >= CACHE_SIZE) {
            etags.clear();
        }
        etags.put(value.topic(), new Tagged(value, etag));
        return etag;
    }

    /** @return a 2.05 with the value, its Content-Format and its ETag */
    CoapResponse of(Message value) {
        ContentFormat format = format(value);
        CoapResponse content = value.payloadLength() <= SMALL ? CoapResponse.content(value.payloadBytes(), format)
                : CoapResponse.content(value.payload(), format);
        return content.etag(etag(value));
    }
}
