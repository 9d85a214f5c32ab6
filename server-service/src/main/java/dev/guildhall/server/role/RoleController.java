package dev.guildhall.server.role;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/servers/{serverId}/roles")
class RoleController {

    private final RoleService roles;

    RoleController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping
    List<RoleResponse> list(Caller caller, @PathVariable String serverId) {
        return roles.list(caller.userId(), Snowflake.parse(serverId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    RoleResponse create(Caller caller, @PathVariable String serverId,
                        DeferredBody<RoleRequests.Create> request, // an empty body is a default role
                        @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return roles.create(caller.userId(), Snowflake.parse(serverId), request, AuditReason.clean(reason));
    }

    @PatchMapping
    List<RoleResponse> reorder(Caller caller, @PathVariable String serverId,
                               DeferredBody<List<RoleRequests.Position>> moves,
                               @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return roles.reorder(caller.userId(), Snowflake.parse(serverId), moves, AuditReason.clean(reason));
    }

    @PatchMapping("/{roleId}")
    RoleResponse update(Caller caller, @PathVariable String serverId, @PathVariable String roleId,
                        DeferredBody<RoleRequests.Update> request,
                        @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return roles.update(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(roleId), request,
                AuditReason.clean(reason));
    }

    @DeleteMapping("/{roleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String serverId, @PathVariable String roleId,
                @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        roles.delete(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(roleId), AuditReason.clean(reason));
    }
}
