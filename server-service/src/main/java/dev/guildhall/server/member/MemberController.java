package dev.guildhall.server.member;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/servers/{serverId}/members")
class MemberController {

    private static final String ME = "@me";

    private final MemberService members;

    MemberController(MemberService members) {
        this.members = members;
    }

    @GetMapping
    List<MemberResponse> list(Caller caller, @PathVariable String serverId,
                              @RequestParam(required = false) String after,
                              @RequestParam(required = false) Integer limit) {
        return members.list(caller.userId(), Snowflake.parse(serverId), after == null ? null : Snowflake.parse(after),
                limit);
    }

    @GetMapping("/{userId}")
    MemberResponse get(Caller caller, @PathVariable String serverId, @PathVariable String userId) {
        return members.get(caller.userId(), Snowflake.parse(serverId), user(caller, userId));
    }

    @PatchMapping("/{userId}")
    MemberResponse update(Caller caller, @PathVariable String serverId, @PathVariable String userId,
                          DeferredBody<MemberRequests.Update> request,
                          @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return members.update(caller.userId(), Snowflake.parse(serverId), user(caller, userId), request,
                AuditReason.clean(reason));
    }

    /** Kick, or leave with {@code @me}. */
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable String serverId, @PathVariable String userId,
                @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        if (ME.equals(userId)) {
            members.leave(caller.userId(), Snowflake.parse(serverId));
        } else {
            members.kick(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(userId), AuditReason.clean(reason));
        }
    }

    @PutMapping("/{userId}/roles/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void addRole(Caller caller, @PathVariable String serverId, @PathVariable String userId,
                 @PathVariable String roleId,
                 @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        members.addRole(caller.userId(), Snowflake.parse(serverId), user(caller, userId), Snowflake.parse(roleId),
                AuditReason.clean(reason));
    }

    @DeleteMapping("/{userId}/roles/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeRole(Caller caller, @PathVariable String serverId, @PathVariable String userId,
                    @PathVariable String roleId,
                    @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        members.removeRole(caller.userId(), Snowflake.parse(serverId), user(caller, userId), Snowflake.parse(roleId),
                AuditReason.clean(reason));
    }

    private static long user(Caller caller, String userId) {
        return ME.equals(userId) ? caller.userId() : Snowflake.parse(userId);
    }
}
