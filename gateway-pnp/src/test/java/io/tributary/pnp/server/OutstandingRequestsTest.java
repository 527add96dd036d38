package io.tributary.pnp.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.pnp.message.CapabilityRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutstandingRequestsTest {

    private static ServiceRequestRecord record(String correlator) {
        return new ServiceRequestRecord(correlator, new CapabilityRequest(), 0);
    }

    @Test
    @DisplayName("one request per device; a new work request replaces it, and only the current one completes")
    void onePerDevice() {
        OutstandingRequests table = new OutstandingRequests(10);
        ServiceRequestRecord first = record("c-1");
        ServiceRequestRecord second = record("c-2");
        table.put("A", first);
        table.put("A", second);
        assertThat(table.get("A")).isSameAs(second);
        assertThat(table.complete("A", first)).as("a replaced request").isFalse();
        assertThat(table.complete("A", second)).isTrue();
        assertThat(table.get("A")).isNull();
    }

    @Test
    @DisplayName("when full, a new device's request is kept and the one sent longest ago is forgotten; a replaced"
            + " request counts as sent anew")
    void fullForgetsTheOldest() {
        OutstandingRequests table = new OutstandingRequests(3);
        table.put("A", record("a-1"));
        table.put("B", record("b-1"));
        table.put("C", record("c-1"));
        ServiceRequestRecord again = record("a-2");
        table.put("A", again);
        ServiceRequestRecord fresh = record("d-1");
        table.put("D", fresh);
        assertThat(table.get("B")).isNull();
        assertThat(table.get("C")).isNotNull();
        assertThat(table.get("A")).isSameAs(again);
        assertThat(table.get("D")).isSameAs(fresh);
    }

    @Test
    @DisplayName("put names the device whose request it forgot, oldest first, and none for a known device")
    void namesTheForgotten() {
        OutstandingRequests table = new OutstandingRequests(2);
        assertThat(table.put("A", record("a-1"))).isNull();
        assertThat(table.put("B", record("b-1"))).isNull();
        assertThat(table.put("A", record("a-2"))).isNull();
        assertThat(table.put("C", record("c-1"))).isEqualTo("B");
        assertThat(table.put("D", record("d-1"))).isEqualTo("A");
    }
}
