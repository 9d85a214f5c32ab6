package dev.guildhall.bot.token;

import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.security.BotTokenVerifier;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** bot-service checks bot tokens against its own table, not over HTTP to itself (replaces service-support's). */
@Component
public class LocalBotTokenVerifier implements BotTokenVerifier {

    private final BotTokenService tokens;

    public LocalBotTokenVerifier(BotTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Optional<BotTokens.Verified> verify(String token) {
        return tokens.verify(token);
    }
}
