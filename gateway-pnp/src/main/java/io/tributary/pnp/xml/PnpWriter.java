package io.tributary.pnp.xml;

import io.tributary.core.xml.HardenedXml;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.DeviceId;
import io.tributary.pnp.message.Fault;
import io.tributary.pnp.message.Namespaces;
import io.tributary.pnp.message.PnpBody;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.message.ServiceRequest;
import io.tributary.pnp.message.ServiceResponse;
import io.tributary.pnp.message.WorkRequest;

/**
 * Writes PnP documents strictly: default namespaces, qualified children, exactly the schema's element names and
 * order ({@code pnp_*_svc.xsd}, version 1.0). Thread-safe.
 */
public final class PnpWriter {

    private final HardenedXml xml;

    private PnpWriter(HardenedXml xml) {
        this.xml = xml;
    }

    /** @return a writer using the core's Woodstox output factory */
    public static PnpWriter create() {
        return new PnpWriter(HardenedXml.create());
    }

    /**
     * @param message the message; its body decides the document's shape
     * @return the UTF-8 document with an XML declaration
     */
    public byte[] write(PnpMessage message) {
        XmlOut out = new XmlOut(xml.outputFactory());
        out.openIn(Namespaces.PNP, "pnp").attr("version", message.version()).attr("udi", message.udi())
                .attr("sid", message.sid());
        if (message.credentials() != null) {
            out.attr("usr", message.credentials().username()).attr("pwd", message.credentials().password());
        }
        PnpBody body = message.body();
        if (body instanceof WorkRequest request) {
            workRequest(out, message.correlator(), request.deviceId());
        } else if (body instanceof Bye bye) {
            bye(out, message.correlator(), bye);
        } else if (body instanceof ServiceRequest request) {
            RequestBodyWriter.write(out, message.correlator(), request);
        } else if (body instanceof ServiceResponse response) {
            ResponseBodyWriter.write(out, message.correlator(), response);
        } else {
            fault(out, (Fault) body);
        }
        return out.close().finish();
    }

    private static void workRequest(XmlOut out, String correlator, DeviceId id) {
        out.openIn(Namespaces.WORK_INFO, "info").attr("correlator", correlator).open("deviceId")
                .element("udi", id.udi())
                .element("hostname", id.hostname() == null ? "" : id.hostname())
                .element("authRequired", Boolean.toString(id.authRequired()))
                .element("viaProxy", Boolean.toString(id.viaProxy()))
                .optional("securityAdvise", id.securityAdvise())
                .close().close();
    }

    private static void bye(XmlOut out, String correlator, Bye bye) {
        out.openIn(Namespaces.WORK_INFO, "info").attr("correlator", correlator).open("workInfo").empty("bye")
                .optional("sid", bye.sid()).close().close();
    }

    private static void fault(XmlOut out, Fault fault) {
        out.openIn(Namespaces.FAULT, "response").open("fault").element("faultcode", fault.code())
                .element("faultstring", fault.reason()).optional("detail", fault.detail()).close().close();
    }
}
