package dev.guildhall.message.dm;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.GroupDmChange;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.media.ImageUploads;
import dev.guildhall.message.outbox.MessageOutbox;
import org.springframework.stereotype.Service;

import java.util.Map;
import java.util.Objects;

/**
 * A group DM's name and icon (ADR 231): any current recipient renames it or sets its icon, like Discord. The icon
 * is an upload of purpose {@code icon} claimed here (its 256 px crop becomes {@code icon_url}); the change and its
 * CHANNEL_UPDATE to the current recipients are one transaction; a replaced icon's crops leave the store after it.
 */
@Service
public class GroupDmChanges {

    static final int MAX_NAME = 100;

    private final GroupDmService groups;
    private final GroupDmRepository repository;
    private final ShardDatabases shards;
    private final MessageOutbox outbox;
    private final ImageUploads images;

    public GroupDmChanges(GroupDmService groups, GroupDmRepository repository, ShardDatabases shards,
                          MessageOutbox outbox, ImageUploads images) {
        this.groups = groups;
        this.repository = repository;
        this.shards = shards;
        this.outbox = outbox;
        this.images = images;
    }

    /** @return the channel as the caller sees it; 404 for a channel the caller is not in (or no group DM) */
    public GroupDmView change(long callerId, long channelId, GroupDmChange change) {
        Shard shard = shards.forKey(channelId);
        // who may change it is checked first: before the name is judged (a stranger's bad name is a 404 like any
        // other change, ADR 250) and before the icon's crops are made (they cost a decode)
        groups.find(channelId).filter(g -> g.hasRecipient(callerId))
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL));
        String name = change.rename() ? name(change.name()) : null;
        String icon = change.changeIcon() ? icon(callerId, change.iconUploadId()) : null;
        GroupDm[] before = new GroupDm[1];
        GroupDm after = shard.inTransaction(() -> {
            GroupDm locked = groups.locked(shard, channelId, callerId);
            before[0] = locked;
            GroupDm changed = new GroupDm(channelId, locked.ownerId(), change.rename() ? name : locked.name(),
                    change.changeIcon() ? icon : locked.iconUrl(), locked.recipients(), locked.createdAt());
            if (Objects.equals(changed.name(), locked.name()) && Objects.equals(changed.iconUrl(), locked.iconUrl())) {
                return locked;
            }
            repository.describe(shard, channelId, changed.name(), changed.iconUrl());
            outbox.append(shard, EventTypes.CHANNEL_UPDATE, channelId, null, changed.recipients(), callerId,
                    groups.view(changed, null));
            return changed;
        });
        String replaced = before[0].iconUrl();
        if (replaced != null && !replaced.equals(after.iconUrl())) {
            images.release(replaced, "icon");
        }
        return groups.view(after, callerId);
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String name = raw.strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "name: 1 to " + MAX_NAME
                    + " characters without control characters",
                    Map.of("errors", Map.of("name", "1 to " + MAX_NAME + " characters without control characters")));
        }
        return name;
    }

    private String icon(long callerId, String uploadId) {
        if (uploadId == null) {
            return null;
        }
        long id;
        try {
            id = Snowflake.parse(uploadId);
        } catch (RuntimeException e) {
            throw invalidIcon("not an upload id");
        }
        try {
            return images.claim(id, callerId, "icon").url();
        } catch (GuildhallException e) {
            if (e.code() == ErrorCode.UNKNOWN_UPLOAD) {
                throw invalidIcon("not a usable icon upload of yours (an image, uploaded, not expired)");
            }
            throw e;
        }
    }

    private static GuildhallException invalidIcon(String why) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "icon_upload_id: " + why,
                Map.of("errors", Map.of("icon_upload_id", why)));
    }
}
