package dev.guildhall.message.message;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping("/api/v1/channels/{channelId}/messages")
class MessageController {

    private final MessageService messages;

    MessageController(MessageService messages) {
        this.messages = messages;
    }

    /** Sends a message; answers the message object, with the channel's rate-limit headers. */
    @PostMapping
    ResponseEntity<MessageView> send(Caller caller, @PathVariable String channelId,
                                     DeferredBody<MessageRequests.Send> request) {
        MessageService.Sent sent = messages.send(caller.userId(), Snowflake.parse(channelId), request);
        HttpHeaders headers = new HttpHeaders();
        if (sent.rateLimit() != null) {
            RateLimitHeaders.headers(sent.rateLimit()).forEach(headers::set);
        }
        return ResponseEntity.ok().headers(headers).body(sent.message());
    }

    /** Newest first; at most one of before, after, around. */
    @GetMapping
    List<MessageView> history(Caller caller, @PathVariable String channelId,
                              @RequestParam(required = false) String before,
                              @RequestParam(required = false) String after,
                              @RequestParam(required = false) String around,
                              @RequestParam(required = false) Integer limit) {
        return messages.history(caller.userId(), Snowflake.parse(channelId), before, after, around, limit);
    }

    @GetMapping("/{messageId}")
    MessageView get(Caller caller, @PathVariable String channelId, @PathVariable String messageId) {
        return messages.get(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId));
    }

    @PatchMapping("/{messageId}")
    MessageView edit(Caller caller, @PathVariable String channelId, @PathVariable String messageId,
                     DeferredBody<MessageRequests.Edit> request) {
        return messages.edit(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId), request);
    }

    @DeleteMapping("/{messageId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String channelId, @PathVariable String messageId) {
        messages.delete(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId));
        return ResponseEntity.noContent().build();
    }
}
