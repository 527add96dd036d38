package io.tributary.upnp.event;

import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlLimits;
import io.tributary.core.xml.XmlRejectedException;

/**
 * Reads {@code e:propertyset} documents (UDA 2.0 §4.3.2) with the hardened Woodstox factory: any namespace prefix
 * (and, tolerating real stacks, no namespace at all) is accepted, a malformed property is skipped without losing
 * the others, escaped values come back unescaped, and DTDs or entity declarations are refused. Thread-safe.
 */
public final class PropertySetReader {

    /** The GENA event namespace, {@code urn:schemas-upnp-org:event-1-0}. */
    public static final String EVENT_NAMESPACE = "urn:schemas-upnp-org:event-1-0";

    private final HardenedXml xml;

    private PropertySetReader(HardenedXml xml) {
        this.xml = xml;
    }

    /** @return a reader with {@link XmlLimits#defaults()} */
    public static PropertySetReader create() {
        return new PropertySetReader(HardenedXml.create());
    }

    /**
     * @param xml the hardened factories (and their limits) to parse with
     * @return a reader using them
     */
    public static PropertySetReader create(HardenedXml xml) {
        return new PropertySetReader(xml);
    }

    /**
     * Parses one event body.
     *
     * @param document the already size-capped body bytes; encoding from the XML declaration, UTF-8 by default
     * @return the variables in document order, with the count of skipped malformed properties
     * @throws PropertySetException if the document is not a well-formed property set or uses a DTD
     */
    public PropertySet read(byte[] document) {
        XMLStreamReader reader = null;
        try {
            reader = xml.reader(document);
            toRoot(reader);
            if (!"propertyset".equals(reader.getLocalName()) || !eventNamespace(reader.getNamespaceURI())) {
                throw new PropertySetException("root element is {" + nullToEmpty(reader.getNamespaceURI()) + "}"
                        + reader.getLocalName() + ", not {" + EVENT_NAMESPACE + "}propertyset", null, false);
            }
            List<Property> properties = new ArrayList<>();
            int skipped = readChildren(reader, properties);
            while (reader.hasNext()) {
                reader.next();
            }
            return PropertySet.read(properties, skipped);
        } catch (XmlRejectedException e) {
            throw new PropertySetException("refused: " + e.getMessage(), e, true);
        } catch (XMLStreamException e) {
            throw new PropertySetException("not well-formed XML: " + e.getMessage(), e, false);
        } catch (RuntimeException e) {
            if (e instanceof PropertySetException) {
                throw e;
            }
            // Woodstox reports a few limit violations as unchecked exceptions.
            throw new PropertySetException("unreadable XML: " + e.getMessage(), e, false);
        } finally {
            XmlElements.close(reader);
        }
    }

    private static void toRoot(XMLStreamReader reader) throws XMLStreamException {
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (!reader.hasNext()) {
                throw new PropertySetException("document has no root element", null, false);
            }
            event = reader.next();
        }
    }

    private static int readChildren(XMLStreamReader reader, List<Property> properties) throws XMLStreamException {
        int skipped = 0;
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return skipped;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if ("property".equals(reader.getLocalName()) && eventNamespace(reader.getNamespaceURI())) {
                skipped += readProperty(reader, properties);
            } else {
                XmlElements.skip(reader);
                skipped++;
            }
        }
    }

    /** Reads the variables of one {@code e:property}; returns 1 when nothing usable was in it. */
    private static int readProperty(XMLStreamReader reader, List<Property> properties) throws XMLStreamException {
        int found = 0;
        int bad = 0;
        while (true) {
            int event = reader.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return found == 0 || bad > 0 ? 1 : 0;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            String name = reader.getLocalName();
            String value = XmlElements.text(reader);
            if (value == null || !XmlNames.isNcName(name)) {
                bad++;
            } else {
                properties.add(new Property(name, value));
                found++;
            }
        }
    }

    private static boolean eventNamespace(String namespace) {
        return namespace == null || namespace.isEmpty() || EVENT_NAMESPACE.equals(namespace);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
