package io.tributary.nats;

import java.net.URI;
import java.security.NoSuchAlgorithmException;

import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.tributary.core.config.Settings;

/** Turns the {@code nats} settings into jnats connection options: servers, name, credentials, TLS, reconnects. */
final class NatsOptions {

    /** Messages the client's own outgoing queue holds while its writer thread catches up. */
    static final int OUTGOING_QUEUE = 65_536;

    private NatsOptions() {
    }

    /**
     * @param settings values of {@link NatsConfig#SECTION}
     * @param name the connection name (the gateway id)
     * @param connections told of connection events
     * @param errors told of errors and slow consumers
     * @return the options
     */
    static Options of(Settings settings, String name, ConnectionListener connections, ErrorListener errors) {
        Options.Builder options = new Options.Builder()
                .servers(settings.get(NatsConfig.SERVERS).stream().map(URI::toString).toArray(String[]::new))
                .connectionName(name)
                // Our own echo would come back on the import subscriptions: the server keeps it from us.
                .noEcho()
                .maxReconnects(-1)
                .reconnectWait(settings.get(NatsConfig.RECONNECT_WAIT))
                .reconnectDelayHandler(new ReconnectBackoff(settings.get(NatsConfig.RECONNECT_WAIT),
                        settings.get(NatsConfig.RECONNECT_WAIT_MAX)))
                // Messages wait in our bounded buffer while disconnected, where their drops are counted; the
                // client's own reconnect buffer only catches the few handed over as the connection broke.
                .reconnectBufferSize(settings.get(NatsConfig.BUFFER))
                // Publishing never blocks the caller: past this many queued messages the client discards, and the
                // error listener counts each as dropped.
                .maxMessagesInOutgoingQueue(OUTGOING_QUEUE)
                .discardMessagesWhenOutgoingQueueFull()
                .connectionListener(connections)
                .errorListener(errors);
        credentials(options, settings.get(NatsConfig.CREDENTIALS_SETTINGS));
        return options.build();
    }

    private static void credentials(Options.Builder options, Settings credentials) {
        credentials.find(NatsConfig.USER).ifPresent(user ->
                options.userInfo(user, credentials.get(NatsConfig.PASSWORD)));
        if (!credentials.get(NatsConfig.TOKEN).isEmpty()) {
            options.token(credentials.get(NatsConfig.TOKEN).toCharArray());
        }
        credentials.find(NatsConfig.NKEY_SEED_FILE).ifPresent(seed -> options.authHandler(new NKeySeedAuth(seed)));
        credentials.find(NatsConfig.CREDS_FILE).ifPresent(creds ->
                options.authHandler(Nats.credentials(creds.toString())));
        Settings tls = credentials.get(NatsConfig.TLS_SETTINGS);
        if (tls.get(NatsConfig.TLS_ENABLED)) {
            tls.find(NatsConfig.TLS_TRUSTSTORE).ifPresent(store -> options.truststorePath(store.toString())
                    .truststorePassword(tls.get(NatsConfig.TLS_TRUSTSTORE_PASSWORD).toCharArray()));
            tls.find(NatsConfig.TLS_KEYSTORE).ifPresent(store -> options.keystorePath(store.toString())
                    .keystorePassword(tls.get(NatsConfig.TLS_KEYSTORE_PASSWORD).toCharArray()));
            if (tls.find(NatsConfig.TLS_TRUSTSTORE).isEmpty() && tls.find(NatsConfig.TLS_KEYSTORE).isEmpty()) {
                try {
                    options.secure();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException("no default TLS context", e);
                }
            }
        }
    }
}
