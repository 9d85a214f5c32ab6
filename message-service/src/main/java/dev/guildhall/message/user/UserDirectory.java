package dev.guildhall.message.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.message.client.AuthServiceClient;
import dev.guildhall.message.client.UserProfile;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Public profiles of users from auth-service, cached briefly. Showing a message never fails
 * because auth-service is down: its author then has an id and no name ({@link UserView}).
 * auth-service's USER_UPDATE events drop a user's entry ({@link UserEventsListener}), so a new name or avatar
 * shows on the next read; the TTL only bounds what a lost event could leave behind.
 */
@Component
public class UserDirectory {

    private final AuthServiceClient auth;
    private final MessageMetrics metrics;
    private final Cache<Long, UserProfile> cache;

    public UserDirectory(AuthServiceClient auth, MessageProperties properties, MessageMetrics metrics,
                         MeterRegistry registry) {
        this.auth = auth;
        this.metrics = metrics;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(properties.userCache().ttl())
                .maximumSize(properties.userCache().maxSize())
                .recordStats()
                .build();
        CaffeineCacheMetrics.monitor(registry, cache, "user-profiles");
    }

    /** Views of every id asked for; unknown users and an unreachable auth-service give id-only views. */
    public Map<Long, UserView> views(Collection<Long> ids) {
        Map<Long, UserView> views = new HashMap<>();
        Set<Long> missing = new LinkedHashSet<>();
        for (Long id : ids) {
            UserProfile cached = cache.getIfPresent(id);
            if (cached != null) {
                views.put(id, UserView.of(cached));
            } else {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            try {
                for (UserProfile profile : auth.users(missing)) {
                    cache.put(profile.userId(), profile);
                    views.put(profile.userId(), UserView.of(profile));
                }
            } catch (GuildhallException e) {
                metrics.degraded("auth-service", "author-profiles");
            }
            for (Long id : missing) {
                views.putIfAbsent(id, UserView.unknown(id));
            }
        }
        return views;
    }

    public UserView view(long id) {
        return views(Set.of(id)).get(id);
    }

    /**
     * Whether the user exists, asked for real (cache first): opening a DM needs the answer.
     *
     * @throws GuildhallException {@code SERVICE_UNAVAILABLE} when auth-service cannot be reached
     */
    public Optional<UserProfile> find(long id) {
        UserProfile cached = cache.getIfPresent(id);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<UserProfile> found = auth.users(Set.of(id)).stream().filter(u -> u.userId() == id).findFirst();
        found.ifPresent(u -> cache.put(id, u));
        return found;
    }

    /** Drops what is cached for the user: the next read asks auth-service. */
    void evict(long id) {
        cache.invalidate(id);
    }

    /** Drops every cached profile (no event before this moment can be told apart from one missed). */
    void evictAll() {
        cache.invalidateAll();
    }

    public UserProfile require(long id) {
        return find(id).orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_USER));
    }
}
