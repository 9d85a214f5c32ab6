package dev.guildhall.auth.user;

import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.auth.password.PasswordHasher;
import dev.guildhall.auth.password.PasswordPolicy;
import dev.guildhall.auth.token.AccessTokenRevocation;
import dev.guildhall.auth.token.RefreshTokenService;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Accounts: creation, lookup, profile and password changes. */
@Service
public class UserService {

    private final UserRepository users;
    private final UserEvents events;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final RefreshTokenService refreshTokens;
    private final AccessTokenRevocation revocation;
    private final SnowflakeGenerator ids;
    private final TransactionTemplate tx;
    private final AuthMetrics metrics;
    private final Clock clock;

    public UserService(UserRepository users, UserEvents events, PasswordPolicy policy, PasswordHasher hasher,
                       RefreshTokenService refreshTokens, AccessTokenRevocation revocation, SnowflakeGenerator ids,
                       TransactionTemplate tx, AuthMetrics metrics, Clock clock) {
        this.users = users;
        this.events = events;
        this.policy = policy;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.revocation = revocation;
        this.ids = ids;
        this.tx = tx;
        this.metrics = metrics;
        this.clock = clock;
    }

    public User register(UserRequests.Register request) {
        String username = request.username();
        String email = request.email().strip();
        policy.check(request.password(), username, email);
        // cheap checks first so a taken name costs no hash; the unique keys settle races
        if (users.usernameKeyTaken(User.usernameKey(username), 0)) {
            throw new GuildhallException(ErrorCode.USERNAME_TAKEN, "Username is taken");
        }
        if (users.emailKeyTaken(User.emailKey(email), 0)) {
            throw new GuildhallException(ErrorCode.EMAIL_TAKEN, "Email is already registered");
        }
        String hash = hasher.hash(request.password());
        Instant now = clock.instant();
        User user = new User(ids.next(), username, email, hash, null, false, false, now, now);
        try {
            tx.executeWithoutResult(status -> {
                users.insert(user);
                events.created(user);
            });
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        metrics.registered();
        return user;
    }

    public User get(long userId) {
        return users.findById(userId).orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_USER));
    }

    public Optional<User> find(long userId) {
        return users.findById(userId);
    }

    /** Accounts by login (username or email, case-insensitive). */
    public Optional<User> findByLogin(String login) {
        String trimmed = login.strip();
        return trimmed.indexOf('@') >= 0
                ? users.findByEmailKey(User.emailKey(trimmed))
                : users.findByUsernameKey(User.usernameKey(trimmed));
    }

    /**
     * What login attempts are counted against: the account when the login names one (so
     * alternating username and email does not double the attempts), else the login as typed.
     */
    public String throttleKey(String login) {
        return findByLogin(login).map(u -> "user:" + u.userId())
                .orElseGet(() -> "login:" + login.strip().toLowerCase(java.util.Locale.ROOT));
    }

    public List<User> findAll(Collection<Long> ids) {
        return users.findAllById(ids);
    }

    /**
     * @param presented the access token of the request: revoked by a password change together with every earlier
     *                  token of the user (ADR 208), even one issued in the same second
     */
    public User update(long userId, UserRequests.Update request, Jwt presented) {
        User current = get(userId);
        if (current.bot() && (request.email() != null || request.password() != null || request.newPassword() != null)) {
            throw botNotAllowed();
        }
        String username = request.username() != null ? request.username() : current.username();
        String email = request.email() != null ? request.email().strip() : current.email();
        String avatarUrl = request.avatarUrl() != null ? request.avatarUrl().orElse(null) : current.avatarUrl();

        String newHash = null;
        if (request.newPassword() != null) {
            if (request.password() == null || !hasher.matches(request.password(), current.passwordHash())) {
                throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Current password is wrong or missing",
                        Map.of("errors", Map.of("password", "must be the current password")));
            }
            policy.check(request.newPassword(), username, email);
            newHash = hasher.hash(request.newPassword());
        }
        boolean usernameChanged = !username.equals(current.username());
        boolean emailChanged = !Objects.equals(email, current.email());
        if (!User.usernameKey(username).equals(User.usernameKey(current.username()))
                && users.usernameKeyTaken(User.usernameKey(username), userId)) {
            throw new GuildhallException(ErrorCode.USERNAME_TAKEN, "Username is taken");
        }
        if (emailChanged && !Objects.equals(User.emailKey(email), User.emailKey(current.email()))
                && users.emailKeyTaken(User.emailKey(email), userId)) {
            throw new GuildhallException(ErrorCode.EMAIL_TAKEN, "Email is already registered");
        }
        boolean publicChanged = usernameChanged || !Objects.equals(avatarUrl, current.avatarUrl());
        Instant now = clock.instant();
        String hash = newHash;
        try {
            tx.executeWithoutResult(status -> {
                if (usernameChanged || emailChanged || publicChanged) {
                    users.updateProfile(userId, username, email, avatarUrl, now);
                }
                if (hash != null) {
                    users.updatePasswordHash(userId, hash, now);
                    // a changed password ends every session ...
                    refreshTokens.revokeAllForUser(userId, "password_changed");
                }
                if (publicChanged) {
                    events.updated(new User(userId, username, email, hash != null ? hash : current.passwordHash(),
                            avatarUrl, current.mfaEnabled(), current.bot(), current.createdAt(), now));
                }
            });
        } catch (DuplicateKeyException e) {
            throw taken(e);
        }
        if (hash != null) {
            // ... and every access token issued before it, at every verifier (ADR 208)
            revocation.revokeAllOf(userId);
            if (presented != null) {
                revocation.revoke(presented);
            }
        }
        return get(userId);
    }

    /**
     * A bot user for bot-service (ADR 150): no email, no password, {@code bot: true}. A taken username
     * gets a numbered suffix, as many applications may share a name.
     */
    public User createBot(String requestedUsername) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 10; attempt++) {
            String username = attempt == 0 ? requestedUsername : withSuffix(requestedUsername, attempt);
            if (users.usernameKeyTaken(User.usernameKey(username), 0)) {
                continue;
            }
            User bot = new User(ids.next(), username, null, null, null, false, true, now, now);
            try {
                tx.executeWithoutResult(status -> {
                    users.insert(bot);
                    events.created(bot);
                });
                return bot;
            } catch (DuplicateKeyException e) {
                // a race on the name: try the next suffix
            }
        }
        throw new GuildhallException(ErrorCode.USERNAME_TAKEN, "No free username near " + requestedUsername);
    }

    /** Account-only operations (password, email, two-factor) refuse bot users. */
    public void requireHuman(long userId) {
        if (get(userId).bot()) {
            throw botNotAllowed();
        }
    }

    private static GuildhallException botNotAllowed() {
        return new GuildhallException(ErrorCode.BOT_NOT_ALLOWED, "Bot users have no password, email or two-factor");
    }

    private static String withSuffix(String username, int attempt) {
        String suffix = "-" + (attempt < 3 ? String.valueOf(attempt + 1)
                : String.valueOf(java.util.concurrent.ThreadLocalRandom.current().nextInt(1000, 10000)));
        return username.substring(0, Math.min(username.length(), 32 - suffix.length())) + suffix;
    }

    /** Replaces a hash made with parameters or an algorithm no longer current (at login, ADR 011). */
    public void upgradePasswordHash(User user, String rawPassword) {
        if (hasher.needsUpgrade(user.passwordHash())) {
            users.updatePasswordHash(user.userId(), hasher.hash(rawPassword), clock.instant());
        }
    }

    private static GuildhallException taken(DuplicateKeyException e) {
        return switch (UserRepository.violatedKey(e)) {
            case USERNAME -> new GuildhallException(ErrorCode.USERNAME_TAKEN, "Username is taken");
            case EMAIL -> new GuildhallException(ErrorCode.EMAIL_TAKEN, "Email is already registered");
            case OTHER -> throw e;
        };
    }
}
