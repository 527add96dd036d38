package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PropertySetWriterTest {

    private final PropertySetWriter writer = PropertySetWriter.create();

    @Test
    @DisplayName("UDA 2.0 §4.3.2: the body is the declaration, e:propertyset and one e:property per variable")
    void exactForm() {
        String xml = new String(writer.write(PropertySet.of("Volume", "42")), StandardCharsets.UTF_8);
        assertThat(xml).isEqualTo("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\"><e:property><Volume>42</Volume>"
                + "</e:property></e:propertyset>");
        assertThat(PropertySetWriter.CONTENT_TYPE).isEqualTo("text/xml; charset=\"utf-8\"");
    }

    @Test
    @DisplayName("values are escaped and read back unchanged, including markup, CR and non-ASCII")
    void roundTrip() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("LastChange", "<Event xmlns=\"urn:schemas-upnp-org:metadata-1-0/AVT/\"><InstanceID val=\"0\">"
                + "<TransportState val=\"STOPPED\"/></InstanceID></Event>");
        values.put("Amp", "a & b < c > d ]]> e");
        values.put("Lines", "one\r\ntwo");
        values.put("Text", "\u00e9\u4e2d\ud83d\ude00");
        byte[] body = writer.write(PropertySet.of(values));
        assertThat(new String(body, StandardCharsets.UTF_8)).doesNotContain("<Event").contains("&lt;Event");
        assertThat(PropertySetReader.create().read(body).toMap()).isEqualTo(values);
    }

    @Test
    @DisplayName("characters XML cannot carry are written as U+FFFD so the document stays well-formed")
    void invalidCharacters() {
        byte[] body = writer.write(PropertySet.of("Raw", "a\u0000b\u0007c\ud800"));
        assertThat(PropertySetReader.create().read(body).get("Raw")).isEqualTo("a\ufffdb\ufffdc\ufffd");
    }
}
