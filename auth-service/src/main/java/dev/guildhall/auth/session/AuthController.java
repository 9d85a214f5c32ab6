package dev.guildhall.auth.session;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.ratelimit.ClientIp;
import dev.guildhall.auth.ratelimit.LoginThrottle;
import dev.guildhall.auth.user.CurrentUser;
import dev.guildhall.auth.user.UserRequests;
import dev.guildhall.auth.user.UserResponses;
import dev.guildhall.auth.user.UserService;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The public, unauthenticated side: register, login, second factor, refresh, logout. */
@RestController
@RequestMapping("/api/v1/auth")
public class AuthController {

    private final UserService users;
    private final SessionService sessions;
    private final LoginThrottle throttle;
    private final JwtDecoder jwtDecoder;
    private final boolean trustForwardedFor;
    private final int trustedProxyHops;

    public AuthController(UserService users, SessionService sessions, LoginThrottle throttle, JwtDecoder jwtDecoder,
                          AuthProperties properties) {
        this.users = users;
        this.jwtDecoder = jwtDecoder;
        this.sessions = sessions;
        this.throttle = throttle;
        this.trustForwardedFor = properties.loginThrottle().trustForwardedFor();
        this.trustedProxyHops = properties.loginThrottle().trustedProxyHops();
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    public UserResponses.Me register(@Valid @RequestBody UserRequests.Register request) {
        return UserResponses.Me.of(users.register(request));
    }

    @PostMapping("/login")
    public SessionResponses.LoginResult login(@Valid @RequestBody SessionRequests.Login request,
                                              HttpServletRequest http, HttpServletResponse response) {
        String clientIp = ClientIp.of(http, trustForwardedFor, trustedProxyHops);
        RateLimitHeaders.Decision decision = throttle.check(clientIp, users.throttleKey(request.login()));
        // on the response now, so a failed attempt (401) carries them too
        RateLimitHeaders.headers(decision).forEach(response::setHeader);
        SessionResponses.LoginResult result = sessions.login(request.login(), request.password());
        throttle.succeeded(clientIp);
        return result;
    }

    @PostMapping("/mfa/totp")
    public SessionResponses.Tokens mfaTotp(@Valid @RequestBody SessionRequests.MfaTotp request) {
        return sessions.completeMfa(request.ticket(), request.code());
    }

    @PostMapping("/refresh")
    public SessionResponses.Tokens refresh(@Valid @RequestBody SessionRequests.Refresh request) {
        return sessions.refresh(request.refreshToken());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@Valid @RequestBody(required = false) SessionRequests.Logout request,
                       @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String refreshToken = request == null ? null : request.refreshToken();
        // a refresh token is enough on its own (a bearer beside it is revoked too when valid); only a bearer-only
        // logout needs a valid bearer
        boolean bearerRequired = refreshToken == null || refreshToken.isBlank();
        sessions.logout(refreshToken, bearer(authorization, bearerRequired));
    }

    private Jwt bearer(String authorization, boolean required) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        try {
            return jwtDecoder.decode(authorization.substring(7).strip());
        } catch (JwtException | IllegalArgumentException e) {
            if (!required) {
                return null;
            }
            throw new GuildhallException(ErrorCode.INVALID_TOKEN, ErrorCode.INVALID_TOKEN.title());
        }
    }
}
