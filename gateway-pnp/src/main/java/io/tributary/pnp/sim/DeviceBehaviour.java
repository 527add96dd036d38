package io.tributary.pnp.sim;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.tributary.pnp.files.Checksums;
import io.tributary.pnp.message.Capabilities;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.CliOutput;
import io.tributary.pnp.message.ConfigResults;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.FileSource;
import io.tributary.pnp.message.FileTransferRequest;
import io.tributary.pnp.message.ImageInstallRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.ServiceResult;
import io.tributary.pnp.message.Topology;
import io.tributary.pnp.message.Udi;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * How a simulated device performs each service: plausible Cisco answers, real downloads of configs and images
 * with MD5 checks, and injected failures. Error numbers the simulator uses on its own: 1401 (config copy failed),
 * 1412 (config checksum mismatch), 1802 (image copy failed), 1803 (image checksum mismatch), 1701 (file copy
 * failed).
 */
final class DeviceBehaviour {

    private final SimulatedAgent agent;
    private final Map<Service, Integer> failuresLeft = new EnumMap<>(Service.class);
    private final Map<Service, Failure> failures = new EnumMap<>(Service.class);

    DeviceBehaviour(SimulatedAgent agent) {
        this.agent = agent;
        for (Failure failure : agent.failures) {
            failures.put(failure.service(), failure);
            failuresLeft.put(failure.service(), failure.times());
        }
    }

    Mono<ServiceResponse> perform(ServiceRequest request) {
        Service service = request.service();
        int left = failuresLeft.getOrDefault(service, 0);
        if (left > 0) {
            failuresLeft.put(service, left - 1);
            Failure failure = failures.get(service);
            return Mono.just(failure(service, failure.code(), failure.message()));
        }
        if (request instanceof ConfigUpgradeRequest config) {
            return download(config.source(), service, 1401, 1412);
        }
        if (request instanceof ImageInstallRequest image) {
            return download(image.source(), service, 1802, 1803);
        }
        if (request instanceof FileTransferRequest transfer) {
            return download(new FileSource(transfer.source(), null), service, 1701, 1701);
        }
        return Mono.just(ServiceResponse.success(service, result(request)));
    }

    static ServiceResponse failure(Service service, int code, String message) {
        String severity = switch (service) {
            case CLI_EXEC, CLI_CONFIG -> null;
            case DEVICE_INFO, CONFIG_UPGRADE, IMAGE_INSTALL, CERTIFICATE_INSTALL -> "XSVC_ERROR";
            default -> "ERROR";
        };
        return ServiceResponse.failure(service, ErrorInfo.of(severity, code, message));
    }

    private Mono<ServiceResponse> download(FileSource source, Service service, int copyFailed, int badChecksum) {
        String location = source.location();
        if (!agent.downloadFiles || !(location.startsWith("http://") || location.startsWith("https://"))) {
            return Mono.just(ServiceResponse.success(service, null));
        }
        HttpClient client = agent.client;
        return client.get().uri(location)
                .responseSingle((response, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                        .map(bytes -> {
                            if (response.status().code() != 200) {
                                return failure(service, copyFailed, "copy of " + location + " failed: HTTP "
                                        + response.status().code());
                            }
                            if (source.checksum() != null && !source.checksum().equalsIgnoreCase(Checksums.md5(bytes))) {
                                return failure(service, badChecksum, "checksum mismatch for " + location);
                            }
                            return ServiceResponse.success(service, null);
                        }))
                .onErrorResume(e -> Mono.just(failure(service, copyFailed, "copy of " + location + " failed: " + e)));
    }

    private ServiceResult result(ServiceRequest request) {
        Udi udi = agent.udi;
        return switch (request.service()) {
            case DEVICE_INFO -> deviceInfo(udi);
            case CLI_EXEC -> {
                String command = ((CliExecRequest) request).command();
                yield new CliOutput(List.of(new CliOutput.Entry(command, "Cisco IOS Software, " + udi.pid()
                        + " Software, Version 15.2(4)M7\n" + agent.hostname + " uptime is 2 minutes\n"
                        + "Processor board ID " + udi.serial() + "\n")));
            }
            case CLI_CONFIG -> {
                List<ConfigResults.Entry> entries = new ArrayList<>();
                List<String> commands = ((CliConfigRequest) request).commands();
                for (int i = 0; i < commands.size(); i++) {
                    entries.add(new ConfigResults.Entry(i + 1, commands.get(i), ConfigResults.Outcome.SUCCESS, null));
                }
                yield entries.isEmpty() ? null : new ConfigResults(entries);
            }
            case CAPABILITY -> new Capabilities(List.of("cisco:pnp:backoff", "cisco:pnp:capabilities",
                    "cisco:pnp:cli-config", "cisco:pnp:cli-exec", "cisco:pnp:config-upgrade", "cisco:pnp:device-info",
                    "cisco:pnp:file-transfer", "cisco:pnp:image-install", "cisco:pnp:redirection", "cisco:pnp:reload",
                    "cisco:pnp:topology", "cisco:pnp:work-info", "cisco:pnp:certificate-install"),
                    List.of("cisco:pnp:service-log"));
            case TOPOLOGY -> new Topology(List.of(
                    new Topology.Neighbour("GigabitEthernet0/1", "Gi0/1", "00:1e:13:aa:00:01", "GigabitEthernet1/0/7",
                            "Gi1/0/7", "00:1e:13:bb:00:07", "dist-1", "WS-C3850-48P", "16.9.4"),
                    new Topology.Neighbour("GigabitEthernet0/2", "Gi0/2", "00:1e:13:aa:00:02", "GigabitEthernet2/0/7",
                            "Gi2/0/7", "00:1e:13:cc:00:07", "dist-2", "WS-C3850-48P", "16.9.4")));
            default -> null;
        };
    }

    private DeviceInfo deviceInfo(Udi udi) {
        return new DeviceInfo(udi.toString(), List.of(), List.of(),
                new DeviceInfo.HardwareInfo(agent.hostname, "Cisco", udi.pid(), "PowerPC405", "1.0", 536_870_912L,
                        67_108_864L, 1L, "A0", "B2", null, null),
                new DeviceInfo.ImageInfo("Cisco IOS Software, Version 15.2(4)M7", "flash:c2900-universalk9-mz.SPA.bin",
                        "d41d8cd98f00b204e9800998ecf8427e", "power-on", "flash:c2900-universalk9-mz.SPA.bin", "",
                        "", "0x2102", "0x2102"),
                List.of(new DeviceInfo.FileSystem("bootflash", "flash", 255_744_000L, 120_004_608L, true, true),
                        new DeviceInfo.FileSystem("nvram", "nvram", 262_136L, 255_000L, true, true)),
                List.of(new DeviceInfo.Profile("pnp-zero-touch", "PnP-DHCP", true,
                        new ServerAddress("http", "pnpserver.example.net", 80))));
    }
}
