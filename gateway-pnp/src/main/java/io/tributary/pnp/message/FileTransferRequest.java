package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Copy a file to the device, without checksum.
 *
 * @param source URL or path to copy from
 * @param destination device path to copy to, e.g. {@code flash:banner.txt}
 */
public record FileTransferRequest(String source, String destination) implements ServiceRequest {

    /** Checks both ends. */
    public FileTransferRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
    }

    @Override
    public Service service() {
        return Service.FILE_TRANSFER;
    }
}
