package dev.guildhall.websocket.web;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.websocket.config.GatewayProperties;
import dev.guildhall.websocket.config.UpstreamProperties;
import dev.guildhall.websocket.presence.PresenceService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's two REST endpoints: where to connect ({@code GET /api/v1/gateway}, as Discord's
 * {@code GET /gateway}), and users' visible statuses for other services
 * ({@code GET /internal/presence?user_ids=1,2}, internal token required, at most 100 ids).
 */
@RestController
public class PresenceController {

    public record GatewayUrl(String url) {
    }

    public record UserPresence(String userId, String status) {
    }

    public record Presences(List<UserPresence> presences) {
    }

    private final PresenceService presence;
    private final GatewayProperties gateway;
    private final byte[] internalToken;

    public PresenceController(PresenceService presence, GatewayProperties gateway, UpstreamProperties upstream) {
        this.presence = presence;
        this.gateway = gateway;
        this.internalToken = upstream.internalToken() == null ? new byte[0]
                : upstream.internalToken().getBytes(StandardCharsets.UTF_8);
    }

    @GetMapping("/api/v1/gateway")
    GatewayUrl gateway() {
        return new GatewayUrl(gateway.resumeGatewayUrl());
    }

    @GetMapping("/internal/presence")
    Mono<Presences> presences(@RequestHeader(value = InternalApi.TOKEN_HEADER, required = false) String token,
                              @RequestParam("user_ids") String userIds) {
        if (internalToken.length == 0 || token == null
                || !MessageDigest.isEqual(internalToken, token.getBytes(StandardCharsets.UTF_8))) {
            throw new GuildhallException(ErrorCode.UNAUTHORIZED, "internal token required");
        }
        Set<Long> ids = new LinkedHashSet<>();
        Arrays.stream(userIds.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Snowflake::parse).forEach(ids::add);
        if (ids.size() > 100) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "at most 100 user ids",
                    Map.of("errors", Map.of("user_ids", "at most 100")));
        }
        return Mono.fromCompletionStage(presence.statuses(ids)).map(statuses -> new Presences(ids.stream()
                .map(id -> new UserPresence(Long.toString(id), statuses.getOrDefault(id, "offline"))).toList()));
    }
}
