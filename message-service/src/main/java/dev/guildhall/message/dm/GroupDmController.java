package dev.guildhall.message.dm;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A group DM's recipients (ADR 199): the owner adds and removes; {@code @me} or one's own id leaves. */
@RestController
@RequestMapping("/api/v1/channels/{channelId}/recipients/{userId}")
class GroupDmController {

    private final GroupDmService groups;

    GroupDmController(GroupDmService groups) {
        this.groups = groups;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void add(Caller caller, @PathVariable String channelId, @PathVariable String userId) {
        groups.add(caller.userId(), Snowflake.parse(channelId), user(caller, userId));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable String channelId, @PathVariable String userId) {
        groups.remove(caller.userId(), Snowflake.parse(channelId), user(caller, userId));
    }

    private static long user(Caller caller, String userId) {
        return "@me".equals(userId) ? caller.userId() : Snowflake.parse(userId);
    }
}
