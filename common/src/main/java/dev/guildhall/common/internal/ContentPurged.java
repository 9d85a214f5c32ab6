package dev.guildhall.common.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * message-service → server-service ({@link InternalApi#CONTENT_PURGES}): the content of a deleted
 * channel is gone; server-service records it in the server's audit log (ADR 198).
 *
 * @param channelId      the deleted channel
 * @param actorId        who deleted the channel ("0" when unknown)
 * @param rowsRemoved    messages, reactions, pins, mentions, read states and attachment rows removed
 * @param objectsRemoved files removed from the object store
 */
public record ContentPurged(
        @JsonProperty("channel_id") String channelId,
        @JsonProperty("actor_id") String actorId,
        @JsonProperty("rows_removed") long rowsRemoved,
        @JsonProperty("objects_removed") long objectsRemoved) {
}
