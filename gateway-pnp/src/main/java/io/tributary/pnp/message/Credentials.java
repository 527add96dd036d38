package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Device login the server puts on the envelope ({@code usr}, {@code pwd}) when the agent said
 * {@code authRequired}; {@link #toString()} never shows the password.
 *
 * @param username the device user
 * @param password the device password
 */
public record Credentials(String username, String password) {

    /** Checks both parts are present. */
    public Credentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    /** @return the user name and a mask instead of the password */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
