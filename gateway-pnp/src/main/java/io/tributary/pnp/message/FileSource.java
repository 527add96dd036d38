package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Where an agent copies a file from ({@code source/location}) and the MD5 it must have ({@code source/checksum}).
 *
 * @param location a URL or device path, e.g. {@code http://10.0.0.1:8080/pnp/files/image/c7200.bin}
 * @param checksum lower-case hex MD5, or {@code null} for none
 */
public record FileSource(String location, String checksum) {

    /** Checks the location. */
    public FileSource {
        Objects.requireNonNull(location, "location");
    }
}
