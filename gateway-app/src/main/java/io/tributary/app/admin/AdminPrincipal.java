package io.tributary.app.admin;

import io.tributary.app.config.GatewayConfig.AdminRole;

/**
 * Who made an admin request: a user name (or {@code token}, {@code read-token}, {@code local}) and its role.
 *
 * @param name the user name, {@code token} or {@code read-token} for bearer tokens, {@code local} on an admin
 *             listener of its own without credentials
 * @param role what it may do
 */
public record AdminPrincipal(String name, AdminRole role) {

    /** @return whether it may change state (publish, delete, claim, retry) */
    public boolean mayWrite() {
        return role == AdminRole.ADMIN;
    }
}
