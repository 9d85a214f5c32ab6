package dev.guildhall.bot.autoresponse;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Duration;
import java.util.Optional;

/**
 * server-service through the typed internal contracts (ADR 132): a person's server-wide permissions, and a
 * server's name for {@code {server}} (kept a minute: names change rarely and a stale one is harmless).
 */
@Component
class ServerServiceClient {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;
    private final Cache<Long, String> names = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(1)).maximumSize(10_000).build();

    ServerServiceClient(AutoResponseProperties properties, InternalClients clients, ResilientCalls calls) {
        this.http = clients.to(properties.serverUrl(), properties.callTimeout());
        this.calls = calls;
    }

    /** Empty when server-service knows no such server. */
    Optional<PermissionsAnswer> permissions(long userId, long serverId) {
        try {
            return Optional.ofNullable(calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> b.path(InternalApi.PERMISSIONS).queryParam("user_id", userId)
                            .queryParam("server_id", serverId).build())
                    .retrieve().body(PermissionsAnswer.class)));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The server's name, or empty when it cannot be had now (the caller leaves {@code {server}} as it is). */
    Optional<String> serverName(long serverId) {
        String known = names.getIfPresent(serverId);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            ServerSnapshot snapshot = calls.call(DEPENDENCY, () -> http.get()
                    .uri(InternalApi.SERVER_SNAPSHOT, serverId).retrieve().body(ServerSnapshot.class));
            if (snapshot == null || snapshot.server() == null || snapshot.server().serverName() == null) {
                return Optional.empty();
            }
            names.put(serverId, snapshot.server().serverName());
            return Optional.of(snapshot.server().serverName());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
