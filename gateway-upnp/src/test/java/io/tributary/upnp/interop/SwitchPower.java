package io.tributary.upnp.interop;

import org.jupnp.internal.compat.java.beans.PropertyChangeSupport;

import org.jupnp.binding.annotations.UpnpAction;
import org.jupnp.binding.annotations.UpnpInputArgument;
import org.jupnp.binding.annotations.UpnpOutputArgument;
import org.jupnp.binding.annotations.UpnpService;
import org.jupnp.binding.annotations.UpnpServiceId;
import org.jupnp.binding.annotations.UpnpServiceType;
import org.jupnp.binding.annotations.UpnpStateVariable;

/**
 * A jUPnP-annotated SwitchPower:1 service whose evented {@code Status} the interop test toggles; jUPnP listens to
 * its own {@code PropertyChangeSupport} class, not {@code java.beans}.
 */
@UpnpService(serviceId = @UpnpServiceId("SwitchPower"), serviceType = @UpnpServiceType(value = "SwitchPower",
        version = 1))
public class SwitchPower {

    private final PropertyChangeSupport propertyChangeSupport = new PropertyChangeSupport(this);

    @UpnpStateVariable(defaultValue = "0", sendEvents = false)
    private boolean target;

    @UpnpStateVariable(defaultValue = "0")
    private boolean status;

    /** @return the change support jUPnP listens to for eventing */
    public PropertyChangeSupport getPropertyChangeSupport() {
        return propertyChangeSupport;
    }

    /** @param value the new target, which also becomes the status and is evented */
    @UpnpAction
    public void setTarget(@UpnpInputArgument(name = "NewTargetValue") boolean value) {
        boolean old = status;
        target = value;
        status = value;
        propertyChangeSupport.firePropertyChange("Status", old, status);
    }

    /** @return the target */
    @UpnpAction(out = @UpnpOutputArgument(name = "RetTargetValue"))
    public boolean getTarget() {
        return target;
    }

    /** @return the status */
    @UpnpAction(out = @UpnpOutputArgument(name = "ResultStatus"))
    public boolean getStatus() {
        return status;
    }
}
