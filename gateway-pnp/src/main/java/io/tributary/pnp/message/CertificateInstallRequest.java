package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Install or remove a trustpoint certificate or the trustpool bundle, optionally reconnecting to a server over
 * HTTPS afterwards.
 *
 * @param action install or uninstall
 * @param target trustpoint or trustpool
 * @param label trustpoint label; required to uninstall a trustpoint, optional otherwise
 * @param location where to copy the certificate or bundle from; required to install
 * @param reconnect the server to reconnect to afterwards (protocol {@code https}, {@code xmpp-starttls} or
 *                  {@code xmpp-tls}), or {@code null}
 */
public record CertificateInstallRequest(Action action, Target target, String label, String location,
                                        ServerAddress reconnect) implements ServiceRequest {

    /** Checks the combination is one the schema accepts. */
    public CertificateInstallRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        if (action == Action.INSTALL && location == null) {
            throw new IllegalArgumentException("installing a certificate needs a location");
        }
        if (action == Action.UNINSTALL && target == Target.TRUSTPOINT && label == null) {
            throw new IllegalArgumentException("uninstalling a trustpoint needs its label");
        }
    }

    @Override
    public Service service() {
        return Service.CERTIFICATE_INSTALL;
    }

    /** Install or remove. */
    public enum Action {
        /** Copy and install. */
        INSTALL,
        /** Remove. */
        UNINSTALL
    }

    /** One CA certificate under a label, or the whole trust bundle. */
    public enum Target {
        /** A labelled trustpoint. */
        TRUSTPOINT,
        /** The trustpool bundle. */
        TRUSTPOOL
    }
}
