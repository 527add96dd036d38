package io.tributary.upnp.description;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlLimits;
import io.tributary.upnp.testing.UdaSchemas;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

class DescriptionReaderTest {

    private static final URI LOCATION = URI.create("http://10.99.0.2:49494/description.xml");
    private final DescriptionReader reader = new DescriptionReader(HardenedXml.create());

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final String RENDERER = "<?xml version=\"1.0\"?>\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">\n"
            + "  <specVersion><major>1</major><minor>0</minor></specVersion>\n"
            + "  %s\n"
            + "  <device>\n"
            + "    <deviceType>urn:schemas-upnp-org:device:MediaRenderer:1</deviceType>\n"
            + "    <friendlyName>Living room</friendlyName>\n"
            + "    <manufacturer>Ivo Clarysse</manufacturer>\n"
            + "    <modelName>gmediarender</modelName>\n"
            + "    <UDN>uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9</UDN>\n"
            + "    <iconList><icon><mimetype>image/png</mimetype><width>64</width><height>64</height>"
            + "<depth>24</depth><url>/icon.png</url></icon></iconList>\n"
            + "    <serviceList>\n"
            + "      <service>\n"
            + "        <serviceType>urn:schemas-upnp-org:service:RenderingControl:1</serviceType>\n"
            + "        <serviceId>urn:upnp-org:serviceId:RenderingControl</serviceId>\n"
            + "        <SCPDURL>/upnp/rendercontrolSCPD.xml</SCPDURL>\n"
            + "        <controlURL>/upnp/control/rendercontrol1</controlURL>\n"
            + "        <eventSubURL>upnp/event/rendercontrol1</eventSubURL>\n"
            + "      </service>\n"
            + "      <service>\n"
            + "        <serviceType>urn:schemas-upnp-org:service:AVTransport:1</serviceType>\n"
            + "        <serviceId>urn:upnp-org:serviceId:AVTransport</serviceId>\n"
            + "        <SCPDURL>/upnp/transportSCPD.xml</SCPDURL>\n"
            + "        <controlURL>/upnp/control/avtransport1</controlURL>\n"
            + "        <eventSubURL>ftp://10.99.0.2/evil</eventSubURL>\n"
            + "      </service>\n"
            + "    </serviceList>\n"
            + "    <deviceList>\n"
            + "      <device>\n"
            + "        <deviceType>urn:schemas-upnp-org:device:Printer:1</deviceType>\n"
            + "        <friendlyName>Inner</friendlyName>\n"
            + "        <manufacturer>m</manufacturer>\n"
            + "        <modelName>p</modelName>\n"
            + "        <UDN>uuid:11111111-2222-4333-8444-555555555555</UDN>\n"
            + "      </device>\n"
            + "    </deviceList>\n"
            + "    <x:vendor xmlns:x=\"urn:example\"><x:deep>kept out</x:deep></x:vendor>\n"
            + "  </device>\n"
            + "</root>\n";

    @Test
    @DisplayName("UDA §2.3: a description is read with its services and embedded devices; URLs resolve against"
            + " URLBase when given, else the description URL, and only http:// URLs are kept")
    void readsDevice() throws Exception {
        byte[] document = bytes(String.format(RENDERER, "<URLBase>http://10.99.0.2:50000/</URLBase>"));
        UdaSchemas.validateDevice(document);
        DeviceDescription device = reader.read(document, LOCATION);
        assertThat(device.deviceType()).isEqualTo("urn:schemas-upnp-org:device:MediaRenderer:1");
        assertThat(device.udn()).isEqualTo("uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9");
        assertThat(device.friendlyName()).isEqualTo("Living room");
        assertThat(device.modelNumber()).isNull();
        assertThat(device.services()).containsExactly(
                new ServiceDescription("urn:schemas-upnp-org:service:RenderingControl:1",
                        "urn:upnp-org:serviceId:RenderingControl", "http://10.99.0.2:50000/upnp/rendercontrolSCPD.xml",
                        "http://10.99.0.2:50000/upnp/control/rendercontrol1",
                        "http://10.99.0.2:50000/upnp/event/rendercontrol1"),
                new ServiceDescription("urn:schemas-upnp-org:service:AVTransport:1",
                        "urn:upnp-org:serviceId:AVTransport", "http://10.99.0.2:50000/upnp/transportSCPD.xml",
                        "http://10.99.0.2:50000/upnp/control/avtransport1", ""));
        assertThat(device.services().get(0).shortId()).isEqualTo("RenderingControl");
        assertThat(device.devices()).singleElement().satisfies(inner -> {
            assertThat(inner.udn()).isEqualTo("uuid:11111111-2222-4333-8444-555555555555");
            assertThat(inner.services()).isEmpty();
        });
        assertThat(device.allDevices()).extracting(DeviceDescription::friendlyName)
                .containsExactly("Living room", "Inner");

        DeviceDescription withoutBase = reader.read(bytes(String.format(RENDERER, "")), LOCATION);
        assertThat(withoutBase.services().get(0).eventSubUrl())
                .isEqualTo("http://10.99.0.2:49494/upnp/event/rendercontrol1");
    }

    @Test
    @DisplayName("a DOCTYPE, a wrong root, a device without UDN, broken XML or too deep a document is refused")
    void refuses() {
        assertThatThrownBy(() -> reader.read(bytes("<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY a \"b\">]>"
                + String.format(RENDERER, "").substring(22)), LOCATION))
                .isInstanceOf(DescriptionException.class).hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> reader.read(bytes("<scpd xmlns=\"urn:schemas-upnp-org:service-1-0\"/>"), LOCATION))
                .isInstanceOf(DescriptionException.class)
                .hasMessageContaining("not {urn:schemas-upnp-org:device-1-0}root");
        assertThatThrownBy(() -> reader.read(bytes(String.format(RENDERER, "").replace(
                "<UDN>uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9</UDN>", "")), LOCATION))
                .isInstanceOf(DescriptionException.class).hasMessageContaining("UDN");
        assertThatThrownBy(() -> reader.read(bytes("<root xmlns=\"urn:schemas-upnp-org:device-1-0\"><device>"),
                LOCATION)).isInstanceOf(DescriptionException.class).hasMessageContaining("not well-formed");
        DescriptionReader shallow = new DescriptionReader(HardenedXml.create(XmlLimits.defaults().maxDepth(4)));
        assertThatThrownBy(() -> shallow.read(bytes(String.format(RENDERER, "")), LOCATION))
                .isInstanceOf(DescriptionException.class);
    }

    @Test
    @DisplayName("the UDA schemas of the tests refuse what UDA refuses: no UDN, a bad UDN, sendEvents=\"maybe\"")
    void schemasRefuse() {
        assertThatThrownBy(() -> UdaSchemas.validateDevice(bytes(String.format(RENDERER, "").replace(
                "<UDN>uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9</UDN>", "")))).isInstanceOf(SAXException.class);
        assertThatThrownBy(() -> UdaSchemas.validateDevice(bytes(String.format(RENDERER, "").replace(
                "uuid:0b2d3c4e-5f60-4718-8293-a4b5c6d7e8f9", "uuid:tv")))).isInstanceOf(SAXException.class);
        byte[] scpd = new DescriptionWriter().scpd(new Scpd(List.of(), List.of(Scpd.StateVariable.evented("A"))),
                DescriptionWriter.NO_CONFIG_ID);
        assertThatThrownBy(() -> UdaSchemas.validateService(new String(scpd, StandardCharsets.UTF_8)
                .replace("sendEvents=\"yes\"", "sendEvents=\"maybe\"").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SAXException.class);
    }
}
