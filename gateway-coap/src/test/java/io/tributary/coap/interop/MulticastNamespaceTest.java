package io.tributary.coap.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Multicast over real sockets (RFC 7252 §8), in a network namespace the test creates with {@code unshare -n} so
 * that the host's interfaces are untouched; needs root and iproute2, so it runs in the {@code coap-interop}
 * profile that CI enables.
 */
@Tag("netns")
class MulticastNamespaceTest {

    @Test
    @DisplayName("§8.2: servers that joined 224.0.1.187 answer a multicast GET after a leisure, never with errors")
    void multicastInNamespace() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = "ip link set lo up && ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo && "
                + "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' "
                + MulticastProbe.class.getName();
        Process process = new ProcessBuilder("unshare", "-n", "sh", "-c", script).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("probe finished").isTrue();
        List<String> lines = List.of(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n"));
        assertThat(process.exitValue()).as("probe output:%n%s", String.join("\n", lines)).isZero();
        assertThat(lines).contains("multicast=one:multicast,two:multicast", "multicastErrors=0",
                "requests=5");
        assertThat(lines).anyMatch(line -> line.startsWith("unicast=") && line.endsWith(":unicast"));
    }
}
