package dev.guildhall.message.pin;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.message.message.MessageView;
import dev.guildhall.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/channels/{channelId}/pins")
class PinController {

    private final PinService pins;

    PinController(PinService pins) {
        this.pins = pins;
    }

    @GetMapping
    List<MessageView> list(Caller caller, @PathVariable String channelId) {
        return pins.list(caller.userId(), Snowflake.parse(channelId));
    }

    @PutMapping("/{messageId}")
    ResponseEntity<Void> pin(Caller caller, @PathVariable String channelId, @PathVariable String messageId) {
        pins.pin(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/{messageId}")
    ResponseEntity<Void> unpin(Caller caller, @PathVariable String channelId, @PathVariable String messageId) {
        pins.unpin(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId));
        return ResponseEntity.noContent().build();
    }
}
