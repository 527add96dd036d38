package io.tributary.pnp.message;

import java.util.List;

/**
 * A device-info response: UDIs, hardware, image, file systems and PnP profiles; parts not asked for are
 * {@code null} or empty.
 *
 * @param primaryChassis UDI of the (primary) chassis, or {@code null}
 * @param stackMembers UDIs of stack members by slot
 * @param standbyUdis UDIs of HA standby units
 * @param hardware hardware facts, or {@code null}
 * @param image running image facts, or {@code null}
 * @param fileSystems file systems
 * @param profiles PnP profiles
 */
public record DeviceInfo(String primaryChassis, List<StackMember> stackMembers, List<String> standbyUdis,
                         HardwareInfo hardware, ImageInfo image, List<FileSystem> fileSystems,
                         List<Profile> profiles) implements ServiceResult {

    /** Copies the lists. */
    public DeviceInfo {
        stackMembers = stackMembers == null ? List.of() : List.copyOf(stackMembers);
        standbyUdis = standbyUdis == null ? List.of() : List.copyOf(standbyUdis);
        fileSystems = fileSystems == null ? List.of() : List.copyOf(fileSystems);
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /**
     * A stack member.
     *
     * @param slot its slot number
     * @param udi its UDI
     */
    public record StackMember(int slot, String udi) {
    }

    /**
     * Hardware facts ({@code hardwareInfo}); every field may be {@code null}.
     *
     * @param hostname host name
     * @param vendor vendor
     * @param platformName platform, e.g. {@code cisco WS-C3750X-24T-E}
     * @param processorType processor
     * @param hwRevision hardware revision
     * @param mainMemSize main memory, in bytes
     * @param ioMemSize I/O memory, in bytes
     * @param boardId board id
     * @param boardReworkId board rework id
     * @param processorRev processor revision
     * @param midplaneVersion midplane version
     * @param location location
     */
    public record HardwareInfo(String hostname, String vendor, String platformName, String processorType,
                               String hwRevision, Long mainMemSize, Long ioMemSize, Long boardId,
                               String boardReworkId, String processorRev, String midplaneVersion, String location) {
    }

    /**
     * Running image facts ({@code imageInfo}).
     *
     * @param versionString version banner
     * @param imageFile image path
     * @param imageHash image hash
     * @param returnToRomReason why the device last booted
     * @param bootVariable BOOT variable
     * @param bootLdrVariable BOOTLDR variable
     * @param configVariable CONFIG_FILE variable
     * @param configReg configuration register
     * @param configRegNext configuration register at next reload
     */
    public record ImageInfo(String versionString, String imageFile, String imageHash, String returnToRomReason,
                            String bootVariable, String bootLdrVariable, String configVariable, String configReg,
                            String configRegNext) {
    }

    /**
     * A file system.
     *
     * @param name e.g. {@code bootflash}
     * @param type e.g. {@code flash}
     * @param size size in bytes
     * @param freeSpace free bytes
     * @param readable whether readable
     * @param writable whether writable
     */
    public record FileSystem(String name, String type, long size, long freeSpace, boolean readable,
                             boolean writable) {
    }

    /**
     * A PnP profile.
     *
     * @param name profile name
     * @param createdBy e.g. {@code PnP-DHCP}
     * @param discoveryCreated whether discovery created it
     * @param primary its primary server, or {@code null}
     */
    public record Profile(String name, String createdBy, boolean discoveryCreated, ServerAddress primary) {
    }
}
