package dev.guildhall.support.client;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Every call to another service goes through here: retry (the calls are idempotent GETs) around
 * a circuit breaker around a time limiter, each configured per dependency under
 * {@code resilience4j.*.instances.<dependency>}. A dependency that is down, slow or open-circuited
 * becomes {@code SERVICE_UNAVAILABLE}; its 4xx answers pass through as {@link ClientErrorException}.
 */

public class ResilientCalls implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ResilientCalls.class);

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final TimeLimiterRegistry timeLimiters;
    private final ExecutorService executor;

    public ResilientCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, TimeLimiterRegistry timeLimiters) {
        this.breakers = breakers;
        this.retries = retries;
        this.timeLimiters = timeLimiters;
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(32, 32, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(512),
                r -> {
                    Thread t = new Thread(r, "dependency-call-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
    }

    public <T> T call(String dependency, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(dependency);
        TimeLimiter timeLimiter = timeLimiters.timeLimiter(dependency);
        Retry retry = retries.retry(dependency);
        Callable<T> timed = TimeLimiter.decorateFutureSupplier(timeLimiter, () -> executor.submit(call::get));
        Callable<T> guarded = CircuitBreaker.decorateCallable(breaker, timed);
        Callable<T> retried = Retry.decorateCallable(retry, guarded);
        try {
            return retried.call();
        } catch (ClientErrorException e) {
            throw e;
        } catch (CallNotPermittedException e) {
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, dependency + " is unavailable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, dependency + " is unavailable");
        } catch (Exception e) {
            log.warn("call to {} failed: {}", dependency, e.toString());
            throw new GuildhallException(ErrorCode.SERVICE_UNAVAILABLE, dependency + " is unavailable");
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
