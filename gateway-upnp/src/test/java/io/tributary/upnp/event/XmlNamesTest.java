package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XmlNamesTest {

    @Test
    @DisplayName("README rule: '/' becomes '.', so demo/temp is evented as demo.temp")
    void slashes() {
        assertThat(XmlNames.fromTopic("demo/temp")).isEqualTo("demo.temp");
        assertThat(XmlNames.fromTopic("coap/sensors/kitchen/temp")).isEqualTo("coap.sensors.kitchen.temp");
    }

    @Test
    @DisplayName("README rule: characters not allowed in an XML NCName, ':' included, become '_'")
    void invalidCharacters() {
        assertThat(XmlNames.fromTopic("coap/room 1/t\u00b0")).isEqualTo("coap.room_1.t_");
        assertThat(XmlNames.fromTopic("upnp/uuid:1234/Volume")).isEqualTo("upnp.uuid_1234.Volume");
        assertThat(XmlNames.fromTopic("a/b-c_d.e/\u00e9t\u00e9")).isEqualTo("a.b-c_d.e.\u00e9t\u00e9");
        assertThat(XmlNames.fromTopic("a:b/c")).isEqualTo("a_b.c");
        assertThat(XmlNames.fromTopic(":")).isEqualTo("_");
    }

    @Test
    @DisplayName("README rule: a name that would start with a digit, '-', '.' or another non-start character gets a leading '_'")
    void leadingCharacter() {
        assertThat(XmlNames.fromTopic("1wire/t")).isEqualTo("_1wire.t");
        assertThat(XmlNames.fromTopic("1")).isEqualTo("_1");
        assertThat(XmlNames.fromTopic("-x")).isEqualTo("_-x");
        assertThat(XmlNames.fromTopic("(x)")).isEqualTo("_x_");
        assertThat(XmlNames.fromTopic("\u00b7x")).as("U+00B7 may follow but not start a name")
                .isEqualTo("_\u00b7x");
        assertThat(XmlNames.fromTopic("a/1")).isEqualTo("a.1");
    }

    @Test
    @DisplayName("XML 1.0 §2.3: characters above the BMP are name characters and are kept")
    void supplementaryCharacters() {
        assertThat(XmlNames.fromTopic("x/\ud83d\ude00")).isEqualTo("x.\ud83d\ude00");
    }

    @ParameterizedTest(name = "\"{0}\" is an NCName")
    @ValueSource(strings = {"Volume", "_", "_1", "A-b.c", "\u00e9t\u00e9", "x\u00b7y", "x\u0300", "_\u203f",
            "\ud83d\ude00", "LastChange"})
    @DisplayName("XML 1.0 §2.3 NameStartChar then NameChar, Namespaces in XML §3 without ':'")
    void ncNames(String name) {
        assertThat(XmlNames.isNcName(name)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\" is not an NCName: {1}")
    @CsvSource(delimiter = '|', value = {
        "a:b|a colon is not allowed in an NCName",
        ":a|a colon is not allowed in an NCName",
        "9a|a digit cannot start a name",
        "-a|'-' cannot start a name",
        ".a|'.' cannot start a name",
        "\u00b7x|U+00B7 cannot start a name",
        "\u0300x|a combining mark cannot start a name",
        "\u203f|U+203F cannot start a name",
        "a b|space is not a name character",
        "a/b|'/' is not a name character",
        "\u00d7|U+00D7 is excluded from the name ranges",
        "\u00f7|U+00F7 is excluded from the name ranges",
        "\u037e|U+037E is excluded from the name ranges"})
    @DisplayName("XML 1.0 §2.3: names breaking a production are refused")
    void notNcNames(String name, String rule) {
        assertThat(XmlNames.isNcName(name)).as(rule).isFalse();
    }

    @Test
    @DisplayName("an empty or missing name is not an NCName")
    void empty() {
        assertThat(XmlNames.isNcName("")).isFalse();
        assertThat(XmlNames.isNcName(null)).isFalse();
    }
}
