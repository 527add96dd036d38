package io.tributary.bench.pnp;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.tributary.pnp.message.Bye;
import io.tributary.pnp.message.CliExecRequest;
import io.tributary.pnp.message.PnpMessage;
import io.tributary.pnp.xml.PnpWriter;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * The ceiling of the load run: a bare Reactor Netty server that reads each body and answers the two PnP requests
 * with canned documents (a cli-exec request, a bye), with no parsing, provisioning, store or router.
 */
final class CannedPnpServer {

    private CannedPnpServer() {
    }

    /**
     * Binds on event loops of its own, as many as a gateway creates, so that it shares no threads with the agents'
     * client, like the gateway's listener.
     */
    static Mono<DisposableServer> bind(String host, int port, LoopResources loops) {
        PnpWriter writer = PnpWriter.create();
        String udi = "PID:WS-C2960X-48FPD-L,VID:V02,SN:CANNED";
        byte[] request = writer.write(PnpMessage.of(udi, "CiscoPnP-1.0-canned-1", CliExecRequest.of("show clock")));
        byte[] bye = writer.write(PnpMessage.of(udi, "CiscoPnP-1.0-canned-1", new Bye(null)));
        return HttpServer.create().host(host).port(port).runOn(loops)
                .route(routes -> routes
                        .get("/pnp/HELLO", (req, res) -> res.send())
                        .post("/pnp/WORK-REQUEST", (req, res) -> req.receive().aggregate().then(
                                res.header(HttpHeaderNames.CONTENT_TYPE, "text/xml")
                                        .sendByteArray(Mono.just(request)).then()))
                        .post("/pnp/WORK-RESPONSE", (req, res) -> req.receive().aggregate().then(
                                res.header(HttpHeaderNames.CONTENT_TYPE, "text/xml")
                                        .sendByteArray(Mono.just(bye)).then())))
                .bind().cast(DisposableServer.class);
    }
}
