package io.tributary.pnp.message;

import java.util.Locale;
import java.util.Objects;

/**
 * Copy a configuration file to startup or running configuration. The schema requires
 * {@code <abortOnSyntaxFault/>}, so every request carries it: the agent stops at the first syntax error.
 *
 * @param source where the configuration comes from and its MD5
 * @param applyTo startup or running, or {@code null} for the agent's default (startup)
 * @param details how much the agent reports, or {@code null}
 * @param reload reload afterwards, or {@code null} for {@code <noReload/>}
 */
public record ConfigUpgradeRequest(FileSource source, ApplyTo applyTo, Details details, Reload reload)
        implements ServiceRequest {

    /** Checks the source. */
    public ConfigUpgradeRequest {
        Objects.requireNonNull(source, "source");
    }

    @Override
    public Service service() {
        return Service.CONFIG_UPGRADE;
    }

    /** Which configuration receives the file. */
    public enum ApplyTo {
        /** Startup configuration (takes effect at reload). */
        STARTUP,
        /** Running configuration (takes effect now). */
        RUNNING;

        /** @return the element text, e.g. {@code startup} */
        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How much the agent reports about the applied lines. */
    public enum Details {
        /** A summary. */
        BRIEF,
        /** Only errors. */
        ERRORS,
        /** Every line. */
        ALL;

        /** @return the attribute value, e.g. {@code brief} */
        public String xml() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
