package io.tributary.coap.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CoapCodeTest {

    @Test
    @DisplayName("§12.1: codes print as c.dd with their registered name, unregistered ones as c.dd alone")
    void readable() {
        assertThat(CoapCode.CHANGED).hasToString("2.04 Changed");
        assertThat(CoapCode.UNSUPPORTED_CONTENT_FORMAT).hasToString("4.15 Unsupported Content-Format");
        assertThat(CoapCode.GET).hasToString("0.01 GET");
        assertThat(CoapCode.of(2, 7)).hasToString("2.07");
        assertThat(CoapCode.of(0x44)).isSameAs(CoapCode.CHANGED);
        assertThat(CoapCode.CHANGED.value()).isEqualTo(0x44);
    }

    @Test
    @DisplayName("§3: a code is class (3 bits) and detail (5 bits); requests are class 0, responses 2 to 5")
    void classes() {
        assertThat(CoapCode.NOT_FOUND.codeClass()).isEqualTo(4);
        assertThat(CoapCode.NOT_FOUND.detail()).isEqualTo(4);
        assertThat(CoapCode.DELETE.isRequest()).isTrue();
        assertThat(CoapCode.EMPTY.isRequest()).isFalse();
        assertThat(CoapCode.of(6, 0).isResponse()).isFalse();
        assertThat(CoapCode.CONTENT.isSuccess()).isTrue();
        assertThatIllegalArgumentException().isThrownBy(() -> CoapCode.of(256));
        assertThatIllegalArgumentException().isThrownBy(() -> CoapCode.of(2, 32));
    }

    @Test
    @DisplayName("methods map to their codes and back; a response code is no method")
    void methods() {
        assertThat(CoapMethod.IPATCH.code()).isSameAs(CoapCode.IPATCH);
        assertThat(CoapMethod.of(CoapCode.FETCH)).isEqualTo(CoapMethod.FETCH);
        assertThat(CoapMethod.of(CoapCode.CONTENT)).isNull();
        assertThat(CoapMethod.of(CoapCode.of(0, 8))).isNull();
        assertThat(CoapMethod.IPATCH).hasToString("iPATCH");
    }
}
