package dev.guildhall.message.reaction;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.message.user.UserView;
import dev.guildhall.support.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code {emoji}} is the URL-encoded unicode emoji, e.g. {@code %F0%9F%91%8D}. */
@RestController
@RequestMapping("/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}")
class ReactionController {

    private final ReactionService reactions;

    ReactionController(ReactionService reactions) {
        this.reactions = reactions;
    }

    @PutMapping("/@me")
    ResponseEntity<Void> add(Caller caller, @PathVariable String channelId, @PathVariable String messageId,
                             @PathVariable String emoji) {
        reactions.add(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId), emoji);
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/@me")
    ResponseEntity<Void> remove(Caller caller, @PathVariable String channelId, @PathVariable String messageId,
                                @PathVariable String emoji) {
        reactions.remove(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId), emoji);
        return ResponseEntity.noContent().build();
    }

    /** Users who reacted with this emoji, ascending by user id; page with {@code after}. */
    @GetMapping
    List<UserView> users(Caller caller, @PathVariable String channelId, @PathVariable String messageId,
                         @PathVariable String emoji, @RequestParam(required = false) String after,
                         @RequestParam(required = false) Integer limit) {
        return reactions.users(caller.userId(), Snowflake.parse(channelId), Snowflake.parse(messageId), emoji, after,
                limit);
    }
}
