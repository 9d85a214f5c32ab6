package dev.guildhall.bot.autoresponse;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Each server's enabled rules, compiled once (regexes included) and kept {@code rules-cache-ttl}: the evaluator
 * reads the database at most once per server per period, however many messages arrive. A write on this
 * instance drops the server's entry at once.
 */
@Component
class RuleCache {

    private final LoadingCache<Long, List<CompiledRule>> rules;

    RuleCache(AutoResponseRepository repository, AutoResponseProperties properties) {
        this.rules = Caffeine.newBuilder()
                .expireAfterWrite(properties.rulesCacheTtl())
                .maximumSize(50_000)
                .build(serverId -> repository.ofServer(serverId).stream()
                        .filter(AutoResponse::enabled)
                        .map(CompiledRule::of)
                        .toList());
    }

    List<CompiledRule> of(long serverId) {
        return rules.get(serverId);
    }

    void invalidate(long serverId) {
        rules.invalidate(serverId);
    }
}
