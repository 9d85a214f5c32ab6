package dev.guildhall.server.user;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.DbTimes;
import dev.guildhall.server.metrics.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Display data of users for member objects: the local read model first, then auth-service for
 * the ones it lacks (stored for next time), and if both fail a user with a null username — a
 * member list never fails because auth-service is down (ADR 025).
 */
@Component
public class UserDirectory {

    private static final Logger log = LoggerFactory.getLogger(UserDirectory.class);

    private final UserProfileRepository profiles;
    private final AuthServiceClient auth;
    private final ServerMetrics metrics;

    UserDirectory(UserProfileRepository profiles, AuthServiceClient auth, ServerMetrics metrics) {
        this.profiles = profiles;
        this.auth = auth;
        this.metrics = metrics;
    }

    /**
     * The read model only, never a remote call: for use inside a shard transaction, where waiting
     * for auth-service would hold the server's lock.
     */
    public UserSummary local(long userId) {
        try {
            UserSummary found = profiles.find(Set.of(userId)).get(userId);
            return found == null ? UserSummary.unknown(userId) : found;
        } catch (RuntimeException e) {
            return UserSummary.unknown(userId);
        }
    }

    public UserSummary lookup(long userId) {
        return lookup(Set.of(userId)).get(userId);
    }

    /** A summary for every id asked for. */
    public Map<Long, UserSummary> lookup(Collection<Long> userIds) {
        Map<Long, UserSummary> result = new HashMap<>();
        Set<Long> ids = new LinkedHashSet<>(userIds);
        try {
            result.putAll(profiles.find(ids));
        } catch (RuntimeException e) {
            log.warn("user read model unavailable", e);
        }
        metrics.userLookup("local", result.size());
        Set<Long> missing = new LinkedHashSet<>(ids);
        missing.removeAll(result.keySet());
        if (!missing.isEmpty()) {
            fetchFromAuth(missing, result);
        }
        int unknown = 0;
        for (Long id : ids) {
            if (!result.containsKey(id)) {
                result.put(id, UserSummary.unknown(id));
                unknown++;
            }
        }
        metrics.userLookup("unknown", unknown);
        return result;
    }

    private void fetchFromAuth(Set<Long> missing, Map<Long, UserSummary> result) {
        try {
            Instant now = DbTimes.now();
            int found = 0;
            for (AuthServiceClient.Found user : auth.fetch(missing)) {
                if (missing.contains(user.userId())) {
                    result.put(user.userId(), new UserSummary(Snowflake.format(user.userId()), user.username(),
                            user.avatarUrl()));
                    found++;
                    try {
                        profiles.upsert(user.userId(), user.username(), user.avatarUrl(), now);
                    } catch (RuntimeException e) {
                        log.debug("could not store fetched profile {}", user.userId(), e);
                    }
                }
            }
            metrics.userLookup("auth", found);
        } catch (Exception e) {
            log.debug("auth-service user lookup failed for {} users: {}", missing.size(), e.toString());
        }
    }
}
