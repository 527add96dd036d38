package io.tributary.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import io.nats.client.AuthHandler;
import io.nats.client.NKey;

/** Signs the server's nonce with an NKey user seed read from a file (plain NKey auth, no JWT). */
final class NKeySeedAuth implements AuthHandler {

    private final NKey key;

    /**
     * @param seedFile a file whose first non-blank line is the seed ({@code SU...})
     * @throws UncheckedIOException if the file cannot be read
     */
    NKeySeedAuth(Path seedFile) {
        try {
            String seed = Files.readAllLines(seedFile, StandardCharsets.US_ASCII).stream().map(String::trim)
                    .filter(line -> !line.isEmpty()).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no NKey seed in " + seedFile));
            this.key = NKey.fromSeed(seed.toCharArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read NKey seed file " + seedFile, e);
        }
    }

    @Override
    public byte[] sign(byte[] nonce) {
        try {
            return key.sign(nonce);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot sign with the NKey seed", e);
        }
    }

    @Override
    public char[] getID() {
        try {
            return key.getPublicKey();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot derive the NKey public key", e);
        }
    }

    @Override
    public char[] getJWT() {
        return null;
    }
}
