package io.tributary.upnp.description;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlRejectedException;
import io.tributary.upnp.event.XmlElements;

/**
 * Reads the device description of a device found on the network (UDA 2.0 §2.3) with the hardened Woodstox
 * factory: the root must be {@code root} in {@value DescriptionWriter#DEVICE_NAMESPACE} (or, tolerating real
 * stacks, in no namespace), DTDs are refused, unknown elements skipped. Service URLs are resolved against
 * {@code URLBase} when present (UDA 1.0) or else the description's own URL, and kept only when they are
 * {@code http://} URLs. Thread-safe.
 */
public final class DescriptionReader {

    private final HardenedXml xml;

    /** @param xml the hardened factories (and their limits) to parse with */
    public DescriptionReader(HardenedXml xml) {
        this.xml = xml;
    }

    /**
     * @param document the already size-capped document
     * @param location the URL it was fetched from, the base of relative URLs
     * @return the root device with its services and embedded devices
     * @throws DescriptionException if it is not a usable device description
     */
    public DeviceDescription read(byte[] document, URI location) {
        XMLStreamReader reader = null;
        try {
            reader = xml.reader(document);
            while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                if (!reader.hasNext()) {
                    throw new DescriptionException("document has no root element", null);
                }
                reader.next();
            }
            if (!"root".equals(reader.getLocalName()) || !ours(reader.getNamespaceURI())) {
                throw new DescriptionException("root element is {" + reader.getNamespaceURI() + "}"
                        + reader.getLocalName() + ", not {" + DescriptionWriter.DEVICE_NAMESPACE + "}root", null);
            }
            URI base = location;
            Element device = null;
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                if ("URLBase".equals(reader.getLocalName())) {
                    URI declared = uri(reader.getElementText().trim());
                    base = declared != null && declared.isAbsolute() ? declared : base;
                } else if ("device".equals(reader.getLocalName()) && device == null) {
                    device = Element.read(reader);
                } else {
                    Element.read(reader);
                }
            }
            if (device == null) {
                throw new DescriptionException("root has no device element", null);
            }
            return device(device, base);
        } catch (XmlRejectedException e) {
            throw new DescriptionException("refused: " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new DescriptionException("not well-formed XML: " + e.getMessage(), e);
        } catch (DescriptionException e) {
            throw e;
        } catch (RuntimeException e) {
            // Woodstox reports a few limit violations as unchecked exceptions.
            throw new DescriptionException("unreadable XML: " + e.getMessage(), e);
        } finally {
            XmlElements.close(reader);
        }
    }

    private static DeviceDescription device(Element element, URI base) {
        String type = element.text("deviceType");
        String udn = element.text("UDN");
        if (type == null || udn == null || !udn.regionMatches(true, 0, "uuid:", 0, 5)) {
            throw new DescriptionException("device without deviceType or uuid: UDN (" + type + ", " + udn + ")", null);
        }
        List<ServiceDescription> services = new ArrayList<>();
        for (Element service : element.children("serviceList")) {
            String serviceType = service.text("serviceType");
            String serviceId = service.text("serviceId");
            if (serviceType != null && serviceId != null) {
                services.add(new ServiceDescription(serviceType, serviceId, resolve(base, service.text("SCPDURL")),
                        resolve(base, service.text("controlURL")), resolve(base, service.text("eventSubURL"))));
            }
        }
        List<DeviceDescription> devices = new ArrayList<>();
        for (Element embedded : element.children("deviceList")) {
            devices.add(device(embedded, base));
        }
        return new DeviceDescription(type, udn, orEmpty(element.text("friendlyName")),
                orEmpty(element.text("manufacturer")), element.text("manufacturerURL"),
                element.text("modelDescription"), orEmpty(element.text("modelName")), element.text("modelNumber"),
                element.text("modelURL"), element.text("serialNumber"), element.text("presentationURL"), services,
                devices);
    }

    /** Resolves a URL of the description; empty unless the result is an http:// URL with a host. */
    static String resolve(URI base, String reference) {
        if (reference == null || reference.isEmpty()) {
            return "";
        }
        URI relative = uri(reference);
        if (relative == null) {
            return "";
        }
        URI resolved;
        try {
            resolved = base.resolve(relative);
        } catch (IllegalArgumentException e) {
            return "";
        }
        return "http".equalsIgnoreCase(resolved.getScheme()) && resolved.getHost() != null ? resolved.toString() : "";
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    private static boolean ours(String namespace) {
        return namespace == null || namespace.isEmpty() || DescriptionWriter.DEVICE_NAMESPACE.equals(namespace);
    }

    /** A read element: its text children by name and its element children (only the structure descriptions use). */
    private static final class Element {
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, List<Element>> lists = new HashMap<>();

        /** Reads the element the reader is on, up to and including its end tag. */
        static Element read(XMLStreamReader reader) throws XMLStreamException {
            Element element = new Element();
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                if ("serviceList".equals(name) || "deviceList".equals(name)) {
                    String item = "serviceList".equals(name) ? "service" : "device";
                    List<Element> items = element.lists.computeIfAbsent(name, key -> new ArrayList<>());
                    while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                        if (item.equals(reader.getLocalName())) {
                            items.add(read(reader));
                        } else {
                            XmlElements.skip(reader);
                        }
                    }
                } else if ("iconList".equals(name) || "device".equals(name) || "service".equals(name)) {
                    XmlElements.skip(reader);
                } else {
                    String text = XmlElements.text(reader);
                    element.texts.putIfAbsent(name, text == null ? null : text.trim());
                }
            }
            return element;
        }

        String text(String name) {
            String value = texts.get(name);
            return value == null || value.isEmpty() ? null : value;
        }

        List<Element> children(String list) {
            return lists.getOrDefault(list, List.of());
        }
    }
}
