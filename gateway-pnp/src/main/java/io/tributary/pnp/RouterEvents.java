package io.tributary.pnp;

import java.util.Map;

import io.tributary.core.Message;
import io.tributary.core.Router;
import io.tributary.core.Topic;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.provision.ProvisioningEvents;
import io.tributary.pnp.store.DeviceRecord;
import io.tributary.pnp.store.DeviceStore;

/**
 * Publishes provisioning to the router as retained messages: {@code pnp/<serial>/state} (the device record as
 * JSON) after every contact, and {@code pnp/<serial>/<service>} (the response document, {@code text/xml}) for every
 * result, so {@code pnp/<serial>/device-info} holds the last inventory.
 */
final class RouterEvents implements ProvisioningEvents {

    /** Attribute value of {@link Message#ORIGIN} on everything this adapter publishes. */
    static final String ORIGIN = "pnp";
    private static final Map<String, String> ATTRIBUTES = Map.of(Message.ORIGIN, ORIGIN);

    private final Router router;
    private final DeviceStore store;

    RouterEvents(Router router, DeviceStore store) {
        this.router = router;
        this.store = store;
    }

    @Override
    public void state(DeviceRecord device) {
        router.publish(Message.builder(Topic.of("pnp", device.serial(), "state")).payload(store.json(device))
                .contentType("application/json").attributes(ATTRIBUTES).retain(true).build());
    }

    @Override
    public void result(DeviceRecord device, Service service, byte[] document) {
        router.publish(Message.builder(Topic.of("pnp", device.serial(), service.id())).payload(document)
                .contentType("text/xml").attributes(ATTRIBUTES).retain(true).build());
    }
}
