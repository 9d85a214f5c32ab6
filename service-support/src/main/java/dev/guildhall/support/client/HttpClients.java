package dev.guildhall.support.client;

import dev.guildhall.common.internal.InternalApi;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * A {@link RestClient} for another service's {@code /internal/**}: timeouts, the internal token,
 * the caller's trace context ({@link TraceForwarding}), 4xx answers as {@link ClientErrorException}.
 */
public final class HttpClients {

    private HttpClients() {
    }

    public static RestClient internal(String baseUrl, String internalToken, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
        factory.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(baseUrl)
                .requestFactory(factory)
                .defaultHeader(InternalApi.TOKEN_HEADER, internalToken)
                .requestInterceptor(TraceForwarding.INSTANCE)
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw new ClientErrorException(response.getStatusCode().value(),
                            request.getMethod() + " " + request.getURI().getPath() + " answered "
                                    + response.getStatusCode().value());
                })
                .build();
    }
}
