package dev.guildhall.server.invite;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.server.server.ServerResponse;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1")
class InviteController {

    private final InviteService invites;

    InviteController(InviteService invites) {
        this.invites = invites;
    }

    @PostMapping("/channels/{channelId}/invites")
    @ResponseStatus(HttpStatus.CREATED)
    InviteResponse create(Caller caller, @PathVariable String channelId,
                          DeferredBody<InviteRequests.Create> request, // an empty body is a default invite
                          @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return invites.create(caller.userId(), Snowflake.parse(channelId), request, AuditReason.clean(reason));
    }

    @GetMapping("/invites/{code}")
    InvitePreview preview(Caller caller, @PathVariable String code) {
        return invites.preview(code);
    }

    /** Join the server the invite leads to; returns the server (also when already a member). */
    @PostMapping("/invites/{code}")
    ServerResponse join(Caller caller, @PathVariable String code) {
        if (caller.bot()) {
            // a bot is in exactly the servers it was added to (ADR 153)
            throw new GuildhallException(ErrorCode.BOT_NOT_ALLOWED, "Bots join servers only by being added to them");
        }
        return invites.join(caller.userId(), code);
    }

    @DeleteMapping("/invites/{code}")
    InviteResponse delete(Caller caller, @PathVariable String code,
                          @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return invites.delete(caller.userId(), code, AuditReason.clean(reason));
    }

    @GetMapping("/servers/{serverId}/invites")
    List<InviteResponse> list(Caller caller, @PathVariable String serverId) {
        return invites.list(caller.userId(), Snowflake.parse(serverId));
    }
}
