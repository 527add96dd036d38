package io.tributary.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine line = TributaryCommand.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    @Test
    @DisplayName("check-config accepts a valid file with exit code 0")
    void valid() throws Exception {
        Path file = Files.writeString(dir.resolve("ok.yaml"), "http:\n  port: 0\n");
        assertThat(run("check-config", file.toString())).isZero();
        assertThat(out.toString()).contains("configuration is valid");
    }

    @Test
    @DisplayName("check-config refuses an unknown key with exit code 2, naming key and line")
    void invalid() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "http:\n  port: 0\n  colour: blue\n");
        assertThat(run("check-config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 3").contains("unknown key 'http.colour'");
    }

    @Test
    @DisplayName("run refuses a bad configuration with exit code 2 before starting anything")
    void runInvalid() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "router:\n  overflow: 12\n");
        assertThat(run("run", "--config", file.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("router.overflow");
    }

    @Test
    @DisplayName("usage errors exit 2; --help and --version exit 0")
    void usage() {
        assertThat(run("check-config")).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("run").contains("check-config");
        assertThat(run("--version")).isZero();
    }

    @Test
    @DisplayName("plugtest is listed; on a port another socket holds it fails with exit code 1 and says why")
    void plugtest() throws Exception {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("plugtest");
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            assertThat(run("plugtest", "--host", "127.0.0.1", "--port", String.valueOf(taken.getLocalPort())))
                    .isEqualTo(1);
        }
        assertThat(err.toString()).startsWith("tributary: ").containsIgnoringCase("address already in use");
    }
}
