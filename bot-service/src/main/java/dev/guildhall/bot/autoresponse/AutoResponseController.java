package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A server's auto-responses and custom commands (issue 10); MANAGE_SERVER decides who may touch them. */
@RestController
@RequestMapping("/api/v1/servers/{serverId}/auto-responses")
class AutoResponseController {

    private final AutoResponseService autoResponses;

    AutoResponseController(AutoResponseService autoResponses) {
        this.autoResponses = autoResponses;
    }

    @GetMapping
    List<AutoResponseView> list(Caller caller, @PathVariable String serverId) {
        return autoResponses.list(caller.userId(), Snowflake.parse(serverId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AutoResponseView create(Caller caller, @PathVariable String serverId,
                            DeferredBody<AutoResponseRequests.Body> body) {
        return autoResponses.create(caller.userId(), Snowflake.parse(serverId), body);
    }

    @GetMapping("/{autoResponseId}")
    AutoResponseView get(Caller caller, @PathVariable String serverId, @PathVariable String autoResponseId) {
        return autoResponses.get(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(autoResponseId));
    }

    @PatchMapping("/{autoResponseId}")
    AutoResponseView update(Caller caller, @PathVariable String serverId, @PathVariable String autoResponseId,
                            DeferredBody<AutoResponseRequests.Body> body) {
        return autoResponses.update(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(autoResponseId),
                body);
    }

    @DeleteMapping("/{autoResponseId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String serverId, @PathVariable String autoResponseId) {
        autoResponses.delete(caller.userId(), Snowflake.parse(serverId), Snowflake.parse(autoResponseId));
    }
}
