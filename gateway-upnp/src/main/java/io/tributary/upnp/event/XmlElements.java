package io.tributary.upnp.event;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The small steps the UPnP readers (property sets, descriptions, SOAP bodies) share on a StAX reader positioned on
 * a start tag: read an element's text, skip an element, close a reader over a byte array.
 */
public final class XmlElements {

    private XmlElements() {
    }

    /**
     * Reads the text of the element the reader is on, up to and including its end tag.
     *
     * @param reader a reader on a start tag
     * @return the text, or {@code null} (the element skipped) when it holds child elements
     * @throws XMLStreamException if the document is not well-formed
     */
    public static String text(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        boolean markup = false;
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                markup = true;
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (depth == 1 && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE)) {
                text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
            }
        }
        return markup ? null : text.toString();
    }

    /**
     * Skips the element the reader is on, up to and including its end tag.
     *
     * @param reader a reader on a start tag
     * @throws XMLStreamException if the document is not well-formed
     */
    public static void skip(XMLStreamReader reader) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    /**
     * Closes a reader over an in-memory document; there is nothing to fail on.
     *
     * @param reader the reader, or {@code null}
     */
    public static void close(XMLStreamReader reader) {
        if (reader != null) {
            try {
                reader.close();
            } catch (XMLStreamException ignored) {
                // nothing is held open: the input is a byte array
            }
        }
    }
}
