package io.tributary.upnp.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;

import org.xml.sax.SAXException;

/** Validates documents against the UDA device and service schemas of the test resources. */
public final class UdaSchemas {

    private static final Schema DEVICE = load("uda-device.xsd");
    private static final Schema SERVICE = load("uda-service.xsd");

    private UdaSchemas() {
    }

    private static Schema load(String name) {
        URL resource = UdaSchemas.class.getResource("/io/tributary/upnp/description/" + name);
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newSchema(resource);
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + name + " does not load", e);
        }
    }

    /**
     * @param document a device description
     * @throws SAXException naming the first violation
     * @throws IOException never: the document is in memory
     */
    public static void validateDevice(byte[] document) throws SAXException, IOException {
        DEVICE.newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }

    /**
     * @param document an SCPD
     * @throws SAXException naming the first violation
     * @throws IOException never: the document is in memory
     */
    public static void validateService(byte[] document) throws SAXException, IOException {
        SERVICE.newValidator().validate(new StreamSource(new ByteArrayInputStream(document)));
    }
}
