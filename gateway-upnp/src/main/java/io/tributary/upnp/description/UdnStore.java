package io.tributary.upnp.description;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the gateway's UDN stable across restarts (UDA 2.0 §1.1.4: a UDN must not change over the life of a device):
 * generated once as {@code uuid:} and a random UUID, stored in the file {@code upnp/udn} of the data directory.
 * Reads and writes files, so call it off the event loops.
 */
public final class UdnStore {

    private static final Logger LOG = LoggerFactory.getLogger(UdnStore.class);

    private UdnStore() {
    }

    /**
     * @param dataDirectory the gateway's data directory
     * @return the stored UDN, or a new one, stored now
     * @throws IOException if the file cannot be read or written
     */
    public static String load(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve("upnp").resolve("udn");
        if (Files.exists(file)) {
            String stored = Files.readString(file, StandardCharsets.US_ASCII).trim();
            if (UpnpTypes.isUdn(stored)) {
                return stored;
            }
            LOG.warn("{} holds no UDN ('{}'); a new one replaces it", file, stored);
        }
        String udn = random();
        Files.createDirectories(file.getParent());
        Path written = Files.createTempFile(file.getParent(), "udn", ".tmp");
        Files.writeString(written, udn + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING);
        }
        LOG.info("new UPnP device UDN {} stored in {}", udn, file);
        return udn;
    }

    /** @return a new UDN: {@code uuid:} and a random (version 4) UUID */
    public static String random() {
        return "uuid:" + UUID.randomUUID();
    }
}
