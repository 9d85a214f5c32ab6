package dev.guildhall.support.security;

import dev.guildhall.common.security.BotTokens;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/** A request authenticated with a verified bot token: the principal is the bot (ADR 152). */
public class BotAuthentication extends AbstractAuthenticationToken {

    private final BotTokens.Verified bot;

    public BotAuthentication(BotTokens.Verified bot) {
        super(AuthorityUtils.createAuthorityList("ROLE_BOT"));
        this.bot = bot;
        setAuthenticated(true);
    }

    @Override
    public BotTokens.Verified getPrincipal() {
        return bot;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public String getName() {
        return bot.userId();
    }
}
