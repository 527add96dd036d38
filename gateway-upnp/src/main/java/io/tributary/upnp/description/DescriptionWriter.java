package io.tributary.upnp.description;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.event.XmlNames;

/**
 * Writes device descriptions ({@code root} in {@value #DEVICE_NAMESPACE}, UDA 1.1 §2.3) and SCPDs ({@code scpd}
 * in {@value #SERVICE_NAMESPACE}, §2.5) as UTF-8, indented by two spaces, elements in the order UDA lists them,
 * {@code specVersion} 1.1, no {@code URLBase}, and the {@code configId} attribute when one is given. Thread-safe.
 */
public final class DescriptionWriter {

    /** The namespace of device descriptions. */
    public static final String DEVICE_NAMESPACE = "urn:schemas-upnp-org:device-1-0";
    /** The namespace of SCPDs. */
    public static final String SERVICE_NAMESPACE = "urn:schemas-upnp-org:service-1-0";
    /** Written as {@code configId} when no configuration number is to be written. */
    public static final int NO_CONFIG_ID = -1;

    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final XMLOutputFactory factory = HardenedXml.create().outputFactory();

    /**
     * @param device the device
     * @param configId the {@code configId} attribute of {@code root}, or {@link #NO_CONFIG_ID}
     * @return the description document
     */
    public byte[] device(DeviceDescription device, int configId) {
        return write(out -> {
            out.start("root");
            out.writer.writeDefaultNamespace(DEVICE_NAMESPACE);
            configId(out, configId);
            specVersion(out);
            device(out, device);
            out.end();
        }, DEVICE_NAMESPACE);
    }

    /**
     * @param scpd the service description
     * @param configId the {@code configId} attribute of {@code scpd}, or {@link #NO_CONFIG_ID}
     * @return the SCPD document
     */
    public byte[] scpd(Scpd scpd, int configId) {
        return write(out -> {
            out.start("scpd");
            out.writer.writeDefaultNamespace(SERVICE_NAMESPACE);
            configId(out, configId);
            specVersion(out);
            if (!scpd.actions().isEmpty()) {
                out.start("actionList");
                for (Scpd.Action action : scpd.actions()) {
                    out.start("action");
                    out.text("name", action.name());
                    if (!action.arguments().isEmpty()) {
                        out.start("argumentList");
                        for (Scpd.Argument argument : action.arguments()) {
                            out.start("argument");
                            out.text("name", argument.name());
                            out.text("direction", argument.out() ? "out" : "in");
                            out.text("relatedStateVariable", argument.relatedStateVariable());
                            out.end();
                        }
                        out.end();
                    }
                    out.end();
                }
                out.end();
            }
            out.start("serviceStateTable");
            for (Scpd.StateVariable variable : scpd.variables()) {
                out.start("stateVariable");
                out.writer.writeAttribute("sendEvents", variable.sendEvents() ? "yes" : "no");
                if (variable.multicast()) {
                    out.writer.writeAttribute("multicast", "yes");
                }
                out.text("name", variable.name());
                out.text("dataType", variable.dataType());
                out.end();
            }
            out.end();
            out.end();
        }, SERVICE_NAMESPACE);
    }

    private static void configId(Indented out, int configId) throws XMLStreamException {
        if (configId != NO_CONFIG_ID) {
            out.writer.writeAttribute("configId", Integer.toString(configId));
        }
    }

    private static void specVersion(Indented out) throws XMLStreamException {
        out.start("specVersion");
        out.text("major", "1");
        out.text("minor", "1");
        out.end();
    }

    private static void device(Indented out, DeviceDescription device) throws XMLStreamException {
        out.start("device");
        out.text("deviceType", device.deviceType());
        out.text("friendlyName", device.friendlyName());
        out.text("manufacturer", device.manufacturer());
        out.optional("manufacturerURL", device.manufacturerUrl());
        out.optional("modelDescription", device.modelDescription());
        out.text("modelName", device.modelName());
        out.optional("modelNumber", device.modelNumber());
        out.optional("modelURL", device.modelUrl());
        out.optional("serialNumber", device.serialNumber());
        out.text("UDN", device.udn());
        if (!device.services().isEmpty()) {
            out.start("serviceList");
            for (ServiceDescription service : device.services()) {
                out.start("service");
                out.text("serviceType", service.serviceType());
                out.text("serviceId", service.serviceId());
                out.text("SCPDURL", service.scpdUrl());
                out.text("controlURL", service.controlUrl());
                out.text("eventSubURL", service.eventSubUrl());
                out.end();
            }
            out.end();
        }
        if (!device.devices().isEmpty()) {
            out.start("deviceList");
            for (DeviceDescription embedded : device.devices()) {
                device(out, embedded);
            }
            out.end();
        }
        out.optional("presentationURL", device.presentationUrl());
        out.end();
    }

    private byte[] write(Body body, String namespace) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        // Written by hand: Woodstox quotes the declaration with apostrophes; UDA's examples use double quotes.
        bytes.writeBytes(DECLARATION);
        try {
            XMLStreamWriter writer = factory.createXMLStreamWriter(bytes, "UTF-8");
            writer.setDefaultNamespace(namespace);
            body.write(new Indented(writer, namespace));
            writer.writeCharacters("\n");
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            // Text is made XML-safe and names are fixed, so only a broken factory gets here.
            throw new IllegalStateException("cannot write description: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** What a document writes into its indented writer. */
    @FunctionalInterface
    private interface Body {
        void write(Indented out) throws XMLStreamException;
    }

    /** An element writer that puts each element on its own line, two spaces per level. */
    private static final class Indented {
        private final XMLStreamWriter writer;
        private final String namespace;
        private int depth;
        private boolean started;

        Indented(XMLStreamWriter writer, String namespace) {
            this.writer = writer;
            this.namespace = namespace;
        }

        void start(String name) throws XMLStreamException {
            newLine();
            writer.writeStartElement("", name, namespace);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            newLine();
            writer.writeEndElement();
        }

        void text(String name, String value) throws XMLStreamException {
            newLine();
            writer.writeStartElement("", name, namespace);
            writer.writeCharacters(XmlNames.xmlSafeText(value));
            writer.writeEndElement();
        }

        void optional(String name, String value) throws XMLStreamException {
            if (value != null && !value.isEmpty()) {
                text(name, value);
            }
        }

        private void newLine() throws XMLStreamException {
            if (started) {
                writer.writeCharacters("\n" + "  ".repeat(depth));
            }
            started = true;
        }
    }
}
