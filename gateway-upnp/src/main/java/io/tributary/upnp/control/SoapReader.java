package io.tributary.upnp.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlRejectedException;
import io.tributary.upnp.event.XmlElements;

/**
 * Reads a UPnP action request (UDA 2.0 §3.1.1) with the hardened Woodstox factory: {@code Envelope} in the SOAP 1.1
 * namespace, an optional {@code Header} (skipped), {@code Body} holding one action element whose children are the
 * arguments. An argument holding elements, or given twice, makes the request's arguments invalid (402), not the
 * document. Thread-safe.
 */
public final class SoapReader {

    /** The SOAP 1.1 envelope namespace. */
    public static final String ENVELOPE_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/";
    /** The namespace of QueryStateVariable and of {@code UPnPError}. */
    public static final String CONTROL_NAMESPACE = "urn:schemas-upnp-org:control-1-0";

    private final HardenedXml xml;

    /** @param xml the hardened factories (and their limits) to parse with */
    public SoapReader(HardenedXml xml) {
        this.xml = xml;
    }

    /**
     * @param body the already size-capped request body
     * @return the action request
     * @throws SoapException if the body is not a SOAP envelope with one action, or is refused (DTD, limits)
     * @throws UpnpError 402 if the envelope is fine but an argument is repeated or holds elements
     */
    public SoapRequest read(byte[] body) {
        XMLStreamReader reader = null;
        try {
            reader = xml.reader(body);
            while (reader.getEventType() != XMLStreamConstants.START_ELEMENT) {
                if (!reader.hasNext()) {
                    throw new SoapException("the body holds no XML element", null);
                }
                reader.next();
            }
            expect(reader, "Envelope");
            if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw new SoapException("the envelope has no Body", null);
            }
            if ("Header".equals(reader.getLocalName()) && ENVELOPE_NAMESPACE.equals(reader.getNamespaceURI())) {
                XmlElements.skip(reader);
                if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                    throw new SoapException("the envelope has no Body", null);
                }
            }
            expect(reader, "Body");
            if (reader.nextTag() != XMLStreamConstants.START_ELEMENT) {
                throw new SoapException("the Body holds no action element", null);
            }
            String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            String action = reader.getLocalName();
            Map<String, String> arguments = new LinkedHashMap<>();
            String invalid = null;
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT) {
                String name = reader.getLocalName();
                String value = XmlElements.text(reader);
                if (value == null) {
                    invalid = invalid == null ? "argument " + name + " holds elements" : invalid;
                } else if (arguments.putIfAbsent(name, value) != null) {
                    invalid = invalid == null ? "argument " + name + " is given twice" : invalid;
                }
            }
            if (reader.nextTag() != XMLStreamConstants.END_ELEMENT) {
                throw new SoapException("the Body holds more than one action element", null);
            }
            if (invalid != null) {
                throw UpnpError.invalidArgs(invalid);
            }
            return new SoapRequest(namespace, action, Collections.unmodifiableMap(arguments));
        } catch (XmlRejectedException e) {
            throw new SoapException("refused: " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new SoapException("not well-formed XML: " + e.getMessage(), e);
        } catch (SoapException | UpnpError e) {
            throw e;
        } catch (RuntimeException e) {
            // Woodstox reports a few limit violations as unchecked exceptions.
            throw new SoapException("unreadable XML: " + e.getMessage(), e);
        } finally {
            XmlElements.close(reader);
        }
    }

    private static void expect(XMLStreamReader reader, String name) {
        if (!name.equals(reader.getLocalName()) || !ENVELOPE_NAMESPACE.equals(reader.getNamespaceURI())) {
            throw new SoapException("expected {" + ENVELOPE_NAMESPACE + "}" + name + ", found {"
                    + reader.getNamespaceURI() + "}" + reader.getLocalName(), null);
        }
    }
}
