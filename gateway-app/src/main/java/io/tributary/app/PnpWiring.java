package io.tributary.app;

import java.nio.file.Path;
import java.util.Optional;

import io.tributary.core.config.Settings;
import io.tributary.pnp.PnpAdapter;
import io.tributary.pnp.PnpConfig;
import io.tributary.pnp.PnpOptions;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.provision.PlanConfig;

/** Maps the {@code pnp} section to the PnP adapter's options. */
public final class PnpWiring {

    private PnpWiring() {
    }

    /**
     * @param settings the {@code pnp} section, checked
     * @return the adapter, or empty when PnP is disabled
     */
    public static Optional<PnpAdapter> adapter(Settings settings) {
        return settings.get(PnpConfig.ENABLED) ? Optional.of(PnpAdapter.create(options(settings))) : Optional.empty();
    }

    /**
     * @param settings the {@code pnp} section, checked
     * @return the adapter options it describes
     */
    public static PnpOptions options(Settings settings) {
        PnpOptions options = PnpOptions.defaults().dataDirectory(Path.of(settings.get(PnpConfig.DATA_DIR)))
                .plan(PlanConfig.plan(settings.get(PnpConfig.PLAN))).maxBody(settings.get(PnpConfig.MAX_BODY))
                .maxDevices(settings.get(PnpConfig.MAX_DEVICES)).advertisedUrl(settings.get(PnpConfig.ADVERTISED_URL))
                .oneShotUrls(settings.get(PnpConfig.ONE_SHOT_URLS), settings.get(PnpConfig.ONE_SHOT_TTL));
        if (settings.get(PnpConfig.FILES_DIR) != null) {
            options = options.filesDirectory(Path.of(settings.get(PnpConfig.FILES_DIR)));
        }
        Settings login = settings.get(PnpConfig.CREDENTIALS);
        if (login.get(PnpConfig.USERNAME) != null) {
            options = options.credentials(new Credentials(login.get(PnpConfig.USERNAME),
                    login.get(PnpConfig.PASSWORD)), login.get(PnpConfig.OVER_HTTP));
        }
        Settings https = settings.get(PnpConfig.HTTPS);
        if (https.get(PnpConfig.HTTPS_ENABLED)) {
            options = options.https(https.get(PnpConfig.HTTPS_HOST), https.get(PnpConfig.HTTPS_PORT),
                    Path.of(https.get(PnpConfig.CERTIFICATE)), Path.of(https.get(PnpConfig.PRIVATE_KEY)));
        }
        return options;
    }
}
