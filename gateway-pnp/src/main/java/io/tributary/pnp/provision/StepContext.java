package io.tributary.pnp.provision;

import java.net.InetAddress;
import java.util.Map;

import io.tributary.pnp.files.FileService;

/**
 * What a step needs to become a request for one device.
 *
 * @param serial the device's serial
 * @param variables template variables: the plan's, the rule's, then {@code serial}, {@code pid}, {@code vid},
 *                  {@code udi} and {@code hostname}
 * @param baseUrl where the device reaches this server's files, e.g. {@code http://10.0.0.1:8080}, or {@code null}
 *                when neither an advertised URL nor a {@code Host} header says
 * @param device the device's address (for one-shot URLs), or {@code null}
 * @param files the file service
 */
public record StepContext(String serial, Map<String, String> variables, String baseUrl, InetAddress device,
                          FileService files) {
}
