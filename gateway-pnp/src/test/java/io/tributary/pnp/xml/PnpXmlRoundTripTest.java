package io.tributary.pnp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Topology;
import io.tributary.pnp.testing.SampleMessages;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample message reads back equal to what was written; the exact documents are in {@link PnpDocumentsTest}. */
class PnpXmlRoundTripTest {

    private final PnpWriter writer = PnpWriter.create();
    private final PnpReader reader = PnpReader.create();

    static Stream<PnpMessage> messages() {
        Stream<PnpMessage> responses = SampleMessages.responses().stream()
                .map(response -> PnpMessage.of(SampleMessages.UDI, SampleMessages.CORRELATOR, response));
        return Stream.concat(SampleMessages.requestMessages().stream(), responses);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    @DisplayName("every message reads back equal to what was written")
    void roundTrip(PnpMessage message) {
        assertThat(reader.read(writer.write(message))).isEqualTo(message);
    }

    @Test
    @DisplayName("a password is written to the envelope but never shown by toString")
    void credentialsHidden() {
        PnpMessage withLogin = SampleMessages.requestMessages().get(0);
        assertThat(new String(writer.write(withLogin), StandardCharsets.UTF_8)).contains("pwd=\"s3cret\"");
        assertThat(withLogin.toString()).doesNotContain("s3cret").contains("pwd=****");
        assertThat(withLogin.credentials().toString()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("a response result is available typed")
    void typedResult() {
        ServiceResponse response = SampleMessages.responses().get(0);
        assertThat(response.result(DeviceInfo.class).hardware().platformName())
                .isEqualTo("CISCO2921/K9");
        assertThat(response.result(Topology.class)).isNull();
    }
}
