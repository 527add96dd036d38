package io.tributary.core.xml;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import org.codehaus.stax2.XMLInputFactory2;

/**
 * Woodstox factories for untrusted XML: no DTD, no external entities, no entity expansion beyond the predefined
 * five, explicit size and depth limits, eager parsing so that every error surfaces as an {@link XMLStreamException}
 * from {@code next()}, and any DTD event refused with {@link XmlRejectedException}.
 */
public final class HardenedXml {

    private final XMLInputFactory inputFactory;
    private final XMLOutputFactory outputFactory;

    private HardenedXml(XmlLimits limits) {
        this.inputFactory = newInputFactory(limits);
        WstxOutputFactory output = new WstxOutputFactory();
        // Text may come from devices: a control character must not turn a written document into malformed XML.
        output.setProperty(WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler('\uFFFD'));
        this.outputFactory = output;
    }

    /**
     * @param limits the parser limits
     * @return factories applying those limits; thread-safe once created
     */
    public static HardenedXml create(XmlLimits limits) {
        return new HardenedXml(limits);
    }

    /** @return factories with {@link XmlLimits#defaults()} */
    public static HardenedXml create() {
        return new HardenedXml(XmlLimits.defaults());
    }

    private static XMLInputFactory newInputFactory(XmlLimits limits) {
        WstxInputFactory factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLInputFactory2.P_LAZY_PARSING, false);
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("external resource '" + systemId + "' refused");
        });
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_DEPTH, limits.maxDepth());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTES_PER_ELEMENT, limits.maxAttributesPerElement());
        factory.setProperty(WstxInputProperties.P_MAX_ATTRIBUTE_SIZE, limits.maxAttributeSize());
        factory.setProperty(WstxInputProperties.P_MAX_CHILDREN_PER_ELEMENT, limits.maxChildrenPerElement());
        factory.setProperty(WstxInputProperties.P_MAX_ELEMENT_COUNT, limits.maxElementCount());
        factory.setProperty(WstxInputProperties.P_MAX_TEXT_LENGTH, limits.maxTextLength());
        factory.setProperty(WstxInputProperties.P_MAX_CHARACTERS, limits.maxCharacters());
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1L);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_DEPTH, 1);
        return factory;
    }

    /**
     * Opens a reader over an already aggregated, size-capped document.
     *
     * @param document the document bytes; the encoding comes from the XML declaration, UTF-8 by default
     * @return a reader that refuses DTDs
     * @throws XMLStreamException if the document cannot even be opened
     */
    public XMLStreamReader reader(byte[] document) throws XMLStreamException {
        return reader(new ByteArrayInputStream(document));
    }

    /**
     * Opens a reader over a stream; prefer {@link #reader(byte[])} with a size-capped body.
     *
     * @param document the document
     * @return a reader that refuses DTDs
     * @throws XMLStreamException if the document cannot even be opened
     */
    public XMLStreamReader reader(InputStream document) throws XMLStreamException {
        XMLStreamReader reader = new NoDtdReader(inputFactory.createXMLStreamReader(document));
        if (reader.getEventType() == XMLStreamConstants.DTD) {
            throw NoDtdReader.refusal(reader);
        }
        return reader;
    }

    /** @return the output factory (Woodstox), for writers of protocol documents; invalid characters become U+FFFD */
    public XMLOutputFactory outputFactory() {
        return outputFactory;
    }

    /** Refuses DTD events, including those {@code nextTag()} would otherwise skip. */
    private static final class NoDtdReader extends StreamReaderDelegate {

        NoDtdReader(XMLStreamReader reader) {
            super(reader);
        }

        static XmlRejectedException refusal(XMLStreamReader reader) {
            return new XmlRejectedException("DOCTYPE declarations are not accepted (DTDs and entities are refused)",
                    reader.getLocation());
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            if (event == XMLStreamConstants.DTD) {
                throw refusal(this);
            }
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = next();
            while (event == XMLStreamConstants.SPACE || event == XMLStreamConstants.COMMENT
                    || event == XMLStreamConstants.PROCESSING_INSTRUCTION
                    || (event == XMLStreamConstants.CHARACTERS && isWhiteSpace())) {
                event = next();
            }
            if (event != XMLStreamConstants.START_ELEMENT && event != XMLStreamConstants.END_ELEMENT) {
                throw new XMLStreamException("expected a start or end tag", getLocation());
            }
            return event;
        }
    }
}
