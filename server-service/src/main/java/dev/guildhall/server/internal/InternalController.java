package dev.guildhall.server.internal;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.common.internal.ContentPurged;
import dev.guildhall.server.audit.ContentPurgeAudit;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Service-to-service endpoints: never routed by the gateway, and guarded by the internal token
 * (InternalTokenFilter). Callers: websocket-service (READY, permission cache), message-service and
 * voice-service (permission checks).
 */
@RestController
class InternalController {

    private final InternalService internal;
    private final ContentPurgeAudit purges;

    private static final String NOBODY = "0";

    InternalController(InternalService internal, ContentPurgeAudit purges) {
        this.internal = internal;
        this.purges = purges;
    }

    /**
     * {@code ?user_id=&channel_id=} (channel permissions) or {@code ?user_id=&server_id=} (base permissions).
     * {@code user_id=0} is nobody: a service's own worker (message-service's media worker, a system write) asking
     * which server a channel is in gets the answer of a non-member.
     */
    @GetMapping(InternalApi.PERMISSIONS)
    PermissionsAnswer permissions(@RequestParam(name = "user_id") String userId,
                                              @RequestParam(name = "channel_id", required = false) String channelId,
                                              @RequestParam(name = "server_id", required = false) String serverId) {
        long user = NOBODY.equals(userId) ? 0 : Snowflake.parse(userId);
        if (channelId != null) {
            return internal.channelPermissions(user, Snowflake.parse(channelId));
        }
        if (serverId != null) {
            return internal.serverPermissions(user, Snowflake.parse(serverId));
        }
        throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "channel_id or server_id is required");
    }

    @GetMapping(InternalApi.SERVER_SNAPSHOT)
    ServerSnapshot snapshot(@PathVariable String serverId) {
        return internal.snapshot(Snowflake.parse(serverId));
    }

    /** message-service: a deleted channel's content is gone; recorded in the audit log (ADR 198). */
    @PostMapping(InternalApi.CONTENT_PURGES)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void contentPurged(@PathVariable String serverId, @RequestBody ContentPurged purged) {
        purges.record(Snowflake.parse(serverId), purged);
    }

    @GetMapping("/internal/users/{userId}/servers")
    InternalResponses.UserServers servers(@PathVariable String userId) {
        return internal.serversOf(Snowflake.parse(userId));
    }
}
