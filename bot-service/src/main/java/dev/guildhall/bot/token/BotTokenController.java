package dev.guildhall.bot.token;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Resetting an application's bot token: the new one is answered once; every earlier one is revoked. */
@RestController
public class BotTokenController {

    private final BotTokenService tokens;

    public BotTokenController(BotTokenService tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/api/v1/applications/{applicationId}/bot/token")
    public TokenResponse reset(Caller caller, @PathVariable String applicationId) {
        if (caller.bot()) {
            throw new GuildhallException(ErrorCode.BOT_NOT_ALLOWED, "Bot tokens are reset by the application's owner");
        }
        return new TokenResponse(tokens.reset(caller.userId(), Snowflake.parse(applicationId)));
    }

    public record TokenResponse(String token) {
    }
}
