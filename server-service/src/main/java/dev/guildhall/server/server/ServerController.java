package dev.guildhall.server.server;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1")
class ServerController {

    private final ServerService servers;
    private final ServerIcons icons;

    ServerController(ServerService servers, ServerIcons icons) {
        this.servers = servers;
        this.icons = icons;
    }

    @PostMapping("/servers")
    @ResponseStatus(HttpStatus.CREATED)
    ServerResponse create(Caller caller, @Valid @RequestBody ServerRequests.Create request) {
        return servers.create(caller.userId(), request.serverName());
    }

    @GetMapping("/servers/{serverId}")
    ServerResponse get(Caller caller, @PathVariable String serverId) {
        return servers.get(caller.userId(), Snowflake.parse(serverId));
    }

    @PatchMapping("/servers/{serverId}")
    ServerResponse update(Caller caller, @PathVariable String serverId,
                          DeferredBody<ServerRequests.Update> request,
                          @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        long id = Snowflake.parse(serverId);
        ServerRequests.Update body = servers.readUpdate(caller.userId(), id, request); // after access (ADR 250)
        ServerRequests.Update change = body.iconUploadId() == null ? body
                : body.withIconUrl(icons.claim(caller.userId(), id, body.iconUploadId()));
        return servers.update(caller.userId(), id, change, AuditReason.clean(reason), icons::replaced);
    }

    @DeleteMapping("/servers/{serverId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String serverId) {
        servers.delete(caller.userId(), Snowflake.parse(serverId));
    }

    @GetMapping("/users/@me/servers")
    List<ServerResponse> mine(Caller caller) {
        return servers.mine(caller.userId());
    }
}
