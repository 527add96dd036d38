package io.tributary.pnp.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.Capabilities;
import io.tributary.pnp.message.CapabilityRequest;
import io.tributary.pnp.message.CertificateInstallRequest;
import io.tributary.pnp.message.CliConfigRequest;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.CliOutput;
import io.tributary.pnp.message.ConfigResults;
import io.tributary.pnp.message.ConfigUpgradeRequest;
import io.tributary.pnp.message.Credentials;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.FileSource;
import io.tributary.pnp.message.FileTransferRequest;
import io.tributary.pnp.message.ImageInstallRequest;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Topology;
import io.tributary.pnp.message.TopologyRequest;

/** Every request shape the server can emit, and typical agent responses, for schema and round-trip tests. */
public final class SampleMessages {

    public static final String UDI = "PID:CISCO2921/K9,VID:,SN:FTX1503AH3V";
    public static final String CORRELATOR = "CiscoPnP-1.0-1465-25A1212C";

    private SampleMessages() {
    }

    public static List<ServiceRequest> requests() {
        List<ServiceRequest> all = new ArrayList<>();
        for (DeviceInfoRequest.Type type : DeviceInfoRequest.Type.values()) {
            all.add(new DeviceInfoRequest(type));
        }
        FileSource config = new FileSource("http://10.0.0.1:8080/pnp/files/config/FTX1503AH3V/base.cfg",
                "f4c14103bdb911a7d3982a1fd02cb2df");
        all.add(new ConfigUpgradeRequest(config, ConfigUpgradeRequest.ApplyTo.STARTUP, null,
                new Reload("provisioning", 120, "tributary", true)));
        all.add(new ConfigUpgradeRequest(config, ConfigUpgradeRequest.ApplyTo.RUNNING,
                ConfigUpgradeRequest.Details.ALL, null));
        all.add(new ConfigUpgradeRequest(new FileSource("flash:base.cfg", null), null, null, Reload.because("x")));
        FileSource image = new FileSource("http://10.0.0.1:8080/pnp/files/image/c2900.bin",
                "5660cb647e66fa22de8698a5acb7a8ed");
        all.add(new ImageInstallRequest(image, "flash:c2900.bin", new Reload(null, null, null, true)));
        all.add(new ImageInstallRequest(image, null, null));
        all.add(CliExecRequest.of("show version"));
        all.add(new CliExecRequest("copy run start", Duration.ofSeconds(100),
                List.of(new CliExecRequest.Dialogue("Destination filename [startup-config]?", ""))));
        all.add(CliConfigRequest.apply(List.of("hostname edge-1", "ip domain-name example.net")));
        all.add(new CliConfigRequest(CliConfigRequest.Mode.APPLY, CliConfigRequest.ActionOnFail.ROLLBACK,
                List.of("access-list 1 permit any")));
        all.add(new CliConfigRequest(CliConfigRequest.Mode.TEST, null, List.of("interface Gi0/1")));
        all.add(new CliConfigRequest(CliConfigRequest.Mode.PERSIST, null, List.of()));
        all.add(BackoffRequest.callbackAfter("take it easy", Duration.ofHours(2).plusMinutes(10).plusSeconds(25)));
        all.add(BackoffRequest.callbackAfter("max", Duration.ofDays(5)));
        all.add(BackoffRequest.defaultMinutes("slower", 60));
        all.add(BackoffRequest.terminate("provisioning complete"));
        all.add(new CapabilityRequest());
        all.add(new TopologyRequest());
        all.add(new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL,
                CertificateInstallRequest.Target.TRUSTPOINT, "pnp-ca", "http://10.0.0.1/pnp/files/image/ca.pem",
                new ServerAddress("https", "pnp.example.net", 8443)));
        all.add(new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL,
                CertificateInstallRequest.Target.TRUSTPOOL, null, "http://10.0.0.1/pnp/files/image/ios.p7b", null));
        all.add(new CertificateInstallRequest(CertificateInstallRequest.Action.UNINSTALL,
                CertificateInstallRequest.Target.TRUSTPOINT, "old-ca", null, null));
        all.add(new CertificateInstallRequest(CertificateInstallRequest.Action.UNINSTALL,
                CertificateInstallRequest.Target.TRUSTPOOL, null, null, null));
        all.add(new FileTransferRequest("http://10.0.0.1/pnp/files/image/banner.txt", "flash:banner.txt"));
        all.add(new RedirectionRequest(false, new ServerAddress("http", "172.19.210.215", null), null));
        all.add(new RedirectionRequest(null, new ServerAddress("https", "pnp.example.net", 443),
                new ServerAddress("https", "2001:db8::1", 8443)));
        all.add(new ReloadRequest(new Reload("PnP Recovery", 30, "tributary", true)));
        all.add(new ReloadRequest(Reload.because("now")));
        return all;
    }

    /** Requests as whole messages, half of them with credentials and a session id. */
    public static List<PnpMessage> requestMessages() {
        List<PnpMessage> all = new ArrayList<>();
        int i = 0;
        for (ServiceRequest request : requests()) {
            PnpMessage message = PnpMessage.of(UDI, CORRELATOR, request);
            if (i++ % 2 == 0) {
                message = new PnpMessage("1.0", UDI, "session-" + i, new Credentials("admin", "s3cret"),
                        CORRELATOR, request);
            }
            all.add(message);
        }
        all.add(PnpMessage.of(UDI, CORRELATOR, new Bye(null)));
        all.add(PnpMessage.of(UDI, CORRELATOR, new Bye("sid-7")));
        return all;
    }

    public static DeviceInfo deviceInfo() {
        return new DeviceInfo(UDI, List.of(new DeviceInfo.StackMember(1, UDI)), List.of(),
                new DeviceInfo.HardwareInfo("Router", "Cisco", "CISCO2921/K9", "PowerPC", "1.0", 2_147_483_648L,
                        268_435_456L, 1L, "A0", "B1", "", "lab"),
                new DeviceInfo.ImageInfo("Cisco IOS Software, Version 15.2(4)M", "flash:c2900.bin",
                        "5660cb647e66fa22de8698a5acb7a8ed", "power-on", "flash:c2900.bin", "", "", "0x2102",
                        "0x2102"),
                List.of(new DeviceInfo.FileSystem("bootflash", "flash", 256_000_000L, 128_000_000L, true, true),
                        new DeviceInfo.FileSystem("nvram", "nvram", 262_144L, 250_000L, true, true)),
                List.of(new DeviceInfo.Profile("pnp-zero-touch", "PnP-DHCP", true,
                        new ServerAddress("http", "10.0.0.1", 8080))));
    }

    public static List<ServiceResponse> responses() {
        List<ServiceResponse> all = new ArrayList<>();
        all.add(ServiceResponse.success(Service.DEVICE_INFO, deviceInfo()));
        all.add(ServiceResponse.failure(Service.DEVICE_INFO, ErrorInfo.of("XSVC_ERROR", 1601, "no such type")));
        all.add(ServiceResponse.success(Service.CONFIG_UPGRADE, null));
        all.add(ServiceResponse.failure(Service.CONFIG_UPGRADE, ErrorInfo.of("XSVC_ERROR", 1412, "checksum")));
        all.add(ServiceResponse.success(Service.IMAGE_INSTALL, null));
        all.add(ServiceResponse.failure(Service.IMAGE_INSTALL,
                ErrorInfo.of("XSVC_ERROR", 1806, "invalid image format")));
        all.add(ServiceResponse.success(Service.CLI_EXEC, new CliOutput(List.of(
                new CliOutput.Entry("show version", "Cisco IOS Software\n  uptime is 1 minute\n")))));
        all.add(new ServiceResponse(Service.CLI_EXEC, false, new ErrorInfo(null, "PnP Service Error 1301", "bad"),
                null, null));
        all.add(ServiceResponse.success(Service.CLI_CONFIG, new ConfigResults(List.of(
                new ConfigResults.Entry(1, "hostname edge-1", ConfigResults.Outcome.SUCCESS, null),
                new ConfigResults.Entry(2, "bogus", ConfigResults.Outcome.INVALID, "% Invalid input")))));
        all.add(ServiceResponse.success(Service.BACKOFF, null));
        all.add(ServiceResponse.success(Service.CAPABILITY, new Capabilities(
                List.of("cisco:pnp:device-info", "cisco:pnp:image-install"), List.of("cisco:pnp:service-log"))));
        all.add(ServiceResponse.success(Service.TOPOLOGY, new Topology(List.of(new Topology.Neighbour(
                "GigabitEthernet0/1", "Gi0/1", "00:11:22:33:44:55", "GigabitEthernet1/0/24", "Gi1/0/24",
                "00:aa:bb:cc:dd:ee", "core-1", "WS-C3850-24T", "16.9.4")))));
        all.add(ServiceResponse.success(Service.CERTIFICATE_INSTALL, null));
        all.add(ServiceResponse.failure(Service.FILE_TRANSFER, ErrorInfo.of("ERROR", 1701, "no space")));
        all.add(ServiceResponse.success(Service.REDIRECTION, null));
        all.add(ServiceResponse.success(Service.RELOAD, null));
        return all;
    }
}
