package io.tributary.core.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HardenedXmlTest {

    private final HardenedXml xml = HardenedXml.create();

    private static String readAll(XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.CHARACTERS) {
                text.append(reader.getText());
            }
        }
        return text.toString();
    }

    private static byte[] bytes(String document) {
        return document.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("ordinary namespaced documents with the predefined entities parse")
    void ordinary() throws XMLStreamException {
        XMLStreamReader reader = xml.reader(bytes(
                "<?xml version=\"1.0\"?><a:pnp xmlns:a=\"urn:cisco:pnp\"><a:x>1 &lt; 2 &amp; &#51;</a:x></a:pnp>"));
        assertThat(readAll(reader)).isEqualTo("1 < 2 & 3");
    }

    @Test
    @DisplayName("XXE: an external entity naming a local file is refused and its content never appears")
    void externalEntity(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String document = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secret.toUri()
                + "\">]><r>&xxe;</r>";
        assertThatThrownBy(() -> readAll(xml.reader(bytes(document))))
                .isInstanceOf(XmlRejectedException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    @DisplayName("billion laughs: nested internal entities are refused before any expansion")
    void billionLaughs() {
        StringBuilder document = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            document.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                document.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            document.append("\">");
        }
        document.append("]><lolz>&lol9;</lolz>");
        assertThatThrownBy(() -> readAll(xml.reader(bytes(document.toString()))))
                .isInstanceOf(XmlRejectedException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    @DisplayName("a DTD is refused even when nextTag() would skip it")
    void dtdViaNextTag() {
        assertThatThrownBy(() -> {
            XMLStreamReader reader = xml.reader(bytes("<!DOCTYPE r><r/>"));
            reader.nextTag();
        }).isInstanceOf(XmlRejectedException.class);
    }

    @Test
    @DisplayName("an undeclared entity is an error, not silently kept")
    void undeclaredEntity() {
        assertThatThrownBy(() -> readAll(xml.reader(bytes("<r>&undeclared;</r>"))))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("undeclared");
    }

    @Test
    @DisplayName("depth, attribute size, text length and element count limits are enforced")
    void limits() {
        HardenedXml tight = HardenedXml.create(XmlLimits.defaults().maxDepth(3).maxAttributeSize(10)
                .maxTextLength(10).maxElementCount(5));
        assertThatThrownBy(() -> readAll(tight.reader(bytes("<a><b><c><d/></c></b></a>"))))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("Depth");
        assertThatThrownBy(() -> readAll(tight.reader(bytes("<a x=\"01234567890123\"/>"))))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("ttribute");
        assertThatThrownBy(() -> readAll(tight.reader(bytes("<a>01234567890123456789</a>"))))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("ext");
        assertThatThrownBy(() -> readAll(tight.reader(bytes("<a><b/><b/><b/><b/><b/><b/></a>"))))
                .isInstanceOf(XMLStreamException.class).hasMessageContaining("lement");
    }

    @Test
    @DisplayName("malformed input is an XMLStreamException, not a runtime exception")
    void malformed() {
        assertThatThrownBy(() -> readAll(xml.reader(bytes("<a><b></a>")))).isInstanceOf(XMLStreamException.class);
        assertThatThrownBy(() -> readAll(xml.reader(bytes("")))).isInstanceOf(XMLStreamException.class);
    }
}
