package dev.guildhall.support.client;

import dev.guildhall.common.internal.InternalApi;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A {@link RestClient} for another service's {@code /internal/**}: timeouts, the internal token,
 * the caller's trace context ({@link TraceForwarding}), 4xx answers as {@link ClientErrorException}, and a refused
 * connection retried at the callee's standby when there is one ({@link StandbyFallback}). Services get theirs from
 * the {@link InternalClients} bean.
 */
final class HttpClients {

    private HttpClients() {
    }

    static RestClient internal(String baseUrl, String internalToken, Duration timeout, StandbyFallback standbys) {
        return builder(baseUrl, internalToken, timeout, standbys)
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw new ClientErrorException(response.getStatusCode().value(),
                            request.getMethod() + " " + request.getURI().getPath() + " answered "
                                    + response.getStatusCode().value());
                })
                .build();
    }

    /** Everything of {@link #internal} but the handling of 4xx answers, for a caller that reads them itself. */
    static RestClient.Builder builder(String baseUrl, String internalToken, Duration timeout, StandbyFallback standbys) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        RestClient.Builder builder = RestClient.builder();
        if (!standbys.isEmpty()) {
            builder.requestInterceptor(standbys);
        }
        return builder
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .defaultHeader(InternalApi.TOKEN_HEADER, internalToken)
                .requestInterceptor(TraceForwarding.INSTANCE);
    }
}
