package io.tributary.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tributary.core.Overflow;
import io.tributary.core.TopicFilter;
import io.tributary.core.config.ConfigProblem;
import io.tributary.core.config.Settings;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NatsConfigTest {

    @Test
    @DisplayName("defaults: off, one local server, prefix tributary, export and import #, 8 MiB dropping the oldest")
    void defaults() {
        Settings defaults = NatsConfig.defaults();
        assertThat(defaults.get(NatsConfig.ENABLED)).isFalse();
        assertThat(defaults.get(NatsConfig.SERVERS)).containsExactly(URI.create("nats://127.0.0.1:4222"));
        assertThat(defaults.get(NatsConfig.SUBJECT_PREFIX)).isEqualTo("tributary");
        assertThat(defaults.get(NatsConfig.EXPORT)).containsExactly(TopicFilter.of("#"));
        assertThat(defaults.get(NatsConfig.IMPORT)).containsExactly(TopicFilter.of("#"));
        assertThat(defaults.get(NatsConfig.RETAINED_SETTINGS).get(NatsConfig.BUCKET)).isEqualTo("tributary-retained");
        assertThat(defaults.get(NatsConfig.REQUEST_TIMEOUT)).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.get(NatsConfig.BUFFER)).isEqualTo(8 * 1024 * 1024);
        assertThat(defaults.get(NatsConfig.OVERFLOW)).isEqualTo(Overflow.DROP_OLDEST);
        assertThat(defaults.problems()).isEmpty();
    }

    @Test
    @DisplayName("values outside their type are refused naming the key")
    void refused() {
        Settings defaults = NatsConfig.defaults();
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.with(NatsConfig.SUBJECT_PREFIX, "a.*"))
                .withMessageContaining("nats.subject-prefix");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.with(NatsConfig.SERVERS,
                List.of(URI.create("http://h:4222")))).withMessageContaining("nats.servers");
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.with(NatsConfig.BUFFER, 100))
                .withMessageContaining("nats.buffer");
        assertThatIllegalArgumentException().isThrownBy(() -> NatsConfig.RETAINED.defaults()
                .with(NatsConfig.BUCKET, "a.b")).withMessageContaining("retained.bucket");
    }

    @Test
    @DisplayName("rules across settings: one way to authenticate, a password needs a user, wait-max ≥ wait")
    void rules() {
        Settings twoWays = NatsConfig.defaults().with(NatsConfig.CREDENTIALS_SETTINGS, NatsConfig.CREDENTIALS
                .defaults().with(NatsConfig.USER, "gw").with(NatsConfig.CREDS_FILE, Path.of("gw.creds")));
        assertThat(twoWays.problems()).extracting(ConfigProblem::key).containsExactly("credentials.user");
        Settings passwordOnly = NatsConfig.defaults().with(NatsConfig.CREDENTIALS_SETTINGS, NatsConfig.CREDENTIALS
                .defaults().with(NatsConfig.PASSWORD, "secret"));
        assertThat(passwordOnly.problems()).extracting(ConfigProblem::key).containsExactly("credentials.password");
        Settings waits = NatsConfig.defaults().with(NatsConfig.RECONNECT_WAIT, Duration.ofSeconds(10))
                .with(NatsConfig.RECONNECT_WAIT_MAX, Duration.ofSeconds(5));
        assertThat(waits.problems()).extracting(ConfigProblem::key).containsExactly("reconnect-wait-max");
    }

    @Test
    @DisplayName("export and import lists whose filters overlap are refused: a topic both match would travel twice")
    void overlapping() {
        Settings overlapping = NatsConfig.defaults().with(NatsConfig.IMPORT, List.of(TopicFilter.of("site1/+"),
                TopicFilter.of("+/temp")));
        assertThat(overlapping.problems()).extracting(ConfigProblem::key).containsExactly("import[1]");
        assertThat(NatsConfig.defaults().with(NatsConfig.EXPORT, List.of(TopicFilter.of("a"), TopicFilter.of("a/#")))
                .problems()).extracting(ConfigProblem::key).containsExactly("export[1]");
        assertThat(NatsConfig.defaults().with(NatsConfig.EXPORT, List.of(TopicFilter.of("a/+"), TopicFilter.of("b/#"),
                TopicFilter.of("a/b/c"), TopicFilter.of("c"))).problems()).isEmpty();
        assertThat(NatsConfig.overlap(List.of("a", "+"), List.of("+", "b"))).isTrue();
        assertThat(NatsConfig.overlap(List.of("a"), List.of("a", "b"))).isFalse();
        assertThat(NatsConfig.overlap(List.of("#"), List.of("x", "y", "z"))).isTrue();
    }

    @Test
    @DisplayName("passwords, tokens and store passwords are masked when settings are printed")
    void secrets() {
        Settings credentials = NatsConfig.CREDENTIALS.defaults().with(NatsConfig.USER, "gw")
                .with(NatsConfig.PASSWORD, "hunter2").with(NatsConfig.TLS_SETTINGS, NatsConfig.TLS.defaults()
                        .with(NatsConfig.TLS_KEYSTORE_PASSWORD, "changeit"));
        assertThat(NatsConfig.defaults().with(NatsConfig.CREDENTIALS_SETTINGS, credentials).toString())
                .contains("password=****").doesNotContain("hunter2").doesNotContain("changeit");
    }
}
