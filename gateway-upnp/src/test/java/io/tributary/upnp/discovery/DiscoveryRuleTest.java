package io.tributary.upnp.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.tributary.upnp.description.DeviceDescription;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DiscoveryRuleTest {

    private static DeviceDescription device(String type, String udn) {
        return new DeviceDescription(type, udn, "f", "m", null, null, "n", null, null, null, null, List.of(),
                List.of());
    }

    @Test
    @DisplayName("UDA §1.3.2 version rule: a rule for version 1 matches a device of version 2; a rule for version 2"
            + " not one of version 1; UDNs compare without case; empty lists match anything")
    void matching() {
        DiscoveryRule renderers = new DiscoveryRule(List.of("urn:schemas-upnp-org:device:MediaRenderer:1"), List.of(),
                List.of());
        assertThat(renderers.matches(device("urn:schemas-upnp-org:device:MediaRenderer:2", "uuid:a"))).isTrue();
        assertThat(renderers.matches(device("urn:schemas-upnp-org:device:MediaServer:1", "uuid:a"))).isFalse();
        DiscoveryRule newer = new DiscoveryRule(List.of("urn:schemas-upnp-org:device:MediaRenderer:2"), List.of(),
                List.of());
        assertThat(newer.matches(device("urn:schemas-upnp-org:device:MediaRenderer:1", "uuid:a"))).isFalse();
        DiscoveryRule one = new DiscoveryRule(List.of(), List.of("urn:schemas-upnp-org:service:RenderingControl:1"),
                List.of("UUID:ABC"));
        assertThat(one.matches(device("urn:x:device:Y:1", "uuid:abc"))).isTrue();
        assertThat(one.matches(device("urn:x:device:Y:1", "uuid:abd"))).isFalse();
        assertThat(one.follows("urn:schemas-upnp-org:service:RenderingControl:3")).isTrue();
        assertThat(one.follows("urn:schemas-upnp-org:service:AVTransport:1")).isFalse();
        assertThat(new DiscoveryRule(List.of(), List.of(), List.of()).follows("urn:x:service:Z:1")).isTrue();
    }
}
