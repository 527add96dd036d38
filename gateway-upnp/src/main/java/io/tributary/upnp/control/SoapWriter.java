package io.tributary.upnp.control;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import io.tributary.core.xml.HardenedXml;
import io.tributary.upnp.event.XmlNames;

/**
 * Writes action responses and UPnP faults (UDA 2.0 §3.2.1, §3.2.2) exactly as UDA shows them: an {@code s:Envelope}
 * with {@code s:encodingStyle}, a {@code u:ActionResponse} in the service type's namespace holding the out
 * arguments unqualified, or an {@code s:Fault} with {@code faultcode} {@code s:Client}, {@code faultstring}
 * {@code UPnPError} and {@code detail/UPnPError} with {@code errorCode} and {@code errorDescription}. Thread-safe.
 */
public final class SoapWriter {

    private static final String ENCODING_STYLE = "http://schemas.xmlsoap.org/soap/encoding/";
    private static final byte[] DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final XMLOutputFactory factory = HardenedXml.create().outputFactory();

    /**
     * @param namespace the action's namespace (the service type, or the control namespace for QueryStateVariable)
     * @param action the action name; the response element is its name plus {@code Response}
     * @param arguments the out arguments in SCPD order
     * @return the response body
     */
    public byte[] response(String namespace, String action, Map<String, String> arguments) {
        return envelope(writer -> {
            writer.writeStartElement("u", action + "Response", namespace);
            writer.writeNamespace("u", namespace);
            // An action without out arguments is answered with an open and a close tag, as UDA writes it.
            writer.writeCharacters("");
            for (Map.Entry<String, String> argument : arguments.entrySet()) {
                writer.writeStartElement(argument.getKey());
                writer.writeCharacters(XmlNames.xmlSafeText(argument.getValue()));
                writer.writeEndElement();
            }
            writer.writeEndElement();
        });
    }

    /**
     * @param error the error
     * @return the fault body
     */
    public byte[] fault(UpnpError error) {
        return envelope(writer -> {
            writer.writeStartElement("s", "Fault", SoapReader.ENVELOPE_NAMESPACE);
            element(writer, "faultcode", "s:Client");
            element(writer, "faultstring", "UPnPError");
            writer.writeStartElement("detail");
            writer.writeStartElement("", "UPnPError", SoapReader.CONTROL_NAMESPACE);
            writer.writeDefaultNamespace(SoapReader.CONTROL_NAMESPACE);
            element(writer, "errorCode", Integer.toString(error.code()));
            element(writer, "errorDescription", XmlNames.xmlSafeText(error.description()));
            writer.writeEndElement();
            writer.writeEndElement();
            writer.writeEndElement();
        });
    }

    private static void element(XMLStreamWriter writer, String name, String text) throws XMLStreamException {
        writer.writeStartElement(name);
        writer.writeCharacters(text);
        writer.writeEndElement();
    }

    private byte[] envelope(Body body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        bytes.writeBytes(DECLARATION);
        try {
            XMLStreamWriter writer = factory.createXMLStreamWriter(bytes, "UTF-8");
            writer.writeStartElement("s", "Envelope", SoapReader.ENVELOPE_NAMESPACE);
            writer.writeNamespace("s", SoapReader.ENVELOPE_NAMESPACE);
            writer.writeAttribute("s", SoapReader.ENVELOPE_NAMESPACE, "encodingStyle", ENCODING_STYLE);
            writer.writeStartElement("s", "Body", SoapReader.ENVELOPE_NAMESPACE);
            body.write(writer);
            writer.writeEndElement();
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            // Names come from the SCPD and text is made XML-safe, so only a broken factory gets here.
            throw new IllegalStateException("cannot write SOAP envelope: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** What goes into the envelope's body. */
    @FunctionalInterface
    private interface Body {
        void write(XMLStreamWriter writer) throws XMLStreamException;
    }
}
