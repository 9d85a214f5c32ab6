package dev.guildhall.auth.session;

import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.auth.mfa.MfaService;
import dev.guildhall.auth.password.PasswordHasher;
import dev.guildhall.auth.token.AccessTokenIssuer;
import dev.guildhall.auth.token.AccessTokenRevocation;
import dev.guildhall.auth.token.RefreshTokenPolicy;
import dev.guildhall.auth.token.RefreshTokenService;
import dev.guildhall.auth.user.CurrentUser;
import dev.guildhall.auth.user.User;
import dev.guildhall.auth.user.UserService;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Login, the second factor, refresh and logout: everything that starts, renews or ends a session. */
@Service
public class SessionService {

    private final UserService users;
    private final PasswordHasher hasher;
    private final MfaService mfa;
    private final AccessTokenIssuer accessTokens;
    private final RefreshTokenService refreshTokens;
    private final AccessTokenRevocation revocation;
    private final AuthMetrics metrics;

    public SessionService(UserService users, PasswordHasher hasher, MfaService mfa, AccessTokenIssuer accessTokens,
                          RefreshTokenService refreshTokens, AccessTokenRevocation revocation, AuthMetrics metrics) {
        this.users = users;
        this.hasher = hasher;
        this.mfa = mfa;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.revocation = revocation;
        this.metrics = metrics;
    }

    /**
     * Checks the password (the same answer, and about the same time, for an unknown login) and
     * starts a session, or hands out a second-factor ticket when TOTP is on.
     */
    public SessionResponses.LoginResult login(String login, String password) {
        Optional<User> found = users.findByLogin(login);
        // a bot user has no password: the same answer and work as for an unknown login (ADR 150)
        boolean ok = found.isPresent() && found.get().passwordHash() != null
                ? hasher.matches(password, found.get().passwordHash())
                : hasher.matchesNothing(password);
        if (!ok) {
            metrics.loginFailed();
            throw new GuildhallException(ErrorCode.INVALID_CREDENTIALS, ErrorCode.INVALID_CREDENTIALS.title());
        }
        User user = found.get();
        users.upgradePasswordHash(user, password);
        if (user.mfaEnabled()) {
            metrics.loginNeedsMfa();
            return new SessionResponses.MfaRequired(mfa.createTicket(user.userId()));
        }
        metrics.loginSucceeded();
        return startSession(user);
    }

    public SessionResponses.Tokens completeMfa(String ticket, String code) {
        User user = users.get(mfa.redeemTicket(ticket, code));
        metrics.loginSucceeded();
        return startSession(user);
    }

    public SessionResponses.Tokens refresh(String refreshToken) {
        RefreshTokenService.Issued next = refreshTokens.rotate(refreshToken);
        User user = users.find(next.token().userId()).orElseThrow(() ->
                new GuildhallException(ErrorCode.INVALID_TOKEN, "The account no longer exists"));
        AccessTokenIssuer.AccessToken access = accessTokens.issue(user.userId(), user.username());
        return SessionResponses.Tokens.bearer(access.value(), next.value(), access.expiresInSeconds());
    }

    /**
     * With a refresh token: ends that session (its whole family), and the access token presented with it. With
     * only a bearer token: ends every session of its user and every access token issued so far ("log out
     * everywhere", ADR 014). Access tokens end at once at every verifier (ADR 208).
     */
    public void logout(String refreshToken, Jwt bearer) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            refreshTokens.revokeSession(refreshToken, null);
            if (bearer != null) {
                revocation.revoke(bearer);
            }
        } else if (bearer != null) {
            long userId = CurrentUser.id(bearer);
            refreshTokens.revokeAllForUser(userId, RefreshTokenPolicy.LOGOUT);
            revocation.revokeAllOf(userId);
            revocation.revoke(bearer);
        } else {
            throw new GuildhallException(ErrorCode.UNAUTHORIZED, "Send a refresh_token or a bearer token");
        }
    }

    private SessionResponses.Tokens startSession(User user) {
        AccessTokenIssuer.AccessToken access = accessTokens.issue(user.userId(), user.username());
        RefreshTokenService.Issued refresh = refreshTokens.issue(user.userId());
        return SessionResponses.Tokens.bearer(access.value(), refresh.value(), access.expiresInSeconds());
    }
}
