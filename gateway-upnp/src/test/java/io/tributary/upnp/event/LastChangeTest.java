package io.tributary.upnp.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LastChangeTest {

    private static final String AVT = "<Event xmlns=\"urn:schemas-upnp-org:metadata-1-0/AVT/\">"
            + "<InstanceID val=\"0\"><TransportState val=\"STOPPED\"/><CurrentTrackURI val=\"http://x/a?b=1&amp;c=2\"/>"
            + "</InstanceID><InstanceID val=\"1\"><TransportState val=\"PLAYING\"/></InstanceID></Event>";

    @Test
    @DisplayName("AVTransport §2.2.1: LastChange lists changed variables per InstanceID")
    void parseAvTransport() {
        LastChange change = LastChange.parse(AVT);
        assertThat(change.namespace()).isEqualTo(LastChange.AVT_NAMESPACE);
        assertThat(change.values("0")).containsExactly(Map.entry("TransportState", "STOPPED"),
                Map.entry("CurrentTrackURI", "http://x/a?b=1&c=2"));
        assertThat(change.values("1")).containsExactly(Map.entry("TransportState", "PLAYING"));
        assertThat(change.values("7")).isEmpty();
    }

    @Test
    @DisplayName("RenderingControl §2.2.1: the channel attribute is kept with the change")
    void channelAttribute() {
        LastChange change = LastChange.parse("<Event xmlns=\"urn:schemas-upnp-org:metadata-1-0/RCS/\">"
                + "<InstanceID val=\"0\"><Volume channel=\"Master\" val=\"24\"/><Mute val=\"0\" channel=\"Master\"/>"
                + "<Broken channel=\"LF\"/></InstanceID></Event>");
        List<LastChange.Change> changes = change.instances().get(0).changes();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).attributes()).containsEntry("channel", "Master");
        assertThat(changes.get(0).value()).isEqualTo("24");
    }

    @Test
    @DisplayName("a LastChange value survives the trip through a property set and back")
    void throughPropertySet() {
        LastChange written = LastChange.of(LastChange.AVT_NAMESPACE, List.of(new LastChange.Instance("0",
                List.of(new LastChange.Change("TransportState", "PAUSED_PLAYBACK", Map.of())))));
        byte[] body = PropertySetWriter.create().write(PropertySet.of("LastChange", written.toXml()));
        LastChange read = LastChange.parse(PropertySetReader.create().read(body).get("LastChange"));
        assertThat(read.values("0")).containsExactly(Map.entry("TransportState", "PAUSED_PLAYBACK"));
        assertThat(read.namespace()).isEqualTo(LastChange.AVT_NAMESPACE);
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
