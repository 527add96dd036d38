package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
    }

    @Test
    @DisplayName("README rule: a name that would start with a digit, '-' or '.' gets a leading '_'")
    void leadingCharacter() {
        assertThat(XmlNames.fromTopic("1wire/t")).isEqualTo("_1wire.t");
        assertThat(XmlNames.fromTopic("-x")).isEqualTo("_-x");
        assertThat(XmlNames.fromTopic("(x)")).isEqualTo("_x_");
    }

    @Test
    @DisplayName("every mapped name is a valid NCName")
    void alwaysValid() {
        for (String topic : new String[] {"a", "1", "a/1", "\u00b7x", "x/\ud83d\ude00", ":", "a:b/c"}) {
            assertThat(XmlNames.isNcName(XmlNames.fromTopic(topic))).as(topic).isTrue();
        }
        assertThat(XmlNames.isNcName("a:b")).isFalse();
        assertThat(XmlNames.isNcName("")).isFalse();
        assertThat(XmlNames.isNcName("9a")).isFalse();
    }
}
