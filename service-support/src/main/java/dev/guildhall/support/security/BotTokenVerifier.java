package dev.guildhall.support.security;

import dev.guildhall.common.security.BotTokens;

import java.util.Optional;

/**
 * Checks a bot token: the bot it stands for, or empty when it is wrong or revoked. Throws
 * {@code GuildhallException(SERVICE_UNAVAILABLE)} when it cannot tell (bot-service down): a request
 * must then be answered 503, never 401 (ADR 152).
 */
public interface BotTokenVerifier {

    Optional<BotTokens.Verified> verify(String token);
}
