package io.tributary.pnp.message;

import java.util.Objects;

/**
 * Agent to server on {@code /pnp/WORK-RESPONSE}: the result of one service ({@code response@success}).
 *
 * @param service the service the response belongs to (from its namespace)
 * @param success whether the service succeeded ({@code success="1"})
 * @param errorInfo why it failed, or {@code null}
 * @param serviceLog the agent's log of the service, or {@code null}
 * @param result typed content (device info, CLI output, config results, capabilities, neighbours), or
 *               {@code null}
 */
public record ServiceResponse(Service service, boolean success, ErrorInfo errorInfo, String serviceLog,
                              ServiceResult result) implements PnpBody {

    /** Checks the service. */
    public ServiceResponse {
        Objects.requireNonNull(service, "service");
    }

    /**
     * @param service the service
     * @param result typed content or {@code null}
     * @return a successful response
     */
    public static ServiceResponse success(Service service, ServiceResult result) {
        return new ServiceResponse(service, true, null, null, result);
    }

    /**
     * @param service the service
     * @param error why it failed
     * @return a failed response
     */
    public static ServiceResponse failure(Service service, ErrorInfo error) {
        return new ServiceResponse(service, false, error, null, null);
    }

    /**
     * @param type the expected result type
     * @param <T> the result type
     * @return the result if it has that type, else {@code null}
     */
    public <T extends ServiceResult> T result(Class<T> type) {
        return type.isInstance(result) ? type.cast(result) : null;
    }
}
