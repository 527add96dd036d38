package io.tributary.upnp.event;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.http.UpnpHttp;

/**
 * Writes {@code e:propertyset} documents exactly as UDA 2.0 §4.3.2 shows them: an XML declaration, the
 * {@code e} prefix bound to {@code urn:schemas-upnp-org:event-1-0}, one variable per {@code e:property}, values
 * escaped, UTF-8. Characters XML cannot carry are replaced by U+FFFD. Thread-safe.
 */
public final class PropertySetWriter {

    /** The content type of NOTIFY bodies, {@code text/xml; charset="utf-8"} as UDA writes it. */
    public static final String CONTENT_TYPE = UpnpHttp.TEXT_XML;

    private static final String PREFIX = "e";
    private static final byte[] DECLARATION =
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>".getBytes(StandardCharsets.US_ASCII);

    private final XMLOutputFactory factory;

    private PropertySetWriter(XMLOutputFactory factory) {
        this.factory = factory;
    }

    /** @return a writer using the core's Woodstox output factory */
    public static PropertySetWriter create() {
        return new PropertySetWriter(HardenedXml.create().outputFactory());
    }

    /**
     * @param xml the factories to write with
     * @return a writer using them
     */
    public static PropertySetWriter create(HardenedXml xml) {
        return new PropertySetWriter(xml.outputFactory());
    }

    /**
     * Serialises a property set.
     *
     * @param set the variables to write
     * @return the UTF-8 document
     */
    public byte[] write(PropertySet set) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + 48 * set.size());
        // Written by hand: Woodstox quotes the declaration with apostrophes, UDA's examples use double quotes.
        out.writeBytes(DECLARATION);
        try {
            XMLStreamWriter writer = factory.createXMLStreamWriter(out, "UTF-8");
            writer.writeStartElement(PREFIX, "propertyset", PropertySetReader.EVENT_NAMESPACE);
            writer.writeNamespace(PREFIX, PropertySetReader.EVENT_NAMESPACE);
            for (Property property : set.properties()) {
                writer.writeStartElement(PREFIX, "property", PropertySetReader.EVENT_NAMESPACE);
                writer.writeStartElement(property.name());
                writer.writeCharacters(XmlNames.xmlSafeText(property.value()));
                writer.writeEndElement();
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            // Names are validated NCNames and text is made XML-safe, so only a broken factory gets here.
            throw new IllegalStateException("cannot write property set: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
