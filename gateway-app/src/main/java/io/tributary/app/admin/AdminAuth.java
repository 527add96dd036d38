package io.tributary.app.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.tributary.app.config.GatewayConfig;
import io.tributary.app.config.GatewayConfig.AdminRole;
import io.tributary.core.config.Settings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Checks the {@code Authorization} header of admin requests: a bearer token (RFC 6750) of {@code admin.token} or
 * {@code admin.read-token}, or basic credentials (RFC 7617) of an {@code admin.users} entry, whose bcrypt hash is
 * verified off the event loop; a verified pair is remembered (by its SHA-256) so a console polling every few
 * seconds does not pay bcrypt's cost each time. With no credentials configured, an admin listener of its own lets
 * every request in as {@code local} with the admin role.
 */
final class AdminAuth {

    /** Most verified basic credentials remembered; the memory is cleared when full. */
    private static final int MAX_REMEMBERED = 256;

    private final byte[] token;
    private final byte[] readToken;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final boolean open;
    private final Map<String, AdminPrincipal> verified = new ConcurrentHashMap<>();

    private AdminAuth(Settings admin, boolean open) {
        this.token = bytes(admin.get(GatewayConfig.ADMIN_TOKEN));
        this.readToken = bytes(admin.get(GatewayConfig.ADMIN_READ_TOKEN));
        for (Settings user : admin.get(GatewayConfig.ADMIN_USERS)) {
            users.put(user.get(GatewayConfig.ADMIN_USER_NAME), new User(user.get(GatewayConfig.ADMIN_USER_HASH),
                    user.get(GatewayConfig.ADMIN_USER_ROLE)));
        }
        this.open = open && !hasCredentials(admin);
    }

    /**
     * @param admin values of {@link GatewayConfig#ADMIN_SECTION}
     * @return whether a token or a user is configured
     */
    static boolean hasCredentials(Settings admin) {
        return admin.get(GatewayConfig.ADMIN_TOKEN) != null || admin.get(GatewayConfig.ADMIN_READ_TOKEN) != null
                || !admin.get(GatewayConfig.ADMIN_USERS).isEmpty();
    }

    /**
     * @param admin values of {@link GatewayConfig#ADMIN_SECTION}
     * @return the check for the shared listener: credentials always required
     */
    static AdminAuth shared(Settings admin) {
        return new AdminAuth(admin, false);
    }

    /**
     * @param admin values of {@link GatewayConfig#ADMIN_SECTION}
     * @return the check for the admin listener of its own: open when no credentials are configured
     */
    static AdminAuth own(Settings admin) {
        return new AdminAuth(admin, true);
    }

    /** @return whether every request is let in without credentials */
    boolean open() {
        return open;
    }

    /**
     * @param authorization the {@code Authorization} header, or {@code null}
     * @return who it is, or empty when the credentials are missing or wrong
     */
    Mono<AdminPrincipal> authenticate(String authorization) {
        if (open) {
            return Mono.just(new AdminPrincipal("local", AdminRole.ADMIN));
        }
        if (authorization == null) {
            return Mono.empty();
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] offered = bytes(authorization.substring(7).trim());
            if (token != null && MessageDigest.isEqual(offered, token)) {
                return Mono.just(new AdminPrincipal("token", AdminRole.ADMIN));
            }
            if (readToken != null && MessageDigest.isEqual(offered, readToken)) {
                return Mono.just(new AdminPrincipal("read-token", AdminRole.READ_ONLY));
            }
            return Mono.empty();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim());
        }
        return Mono.empty();
    }

    private Mono<AdminPrincipal> basic(String encoded) {
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Mono.empty();
        }
        int colon = pair.indexOf(':');
        User user = colon < 0 ? null : users.get(pair.substring(0, colon));
        if (user == null) {
            return Mono.empty();
        }
        String name = pair.substring(0, colon);
        String key = sha256(pair + '\n' + user.hash);
        AdminPrincipal known = verified.get(key);
        if (known != null) {
            return Mono.just(known);
        }
        char[] password = pair.substring(colon + 1).toCharArray();
        // bcrypt costs tens of milliseconds by design: never on an event loop.
        return Mono.fromCallable(() -> BCrypt.verifyer().verify(password, user.hash).verified)
                .subscribeOn(Schedulers.boundedElastic())
                .filter(Boolean::booleanValue)
                .map(ok -> {
                    AdminPrincipal principal = new AdminPrincipal(name, user.role);
                    if (verified.size() >= MAX_REMEMBERED) {
                        verified.clear();
                    }
                    verified.put(key, principal);
                    return principal;
                });
    }

    private static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private record User(String hash, AdminRole role) {
    }
}
