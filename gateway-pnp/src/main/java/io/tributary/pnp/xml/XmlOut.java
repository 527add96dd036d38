package io.tributary.pnp.xml;

import java.io.ByteArrayOutputStream;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin writer over StAX for PnP documents: each body declares its namespace as the default namespace and its
 * children are written qualified in it without prefixes, as Cisco's samples do.
 */
final class XmlOut {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    private final XMLStreamWriter writer;
    private String namespace = "";

    XmlOut(XMLOutputFactory factory) {
        try {
            writer = factory.createXMLStreamWriter(bytes, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot create an XML writer", e);
        }
    }

    /** Opens an element that declares {@code ns} as the default namespace for itself and its children. */
    XmlOut openIn(String ns, String local) {
        try {
            namespace = ns;
            writer.writeStartElement("", local, ns);
            writer.writeDefaultNamespace(ns);
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    XmlOut open(String local) {
        try {
            writer.writeStartElement("", local, namespace);
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    XmlOut attr(String name, String value) {
        if (value == null) {
            return this;
        }
        try {
            writer.writeAttribute(name, value);
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    XmlOut text(String value) {
        try {
            writer.writeCharacters(value);
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    XmlOut close() {
        try {
            writer.writeEndElement();
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    /** Writes {@code <local>value</local>}. */
    XmlOut element(String local, String value) {
        return open(local).text(value).close();
    }

    /** Writes {@code <local>value</local>} when the value is not {@code null}. */
    XmlOut optional(String local, Object value) {
        return value == null ? this : element(local, value.toString());
    }

    /** Writes {@code <local/>}. */
    XmlOut empty(String local) {
        try {
            writer.writeEmptyElement("", local, namespace);
            return this;
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    byte[] finish() {
        try {
            writer.writeEndDocument();
            writer.close();
            return bytes.toByteArray();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
    }

    private static IllegalArgumentException failure(XMLStreamException e) {
        return new IllegalArgumentException("cannot write PnP XML: " + e.getMessage(), e);
    }
}
