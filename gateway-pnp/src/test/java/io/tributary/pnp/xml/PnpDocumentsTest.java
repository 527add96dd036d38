package io.tributary.pnp.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

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
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.DeviceInfoRequest;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.FileSource;
import io.tributary.pnp.message.FileTransferRequest;
import io.tributary.pnp.message.ImageInstallRequest;
import io.tributary.pnp.message.PnpBody;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.RedirectionRequest;
import io.tributary.pnp.message.Reload;
import io.tributary.pnp.message.ReloadRequest;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Topology;
import io.tributary.pnp.message.TopologyRequest;
import io.tributary.pnp.message.WorkRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fixed documents written by hand from Cisco's schemas ({@code ../shared/pnp-schema/pnp_*_body.xsd}) and samples
 * (the comments of {@code pnp_*_svc.xsd}, {@code CISCO-PNP-README.md}, {@code ../shared/protocols/pnp.md}): the
 * writer emits exactly these bytes, the reader reads each to exactly its message, and Cisco's own samples, as they
 * are printed there, read to the messages they describe.
 */
class PnpDocumentsTest {

    static final String UDI = "PID:CISCO2921/K9,VID:,SN:FTX1503AH3V";
    static final String CORRELATOR = "CiscoPnP-1.0-1465-25A1212C";
    static final String SAMPLE_UDI = "PID:7206VXR,VID:,SN:34835437";
    static final String SAMPLE_CORRELATOR = "CiscoPnP-1.0-1-11-14A9C6D0-2";

    private final PnpWriter writer = PnpWriter.create();
    private final PnpReader reader = PnpReader.create();

    /** A message and its document, indented here for reading; on the wire nothing stands between the tags. */
    record Document(String name, PnpMessage message, String xml) {
        /** @return the document as the writer emits it: a declaration, no whitespace between tags */
        String wire() {
            return "<?xml version='1.0' encoding='UTF-8'?>" + xml.strip().replaceAll(">\\s+<", "><");
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Document document(String name, PnpBody body, String xml) {
        return new Document(name, PnpMessage.of(UDI, CORRELATOR, body), xml);
    }

    private static Document request(String name, PnpBody body, String namespace, String content) {
        return document(name, body, "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\">"
                + "<request xmlns=\"urn:cisco:pnp:" + namespace + "\" correlator=\"" + CORRELATOR + "\">" + content
                + "</request></pnp>");
    }

    private static Document response(String name, ServiceResponse body, String content) {
        return document(name, body, "<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\" udi=\"" + UDI + "\">"
                + "<response xmlns=\"" + body.service().namespace() + "\" correlator=\"" + CORRELATOR
                + "\" success=\"" + (body.success() ? 1 : 0) + "\">" + content + "</response></pnp>");
    }

    static Stream<Document> documents() {
        return Stream.of(
                document("work request (pnp_device_id_svc.xsd)", new WorkRequest(new DeviceId(UDI, "Router", true,
                        false, "Password in clear text in unsecured transport")), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                            <deviceId>
                              <udi>PID:CISCO2921/K9,VID:,SN:FTX1503AH3V</udi>
                              <hostname>Router</hostname>
                              <authRequired>true</authRequired>
                              <viaProxy>false</viaProxy>
                              <securityAdvise>Password in clear text in unsecured transport</securityAdvise>
                            </deviceId>
                          </info>
                        </pnp>"""),
                document("bye (pnp_work_info_body.xsd)", new Bye(null), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                            <workInfo>
                              <bye/>
                            </workInfo>
                          </info>
                        </pnp>"""),
                document("bye with session id", new Bye("sid-7"), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                            <workInfo>
                              <bye/>
                              <sid>sid-7</sid>
                            </workInfo>
                          </info>
                        </pnp>"""),
                new Document("fault, without correlator (pnp.md errors)", PnpMessage.of(UDI, null,
                        new Fault("XSVC:Client", "malformed", "unexpected end of input")), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <response xmlns="urn:cisco:pnp:fault">
                            <fault>
                              <faultcode>XSVC:Client</faultcode>
                              <faultstring>malformed</faultstring>
                              <detail>unexpected end of input</detail>
                            </fault>
                          </response>
                        </pnp>"""),
                new Document("device-info with session id and device login", new PnpMessage("1.0", UDI,
                        "session-1", new Credentials("usr15", "pwd15"), CORRELATOR,
                        new DeviceInfoRequest(DeviceInfoRequest.Type.FILESYSTEM)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V" sid="session-1" usr="usr15" pwd="pwd15">
                          <request xmlns="urn:cisco:pnp:device-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                            <deviceInfo type="filesystem"/>
                          </request>
                        </pnp>"""),
                request("config-upgrade, startup, reload", new ConfigUpgradeRequest(new FileSource(
                        "http://10.0.0.1:8080/pnp/files/config/FTX1503AH3V/base.cfg",
                        "f4c14103bdb911a7d3982a1fd02cb2df"), ConfigUpgradeRequest.ApplyTo.STARTUP, null,
                        new Reload("none", 120, "test", null)), "config-upgrade", """
                        <config>
                          <copy>
                            <source>
                              <location>http://10.0.0.1:8080/pnp/files/config/FTX1503AH3V/base.cfg</location>
                              <checksum>f4c14103bdb911a7d3982a1fd02cb2df</checksum>
                            </source>
                            <applyTo>startup</applyTo>
                            <abortOnSyntaxFault/>
                          </copy>
                        </config>
                        <reload>
                          <reason>none</reason>
                          <delayIn>120</delayIn>
                          <user>test</user>
                        </reload>"""),
                request("config-upgrade, running, details, no reload", new ConfigUpgradeRequest(new FileSource(
                        "http://10.0.0.1:8080/pnp/files/config/FTX1503AH3V/base.cfg",
                        "f4c14103bdb911a7d3982a1fd02cb2df"), ConfigUpgradeRequest.ApplyTo.RUNNING,
                        ConfigUpgradeRequest.Details.ALL, null), "config-upgrade", """
                        <config details="all">
                          <copy>
                            <source>
                              <location>http://10.0.0.1:8080/pnp/files/config/FTX1503AH3V/base.cfg</location>
                              <checksum>f4c14103bdb911a7d3982a1fd02cb2df</checksum>
                            </source>
                            <applyTo>running</applyTo>
                            <abortOnSyntaxFault/>
                          </copy>
                        </config>
                        <noReload/>"""),
                request("image-install, reload", new ImageInstallRequest(new FileSource(
                        "http://10.0.0.1:8080/pnp/files/file/c2900.bin", "5660cb647e66fa22de8698a5acb7a8ed"),
                        "flash:c2900.bin", new Reload("none", 120, "test", true)), "image-install", """
                        <image>
                          <copy>
                            <source>
                              <location>http://10.0.0.1:8080/pnp/files/file/c2900.bin</location>
                              <checksum>5660cb647e66fa22de8698a5acb7a8ed</checksum>
                            </source>
                            <destination>
                              <location>flash:c2900.bin</location>
                            </destination>
                          </copy>
                        </image>
                        <reload>
                          <reason>none</reason>
                          <delayIn>120</delayIn>
                          <user>test</user>
                          <saveConfig>true</saveConfig>
                        </reload>"""),
                request("cli-exec with a dialogue", new CliExecRequest("copy run start", Duration.ofSeconds(100),
                        List.of(new CliExecRequest.Dialogue("Destination filename [startup-config]?", "y"))),
                        "cli-exec", """
                        <execCLI maxWait="PT1M40S">
                          <cmd>copy run start</cmd>
                          <dialogue>
                            <expect>Destination filename [startup-config]?</expect>
                            <reply>y</reply>
                          </dialogue>
                        </execCLI>"""),
                request("cli-config apply, rollback", new CliConfigRequest(CliConfigRequest.Mode.APPLY,
                        CliConfigRequest.ActionOnFail.ROLLBACK, List.of("access-list 1 permit any", "end")),
                        "cli-config", """
                        <configApply action-on-fail="rollback">
                          <config-data>
                            <cli-config-data>
                              <cmd>access-list 1 permit any</cmd>
                              <cmd>end</cmd>
                            </cli-config-data>
                          </config-data>
                        </configApply>"""),
                request("cli-config persist", new CliConfigRequest(CliConfigRequest.Mode.PERSIST, null, List.of()),
                        "cli-config", "<configPersist/>"),
                request("backoff, callbackAfter", BackoffRequest.callbackAfter("take it easy",
                        Duration.ofHours(2).plusMinutes(10).plusSeconds(25)), "backoff", """
                        <backoff>
                          <reason>take it easy</reason>
                          <callbackAfter>
                            <hours>2</hours>
                            <minutes>10</minutes>
                            <seconds>25</seconds>
                          </callbackAfter>
                        </backoff>"""),
                request("backoff, defaultMinutes", BackoffRequest.defaultMinutes("slower", 60), "backoff", """
                        <backoff>
                          <reason>slower</reason>
                          <defaultMinutes>60</defaultMinutes>
                        </backoff>"""),
                request("backoff, terminate", BackoffRequest.terminate("provisioning complete"), "backoff", """
                        <backoff>
                          <reason>provisioning complete</reason>
                          <terminate/>
                        </backoff>"""),
                document("capability (an empty request)", new CapabilityRequest(), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <request xmlns="urn:cisco:pnp:capability" correlator="CiscoPnP-1.0-1465-25A1212C"/>
                        </pnp>"""),
                document("topology (an empty request)", new TopologyRequest(), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <request xmlns="urn:cisco:pnp:topology" correlator="CiscoPnP-1.0-1465-25A1212C"/>
                        </pnp>"""),
                request("certificate-install, trustpoint, reconnect", new CertificateInstallRequest(
                        CertificateInstallRequest.Action.INSTALL, CertificateInstallRequest.Target.TRUSTPOINT,
                        "pnp-ca", "http://10.0.0.1/pnp/files/file/ca.pem",
                        new ServerAddress("https", "pnp.example.net", 8443)), "certificate-install", """
                        <certificateInstall>
                          <cert>
                            <install>
                              <trustpoint>
                                <label>pnp-ca</label>
                                <copy>
                                  <source>
                                    <location>http://10.0.0.1/pnp/files/file/ca.pem</location>
                                  </source>
                                </copy>
                              </trustpoint>
                            </install>
                          </cert>
                          <reconnect>
                            <primary-server>
                              <protocol>https</protocol>
                              <server-address>
                                <host>pnp.example.net</host>
                                <port>8443</port>
                              </server-address>
                            </primary-server>
                          </reconnect>
                        </certificateInstall>"""),
                request("certificate-install, trustpool uninstall", new CertificateInstallRequest(
                        CertificateInstallRequest.Action.UNINSTALL, CertificateInstallRequest.Target.TRUSTPOOL, null,
                        null, null), "certificate-install", """
                        <certificateInstall>
                          <cert>
                            <uninstall>
                              <trustpool/>
                            </uninstall>
                          </cert>
                        </certificateInstall>"""),
                request("file-transfer", new FileTransferRequest("http://10.0.0.1/pnp/files/file/banner.txt",
                        "flash:banner.txt"), "file-transfer", """
                        <fileTransfer>
                          <copy>
                            <source>
                              <location>http://10.0.0.1/pnp/files/file/banner.txt</location>
                            </source>
                            <destination>
                              <location>flash:banner.txt</location>
                            </destination>
                          </copy>
                        </fileTransfer>"""),
                request("redirection, IPv4 primary and IPv6 backup", new RedirectionRequest(false,
                        new ServerAddress("http", "172.19.210.215", null),
                        new ServerAddress("https", "2001:db8::1", 8443)), "redirection", """
                        <redirection>
                          <callback>false</callback>
                          <primary-server>
                            <protocol>http</protocol>
                            <server-address>
                              <ipv4>172.19.210.215</ipv4>
                            </server-address>
                          </primary-server>
                          <backup-server>
                            <protocol>https</protocol>
                            <server-address>
                              <ipv6>2001:db8::1</ipv6>
                              <port>8443</port>
                            </server-address>
                          </backup-server>
                        </redirection>"""),
                request("reload", new ReloadRequest(new Reload("PnP Recovery", 30, "APIC-EM PnP Service", true)),
                        "reload", """
                        <reload>
                          <reason>PnP Recovery</reason>
                          <delayIn>30</delayIn>
                          <user>APIC-EM PnP Service</user>
                          <saveConfig>true</saveConfig>
                        </reload>"""),
                response("device-info response", ServiceResponse.success(Service.DEVICE_INFO, new DeviceInfo(UDI,
                        List.of(new DeviceInfo.StackMember(1, UDI)), List.of(),
                        new DeviceInfo.HardwareInfo("Router", "Cisco", "CISCO2921/K9", "PowerPC", "1.0",
                                2_147_483_648L, 268_435_456L, 1L, "A0", "B1", "", "lab"),
                        new DeviceInfo.ImageInfo("Cisco IOS Software, Version 15.2(4)M", "flash:c2900.bin",
                                "5660cb647e66fa22de8698a5acb7a8ed", "power-on", "flash:c2900.bin", "", "", "0x2102",
                                "0x2102"),
                        List.of(new DeviceInfo.FileSystem("bootflash", "flash", 256_000_000L, 128_000_000L, true,
                                true)),
                        List.of(new DeviceInfo.Profile("pnp-zero-touch", "PnP-DHCP", true,
                                new ServerAddress("http", "10.0.0.1", 8080))))), """
                        <fileSystemList>
                          <fileSystem writable="true" type="flash" size="256000000" readable="true" name="bootflash" freespace="128000000"/>
                        </fileSystemList>
                        <udi>
                          <primary-chassis>PID:CISCO2921/K9,VID:,SN:FTX1503AH3V</primary-chassis>
                          <stacked-switch>
                            <member-udi slot="1">PID:CISCO2921/K9,VID:,SN:FTX1503AH3V</member-udi>
                          </stacked-switch>
                        </udi>
                        <hardwareInfo>
                          <hostname>Router</hostname>
                          <vendor>Cisco</vendor>
                          <platformName>CISCO2921/K9</platformName>
                          <processorType>PowerPC</processorType>
                          <hwRevision>1.0</hwRevision>
                          <mainMemSize>2147483648</mainMemSize>
                          <ioMemSize>268435456</ioMemSize>
                          <boardId>1</boardId>
                          <boardReworkId>A0</boardReworkId>
                          <processorRev>B1</processorRev>
                          <midplaneVersion></midplaneVersion>
                          <location>lab</location>
                        </hardwareInfo>
                        <imageInfo>
                          <versionString>Cisco IOS Software, Version 15.2(4)M</versionString>
                          <imageFile>flash:c2900.bin</imageFile>
                          <imageHash>5660cb647e66fa22de8698a5acb7a8ed</imageHash>
                          <returnToRomReason>power-on</returnToRomReason>
                          <bootVariable>flash:c2900.bin</bootVariable>
                          <bootLdrVariable></bootLdrVariable>
                          <configVariable></configVariable>
                          <configReg>0x2102</configReg>
                          <configRegNext>0x2102</configRegNext>
                        </imageInfo>
                        <profileInfo>
                          <profile profile-name="pnp-zero-touch" discovery-created="true" created-by="PnP-DHCP">
                            <primary-server>
                              <protocol>http</protocol>
                              <server-address>
                                <ipv4>10.0.0.1</ipv4>
                                <port>8080</port>
                              </server-address>
                            </primary-server>
                          </profile>
                        </profileInfo>"""),
                response("image-install failure", ServiceResponse.failure(Service.IMAGE_INSTALL,
                        ErrorInfo.of("XSVC_ERROR", 1806, "Invalid image format")), """
                        <errorInfo>
                          <errorSeverity>XSVC_ERROR</errorSeverity>
                          <errorCode>PnP Service Error 1806</errorCode>
                          <errorMessage>Invalid image format</errorMessage>
                        </errorInfo>"""),
                response("cli-exec output", ServiceResponse.success(Service.CLI_EXEC, new CliOutput(List.of(
                        new CliOutput.Entry("show version", "Cisco IOS Software\n  uptime is 1 minute\n")))), """
                        <execLog>
                          <dialogueLog>
                            <sent>show version</sent>
                            <received>
                              <text>Cisco IOS Software
                          uptime is 1 minute
                        </text>
                            </received>
                          </dialogueLog>
                        </execLog>"""),
                response("cli-exec failure, errorInfo without severity", new ServiceResponse(Service.CLI_EXEC, false,
                        new ErrorInfo(null, "PnP Service Error 1301", "bad"), null, null), """
                        <errorInfo>
                          <errorCode>PnP Service Error 1301</errorCode>
                          <errorMessage>bad</errorMessage>
                        </errorInfo>"""),
                response("cli-config results", ServiceResponse.success(Service.CLI_CONFIG, new ConfigResults(
                        List.of(new ConfigResults.Entry(1, "hostname edge-1", ConfigResults.Outcome.SUCCESS, null),
                                new ConfigResults.Entry(2, "bogus", ConfigResults.Outcome.INVALID,
                                        "% Invalid input")))), """
                        <resultEntry lineNumber="1" cliString="hostname edge-1">
                          <success/>
                        </resultEntry>
                        <resultEntry lineNumber="2" cliString="bogus">
                          <invalid/>
                          <text>% Invalid input</text>
                        </resultEntry>"""),
                response("capability response", ServiceResponse.success(Service.CAPABILITY, new Capabilities(
                        List.of("cisco:pnp:device-info", "cisco:pnp:image-install"),
                        List.of("cisco:pnp:service-log"))), """
                        <supportedCapabilities>
                          <capability>cisco:pnp:device-info</capability>
                          <capability>cisco:pnp:image-install</capability>
                        </supportedCapabilities>
                        <supportedFeatures>
                          <feature>cisco:pnp:service-log</feature>
                        </supportedFeatures>"""),
                response("topology response", ServiceResponse.success(Service.TOPOLOGY, new Topology(List.of(
                        new Topology.Neighbour("GigabitEthernet0/1", "Gi0/1", "00:11:22:33:44:55",
                                "GigabitEthernet1/0/24", "Gi1/0/24", "00:aa:bb:cc:dd:ee", "core-1", "WS-C3850-24T",
                                "16.9.4")))), """
                        <topology>
                          <element>
                            <local>
                              <interface>GigabitEthernet0/1</interface>
                              <shortInterface>Gi0/1</shortInterface>
                              <macAddress>00:11:22:33:44:55</macAddress>
                            </local>
                            <remote>
                              <interface>GigabitEthernet1/0/24</interface>
                              <shortInterface>Gi1/0/24</shortInterface>
                              <macAddress>00:aa:bb:cc:dd:ee</macAddress>
                              <deviceName>core-1</deviceName>
                              <platform>WS-C3850-24T</platform>
                              <version>16.9.4</version>
                            </remote>
                          </element>
                        </topology>"""),
                document("backoff acknowledged (an empty response)", ServiceResponse.success(Service.BACKOFF, null),
                        """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO2921/K9,VID:,SN:FTX1503AH3V">
                          <response xmlns="urn:cisco:pnp:backoff" correlator="CiscoPnP-1.0-1465-25A1212C" success="1"/>
                        </pnp>"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @DisplayName("the writer emits exactly the document")
    void writes(Document document) {
        assertThat(new String(writer.write(document.message()), StandardCharsets.UTF_8)).isEqualTo(document.wire());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @DisplayName("the reader reads the document, as sent and indented, to exactly the message")
    void reads(Document document) {
        assertThat(reader.read(document.wire().getBytes(StandardCharsets.UTF_8))).isEqualTo(document.message());
        assertThat(reader.read(document.xml().getBytes(StandardCharsets.UTF_8))).isEqualTo(document.message());
    }

    private static PnpMessage sample(Credentials login, String correlator, PnpBody body) {
        return new PnpMessage("1.0", SAMPLE_UDI, null, login, correlator, body);
    }

    static Stream<Document> ciscoSamples() {
        Credentials login = new Credentials("usr15", "pwd15");
        String cisco3945 = "PID:CISCO3945-CHASSIS,VID:V02,SN:FTX1503AH3V";
        String fdo = "PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB";
        return Stream.of(
                new Document("work request (CISCO-PNP-README.md)", PnpMessage.of(fdo, "CiscoPnP-1.0-1465-25A1212C",
                        new WorkRequest(new DeviceId(fdo, "Router", true, false,
                                "Password in clear text in unsecured transport"))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB">
                          <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                           <deviceId>
                            <udi>PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB</udi>
                            <hostname>Router</hostname>
                            <authRequired>true</authRequired>
                            <viaProxy>false</viaProxy>
                            <securityAdvise>Password in clear text in unsecured transport</securityAdvise>
                           </deviceId>
                          </info>
                        </pnp>"""),
                new Document("bye (CISCO-PNP-README.md)", PnpMessage.of(fdo, "CiscoPnP-1.0-1465-25A1212C",
                        new Bye(null)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:WS-C3750X-24T-E,VID:V04,SN:FDO1703P2EB">
                          <info xmlns="urn:cisco:pnp:work-info" correlator="CiscoPnP-1.0-1465-25A1212C">
                                <workInfo>
                            <bye/>
                           </workInfo>
                          </info>
                        </pnp>"""),
                new Document("device-info request (pnp_device_info_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new DeviceInfoRequest(DeviceInfoRequest.Type.FILESYSTEM)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:device-info">
                                <deviceInfo type="filesystem"/>
                            </request>
                        </pnp>"""),
                new Document("backoff request (pnp_backoff_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        BackoffRequest.callbackAfter("take it easy", Duration.ofSeconds(2 * 3600 + 10 * 60 + 25))),
                        """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                                <request xmlns="urn:cisco:pnp:backoff" correlator="CiscoPnP-1.0-1-11-14A9C6D0-2">
                                        <backoff>
                                                <reason>take it easy</reason>
                                                <callbackAfter>
                                                        <hours>2</hours>
                                                        <minutes>10</minutes>
                                                        <seconds>25</seconds>
                                                </callbackAfter>
                                        </backoff>
                                </request>   \s
                        </pnp>"""),
                new Document("cli-exec request (pnp_cli_exec_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new CliExecRequest("show version", Duration.ofSeconds(100), List.of())), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:cli-exec">
                                <execCLI maxWait="PT100S" xsd="false">
                                    <cmd>show version</cmd>
                                </execCLI>
                            </request>
                        </pnp>"""),
                new Document("cli-config request (pnp_cli_config_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new CliConfigRequest(CliConfigRequest.Mode.APPLY, null,
                                List.of("access-list 1 permit any"))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15" noCheckTime="20" postReloadPriv="ztd">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:cli-config">
                                <configApply details="all">
                                    <config-data>
                                        <cli-config-data>
                                            <cmd>access-list 1 permit any</cmd>
                                        </cli-config-data>
                                    </config-data>
                                </configApply>
                            </request>
                        </pnp>"""),
                new Document("config-upgrade request (pnp_config_upgrade_body.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new ConfigUpgradeRequest(new FileSource("tftp://172.19.211.47//tftpboot/rouppala/test_cfg",
                                "f4c14103bdb911a7d3982a1fd02cb2df"), ConfigUpgradeRequest.ApplyTo.STARTUP, null,
                                new Reload("none", 120, "test", null))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15" noCheckTime="20" postReloadPriv="ztd">
                                <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:config-upgrade">
                                        <config>
                                                <copy>
                                                        <source>
                                                                <location>tftp://172.19.211.47//tftpboot/rouppala/test_cfg</location>
                                                                <checksum>f4c14103bdb911a7d3982a1fd02cb2df</checksum>
                                                        </source>
                                                        <applyTo>startup</applyTo>
                                                </copy>
                                        </config>
                                        <reload>
                                                <reason>none</reason>
                                                <delayIn>120</delayIn>
                                                <user>test</user>
                                        </reload>
                                </request>
                        </pnp>"""),
                new Document("image-install request (pnp_image_install_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new ImageInstallRequest(new FileSource("tftp://171.69.17.19/test/c7200-ipbasek9-mz",
                                "5660cb647e66fa22de8698a5acb7a8ed"), "disk0:c7200-ipbasek9-mz",
                                new Reload("none", 120, "test", true))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15" noCheckTime="20" postReloadPriv="ztd">
                            <request xmlns="urn:cisco:pnp:image-install" correlator="CiscoPnP-1.0-1-11-14A9C6D0-2">
                                <image>
                                    <copy>
                                        <source>
                                            <location>tftp://171.69.17.19/test/c7200-ipbasek9-mz</location>
                                            <checksum>5660cb647e66fa22de8698a5acb7a8ed</checksum>
                                        </source>
                                        <destination>
                                            <location>disk0:c7200-ipbasek9-mz</location>
                                        </destination>
                                    </copy>
                                </image>
                                <reload>
                                    <reason>none</reason>
                                    <delayIn>120</delayIn>
                                    <user>test</user>
                                    <saveConfig>true</saveConfig>
                                </reload>
                            </request>
                        </pnp>"""),
                new Document("file-transfer request (pnp_file_transfer_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new FileTransferRequest("tftp://171.69.17.19/test/c7200-ipbasek9-mz",
                                "disk0:c7200-ipbasek9-mz")), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:file-transfer">
                                <fileTransfer>
                                    <copy>
                                        <source>
                                            <location>tftp://171.69.17.19/test/c7200-ipbasek9-mz</location>
                                        </source>
                                        <destination>
                                            <location>disk0:c7200-ipbasek9-mz</location>
                                        </destination>
                                    </copy>
                                </fileTransfer>
                            </request>
                        </pnp>"""),
                new Document("redirection request (pnp_redirection_svc.xsd)", sample(login,
                        "CiscoPnPPro-1.0-redirection-50823", new RedirectionRequest(false,
                                new ServerAddress("http", "172.19.210.215", null), null)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                                <request xmlns="urn:cisco:pnp:redirection" correlator="CiscoPnPPro-1.0-redirection-50823">
                                        <redirection>
                                                <callback>false</callback>
                                                <primary-server>
                                                        <protocol>http</protocol>
                                                        <server-address>
                                                                <ipv4>172.19.210.215</ipv4>
                                                        </server-address>
                                                </primary-server>
                                        </redirection>
                                </request>
                        </pnp>"""),
                new Document("reload request (pnp_reload_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new ReloadRequest(new Reload("PnP Recovery", 30, "APIC-EM PnP Service", true))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:reload">
                                <reload>
                                    <reason>PnP Recovery</reason>
                                    <delayIn>30</delayIn>
                                    <user>APIC-EM PnP Service</user>
                                    <saveConfig>true</saveConfig>
                                </reload>
                            </request>
                        </pnp>"""),
                new Document("topology request (pnp_topology_svc.xsd)", sample(login, SAMPLE_CORRELATOR,
                        new TopologyRequest()), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" usr="usr15" pwd="pwd15">
                            <request correlator="CiscoPnP-1.0-1-11-14A9C6D0-2" xmlns="urn:cisco:pnp:topology"/>
                        </pnp>"""),
                new Document("capability request (pnp_capability_body.xsd)", new PnpMessage("1.0", cisco3945, null,
                        new Credentials("admin", "cisco"), "CiscoPnP-1.0-3-110-23ABAA4-3", new CapabilityRequest()),
                        """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO3945-CHASSIS,VID:V02,SN:FTX1503AH3V" usr="admin" pwd="cisco">
                            <request correlator="CiscoPnP-1.0-3-110-23ABAA4-3" xmlns="urn:cisco:pnp:capability">
                            </request>
                        </pnp>"""),
                new Document("capability response (pnp_capability_body.xsd)", PnpMessage.of(cisco3945,
                        "CiscoPnP-1.0-3-110-23ABAA4-3", ServiceResponse.success(Service.CAPABILITY, new Capabilities(
                                List.of("cisco:pnp:capabilities", "cisco:pnp:cli-config", "cisco:pnp:cli-exec",
                                        "cisco:pnp:config-upgrade", "cisco:pnp:device-info",
                                        "cisco:pnp:file-transfer", "cisco:pnp:image-install", "cisco:pnp:licensing",
                                        "cisco:pnp:tag", "cisco:pnp:napp", "cisco:pnp:napp-server",
                                        "cisco:pnp:reload", "cisco:pnp:script", "cisco:pnp:snmp",
                                        "cisco:pnp:snooping", "cisco:pnp:syslog", "cisco:pnp:topology",
                                        "cisco:pnp:work-info", "cisco:pnp:backoff", "cisco:pnp:redirection",
                                        "cisco:pnp:certificate-install", "cisco:pnp:device-auth",
                                        "cisco:pnp:eem-proxy", "cisco:pnp:smu", "cisco:pnp:python-scripting",
                                        "cisco:pnp:device-id-cert"),
                                List.of("cisco:pnp:cco-backoff", "cisco:pnp:script-arguments",
                                        "cisco:pnp:script-inline", "cisco:pnp:service-log")))), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO3945-CHASSIS,VID:V02,SN:FTX1503AH3V">
                            <response correlator="CiscoPnP-1.0-3-110-23ABAA4-3" success="1" xmlns="urn:cisco:pnp:capability">
                                <supportedCapabilities>
                                    <capability>cisco:pnp:capabilities</capability>
                                    <capability>cisco:pnp:cli-config</capability>
                                    <capability>cisco:pnp:cli-exec</capability>
                                    <capability>cisco:pnp:config-upgrade</capability>
                                    <capability>cisco:pnp:device-info</capability>
                                    <capability>cisco:pnp:file-transfer</capability>
                                    <capability>cisco:pnp:image-install</capability>
                                    <capability>cisco:pnp:licensing</capability>
                                    <capability>cisco:pnp:tag</capability>
                                    <capability>cisco:pnp:napp</capability>
                                    <capability>cisco:pnp:napp-server</capability>
                                    <capability>cisco:pnp:reload</capability>
                                    <capability>cisco:pnp:script</capability>
                                    <capability>cisco:pnp:snmp</capability>
                                    <capability>cisco:pnp:snooping</capability>
                                    <capability>cisco:pnp:syslog</capability>
                                    <capability>cisco:pnp:topology</capability>
                                    <capability>cisco:pnp:work-info</capability>
                                    <capability>cisco:pnp:backoff</capability>
                                    <capability>cisco:pnp:redirection</capability>
                                    <capability>cisco:pnp:certificate-install</capability>
                                    <capability>cisco:pnp:device-auth</capability>
                                    <capability>cisco:pnp:eem-proxy</capability>
                                    <capability>cisco:pnp:smu</capability>
                                    <capability>cisco:pnp:python-scripting</capability>
                                    <capability>cisco:pnp:device-id-cert</capability>
                                </supportedCapabilities>
                                <supportedFeatures>
                                    <feature>cisco:pnp:cco-backoff</feature>
                                    <feature>cisco:pnp:script-arguments</feature>
                                    <feature>cisco:pnp:script-inline</feature>
                                    <feature>cisco:pnp:service-log</feature>
                                </supportedFeatures>
                            </response>
                        </pnp>"""),
                new Document("certificate-install request (pnp_certificate_install_svc.xsd)", new PnpMessage("1.0",
                        cisco3945, null, new Credentials("admin", "cisco"), "CiscoPnP-1.0-1-11-23ADBFC-2",
                        new CertificateInstallRequest(CertificateInstallRequest.Action.INSTALL,
                                CertificateInstallRequest.Target.TRUSTPOINT, "sjcads5252",
                                "flash0:/sjcads5252_cert.pem", null)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO3945-CHASSIS,VID:V02,SN:FTX1503AH3V" usr="admin" pwd="cisco">
                            <request correlator="CiscoPnP-1.0-1-11-23ADBFC-2" xmlns="urn:cisco:pnp:certificate-install">
                                <certificateInstall>
                                    <cert>
                                        <install>
                                            <trustpoint>
                                                <label>sjcads5252</label>
                                                <copy>
                                                    <source>
                                                        <location>flash0:/sjcads5252_cert.pem</location>
                                                    </source>
                                                </copy>
                                            </trustpoint>
                                        </install>
                                    </cert>
                                </certificateInstall>
                            </request>
                        </pnp>"""),
                new Document("certificate-install response (pnp_certificate_install_svc.xsd)", PnpMessage.of(
                        cisco3945, "CiscoPnP-1.0-1-11-23ADBFC-2",
                        ServiceResponse.success(Service.CERTIFICATE_INSTALL, null)), """
                        <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:CISCO3945-CHASSIS,VID:V02,SN:FTX1503AH3V">
                            <response correlator="CiscoPnP-1.0-1-11-23ADBFC-2" success="1" xmlns="urn:cisco:pnp:certificate-install">
                            </response>
                        </pnp>"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ciscoSamples")
    @DisplayName("Cisco's samples, as printed, read to the messages they describe")
    void readsCiscoSamples(Document sample) {
        assertThat(reader.read(sample.xml().getBytes(StandardCharsets.UTF_8))).isEqualTo(sample.message());
    }
}
