package io.tributary.pnp.message;

/** Ask which services and features the agent supports (an empty request). */
public record CapabilityRequest() implements ServiceRequest {

    @Override
    public Service service() {
        return Service.CAPABILITY;
    }
}
