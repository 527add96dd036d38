package io.tributary.pnp.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 checksums as PnP wants them in {@code source/checksum}: 32 lower-case hex digits. */
public final class Checksums {

    private Checksums() {
    }

    /**
     * @param content the bytes
     * @return their MD5
     */
    public static String md5(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    /**
     * Reads a whole file; blocking, call it off the event loops.
     *
     * @param file the file
     * @return its MD5
     * @throws IOException when it cannot be read
     */
    public static String md5(Path file) throws IOException {
        MessageDigest md5 = digest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                md5.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide MD5", e);
        }
    }
}
