package dev.guildhall.message.readstate;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ReadStateController {

    private final ReadStateService readStates;

    ReadStateController(ReadStateService readStates) {
        this.readStates = readStates;
    }

    /** Marks the channel read up to this message (the marker never moves backwards). */
    @PostMapping("/api/v1/channels/{channelId}/messages/{messageId}/ack")
    ResponseEntity<Void> ack(Caller caller, @PathVariable String channelId, @PathVariable String messageId) {
        readStates.ack(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId));
        return ResponseEntity.noContent().build();
    }
}
