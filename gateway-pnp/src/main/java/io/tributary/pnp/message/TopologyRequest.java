package io.tributary.pnp.message;

/** Ask for the device's CDP neighbours (an empty request). */
public record TopologyRequest() implements ServiceRequest {

    @Override
    public Service service() {
        return Service.TOPOLOGY;
    }
}
