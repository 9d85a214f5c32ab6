package dev.guildhall.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.InternalClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.Map;
import java.util.Optional;

/**
 * Asks bot-service's {@value BotTokens#VERIFY_PATH} and remembers the answer briefly (ADR 152): a valid
 * token for {@link BotTokenProperties#validFor()}, a refused one for {@link BotTokenProperties#invalidFor()}.
 * Failures to ask are not remembered. The cache is keyed by the token's SHA-256, not the token.
 */
public class RemoteBotTokenVerifier implements BotTokenVerifier {

    private static final Logger log = LoggerFactory.getLogger(RemoteBotTokenVerifier.class);

    private final RestClient botService;
    private final JsonMapper json;
    private final Cache<String, Optional<BotTokens.Verified>> cache;

    public RemoteBotTokenVerifier(BotTokenProperties properties, InternalClients clients, JsonMapper json) {
        this.botService = clients.to(properties.url(), properties.timeout());
        this.json = json;
        this.cache = BotTokenVerdicts.cache(properties.maximumSize(), properties.validFor(), properties.invalidFor())
                .build();
    }

    @Override
    public Optional<BotTokens.Verified> verify(String token) {
        if (BotTokens.claimedUserId(token).isEmpty()) {
            return Optional.empty();
        }
        return cache.get(BotTokenVerdicts.key(token), key -> ask(token));
    }

    private Optional<BotTokens.Verified> ask(String token) {
        try {
            String answer = botService.post().uri(BotTokens.VERIFY_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(Map.of("token", token)))
                    .retrieve().body(String.class);
            return Optional.of(BotTokenVerdicts.verified(json.readTree(answer)));
        } catch (ClientErrorException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw unavailable(e);
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static GuildhallException unavailable(RuntimeException e) {
        log.warn("bot token verification failed: {}", e.toString());
        return new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, "Bot token verification is temporarily unavailable");
    }
}
