package dev.guildhall.message.typing;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TypingController {

    private final TypingService typing;

    TypingController(TypingService typing) {
        this.typing = typing;
    }

    @PostMapping("/api/v1/channels/{channelId}/typing")
    ResponseEntity<Void> typing(Caller caller, @PathVariable String channelId) {
        typing.typing(caller.userId(), Snowflake.parse(channelId));
        return ResponseEntity.noContent().build();
    }
}
