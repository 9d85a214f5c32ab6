package dev.guildhall.message.dm;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.GroupDmChange;
import dev.guildhall.common.internal.InternalApi;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code PATCH /api/v1/channels/{id}} of a group DM (ADR 231): the gateway routes that path to server-service,
 * which forwards ids that are not server channels here with the caller.
 */
@RestController
class InternalGroupDmController {

    private final GroupDmChanges changes;

    InternalGroupDmController(GroupDmChanges changes) {
        this.changes = changes;
    }

    @PatchMapping(InternalApi.GROUP_DM)
    GroupDmView change(@PathVariable String channelId, @RequestBody GroupDmChange change) {
        return changes.change(Snowflake.parse(change.userId()), Snowflake.parse(channelId), change);
    }
}
