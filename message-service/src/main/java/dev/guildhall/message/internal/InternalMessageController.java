package dev.guildhall.message.internal;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.internal.InternalApi;
import dev.guildhall.common.internal.MessageWrite;
import dev.guildhall.message.message.MessageService;
import dev.guildhall.message.message.MessageView;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The internal write path (ADR 155): messages written by bot-service on behalf of a bot user, a webhook
 * or an interaction. Never routed by the gateway; the internal token is required. Only the channel's
 * existence is checked: the caller authorised the write. Validation, storage and events are the public
 * path's.
 */
@RestController
class InternalMessageController {

    private final MessageService messages;
    private final InternalWrites writes;

    InternalMessageController(MessageService messages, InternalWrites writes) {
        this.messages = messages;
        this.writes = writes;
    }

    @PostMapping(InternalApi.CHANNEL_MESSAGES)
    MessageView post(@PathVariable String channelId, @RequestBody MessageWrite request) {
        return messages.post(Snowflake.parse(channelId), writes.post(request));
    }

    @PatchMapping(InternalApi.CHANNEL_MESSAGE)
    MessageView edit(@PathVariable String channelId, @PathVariable String messageId,
                     @RequestBody MessageWrite.Edit request) {
        return messages.editAsWriter(Snowflake.parse(channelId), Snowflake.parse(messageId), writes.edit(request));
    }

    @DeleteMapping(InternalApi.CHANNEL_MESSAGE)
    ResponseEntity<Void> delete(@PathVariable String channelId, @PathVariable String messageId) {
        messages.deleteAsWriter(Snowflake.parse(channelId), Snowflake.parse(messageId));
        return ResponseEntity.noContent().build();
    }
}
