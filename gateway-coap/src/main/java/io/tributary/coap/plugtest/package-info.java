/**
 * An example server with the resources of the ETSI CoAP plugtests (CoAP#4 test descriptions TD_COAP_CORE, BLOCK,
 * OBS and LINK), to try clients against: {@code tributary plugtest [--port]}, or
 * {@code CoapServer.create().route(PlugtestServer.create()::declare)} in code.
 */
package io.tributary.coap.plugtest;
