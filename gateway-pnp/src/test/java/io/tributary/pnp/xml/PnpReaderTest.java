package io.tributary.pnp.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.tributary.pnp.message.BackoffRequest;
import io.tributary.pnp.message.CliOutput;
import io.tributary.pnp.message.ConfigResults;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Udi;
import io.tributary.pnp.message.WorkRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PnpReaderTest {

    private final PnpReader reader = PnpReader.create();

    private PnpMessage read(String xml) {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("pnp.md: UDIs with '/' and '-' in the PID and an empty VID parse")
    void udis() {
        assertThat(Udi.parse("PID:CISCO2921/K9,VID:V05,SN:FTX1503AH3V"))
                .isEqualTo(new Udi("CISCO2921/K9", "V05", "FTX1503AH3V"));
        assertThat(Udi.parse("PID:7206VXR,VID:,SN:34835437")).isEqualTo(new Udi("7206VXR", "", "34835437"));
        assertThat(Udi.parse(" sn:ABC , pid: C9300-24T ")).isEqualTo(new Udi("C9300-24T", "", "ABC"));
        assertThatThrownBy(() -> Udi.parse("PID:X,VID:Y")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Udi.parse("PID:X,SN:a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("pnp.md: any prefix, unknown elements (a reason/reload block) and unknown attributes are ignored")
    void lenient() {
        PnpMessage message = read("""
                <p:pnp xmlns:p="urn:cisco:pnp" version="1.0" udi="PID:7206VXR,VID:,SN:34835437" extra="1">
                  <w:info xmlns:w="urn:cisco:pnp:work-info" correlator="c-1">
                    <w:reason><w:reload><w:when>now</w:when></w:reload></w:reason>
                    <w:deviceId><w:udi>PID:7206VXR,VID:,SN:34835437</w:udi><w:hostname>R1</w:hostname>
                      <w:authRequired>false</w:authRequired><w:future>x</w:future></w:deviceId>
                  </w:info>
                </p:pnp>""");
        assertThat(((WorkRequest) message.body()).deviceId().hostname()).isEqualTo("R1");
        assertThat(message.deviceUdi().serial()).isEqualTo("34835437");
    }

    @Test
    @DisplayName("a failed response keeps success=0 and its error code")
    void failure() {
        PnpMessage message = read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:X,VID:,SN:S1">
                 <response xmlns="urn:cisco:pnp:image-install" correlator="c-2" success="0">
                  <errorInfo><errorSeverity>XSVC_ERROR</errorSeverity>
                   <errorCode>PnP Service Error 1806</errorCode><errorMessage>Invalid image format</errorMessage>
                  </errorInfo>
                 </response>
                </pnp>""");
        ServiceResponse response = (ServiceResponse) message.body();
        assertThat(response.service()).isEqualTo(Service.IMAGE_INSTALL);
        assertThat(response.success()).isFalse();
        assertThat(response.errorInfo().number()).isEqualTo(1806);
        assertThat(response.errorInfo().message()).isEqualTo("Invalid image format");
    }

    @Test
    @DisplayName("capability sample response: the capability list is typed; cli-exec and cli-config results too")
    void typedResults() {
        ServiceResponse exec = (ServiceResponse) read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:X,VID:,SN:S1">
                 <response xmlns="urn:cisco:pnp:cli-exec" correlator="c" success="1"><execLog><dialogueLog>
                  <sent>show version</sent><received><text>IOS 15.2
                uptime 1 week</text></received></dialogueLog></execLog></response></pnp>""").body();
        assertThat(exec.result(CliOutput.class).text()).isEqualTo("IOS 15.2\nuptime 1 week");
        ServiceResponse config = (ServiceResponse) read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:X,VID:,SN:S1">
                 <response xmlns="urn:cisco:pnp:cli-config" correlator="c" success="0">
                  <resultEntry lineNumber="1" cliString="hostname a"><success change="CHANGE"/></resultEntry>
                  <resultEntry lineNumber="2" cliString="bogus"><invalid/><text>% Invalid</text></resultEntry>
                  <resultEntry lineNumber="x" cliString="c"><notExecuted/></resultEntry>
                 </response></pnp>""").body();
        assertThat(config.result(ConfigResults.class).entries()).extracting(ConfigResults.Entry::outcome)
                .containsExactly(ConfigResults.Outcome.SUCCESS, ConfigResults.Outcome.INVALID,
                        ConfigResults.Outcome.NOT_EXECUTED);
        assertThat(config.result(ConfigResults.class).entries().get(2).lineNumber()).isEqualTo(-1);
        ServiceResponse info = (ServiceResponse) read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:X,VID:,SN:S1">
                 <response xmlns="urn:cisco:pnp:device-info" correlator="c" success="1">
                  <udi><primary-chassis>PID:X,VID:,SN:S1</primary-chassis></udi>
                  <fileSystemList><fileSystem name="bootflash" type="flash" size="nan" freespace="10"
                     readable="true" writable="maybe"/></fileSystemList>
                 </response></pnp>""").body();
        DeviceInfo deviceInfo = info.result(DeviceInfo.class);
        assertThat(deviceInfo.primaryChassis()).isEqualTo("PID:X,VID:,SN:S1");
        assertThat(deviceInfo.fileSystems().get(0).size()).isEqualTo(-1);
        assertThat(deviceInfo.fileSystems().get(0).writable()).isFalse();
    }

    @Test
    @DisplayName("pnp.md: a backoff with an empty callbackAfter means 15 min")
    void emptyBackoff() {
        BackoffRequest empty = (BackoffRequest) read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:7,VID:,SN:3"><request xmlns="urn:cisco:pnp:backoff"
                 correlator="c"><backoff><reason>r</reason><callbackAfter/></backoff></request></pnp>""").body();
        assertThat(empty.callbackAfter()).isEqualTo(BackoffRequest.DEFAULT_CALLBACK);
    }

    @Test
    @DisplayName("pnp.md errors: a fault without correlator reads as a Fault")
    void fault() {
        PnpMessage message = read("""
                <pnp xmlns="urn:cisco:pnp" version="1.0" udi="PID:X,VID:,SN:S1"><response xmlns="urn:cisco:pnp:fault">
                <fault><faultcode>XSVC:Client</faultcode><faultstring>cannot parse</faultstring></fault>
                </response></pnp>""");
        assertThat(message.body()).isEqualTo(new Fault("XSVC:Client", "cannot parse", null));
        assertThat(message.correlator()).isNull();
    }

    @Test
    @DisplayName("documents that are not PnP are refused with a typed reason")
    void refusals() {
        assertReason("<pnp", PnpParseException.Reason.MALFORMED);
        assertReason("", PnpParseException.Reason.MALFORMED);
        assertReason("<html/>", PnpParseException.Reason.INVALID);
        assertReason("<pnp xmlns=\"urn:cisco:pnp\" version=\"1.0\"><info/></pnp>", PnpParseException.Reason.INVALID);
        assertReason("<pnp xmlns=\"urn:cisco:pnp\" udi=\"x\"/>", PnpParseException.Reason.INVALID);
        assertReason("<pnp xmlns=\"urn:cisco:pnp\" udi=\"x\"><response xmlns=\"urn:cisco:pnp:nope\" correlator=\"c\""
                + " success=\"1\"/></pnp>", PnpParseException.Reason.INVALID);
        assertReason("<pnp xmlns=\"urn:cisco:pnp\" udi=\"x\"><response xmlns=\"urn:cisco:pnp:reload\""
                + " success=\"1\"/></pnp>", PnpParseException.Reason.INVALID);
        assertReason("<pnp xmlns=\"urn:cisco:pnp\" udi=\"x\"><response xmlns=\"urn:cisco:pnp:reload\" correlator=\"c\""
                + " success=\"yes\"/></pnp>", PnpParseException.Reason.INVALID);
    }

    @Test
    @DisplayName("XXE and billion-laughs documents are refused before any entity is expanded")
    void hostileDocuments() {
        PnpParseException xxe = catchParse("<?xml version=\"1.0\"?><!DOCTYPE pnp [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>"
                + "<pnp xmlns=\"urn:cisco:pnp\" udi=\"&x;\"/>");
        assertThat(xxe.reason()).isEqualTo(PnpParseException.Reason.REFUSED);
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++) {
                laughs.append("&lol").append(i == 1 ? "" : String.valueOf(i - 1)).append(';');
            }
            laughs.append("\">");
        }
        laughs.append("]><pnp xmlns=\"urn:cisco:pnp\" udi=\"&lol9;\"/>");
        assertThat(catchParse(laughs.toString()).reason()).isEqualTo(PnpParseException.Reason.REFUSED);
        assertThat(catchParse("<pnp xmlns=\"urn:cisco:pnp\" udi=\"&undeclared;\"/>").reason())
                .isEqualTo(PnpParseException.Reason.MALFORMED);
    }

    @Test
    @DisplayName("a document nested deeper than the limit is malformed, not a stack overflow")
    void depthLimit() {
        String deep = "<a>".repeat(200) + "</a>".repeat(200);
        assertThat(catchParse(deep).reason()).isEqualTo(PnpParseException.Reason.MALFORMED);
    }

    private void assertReason(String xml, PnpParseException.Reason reason) {
        assertThat(catchParse(xml).reason()).as(xml).isEqualTo(reason);
    }

    private PnpParseException catchParse(String xml) {
        try {
            read(xml);
        } catch (PnpParseException e) {
            return e;
        }
        throw new AssertionError("no PnpParseException for " + xml);
    }
}
