package dev.guildhall.gateway.security;

import dev.guildhall.common.security.BotTokens;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request whose bot token bot-service confirmed (ADR 152); before verification only the token is known. */
public class BotAuthentication extends AbstractAuthenticationToken {

    private final String token;
    private final BotTokens.Verified bot;

    private BotAuthentication(String token, BotTokens.Verified bot) {
        super(AuthorityUtils.createAuthorityList("ROLE_BOT"));
        this.token = token;
        this.bot = bot;
        setAuthenticated(bot != null);
    }

    static BotAuthentication unverified(String token) {
        return new BotAuthentication(token, null);
    }

    static BotAuthentication verified(BotTokens.Verified bot) {
        return new BotAuthentication(null, bot);
    }

    public BotTokens.Verified bot() {
        return bot;
    }

    @Override
    public Object getPrincipal() {
        return bot;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public String getName() {
        return bot != null ? bot.userId() : "";
    }
}
