package io.tributary.pnp.xml;

import io.tributary.pnp.message.BackoffRequest;
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
import io.tributary.pnp.message.ServiceRequest;

/** Writes each service request body in its schema's element order ({@code pnp_<service>_body.xsd}). */
final class RequestBodyWriter {

    private RequestBodyWriter() {
    }

    static void write(XmlOut out, String correlator, ServiceRequest request) {
        out.openIn(request.service().namespace(), "request").attr("correlator", correlator);
        if (request instanceof DeviceInfoRequest r) {
            out.open("deviceInfo").attr("type", r.type().xml()).close();
        } else if (request instanceof ConfigUpgradeRequest r) {
            configUpgrade(out, r);
        } else if (request instanceof ImageInstallRequest r) {
            imageInstall(out, r);
        } else if (request instanceof CliExecRequest r) {
            cliExec(out, r);
        } else if (request instanceof CliConfigRequest r) {
            cliConfig(out, r);
        } else if (request instanceof BackoffRequest r) {
            backoff(out, r);
        } else if (request instanceof CertificateInstallRequest r) {
            certificateInstall(out, r);
        } else if (request instanceof FileTransferRequest r) {
            out.open("fileTransfer").open("copy").open("source").element("location", r.source()).close()
                    .open("destination").element("location", r.destination()).close().close().close();
        } else if (request instanceof RedirectionRequest r) {
            out.open("redirection").optional("callback", r.callback());
            server(out, "primary-server", r.primary());
            if (r.backup() != null) {
                server(out, "backup-server", r.backup());
            }
            out.close();
        } else if (request instanceof ReloadRequest r) {
            reload(out, r.reload());
        }
        // capability and topology requests are empty
        out.close();
    }

    private static void source(XmlOut out, FileSource source) {
        out.open("source").element("location", source.location()).optional("checksum", source.checksum()).close();
    }

    private static void reload(XmlOut out, Reload reload) {
        if (reload == null) {
            out.empty("noReload");
            return;
        }
        out.open("reload").optional("reason", reload.reason()).optional("delayIn", reload.delaySeconds())
                .optional("user", reload.user()).optional("saveConfig", reload.saveConfig()).close();
    }

    private static void configUpgrade(XmlOut out, ConfigUpgradeRequest r) {
        out.open("config").attr("details", r.details() == null ? null : r.details().xml()).open("copy");
        source(out, r.source());
        out.optional("applyTo", r.applyTo() == null ? null : r.applyTo().xml());
        out.empty("abortOnSyntaxFault").close().close();
        reload(out, r.reload());
    }

    private static void imageInstall(XmlOut out, ImageInstallRequest r) {
        out.open("image").open("copy");
        source(out, r.source());
        if (r.destination() != null) {
            out.open("destination").element("location", r.destination()).close();
        }
        out.close().close();
        reload(out, r.reload());
    }

    private static void cliExec(XmlOut out, CliExecRequest r) {
        out.open("execCLI").attr("maxWait", r.maxWait() == null ? null : r.maxWait().toString())
                .element("cmd", r.command());
        for (CliExecRequest.Dialogue dialogue : r.dialogues()) {
            out.open("dialogue").element("expect", dialogue.expect()).element("reply", dialogue.reply()).close();
        }
        out.close();
    }

    private static void cliConfig(XmlOut out, CliConfigRequest r) {
        if (r.mode() == CliConfigRequest.Mode.PERSIST) {
            out.empty(r.mode().xml());
            return;
        }
        out.open(r.mode().xml());
        if (r.mode() == CliConfigRequest.Mode.APPLY && r.actionOnFail() != null) {
            out.attr("action-on-fail", r.actionOnFail().xml());
        }
        out.open("config-data").open("cli-config-data");
        for (String command : r.commands()) {
            out.element("cmd", command);
        }
        out.close().close().close();
    }

    private static void backoff(XmlOut out, BackoffRequest r) {
        out.open("backoff").element("reason", r.reason());
        if (r.terminate()) {
            out.empty("terminate");
        } else if (r.defaultMinutes() != null) {
            out.element("defaultMinutes", r.defaultMinutes().toString());
        } else {
            long seconds = r.callbackAfter().getSeconds();
            out.open("callbackAfter").element("hours", Long.toString(seconds / 3600))
                    .element("minutes", Long.toString(seconds / 60 % 60))
                    .element("seconds", Long.toString(seconds % 60)).close();
        }
        out.close();
    }

    private static void certificateInstall(XmlOut out, CertificateInstallRequest r) {
        out.open("certificateInstall").open("cert");
        boolean trustpoint = r.target() == CertificateInstallRequest.Target.TRUSTPOINT;
        if (r.action() == CertificateInstallRequest.Action.INSTALL) {
            out.open("install").open(trustpoint ? "trustpoint" : "trustpool");
            if (trustpoint) {
                out.optional("label", r.label());
            }
            out.open("copy").open("source").element("location", r.location()).close().close().close().close();
        } else if (trustpoint) {
            out.open("uninstall").open("trustpoint").element("label", r.label()).close().close();
        } else {
            out.open("uninstall").empty("trustpool").close();
        }
        out.close();
        if (r.reconnect() != null) {
            out.open("reconnect");
            server(out, "primary-server", r.reconnect());
            out.close();
        }
        out.close();
    }

    private static void server(XmlOut out, String element, ServerAddress server) {
        out.open(element).element("protocol", server.protocol()).open("server-address")
                .element(server.addressKind(), server.host()).optional("port", server.port()).close().close();
    }
}
