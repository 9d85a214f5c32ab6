package dev.guildhall.server.channel;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1")
class ChannelController {

    private final ChannelService channels;
    private final OverwriteService overwrites;
    private final GroupDmForwarding groupDms;

    ChannelController(ChannelService channels, OverwriteService overwrites, GroupDmForwarding groupDms) {
        this.channels = channels;
        this.overwrites = overwrites;
        this.groupDms = groupDms;
    }

    @GetMapping("/servers/{serverId}/channels")
    List<ChannelResponse> list(Caller caller, @PathVariable String serverId) {
        return channels.list(caller.userId(), Snowflake.parse(serverId));
    }

    @PostMapping("/servers/{serverId}/channels")
    @ResponseStatus(HttpStatus.CREATED)
    ChannelResponse create(Caller caller, @PathVariable String serverId,
                           DeferredBody<ChannelRequests.Create> request,
                           @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return channels.create(caller.userId(), Snowflake.parse(serverId), request, AuditReason.clean(reason));
    }

    @PatchMapping("/servers/{serverId}/channels")
    List<ChannelResponse> reorder(Caller caller, @PathVariable String serverId,
                                  DeferredBody<List<ChannelRequests.Position>> moves,
                                  @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        return channels.reorder(caller.userId(), Snowflake.parse(serverId), moves, AuditReason.clean(reason));
    }

    @GetMapping("/channels/{channelId}")
    ChannelResponse get(Caller caller, @PathVariable String channelId) {
        return channels.get(caller.userId(), Snowflake.parse(channelId));
    }

    /** A server channel's change; an id that is no server channel may be a group DM: forwarded (ADR 231). */
    @PatchMapping("/channels/{channelId}")
    Object update(Caller caller, @PathVariable String channelId,
                  DeferredBody<ChannelRequests.Update> request,
                  @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        long id = Snowflake.parse(channelId);
        if (!channels.isServerChannel(id)) {
            return groupDms.change(caller.userId(), id, request); // message-service checks access (ADR 231)
        }
        return channels.update(caller.userId(), id, request, AuditReason.clean(reason));
    }

    @DeleteMapping("/channels/{channelId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String channelId,
                @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        channels.delete(caller.userId(), Snowflake.parse(channelId), AuditReason.clean(reason));
    }

    @PutMapping("/channels/{channelId}/permissions/{targetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void putOverwrite(Caller caller, @PathVariable String channelId, @PathVariable String targetId,
                      DeferredBody<ChannelRequests.Overwrite> request,
                      @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        overwrites.put(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(targetId), request,
                AuditReason.clean(reason));
    }

    @DeleteMapping("/channels/{channelId}/permissions/{targetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteOverwrite(Caller caller, @PathVariable String channelId, @PathVariable String targetId,
                         @RequestHeader(value = AuditReason.HEADER, required = false) String reason) {
        overwrites.delete(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(targetId),
                AuditReason.clean(reason));
    }
}
