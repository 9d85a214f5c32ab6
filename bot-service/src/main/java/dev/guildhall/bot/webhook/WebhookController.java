package dev.guildhall.bot.webhook;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Webhooks: managed with a user or bot token and MANAGE_WEBHOOKS; executed with nothing but the token in
 * the path ({@code POST /api/v1/webhooks/{id}/{token}}, public, see {@link WebhookSecurity}).
 */
@RestController
class WebhookController {

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/api/v1/channels/{channelId}/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    WebhookResponse create(Caller caller, @PathVariable String channelId,
                           DeferredBody<WebhookRequests.Create> request) {
        return webhooks.create(caller.userId(), Snowflake.parse(channelId), request);
    }

    @GetMapping("/api/v1/channels/{channelId}/webhooks")
    List<WebhookResponse> inChannel(Caller caller, @PathVariable String channelId) {
        return webhooks.inChannel(caller.userId(), Snowflake.parse(channelId));
    }

    @GetMapping("/api/v1/servers/{serverId}/webhooks")
    List<WebhookResponse> inServer(Caller caller, @PathVariable String serverId) {
        return webhooks.inServer(caller.userId(), Snowflake.parse(serverId));
    }

    @PatchMapping("/api/v1/webhooks/{webhookId}")
    WebhookResponse update(Caller caller, @PathVariable String webhookId,
                           DeferredBody<WebhookRequests.Update> request) {
        return webhooks.update(caller.userId(), Snowflake.parse(webhookId), request);
    }

    @DeleteMapping("/api/v1/webhooks/{webhookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(Caller caller, @PathVariable String webhookId) {
        webhooks.delete(caller.userId(), Snowflake.parse(webhookId));
    }

    /** Discord's semantics: 204, or 200 with the message when {@code ?wait=true}; the webhook's rate-limit headers. */
    @PostMapping(WebhookSecurity.EXECUTE)
    ResponseEntity<Object> execute(@PathVariable String webhookId, @PathVariable String token,
                                   @RequestParam(defaultValue = "false") boolean wait,
                                   @Valid @RequestBody WebhookRequests.Execute request) {
        WebhookService.Executed executed = webhooks.execute(webhookId, token, request);
        HttpHeaders headers = new HttpHeaders();
        RateLimitHeaders.headers(executed.rateLimit()).forEach(headers::set);
        if (!wait) {
            return ResponseEntity.noContent().headers(headers).build();
        }
        return ResponseEntity.ok().headers(headers).body(executed.message());
    }
}
