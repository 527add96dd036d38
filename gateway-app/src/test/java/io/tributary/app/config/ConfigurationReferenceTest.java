package io.tributary.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConfigurationReferenceTest {

    // surefire runs app tests in target/, so the repository root is two levels up
    private static final Path PAGE = Path.of("..", "..", "docs", "configuration.md");

    @Test
    @DisplayName("docs/configuration.md is what the settings' definitions generate")
    void upToDate() throws Exception {
        String generated = ConfigurationReference.markdown(GatewayConfig.ROOT);
        if (Boolean.getBoolean("tributary.docs.update")) {
            Files.writeString(PAGE, generated);
        }
        assertThat(Files.readString(PAGE))
                .as("docs/configuration.md is stale: run mvn -pl gateway-app test -Dtest=ConfigurationReferenceTest"
                        + " -Dtributary.docs.update=true")
                .isEqualTo(generated);
    }
}
