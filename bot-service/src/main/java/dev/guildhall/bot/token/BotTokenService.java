package dev.guildhall.bot.token;

import dev.guildhall.bot.application.Application;
import dev.guildhall.bot.application.ApplicationRepository;
import dev.guildhall.bot.application.ApplicationService;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.security.BotTokens;
import dev.guildhall.support.security.TokenRevocations;
import org.springframework.stereotype.Service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

/**
 * Bot tokens (ADR 151): 32 random bytes from {@link SecureRandom} behind the bot's user id, stored only as
 * their SHA-256, shown once. A new token replaces the stored hash, so every earlier token stops at once.
 */
@Service
public class BotTokenService {

    static final int SECRET_BYTES = 32;

    private final ApplicationRepository applications;
    private final ApplicationService owners;
    private final SecureRandom random;
    private final Clock clock;
    private final TokenRevocations revocations;

    public BotTokenService(ApplicationRepository applications, ApplicationService owners, SecureRandom random,
                           Clock clock, TokenRevocations revocations) {
        this.revocations = revocations;
        this.applications = applications;
        this.owners = owners;
        this.random = random;
        this.clock = clock;
    }

    /** A new token for the owner's application; the only time it is ever seen. */
    public String reset(long ownerId, long applicationId) {
        Application app = owners.owned(ownerId, applicationId);
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String token = BotTokens.format(app.botUserId(), secret);
        applications.replaceTokenHash(app.applicationId(), BotTokens.hash(token), clock.instant());
        revocations.botTokenReset(app.botUserId()); // the bot's live gateway sessions end (ADR 251)
        return token;
    }

    /** The bot a token stands for, or empty when it is malformed, wrong or revoked. */
    public Optional<BotTokens.Verified> verify(String token) {
        var claimed = BotTokens.claimedUserId(token);
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        byte[] hash = BotTokens.hash(token);
        return applications.findByTokenHash(hash)
                // the lookup is by hash; the id prefix must match the bot it belongs to as well
                .filter(app -> app.botUserId() == claimed.getAsLong())
                .map(app -> new BotTokens.Verified(Snowflake.format(app.botUserId()),
                        Snowflake.format(app.applicationId()), app.flags()));
    }

}
