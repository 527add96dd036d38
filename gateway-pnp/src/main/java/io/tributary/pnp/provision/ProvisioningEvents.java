package io.tributary.pnp.provision;

import io.tributary.pnp.message.Service;
import io.tributary.pnp.store.DeviceRecord;

/** Receives every state change and result of the provisioner, e.g. to publish them; must not block. */
public interface ProvisioningEvents {

    /** Does nothing. */
    ProvisioningEvents NONE = new ProvisioningEvents() {
        @Override
        public void state(DeviceRecord device) {
        }

        @Override
        public void result(DeviceRecord device, Service service, byte[] document) {
        }
    };

    /**
     * @param device the device's record after a contact changed it
     */
    void state(DeviceRecord device);

    /**
     * @param device the device's record after the result was taken in
     * @param service the service answered
     * @param document the response document as received
     */
    void result(DeviceRecord device, Service service, byte[] document);
}
