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
 * for), saying so; with an ETag (RFC 7252 §5.10.6) derived from format and bytes. The response and its ETag are
 * remembered per topic for the value they were made of, so a GET of an unchanged value allocates nothing here and
 * a large value is hashed once, not once per block request.
 */
final class Representations {

    /** Topics whose ETag is remembered; past this the memory starts over, so a scan of many topics stays bounded. */
    static final int CACHE_SIZE = 4096;
    /** Values up to this size are served from a copy of their bytes; larger ones block by block from the value. */
    private static final int SMALL = 1024;

    /** A value with its ETag and its 2.05 response, immutable and shared by every GET of that value. */
    private record Tagged(Message value, byte[] etag, CoapResponse response) {
    }

    private final Map<Topic, Tagged> etags = new ConcurrentHashMap<>();

    /** @return the Content-Format a value is served in */
    static ContentFormat format(Message value) {
        ContentFormat format = ContentFormat.ofMediaType(value.contentType());
        return format != null ? format : ContentFormat.OCTET_STREAM;
    }

    /** @return the ETag of a topic's value */
    byte[] etag(Message value) {
        return tagged(value).etag();
    }

    /** @return a 2.05 with the value, its Content-Format and its ETag */
    CoapResponse of(Message value) {
        return tagged(value).response();
    }

    private Tagged tagged(Message value) {
        Tagged known = etags.get(value.topic());
        if (known != null && known.value() == value) {
            return known;
        }
        ContentFormat format = format(value);
        byte[] etag = EntityTag.of(value.payload(), format.number());
        CoapResponse content = value.payloadLength() <= SMALL ? CoapResponse.content(value.payloadBytes(), format)
                : CoapResponse.content(value.payload(), format);
        Tagged tagged = new Tagged(value, etag, content.etag(etag));
        if (etags.size() >= CACHE_SIZE) {
            etags.clear();
        }
        etags.put(value.topic(), tagged);
        return tagged;
    }
}
