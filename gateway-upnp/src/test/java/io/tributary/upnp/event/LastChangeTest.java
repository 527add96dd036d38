package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastChangeTest {

    /** An AVTransport LastChange value laid out as in AVTransport:1 §2.3.1, whitespace between elements. */
    private static final String AVT = """
            <Event xmlns="urn:schemas-upnp-org:metadata-1-0/AVT/">
              <InstanceID val="0">
                <TransportState val="STOPPED"/>
                <CurrentTrackURI val="http://x/a?b=1&amp;c=2"/>
              </InstanceID>
              <InstanceID val="1">
                <TransportState val="PLAYING"/>
              </InstanceID>
            </Event>""";

    /** A RenderingControl LastChange value as in RenderingControl:1 §2.3.1: Volume and Mute per channel. */
    private static final String RCS = """
            <Event xmlns="urn:schemas-upnp-org:metadata-1-0/RCS/">
              <InstanceID val="0">
                <Volume channel="Master" val="24"/>
                <Mute val="0" channel="Master"/>
                <Broken channel="LF"/>
              </InstanceID>
            </Event>""";

    /**
     * A NOTIFY body carrying LastChange the way devices send it (UDA 2.0 §4.3.2, AVTransport:1 §2.3.1): the value is
     * the Event document escaped as element text.
     */
    private static final String NOTIFY_BODY = "<?xml version=\"1.0\"?>\n"
            + "<e:propertyset xmlns:e=\"urn:schemas-upnp-org:event-1-0\">\n"
            + "<e:property>\n"
            + "<LastChange>&lt;Event xmlns=&quot;urn:schemas-upnp-org:metadata-1-0/AVT/&quot;&gt;"
            + "&lt;InstanceID val=&quot;0&quot;&gt;&lt;TransportState val=&quot;PAUSED_PLAYBACK&quot;/&gt;"
            + "&lt;/InstanceID&gt;&lt;/Event&gt;</LastChange>\n"
            + "</e:property>\n"
            + "</e:propertyset>";

    @Test
    @DisplayName("AVTransport §2.3.1: LastChange lists changed variables per InstanceID")
    void parseAvTransport() {
        LastChange change = LastChange.parse(AVT);
        assertThat(change.namespace()).isEqualTo("urn:schemas-upnp-org:metadata-1-0/AVT/");
        assertThat(change.values("0")).containsExactly(Map.entry("TransportState", "STOPPED"),
                Map.entry("CurrentTrackURI", "http://x/a?b=1&c=2"));
        assertThat(change.values("1")).containsExactly(Map.entry("TransportState", "PLAYING"));
        assertThat(change.values("7")).isEmpty();
    }

    @Test
    @DisplayName("RenderingControl §2.3.1: the channel attribute is kept with the change; an element without val is skipped")
    void channelAttribute() {
        LastChange change = LastChange.parse(RCS);
        assertThat(change.namespace()).isEqualTo("urn:schemas-upnp-org:metadata-1-0/RCS/");
        List<LastChange.Change> changes = change.instances().get(0).changes();
        assertThat(changes).containsExactly(
                new LastChange.Change("Volume", "24", Map.of("channel", "Master")),
                new LastChange.Change("Mute", "0", Map.of("channel", "Master")));
        assertThat(change.values("0")).containsExactly(Map.entry("Volume", "24"), Map.entry("Mute", "0"));
    }

    @Test
    @DisplayName("AVTransport §2.3.1: a LastChange value is written as the Event document, one InstanceID, val attributes")
    void writesEventDocument() {
        LastChange avt = LastChange.of(LastChange.AVT_NAMESPACE, List.of(new LastChange.Instance("0",
                List.of(new LastChange.Change("TransportState", "PAUSED_PLAYBACK", Map.of())))));
        assertThat(avt.toXml()).isEqualTo("<Event xmlns=\"urn:schemas-upnp-org:metadata-1-0/AVT/\">"
                + "<InstanceID val=\"0\"><TransportState val=\"PAUSED_PLAYBACK\"/></InstanceID></Event>");
        LastChange rcs = LastChange.of(LastChange.RCS_NAMESPACE, List.of(new LastChange.Instance("0",
                List.of(new LastChange.Change("Volume", "24", Map.of("channel", "Master"))))));
        assertThat(rcs.toXml()).isEqualTo("<Event xmlns=\"urn:schemas-upnp-org:metadata-1-0/RCS/\">"
                + "<InstanceID val=\"0\"><Volume val=\"24\" channel=\"Master\"/></InstanceID></Event>");
    }

    @Test
    @DisplayName("XML 1.0 §3.1: '&', '<' and '\"' in a val are written as references")
    void escapesValues() {
        LastChange uri = LastChange.of(LastChange.AVT_NAMESPACE, List.of(new LastChange.Instance("0",
                List.of(new LastChange.Change("AVTransportURI", "http://h/a?b=1&c=\"2\"<", Map.of())))));
        assertThat(uri.toXml()).contains("<AVTransportURI val=\"http://h/a?b=1&amp;c=&quot;2&quot;&lt;\"/>");
    }

    @Test
    @DisplayName("UDA §4.3.2: a LastChange sent escaped in a NOTIFY body is read back to its changes")
    void fromNotifyBody() {
        PropertySet properties = PropertySetReader.create().read(NOTIFY_BODY.getBytes(StandardCharsets.UTF_8));
        LastChange change = LastChange.parse(properties.get("LastChange"));
        assertThat(change.namespace()).isEqualTo("urn:schemas-upnp-org:metadata-1-0/AVT/");
        assertThat(change.values("0")).containsExactly(Map.entry("TransportState", "PAUSED_PLAYBACK"));
    }

    @Test
    @DisplayName("a LastChange value with a DTD is refused; one that is not an Event is refused")
    void refused() {
        assertThatThrownBy(() -> LastChange.parse("<!DOCTYPE Event [<!ENTITY x \"y\">]><Event/>"))
                .isInstanceOfSatisfying(PropertySetException.class, e -> assertThat(e.refused()).isTrue());
        assertThatThrownBy(() -> LastChange.parse("<Other/>")).isInstanceOf(PropertySetException.class);
        assertThatThrownBy(() -> LastChange.parse("<Event>")).isInstanceOf(PropertySetException.class);
    }
}
