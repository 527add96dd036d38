package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.tributary.core.xml.HardenedXml;
import io.tributary.core.xml.XmlLimits;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PropertySetReaderTest {

    private final PropertySetReader reader = PropertySetReader.create();

    private PropertySet read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("UDA 2.0 §4.3.2: the example property set yields its variables in document order")
    void example() {
        PropertySet set = read("<?xml version=\"1.0\"?>\n"
                + "<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">\n"
                + "  <e:property><Volume>42</Volume></e:property>\n"
                + "  <e:property><Mute>0</Mute></e:property>\n"
                + "</e:propertyset>");
        assertThat(set.properties()).containsExactly(new Property("Volume", "42"), new Property("Mute", "0"));
        assertThat(set.skipped()).isZero();
    }

    @Test
    @DisplayName("gena.md: any namespace prefix, a default namespace, or none at all is accepted")
    void anyPrefix() {
        assertThat(read("<x:propertyset xmlns:x=\"urn:schemas-upnp-org:event-1-0\"><x:property><A>1</A>"
                + "</x:property></x:propertyset>").toMap()).containsEntry("A", "1");
        assertThat(read("<propertyset xmlns=\"urn:schemas-upnp-org:event-1-0\"><property><A>2</A></property>"
                + "</propertyset>").toMap()).containsEntry("A", "2");
        assertThat(read("<propertyset><property><A>3</A></property></propertyset>").toMap()).containsEntry("A", "3");
    }

    @Test
    @DisplayName("escaped values (entities, character references, CDATA) come back as the original text")
    void escapedValues() {
        PropertySet set = read("<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">"
                + "<e:property><LastChange>&lt;Event xmlns=&quot;urn:x&quot;&gt;&amp;&#233;&lt;/Event&gt;"
                + "</LastChange></e:property><e:property><B><![CDATA[<b>&amp;</b>]]></B></e:property>"
                + "<e:property><Empty/></e:property></e:propertyset>");
        assertThat(set.get("LastChange")).isEqualTo("<Event xmlns=\"urn:x\">&\u00e9</Event>");
        assertThat(set.get("B")).isEqualTo("<b>&amp;</b>");
        assertThat(set.get("Empty")).isEmpty();
    }

    @Test
    @DisplayName("gena.md: one bad property is skipped without losing the others")
    void badPropertySkipped() {
        PropertySet set = read("<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">"
                + "<e:property><A>1</A></e:property>"
                + "<e:property><B><nested>x</nested></B></e:property>"
                + "<e:property>text only</e:property>"
                + "<e:other><C>3</C></e:other>"
                + "<e:property><D>4</D></e:property></e:propertyset>");
        assertThat(set.toMap()).containsExactly(Map.entry("A", "1"), Map.entry("D", "4"));
        assertThat(set.skipped()).isEqualTo(3);
    }

    @Test
    @DisplayName("a property holding several variables (seen in old stacks) yields each of them")
    void severalVariablesInOneProperty() {
        PropertySet set = read("<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">"
                + "<e:property><A>1</A><B>2</B></e:property></e:propertyset>");
        assertThat(set.toMap()).containsOnlyKeys("A", "B");
    }

    @Test
    @DisplayName("a document whose root is not e:propertyset is refused")
    void wrongRoot() {
        assertThatThrownBy(() -> read("<e:other xmlns:e=\"urn:schemas-upnp-org:event-1-0\"/>"))
                .isInstanceOf(PropertySetException.class).hasMessageContaining("propertyset");
        assertThatThrownBy(() -> read("<x:propertyset xmlns:x=\"urn:evil\"/>"))
                .isInstanceOf(PropertySetException.class);
    }

    @Test
    @DisplayName("a document that is not well-formed is refused as a whole")
    void notWellFormed() {
        assertThatThrownBy(() -> read("<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">"
                + "<e:property><A>1</B></e:property></e:propertyset>"))
                .isInstanceOf(PropertySetException.class).hasMessageContaining("well-formed");
        assertThatThrownBy(() -> read("")).isInstanceOf(PropertySetException.class);
        assertThatThrownBy(() -> read("<propertyset/><second/>")).isInstanceOf(PropertySetException.class);
    }

    @Test
    @DisplayName("XML with a DTD or entity declarations is refused (XXE, billion laughs)")
    void dtdRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\"><e:property><A>&x;</A></e:property>"
                + "</e:propertyset>";
        assertThatThrownBy(() -> read(xxe)).isInstanceOfSatisfying(PropertySetException.class,
                e -> assertThat(e.refused()).isTrue());
        String laughs = "<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<propertyset><property><A>&b;</A></property></propertyset>";
        assertThatThrownBy(() -> read(laughs)).isInstanceOfSatisfying(PropertySetException.class,
                e -> assertThat(e.refused()).isTrue());
        assertThatThrownBy(() -> read("<propertyset><property><A>&undeclared;</A></property></propertyset>"))
                .isInstanceOf(PropertySetException.class);
    }

    @Test
    @DisplayName("the parser limits apply: a document deeper than the limit is refused")
    void limits() {
        PropertySetReader shallow = PropertySetReader.create(HardenedXml.create(XmlLimits.defaults().maxDepth(3)));
        assertThatThrownBy(() -> shallow.read(("<propertyset><property><A><b><c/></b></A></property>"
                + "</propertyset>").getBytes(StandardCharsets.UTF_8))).isInstanceOf(PropertySetException.class);
    }

    @Test
    @DisplayName("the encoding of the XML declaration is honoured")
    void encoding() {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><propertyset><property><T>caf\u00e9</T>"
                + "</property></propertyset>").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(reader.read(latin1).get("T")).isEqualTo("caf\u00e9");
    }
}
