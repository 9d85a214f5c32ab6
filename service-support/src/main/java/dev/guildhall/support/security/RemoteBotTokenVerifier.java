package dev.guildhall.support.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.client.ClientErrorException;
import dev.guildhall.support.client.HttpClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HexFormat;
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

    public RemoteBotTokenVerifier(BotTokenProperties properties, String internalToken, JsonMapper json) {
        this.botService = HttpClients.internal(properties.url(), internalToken, properties.timeout());
        this.json = json;
        long valid = properties.validFor().toNanos();
        long invalid = properties.invalidFor().toNanos();
        this.cache = Caffeine.newBuilder()
                .maximumSize(properties.maximumSize())
                .expireAfter(Expiry.<String, Optional<BotTokens.Verified>>creating(
                        (key, verdict) -> java.time.Duration.ofNanos(verdict.isPresent() ? valid : invalid)))
                .build();
    }

    @Override
    public Optional<BotTokens.Verified> verify(String token) {
        if (BotTokens.claimedUserId(token).isEmpty()) {
            return Optional.empty();
        }
        return cache.get(HexFormat.of().formatHex(BotTokens.hash(token)), key -> ask(token));
    }

    private Optional<BotTokens.Verified> ask(String token) {
        try {
            String answer = botService.post().uri(BotTokens.VERIFY_PATH)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(json.writeValueAsString(Map.of("token", token)))
                    .retrieve().body(String.class);
            JsonNode bot = json.readTree(answer);
            return Optional.of(new BotTokens.Verified(bot.get("user_id").asString(),
                    bot.get("application_id").asString(), bot.path("flags").asLong(0)));
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
