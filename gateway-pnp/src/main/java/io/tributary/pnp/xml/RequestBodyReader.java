package io.tributary.pnp.xml;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CapabilityRequest;
import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.FileSource;
import io.tributary.pnp.message.FileTransferRequest;
import io.tributary.pnp.message.ImageInstallRequest;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.TopologyRequest;

/** Maps a service {@code request} element to a typed {@link ServiceRequest}; used by agents and the simulator. */
final class RequestBodyReader {

    private RequestBodyReader() {
    }

    static ServiceRequest read(Service service, XmlElement request) {
        return switch (service) {
            case DEVICE_INFO -> deviceInfo(request);
            case CONFIG_UPGRADE -> configUpgrade(request);
            case IMAGE_INSTALL -> imageInstall(request);
            case CLI_EXEC -> cliExec(request);
            case CLI_CONFIG -> cliConfig(request);
            case BACKOFF -> backoff(request);
            case CAPABILITY -> new CapabilityRequest();
            case TOPOLOGY -> new TopologyRequest();
            case CERTIFICATE_INSTALL -> certificateInstall(request);
            case FILE_TRANSFER -> fileTransfer(request);
            case REDIRECTION -> redirection(request);
            case RELOAD -> new ReloadRequest(reload(required(request, "reload")));
        };
    }

    private static XmlElement required(XmlElement parent, String... path) {
        XmlElement found = parent.path(path);
        if (found == null) {
            throw PnpReader.invalid(parent.name + " lacks " + String.join("/", path));
        }
        return found;
    }

    private static DeviceInfoRequest deviceInfo(XmlElement request) {
        return new DeviceInfoRequest(DeviceInfoRequest.Type.fromXml(required(request, "deviceInfo").attr("type")));
    }

    private static FileSource source(XmlElement copy) {
        XmlElement source = required(copy, "source");
        String location = location(source);
        if (location == null) {
            throw PnpReader.invalid("source has neither location nor uri");
        }
        return new FileSource(location, Values.emptyToNull(source.childText("checksum")));
    }

    private static String location(XmlElement parent) {
        if (parent == null) {
            return null;
        }
        String location = parent.childText("location");
        return location != null ? location : parent.childText("uri");
    }

    private static Reload reload(XmlElement reload) {
        if (reload == null) {
            return null;
        }
        return new Reload(reload.childText("reason"), Values.intOrNull(reload.childText("delayIn")),
                reload.childText("user"), Values.boolOrNull(reload.childText("saveConfig")));
    }

    private static ConfigUpgradeRequest configUpgrade(XmlElement request) {
        XmlElement config = required(request, "config");
        XmlElement copy = required(config, "copy");
        String applyTo = copy.childText("applyTo");
        ConfigUpgradeRequest.ApplyTo target = null;
        if ("startup".equalsIgnoreCase(applyTo)) {
            target = ConfigUpgradeRequest.ApplyTo.STARTUP;
        } else if ("running".equalsIgnoreCase(applyTo)) {
            target = ConfigUpgradeRequest.ApplyTo.RUNNING;
        }
        ConfigUpgradeRequest.Details details = null;
        for (ConfigUpgradeRequest.Details candidate : ConfigUpgradeRequest.Details.values()) {
            if (candidate.xml().equals(config.attr("details"))) {
                details = candidate;
            }
        }
        return new ConfigUpgradeRequest(source(copy), target, details, reload(request.child("reload")));
    }

    private static ImageInstallRequest imageInstall(XmlElement request) {
        XmlElement copy = required(request, "image", "copy");
        return new ImageInstallRequest(source(copy), location(copy.child("destination")),
                reload(request.child("reload")));
    }

    private static CliExecRequest cliExec(XmlElement request) {
        XmlElement exec = required(request, "execCLI");
        String command = exec.childText("cmd");
        if (command == null) {
            throw PnpReader.invalid("execCLI has no cmd");
        }
        Duration maxWait = null;
        String wait = exec.attr("maxWait");
        if (wait != null) {
            try {
                maxWait = Duration.parse(wait);
            } catch (DateTimeParseException e) {
                maxWait = null;
            }
        }
        List<CliExecRequest.Dialogue> dialogues = new ArrayList<>();
        for (XmlElement dialogue : exec.all("dialogue")) {
            dialogues.add(new CliExecRequest.Dialogue(dialogue.childText("expect"), dialogue.childText("reply")));
        }
        return new CliExecRequest(command, maxWait, dialogues);
    }

    private static CliConfigRequest cliConfig(XmlElement request) {
        for (CliConfigRequest.Mode mode : CliConfigRequest.Mode.values()) {
            XmlElement element = request.child(mode.xml());
            if (element == null) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            XmlElement data = element.path("config-data", "cli-config-data");
            if (data != null) {
                for (XmlElement cmd : data.all("cmd")) {
                    commands.add(cmd.text());
                }
            }
            XmlElement block = element.path("config-data", "cli-config-data-block");
            if (block != null) {
                for (String line : block.rawText().split("\n")) {
                    if (!line.isBlank()) {
                        commands.add(line.trim());
                    }
                }
            }
            if (mode != CliConfigRequest.Mode.PERSIST && commands.isEmpty()) {
                throw PnpReader.invalid(mode.xml() + " has no commands");
            }
            CliConfigRequest.ActionOnFail onFail = null;
            for (CliConfigRequest.ActionOnFail candidate : CliConfigRequest.ActionOnFail.values()) {
                if (candidate.xml().equals(element.attr("action-on-fail"))) {
                    onFail = candidate;
                }
            }
            return new CliConfigRequest(mode, onFail, commands);
        }
        throw PnpReader.invalid("cli-config request holds none of configTest, configApply, configPersist");
    }

    private static BackoffRequest backoff(XmlElement request) {
        XmlElement backoff = required(request, "backoff");
        String reason = backoff.childText("reason");
        reason = reason == null ? "" : reason;
        if (backoff.child("terminate") != null) {
            return BackoffRequest.terminate(reason);
        }
        Integer minutes = Values.intOrNull(backoff.childText("defaultMinutes"));
        if (minutes != null && minutes >= 1 && minutes <= 2880) {
            return BackoffRequest.defaultMinutes(reason, minutes);
        }
        XmlElement after = backoff.child("callbackAfter");
        if (after == null) {
            throw PnpReader.invalid("backoff holds none of terminate, defaultMinutes 1-2880, callbackAfter");
        }
        Long hours = Values.longOrNull(after.childText("hours"));
        Long mins = Values.longOrNull(after.childText("minutes"));
        Long secs = Values.longOrNull(after.childText("seconds"));
        if (hours == null && mins == null && secs == null) {
            return BackoffRequest.callbackAfter(reason, BackoffRequest.DEFAULT_CALLBACK);
        }
        long total = clamp(hours, 47) * 3600 + clamp(mins, 59) * 60 + clamp(secs, 59);
        return BackoffRequest.callbackAfter(reason, Duration.ofSeconds(total));
    }

    private static long clamp(Long value, long max) {
        return value == null ? 0 : Math.max(0, Math.min(max, value));
    }

    private static CertificateInstallRequest certificateInstall(XmlElement request) {
        XmlElement cert = required(request, "certificateInstall", "cert");
        ServerAddress reconnect = server(request.path("certificateInstall", "reconnect", "primary-server"));
        XmlElement install = cert.child("install");
        if (install != null) {
            XmlElement trustpoint = install.child("trustpoint");
            if (trustpoint != null) {
                return new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL,
                        CertificateInstallRequest.Target.TRUSTPOINT, trustpoint.childText("label"),
                        requireLocation(trustpoint), reconnect);
            }
            XmlElement trustpool = required(install, "trustpool");
            return new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL,
                    CertificateInstallRequest.Target.TRUSTPOOL, null, requireLocation(trustpool), reconnect);
        }
        XmlElement uninstall = required(cert, "uninstall");
        XmlElement trustpoint = uninstall.child("trustpoint");
        if (trustpoint != null) {
            String label = trustpoint.childText("label");
            if (label == null) {
                throw PnpReader.invalid("uninstall/trustpoint has no label");
            }
            return new CertificateInstallRequest(CertificateInstallRequest.Action.UNINSTALL,
                    CertificateInstallRequest.Target.TRUSTPOINT, label, null, reconnect);
        }
        required(uninstall, "trustpool");
        return new CertificateInstallRequest(CertificateInstallRequest.Action.UNINSTALL,
                CertificateInstallRequest.Target.TRUSTPOOL, null, null, reconnect);
    }

    private static String requireLocation(XmlElement parent) {
        String location = location(parent.path("copy", "source"));
        if (location == null) {
            throw PnpReader.invalid(parent.name + " has no copy/source/location");
        }
        return location;
    }

    private static FileTransferRequest fileTransfer(XmlElement request) {
        XmlElement copy = required(request, "fileTransfer", "copy");
        String source = location(copy.child("source"));
        String destination = location(copy.child("destination"));
        if (source == null || destination == null) {
            throw PnpReader.invalid("fileTransfer needs a source and a destination");
        }
        return new FileTransferRequest(source, destination);
    }

    private static RedirectionRequest redirection(XmlElement request) {
        XmlElement redirection = required(request, "redirection");
        ServerAddress primary = server(redirection.child("primary-server"));
        if (primary == null) {
            throw PnpReader.invalid("redirection has no usable primary-server");
        }
        return new RedirectionRequest(Values.boolOrNull(redirection.childText("callback")), primary,
                server(redirection.child("backup-server")));
    }

    /** Reads a {@code primary-server}-like element; {@code null} when absent or unusable. */
    static ServerAddress server(XmlElement server) {
        if (server == null) {
            return null;
        }
        String protocol = server.childText("protocol");
        XmlElement address = server.child("server-address");
        if (protocol == null || address == null) {
            return null;
        }
        String host = address.childText("ipv4");
        if (host == null) {
            host = address.childText("ipv6");
        }
        if (host == null) {
            host = address.childText("host");
        }
        if (host == null) {
            return null;
        }
        Integer port = Values.intOrNull(address.childText("port"));
        return new ServerAddress(protocol, host, port != null && port >= 1 && port <= 65535 ? port : null);
    }
}
