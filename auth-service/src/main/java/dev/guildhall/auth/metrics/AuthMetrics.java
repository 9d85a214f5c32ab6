package dev.guildhall.auth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/** auth-service's domain metrics, all in one place (names as Prometheus shows them after the dots). */
@Component
public class AuthMetrics {

    private final MeterRegistry registry;
    private final Counter loginSuccess;
    private final Counter loginFailure;
    private final Counter loginMfaRequired;
    private final Counter loginThrottled;
    private final Counter registrations;
    private final Counter mfaSuccess;
    private final Counter mfaFailure;
    private final Counter refreshRotated;
    private final Counter refreshRejected;
    private final Counter refreshReuse;
    private final Counter eventsPublished;
    private final Counter throttleFallback;

    public AuthMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.loginSuccess = login("success");
        this.loginFailure = login("failure");
        this.loginMfaRequired = login("mfa_required");
        this.loginThrottled = login("throttled");
        this.registrations = Counter.builder("guildhall.auth.registrations").description("Accounts created")
                .register(registry);
        this.mfaSuccess = mfa("success");
        this.mfaFailure = mfa("failure");
        this.refreshRotated = refresh("rotated");
        this.refreshRejected = refresh("rejected");
        this.refreshReuse = refresh("reuse_detected");
        this.eventsPublished = Counter.builder("guildhall.auth.outbox.published")
                .description("Outbox events published to Kafka").register(registry);
        this.throttleFallback = Counter.builder("guildhall.auth.throttle.fallback")
                .description("Login throttle decisions taken locally because Redis failed").register(registry);
    }

    private Counter login(String outcome) {
        return Counter.builder("guildhall.auth.logins").description("Login attempts by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter mfa(String outcome) {
        return Counter.builder("guildhall.auth.mfa.challenges").description("Second-factor checks at login by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private Counter refresh(String outcome) {
        return Counter.builder("guildhall.auth.refreshes").description("Refresh-token uses by outcome")
                .tag("outcome", outcome).register(registry);
    }

    public void loginSucceeded() {
        loginSuccess.increment();
    }

    public void loginFailed() {
        loginFailure.increment();
    }

    public void loginNeedsMfa() {
        loginMfaRequired.increment();
    }

    public void loginThrottled() {
        loginThrottled.increment();
    }

    public void registered() {
        registrations.increment();
    }

    public void mfaChallenge(boolean ok) {
        (ok ? mfaSuccess : mfaFailure).increment();
    }

    public void refreshRotated() {
        refreshRotated.increment();
    }

    public void refreshRejected() {
        refreshRejected.increment();
    }

    public void refreshReuseDetected() {
        refreshReuse.increment();
    }

    public void eventsPublished(int count) {
        eventsPublished.increment(count);
    }

    public void throttleFellBack() {
        throttleFallback.increment();
    }

    /** Events written but not yet published. */
    public void outboxBacklog(Supplier<Number> backlog) {
        Gauge.builder("guildhall.auth.outbox.backlog", () -> {
            try {
                return backlog.get();
            } catch (RuntimeException e) {
                return Double.NaN;
            }
        }).description("Outbox events not yet published").register(registry);
    }
}
