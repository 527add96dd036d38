package io.tributary.pnp.xml;

import java.util.ArrayList;
import java.util.List;

import io.tributary.pnp.message.Capabilities;
import io.tributary.pnp.message.CliOutput;
import io.tributary.pnp.message.ConfigResults;
import io.tributary.pnp.message.DeviceInfo;
import io.tributary.pnp.message.ErrorInfo;
import io.tributary.pnp.message.Service;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.ServiceResult;
import io.tributary.pnp.message.Topology;

/** Maps a service {@code response} element to a {@link ServiceResponse} with its typed result. */
final class ResponseBodyReader {

    private ResponseBodyReader() {
    }

    static ServiceResponse read(Service service, XmlElement response) {
        Boolean success = Values.boolOrNull(response.attr("success"));
        if (success == null) {
            throw PnpReader.invalid(service.id() + " response has no valid success attribute");
        }
        ErrorInfo error = errorInfo(response.child("errorInfo"));
        XmlElement execLog = response.child("execLog");
        if (error == null && execLog != null) {
            error = errorInfo(execLog.child("errorInfo"));
        }
        String serviceLog = Values.emptyToNull(response.childText("serviceLog"));
        return new ServiceResponse(service, success, error, serviceLog, result(service, response));
    }

    private static ErrorInfo errorInfo(XmlElement info) {
        if (info == null) {
            return null;
        }
        return new ErrorInfo(Values.emptyToNull(info.childText("errorSeverity")),
                Values.emptyToNull(info.childText("errorCode")), Values.emptyToNull(info.childText("errorMessage")));
    }

    private static ServiceResult result(Service service, XmlElement response) {
        return switch (service) {
            case DEVICE_INFO -> deviceInfo(response);
            case CLI_EXEC -> cliOutput(response.child("execLog"));
            case CLI_CONFIG -> configResults(response);
            case CAPABILITY -> capabilities(response);
            case TOPOLOGY -> topology(response.child("topology"));
            default -> null;
        };
    }

    private static DeviceInfo deviceInfo(XmlElement response) {
        XmlElement udi = response.child("udi");
        XmlElement hardware = response.child("hardwareInfo");
        XmlElement image = response.child("imageInfo");
        XmlElement fileSystems = response.child("fileSystemList");
        XmlElement profiles = response.child("profileInfo");
        if (udi == null && hardware == null && image == null && fileSystems == null && profiles == null) {
            return null;
        }
        String primary = null;
        List<DeviceInfo.StackMember> members = new ArrayList<>();
        List<String> standby = new ArrayList<>();
        if (udi != null) {
            primary = Values.emptyToNull(udi.childText("primary-chassis"));
            XmlElement stack = udi.child("stacked-switch");
            if (stack != null) {
                for (XmlElement member : stack.all("member-udi")) {
                    members.add(new DeviceInfo.StackMember((int) Values.longOr(member.attr("slot"), -1), member.text()));
                }
            }
            XmlElement ha = udi.child("ha-device");
            if (ha != null) {
                for (XmlElement unit : ha.all("standby-udi")) {
                    standby.add(unit.text());
                }
            }
        }
        return new DeviceInfo(primary, members, standby, hardware(hardware), image(image), fileSystems(fileSystems),
                profiles(profiles));
    }

    private static DeviceInfo.HardwareInfo hardware(XmlElement hw) {
        if (hw == null) {
            return null;
        }
        return new DeviceInfo.HardwareInfo(hw.childText("hostname"), hw.childText("vendor"),
                hw.childText("platformName"), hw.childText("processorType"), hw.childText("hwRevision"),
                Values.longOrNull(hw.childText("mainMemSize")), Values.longOrNull(hw.childText("ioMemSize")),
                Values.longOrNull(hw.childText("boardId")), hw.childText("boardReworkId"),
                hw.childText("processorRev"), hw.childText("midplaneVersion"), hw.childText("location"));
    }

    private static DeviceInfo.ImageInfo image(XmlElement image) {
        if (image == null) {
            return null;
        }
        return new DeviceInfo.ImageInfo(image.childText("versionString"), image.childText("imageFile"),
                image.childText("imageHash"), image.childText("returnToRomReason"), image.childText("bootVariable"),
                image.childText("bootLdrVariable"), image.childText("configVariable"), image.childText("configReg"),
                image.childText("configRegNext"));
    }

    private static List<DeviceInfo.FileSystem> fileSystems(XmlElement list) {
        List<DeviceInfo.FileSystem> result = new ArrayList<>();
        if (list != null) {
            for (XmlElement fs : list.all("fileSystem")) {
                result.add(new DeviceInfo.FileSystem(fs.attr("name"), fs.attr("type"), Values.longOr(fs.attr("size"), -1),
                        Values.longOr(fs.attr("freespace"), -1), Values.bool(fs.attr("readable"), false),
                        Values.bool(fs.attr("writable"), false)));
            }
        }
        return result;
    }

    private static List<DeviceInfo.Profile> profiles(XmlElement info) {
        List<DeviceInfo.Profile> result = new ArrayList<>();
        if (info != null) {
            for (XmlElement profile : info.all("profile")) {
                result.add(new DeviceInfo.Profile(profile.attr("profile-name"), profile.attr("created-by"),
                        Values.bool(profile.attr("discovery-created"), false),
                        RequestBodyReader.server(profile.child("primary-server"))));
            }
        }
        return result;
    }

    private static CliOutput cliOutput(XmlElement execLog) {
        if (execLog == null) {
            return null;
        }
        List<CliOutput.Entry> entries = new ArrayList<>();
        for (XmlElement dialogue : execLog.all("dialogueLog")) {
            XmlElement received = dialogue.child("received");
            String text = null;
            if (received != null) {
                XmlElement textElement = received.child("text");
                text = textElement != null ? textElement.rawText() : received.rawText();
            }
            entries.add(new CliOutput.Entry(dialogue.childText("sent"), text));
        }
        return new CliOutput(entries);
    }

    private static ConfigResults configResults(XmlElement response) {
        List<XmlElement> entries = response.all("resultEntry");
        if (entries.isEmpty()) {
            return null;
        }
        List<ConfigResults.Entry> result = new ArrayList<>();
        for (XmlElement entry : entries) {
            ConfigResults.Outcome outcome = null;
            for (XmlElement child : entry.children()) {
                outcome = ConfigResults.Outcome.fromXml(child.name);
                if (outcome != null) {
                    break;
                }
            }
            result.add(new ConfigResults.Entry((int) Values.longOr(entry.attr("lineNumber"), -1),
                    entry.attr("cliString"), outcome == null ? ConfigResults.Outcome.INVALID : outcome,
                    Values.emptyToNull(entry.childText("text"))));
        }
        return new ConfigResults(result);
    }

    private static Capabilities capabilities(XmlElement response) {
        XmlElement supported = response.child("supportedCapabilities");
        XmlElement features = response.child("supportedFeatures");
        if (supported == null && features == null) {
            return null;
        }
        return new Capabilities(texts(supported, "capability"), texts(features, "feature"));
    }

    private static List<String> texts(XmlElement parent, String local) {
        List<String> result = new ArrayList<>();
        if (parent != null) {
            for (XmlElement element : parent.all(local)) {
                result.add(element.text());
            }
        }
        return result;
    }

    private static Topology topology(XmlElement topology) {
        if (topology == null) {
            return null;
        }
        List<Topology.Neighbour> neighbours = new ArrayList<>();
        for (XmlElement element : topology.all("element")) {
            XmlElement local = element.child("local");
            XmlElement remote = element.child("remote");
            neighbours.add(new Topology.Neighbour(text(local, "interface"), text(local, "shortInterface"),
                    text(local, "macAddress"), text(remote, "interface"), text(remote, "shortInterface"),
                    text(remote, "macAddress"), text(remote, "deviceName"), text(remote, "platform"),
                    text(remote, "version")));
        }
        return new Topology(neighbours);
    }

    private static String text(XmlElement parent, String local) {
        return parent == null ? null : parent.childText(local);
    }
}
