package io.tributary.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContentFormatTest {

    @Test
    @DisplayName("§12.3: registered formats print their media type and number; unregistered numbers are allowed")
    void readable() {
        assertThat(ContentFormat.TEXT_PLAIN).hasToString("text/plain;charset=utf-8 (0)");
        assertThat(ContentFormat.of(50)).isSameAs(ContentFormat.JSON);
        ContentFormat unregistered = ContentFormat.of(65000);
        assertThat(unregistered).hasToString("unregistered (65000)").isEqualTo(ContentFormat.of(65000));
        assertThat(unregistered.isRegistered()).isFalse();
        assertThat(unregistered.mediaType()).isEqualTo("application/coap-content-format;n=65000");
        assertThatIllegalArgumentException().isThrownBy(() -> ContentFormat.of(65536));
    }

    @Test
    @DisplayName("media types map back to formats, aliases included; unknown ones to none")
    void mediaTypes() {
        assertThat(ContentFormat.ofMediaType("text/plain")).isSameAs(ContentFormat.TEXT_PLAIN);
        assertThat(ContentFormat.ofMediaType("application/json; charset=utf-8")).isSameAs(ContentFormat.JSON);
        assertThat(ContentFormat.ofMediaType("text/xml")).isSameAs(ContentFormat.XML);
        assertThat(ContentFormat.ofMediaType("application/coap-content-format;n=65000"))
                .isEqualTo(ContentFormat.of(65000));
        assertThat(ContentFormat.ofMediaType("image/png")).isNull();
        assertThat(ContentFormat.ofMediaType(null)).isNull();
    }
}
