package io.tributary.upnp.event;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlRejectedException;

/**
 * The {@code LastChange} state variable of UPnP AV services (AVTransport 1 §2.2.1, RenderingControl 1 §2.2.1):
 * one evented variable whose value is an escaped {@code <Event>} document listing, per {@code InstanceID}, the
 * variables that changed as {@code <Name val="..."/>} (with an optional {@code channel} and other attributes).
 * Parsing is hardened like {@link PropertySetReader}; an element without {@code val} is skipped.
 */
public final class LastChange {

    /** The AVTransport event namespace. */
    public static final String AVT_NAMESPACE = "urn:schemas-upnp-org:metadata-1-0/AVT/";
    /** The RenderingControl event namespace. */
    public static final String RCS_NAMESPACE = "urn:schemas-upnp-org:metadata-1-0/RCS/";

    private final String namespace;
    private final List<Instance> instances;

    private LastChange(String namespace, List<Instance> instances) {
        this.namespace = namespace;
        this.instances = List.copyOf(instances);
    }

    /**
     * @param namespace the event namespace, e.g. {@link #AVT_NAMESPACE}
     * @param instances the instances with their changes
     * @return a LastChange value, e.g. for writing with {@link #toXml()}
     */
    public static LastChange of(String namespace, List<Instance> instances) {
        return new LastChange(Objects.requireNonNull(namespace, "namespace"), instances);
    }

    /**
     * Parses a LastChange value (the unescaped text of the variable) with default XML limits.
     *
     * @param value the variable's value, an {@code <Event>} document
     * @return the parsed value
     * @throws PropertySetException if the value is not a well-formed {@code Event} document or uses a DTD
     */
    public static LastChange parse(String value) {
        return parse(value, HardenedXml.create());
    }

    /**
     * Parses a LastChange value.
     *
     * @param value the variable's value, an {@code <Event>} document
     * @param xml the hardened factories to parse with
     * @return the parsed value
     * @throws PropertySetException if the value is not a well-formed {@code Event} document or uses a DTD
     */
    public static LastChange parse(String value, HardenedXml xml) {
        XMLStreamReader reader = null;
        try {
            reader = xml.reader(value.getBytes(StandardCharsets.UTF_8));
            while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                if (!reader.hasNext()) {
                    throw new PropertySetException("LastChange has no root element", null, false);
                }
                reader.next();
            }
            if (!"Event".equals(reader.getLocalName())) {
                throw new PropertySetException("LastChange root is " + reader.getLocalName() + ", not Event", null,
                        false);
            }
            String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            List<Instance> instances = new ArrayList<>();
            int event;
            while ((event = reader.next()) != XMLStreamConstants.END_ELEMENT) {
                if (event == XMLStreamConstants.START_ELEMENT) {
                    Instance instance = readInstance(reader);
                    if (instance != null) {
                        instances.add(instance);
                    }
                }
            }
            while (reader.hasNext()) {
                reader.next();
            }
            return new LastChange(namespace, instances);
        } catch (XmlRejectedException e) {
            throw new PropertySetException("LastChange refused: " + e.getMessage(), e, true);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof PropertySetException) {
                throw (PropertySetException) e;
            }
            throw new PropertySetException("LastChange is not well-formed XML: " + e.getMessage(), e, false);
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // byte-array input, nothing to release
                }
            }
        }
    }

    private static Instance readInstance(XMLStreamReader reader) throws XMLStreamException {
        String id = "InstanceID".equals(reader.getLocalName()) ? reader.getAttributeValue(null, "val") : null;
        List<Change> changes = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 2 && id != null) {
                    Change change = readChange(reader);
                    if (change != null) {
                        changes.add(change);
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
        return id == null ? null : new Instance(id, changes);
    }

    private static Change readChange(XMLStreamReader reader) {
        String value = null;
        Map<String, String> attributes = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String name = reader.getAttributeLocalName(i);
            if ("val".equals(name)) {
                value = reader.getAttributeValue(i);
            } else {
                attributes.put(name, reader.getAttributeValue(i));
            }
        }
        return value == null ? null : new Change(reader.getLocalName(), value, attributes);
    }

    /** @return the event namespace of the document, e.g. {@link #AVT_NAMESPACE}; empty when it had none */
    public String namespace() {
        return namespace;
    }

    /** @return the instances in document order */
    public List<Instance> instances() {
        return instances;
    }

    /**
     * @param instanceId an InstanceID value, usually {@code 0}
     * @return variable to value for that instance (attributes such as {@code channel} ignored), empty if absent
     */
    public Map<String, String> values(String instanceId) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Instance instance : instances) {
            if (instance.id().equals(instanceId)) {
                for (Change change : instance.changes()) {
                    values.put(change.variable(), change.value());
                }
            }
        }
        return values;
    }

    /** @return the unescaped {@code <Event>} document, ready to be the LastChange variable's value */
    public String toXml() {
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter writer = HardenedXml.create().outputFactory().createXMLStreamWriter(out);
            writer.writeStartElement("Event");
            writer.writeDefaultNamespace(namespace);
            for (Instance instance : instances) {
                writer.writeStartElement("InstanceID");
                writer.writeAttribute("val", instance.id());
                for (Change change : instance.changes()) {
                    writer.writeEmptyElement(change.variable());
                    writer.writeAttribute("val", XmlNames.xmlSafeText(change.value()));
                    for (Map.Entry<String, String> attribute : change.attributes().entrySet()) {
                        writer.writeAttribute(attribute.getKey(), XmlNames.xmlSafeText(attribute.getValue()));
                    }
                }
                writer.writeEndElement();
            }
            writer.writeEndElement();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write LastChange: " + e.getMessage(), e);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "LastChange" + instances;
    }

    /**
     * One {@code InstanceID} element.
     *
     * @param id the instance id, e.g. {@code 0}
     * @param changes the changed variables in document order
     */
    public record Instance(String id, List<Change> changes) {
        /**
         * Copies the list.
         *
         * @param id the instance id
         * @param changes the changes
         */
        public Instance {
            Objects.requireNonNull(id, "id");
            changes = List.copyOf(changes);
        }
    }

    /**
     * One changed variable inside an instance.
     *
     * @param variable the variable name, e.g. {@code TransportState}
     * @param value the {@code val} attribute
     * @param attributes further attributes such as {@code channel}, in document order
     */
    public record Change(String variable, String value, Map<String, String> attributes) {
        /**
         * Validates and copies.
         *
         * @param variable the variable name, an NCName
         * @param value the value
         * @param attributes further attributes
         */
        public Change {
            if (!XmlNames.isNcName(variable)) {
                throw new IllegalArgumentException("'" + variable + "' is not a valid variable name");
            }
            Objects.requireNonNull(value, "value");
            attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        }
    }
}
