package dev.guildhall.bot.server;

import dev.guildhall.bot.config.BotProperties;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.Optional;

/**
 * server-service's answer to "what may this user do here" ({@link InternalApi#PERMISSIONS}, the typed
 * {@link PermissionsAnswer} contract), behind a breaker, a timeout and one retry.
 */
@Component
public class ServerPermissions {

    static final String DEPENDENCY = "server-service";

    private final RestClient http;
    private final ResilientCalls calls;

    ServerPermissions(BotProperties properties, InternalClients clients, ResilientCalls calls) {
        this.http = clients.to(properties.serverUrl(), properties.callTimeout());
        this.calls = calls;
    }

    /**
     * What a user may do somewhere.
     *
     * @param channelId   null for the server-wide answer
     * @param member      whether the user is a member of the server
     * @param permissions the computed permissions (0 for a non-member)
     * @param channelType the channel's type ({@code text}, {@code voice}, ...), null server-wide
     */
    public record Access(long serverId, Long channelId, boolean member, long permissions, String channelType) {

        public boolean has(Permission permission) {
            return member && permission.in(permissions);
        }

        /** A member who can see the channel (or, server-wide, any member). */
        public boolean sees() {
            return member && (channelId == null || Permission.VIEW_CHANNEL.in(permissions));
        }
    }

    /** @return empty when server-service knows no such channel */
    public Optional<Access> inChannel(long userId, long channelId) {
        return ask(b -> b.queryParam("channel_id", channelId), userId);
    }

    /** @return empty when server-service knows no such server */
    public Optional<Access> inServer(long userId, long serverId) {
        return ask(b -> b.queryParam("server_id", serverId), userId);
    }

    private Optional<Access> ask(java.util.function.UnaryOperator<org.springframework.web.util.UriBuilder> where,
                                 long userId) {
        try {
            PermissionsAnswer answer = calls.call(DEPENDENCY, () -> http.get()
                    .uri(b -> where.apply(b.path(InternalApi.PERMISSIONS).queryParam("user_id", userId)).build())
                    .retrieve()
                    .body(PermissionsAnswer.class));
            if (answer == null || answer.serverId() == null || answer.serverId().isEmpty()) {
                return Optional.empty();
            }
            long bits = answer.permissions() == null ? 0 : Permission.parse(answer.permissions());
            return Optional.of(new Access(Long.parseLong(answer.serverId()),
                    answer.channelId() == null ? null : Long.parseLong(answer.channelId()), answer.member(),
                    answer.member() ? bits : 0, answer.channelType()));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
