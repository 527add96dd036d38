package io.tributary.pnp.message;

import java.util.List;

/**
 * A topology response: the device's CDP neighbours.
 *
 * @param neighbours one per local interface with a neighbour
 */
public record Topology(List<Neighbour> neighbours) implements ServiceResult {

    /** Copies the list. */
    public Topology {
        neighbours = neighbours == null ? List.of() : List.copyOf(neighbours);
    }

    /**
     * A neighbour seen on a local interface.
     *
     * @param localInterface e.g. {@code GigabitEthernet0/1}
     * @param localShortInterface e.g. {@code Gi0/1}
     * @param localMac local MAC address
     * @param remoteInterface neighbour's interface
     * @param remoteShortInterface neighbour's short interface name
     * @param remoteMac neighbour's MAC address
     * @param deviceName neighbour's name
     * @param platform neighbour's platform
     * @param version neighbour's software version
     */
    public record Neighbour(String localInterface, String localShortInterface, String localMac,
                            String remoteInterface, String remoteShortInterface, String remoteMac, String deviceName,
                            String platform, String version) {
    }
}
