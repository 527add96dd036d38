package io.tributary.pnp.xml;

import io.tributary.pnp.message.Capabilities;
import io.tributary.pnp.message.CliOutput;
import io.tributary.pnp.message.ConfigResults;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.ServerAddress;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.Topology;

/** Writes service responses (agent side) in each schema's element order; used by the agent simulator. */
final class ResponseBodyWriter {

    private ResponseBodyWriter() {
    }

    static void write(XmlOut out, String correlator, ServiceResponse response) {
        Service service = response.service();
        out.openIn(service.namespace(), "response").attr("correlator", correlator)
                .attr("success", response.success() ? "1" : "0");
        if (service == Service.CLI_EXEC || service == Service.CLI_CONFIG) {
            // these two schemas define errorInfo without errorSeverity
            if (response.errorInfo() != null) {
                out.open("errorInfo").optional("errorCode", response.errorInfo().code())
                        .optional("errorMessage", response.errorInfo().message()).close();
            }
        } else {
            errorInfo(out, response.errorInfo());
        }
        if (response.serviceLog() != null && service == Service.CONFIG_UPGRADE) {
            out.element("serviceLog", response.serviceLog());
        }
        if (response.result() instanceof DeviceInfo info) {
            deviceInfo(out, info);
        } else if (response.result() instanceof CliOutput output) {
            cliOutput(out, output);
        } else if (response.result() instanceof ConfigResults results) {
            configResults(out, results);
        } else if (response.result() instanceof Capabilities capabilities) {
            capabilities(out, capabilities);
        } else if (response.result() instanceof Topology topology) {
            topology(out, topology);
        }
        out.close();
    }

    private static void errorInfo(XmlOut out, ErrorInfo error) {
        if (error == null) {
            return;
        }
        out.open("errorInfo").optional("errorSeverity", error.severity()).optional("errorCode", error.code())
                .optional("errorMessage", error.message()).close();
    }

    private static void deviceInfo(XmlOut out, DeviceInfo info) {
        if (!info.fileSystems().isEmpty()) {
            out.open("fileSystemList");
            for (DeviceInfo.FileSystem fs : info.fileSystems()) {
                out.open("fileSystem").attr("writable", Boolean.toString(fs.writable())).attr("type", fs.type())
                        .attr("size", Long.toString(fs.size())).attr("readable", Boolean.toString(fs.readable()))
                        .attr("name", fs.name()).attr("freespace", Long.toString(fs.freeSpace())).close();
            }
            out.close();
        }
        if (info.primaryChassis() != null) {
            out.open("udi").element("primary-chassis", info.primaryChassis());
            if (!info.stackMembers().isEmpty()) {
                out.open("stacked-switch");
                for (DeviceInfo.StackMember member : info.stackMembers()) {
                    out.open("member-udi").attr("slot", Integer.toString(member.slot())).text(member.udi()).close();
                }
                out.close();
            }
            if (!info.standbyUdis().isEmpty()) {
                out.open("ha-device");
                for (String standby : info.standbyUdis()) {
                    out.element("standby-udi", standby);
                }
                out.close();
            }
            out.close();
        }
        DeviceInfo.HardwareInfo hw = info.hardware();
        if (hw != null) {
            out.open("hardwareInfo").optional("hostname", hw.hostname()).optional("vendor", hw.vendor())
                    .optional("platformName", hw.platformName()).optional("processorType", hw.processorType())
                    .optional("hwRevision", hw.hwRevision()).optional("mainMemSize", hw.mainMemSize())
                    .optional("ioMemSize", hw.ioMemSize()).optional("boardId", hw.boardId())
                    .optional("boardReworkId", hw.boardReworkId()).optional("processorRev", hw.processorRev())
                    .optional("midplaneVersion", hw.midplaneVersion()).optional("location", hw.location()).close();
        }
        DeviceInfo.ImageInfo image = info.image();
        if (image != null) {
            out.open("imageInfo").element("versionString", nz(image.versionString()))
                    .element("imageFile", nz(image.imageFile())).element("imageHash", nz(image.imageHash()))
                    .element("returnToRomReason", nz(image.returnToRomReason()))
                    .element("bootVariable", nz(image.bootVariable()))
                    .element("bootLdrVariable", nz(image.bootLdrVariable()))
                    .element("configVariable", nz(image.configVariable()))
                    .element("configReg", nz(image.configReg())).element("configRegNext", nz(image.configRegNext()))
                    .close();
        }
        if (!info.profiles().isEmpty()) {
            out.open("profileInfo");
            for (DeviceInfo.Profile profile : info.profiles()) {
                out.open("profile").attr("profile-name", profile.name())
                        .attr("discovery-created", Boolean.toString(profile.discoveryCreated()))
                        .attr("created-by", profile.createdBy());
                if (profile.primary() != null) {
                    ServerAddress server = profile.primary();
                    out.open("primary-server").element("protocol", server.protocol()).open("server-address")
                            .element(server.addressKind(), server.host()).optional("port", server.port()).close()
                            .close();
                }
                out.close();
            }
            out.close();
        }
    }

    private static String nz(String text) {
        return text == null ? "" : text;
    }

    private static void cliOutput(XmlOut out, CliOutput output) {
        out.open("execLog");
        for (CliOutput.Entry entry : output.entries()) {
            out.open("dialogueLog").element("sent", nz(entry.sent()));
            if (entry.received() != null) {
                out.open("received").element("text", entry.received()).close();
            }
            out.close();
        }
        out.close();
    }

    private static void configResults(XmlOut out, ConfigResults results) {
        for (ConfigResults.Entry entry : results.entries()) {
            out.open("resultEntry").attr("lineNumber", Integer.toString(entry.lineNumber()))
                    .attr("cliString", entry.cliString()).empty(entry.outcome().xml()).optional("text", entry.text())
                    .close();
        }
    }

    private static void capabilities(XmlOut out, Capabilities capabilities) {
        if (!capabilities.capabilities().isEmpty()) {
            out.open("supportedCapabilities");
            capabilities.capabilities().forEach(capability -> out.element("capability", capability));
            out.close();
        }
        if (!capabilities.features().isEmpty()) {
            out.open("supportedFeatures");
            capabilities.features().forEach(feature -> out.element("feature", feature));
            out.close();
        }
    }

    private static void topology(XmlOut out, Topology topology) {
        out.open("topology");
        for (Topology.Neighbour n : topology.neighbours()) {
            out.open("element").open("local").element("interface", nz(n.localInterface()))
                    .element("shortInterface", nz(n.localShortInterface())).element("macAddress", nz(n.localMac()))
                    .close().open("remote").element("interface", nz(n.remoteInterface()))
                    .element("shortInterface", nz(n.remoteShortInterface())).element("macAddress", nz(n.remoteMac()))
                    .element("deviceName", nz(n.deviceName())).element("platform", nz(n.platform()))
                    .element("version", nz(n.version())).close().close();
        }
        out.close();
    }
}
