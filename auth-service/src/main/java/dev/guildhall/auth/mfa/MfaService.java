package dev.guildhall.auth.mfa;

import dev.guildhall.auth.config.AuthProperties;
import dev.guildhall.auth.crypto.Tokens;
import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * TOTP second factor: setup (enable → verify), disable, the login ticket between password and
 * code, and the check of a code (TOTP, else recovery code) at login (ADR 015).
 */
@Service
public class MfaService {

    private final TotpRepository totp;
    private final RecoveryCodeRepository recoveryCodes;
    private final MfaTicketRepository tickets;
    private final Totp generator = new Totp();
    private final SecureRandom random;
    private final TransactionTemplate tx;
    private final AuthProperties.Mfa properties;
    private final AuthMetrics metrics;
    private final Clock clock;

    MfaService(TotpRepository totp, RecoveryCodeRepository recoveryCodes, MfaTicketRepository tickets,
               SecureRandom random, TransactionTemplate tx, AuthProperties properties, AuthMetrics metrics, Clock clock) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.tickets = tickets;
        this.random = random;
        this.tx = tx;
        this.properties = properties.mfa();
        this.metrics = metrics;
        this.clock = clock;
    }

    /** A new pending seed (replacing any earlier pending one); active only once a code is verified. */
    public Setup enable(long userId, String accountName) {
        byte[] secret = Totp.newSecret(random);
        Instant now = clock.instant();
        try {
            tx.executeWithoutResult(status -> {
                totp.deletePending(userId);
                totp.insertPending(userId, secret, now);
            });
        } catch (DuplicateKeyException e) {
            throw alreadyEnabled();
        }
        return new Setup(Totp.base32(secret), Totp.otpauthUrl(properties.totpIssuer(), accountName, secret));
    }

    /** Activates the pending seed with a code from the app; returns the recovery codes, shown once. */
    public List<String> activate(long userId, String code) {
        TotpRepository.TotpState state = totp.find(userId).orElseThrow(() ->
                new GuildhallException(ErrorCode.MFA_NOT_ENABLED, "Start with POST /api/v1/users/@me/mfa/totp/enable"));
        if (state.enabled()) {
            throw alreadyEnabled();
        }
        Instant now = clock.instant();
        OptionalLong step = generator.verify(state.secret(), code, now, null);
        if (step.isEmpty()) {
            throw invalidCode();
        }
        List<String> codes = RecoveryCodes.generate(random, properties.recoveryCodes());
        Boolean enabled = tx.execute(status -> {
            if (!totp.enable(userId, step.getAsLong(), now)) {
                return false;
            }
            recoveryCodes.replaceAll(userId, codes.stream().map(RecoveryCodes::hash).toList(), now);
            return true;
        });
        if (!Boolean.TRUE.equals(enabled)) {
            throw alreadyEnabled();
        }
        return codes;
    }

    /** Turns TOTP off; needs a current code or an unused recovery code. */
    public void disable(long userId, String code) {
        if (totp.find(userId).filter(TotpRepository.TotpState::enabled).isEmpty()) {
            throw new GuildhallException(ErrorCode.MFA_NOT_ENABLED, ErrorCode.MFA_NOT_ENABLED.title());
        }
        if (!checkCode(userId, code)) {
            throw invalidCode();
        }
        tx.executeWithoutResult(status -> {
            recoveryCodes.deleteAll(userId);
            totp.delete(userId);
        });
    }

    public boolean enabled(long userId) {
        return totp.find(userId).filter(TotpRepository.TotpState::enabled).isPresent();
    }

    /** The opaque, single-use ticket login hands out instead of tokens when TOTP is on. */
    public String createTicket(long userId) {
        String ticket = Tokens.random(random);
        Instant now = clock.instant();
        tickets.insert(Tokens.sha256(ticket), userId, now, now.plus(properties.ticketTtl()));
        return ticket;
    }

    /**
     * Exchanges ticket + code for the user id. A wrong code spends one of the ticket's attempts;
     * a right one consumes the ticket.
     */
    public long redeemTicket(String ticket, String code) {
        byte[] hash = Tokens.sha256(ticket);
        long userId = tickets.spendAttempt(hash, clock.instant(), properties.ticketMaxAttempts())
                .orElseThrow(MfaService::invalidTicket);
        boolean ok = checkCode(userId, code);
        metrics.mfaChallenge(ok);
        if (!ok) {
            throw invalidCode();
        }
        if (!tickets.delete(hash)) {
            throw invalidTicket();
        }
        return userId;
    }

    /** A 6-digit TOTP code (each step once) or an unused recovery code (spent by this call). */
    boolean checkCode(long userId, String code) {
        if (code == null || code.isBlank()) {
            return false;
        }
        String trimmed = code.strip();
        Instant now = clock.instant();
        if (RecoveryCodes.looksLikeTotp(trimmed)) {
            return totp.find(userId)
                    .filter(TotpRepository.TotpState::enabled)
                    .map(state -> generator.verify(state.secret(), trimmed, now, state.lastUsedStep()))
                    .filter(OptionalLong::isPresent)
                    .map(step -> totp.acceptStep(userId, step.getAsLong()))
                    .orElse(false);
        }
        return recoveryCodes.use(userId, RecoveryCodes.hash(trimmed), now);
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    public void purgeExpiredTickets() {
        tickets.deleteExpired(clock.instant());
    }

    private static GuildhallException alreadyEnabled() {
        return new GuildhallException(ErrorCode.MFA_ALREADY_ENABLED, ErrorCode.MFA_ALREADY_ENABLED.title());
    }

    private static GuildhallException invalidCode() {
        return new GuildhallException(ErrorCode.INVALID_MFA_CODE, ErrorCode.INVALID_MFA_CODE.title());
    }

    private static GuildhallException invalidTicket() {
        return new GuildhallException(ErrorCode.INVALID_MFA_TICKET, ErrorCode.INVALID_MFA_TICKET.title());
    }

    public record Setup(String secret, String otpauthUrl) {
    }
}
