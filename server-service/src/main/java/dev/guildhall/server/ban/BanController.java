package dev.guildhall.server.ban;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.server.audit.AuditReason;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/servers/{serverId}/bans")
class BanController {

    private final BanService bans;

    BanController(BanService bans) {
        this.bans = bans;
    }

    /** {@code reason} (optional; the {@code X-Audit-Log-Reason} header is used when absent). */
    record BanRequest(@Size(max = AuditReason.MAX) String reason) {
    }

    @GetMapping
    List<BanResponse> list(Caller caller, @PathVariable String serverId, @RequestParam(required = false) String after,
                           @RequestParam(required = false) Integer limit) {
        return bans.list(caller.userId(), Snowflake.parse(serverId), after == null ? null : Snowflake.parse(after), limit);
    }

    @PutMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void ban(Caller caller, @PathVariable String serverId, @PathVariable String userId,
             DeferredBody<BanRequest> request,
             @RequestHeader(value = AuditReason.HEADER, required = false) String header) {
        // the optional body is read once BAN_MEMBERS was checked (ADR 250)
        bans.ban(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(userId), () -> request.readIfPresent()
                .map(BanRequest::reason).map(AuditReason::plain).orElseGet(() -> AuditReason.clean(header)));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(Caller caller, @PathVariable String serverId, @PathVariable String userId,
               @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        bans.unban(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(userId), AuditReason.clean(reason));
    }
}
