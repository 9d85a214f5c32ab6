package dev.guildhall.bot.token;

import dev.guildhall.bot.application.Application;
import dev.guildhall.bot.application.ApplicationRepository;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.security.BotTokens;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * For the gateway and the other services (internal token required): verifying bot tokens (ADR 152) and
 * reading an application (server-service, when a bot is added to a server).
 */
@RestController
public class InternalBotController {

    private final BotTokenService tokens;
    private final ApplicationRepository applications;

    public InternalBotController(BotTokenService tokens, ApplicationRepository applications) {
        this.tokens = tokens;
        this.applications = applications;
    }

    /** 200 with the bot, or 404 for a wrong or revoked token. */
    @PostMapping(BotTokens.VERIFY_PATH)
    public BotTokens.Verified verify(@Valid @RequestBody VerifyRequest request) {
        return tokens.verify(request.token())
                .orElseThrow(() -> new GuildhallException(ErrorCode.NOT_FOUND, "Unknown bot token"));
    }

    @GetMapping("/internal/applications/{applicationId}")
    public InternalApplication application(@PathVariable String applicationId) {
        Application app = applications.findById(Snowflake.parse(applicationId))
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
        return new InternalApplication(Snowflake.format(app.applicationId()), Snowflake.format(app.botUserId()),
                app.name(), Snowflake.format(app.ownerId()));
    }

    public record VerifyRequest(@NotNull @Size(max = BotTokens.MAX_LENGTH) String token) {
    }

    public record InternalApplication(String applicationId, String botUserId, String name, String ownerId) {
    }
}
