package dev.guildhall.server.bot;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.server.member.MemberResponse;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A server's bots: {@code PUT} adds one (or changes what it may do), {@code DELETE} removes it. */
@RestController
@RequestMapping("/api/v1/servers/{serverId}/bots/{applicationId}")
class ServerBotController {

    private final ServerBotService bots;

    ServerBotController(ServerBotService bots) {
        this.bots = bots;
    }

    /** The bot as a member of the server, with its managed role. */
    @PutMapping
    MemberResponse add(Caller caller, @PathVariable String serverId, @PathVariable String applicationId,
                       DeferredBody<AddBot> request,
                       @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return bots.add(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(applicationId),
                () -> request.read().permissions(), AuditReason.clean(reason));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable String serverId, @PathVariable String applicationId,
                @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        bots.remove(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(applicationId),
                AuditReason.clean(reason));
    }

    /** @param permissions what the bot's managed role grants, a decimal permission string */
    record AddBot(@NotNull @Size(max = 20) String permissions) {
    }
}
