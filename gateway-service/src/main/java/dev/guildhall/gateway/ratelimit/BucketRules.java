package dev.guildhall.gateway.ratelimit;

import dev.guildhall.support.ratelimit.SharedLimits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which bucket a request counts against, and under which key. */
@Component
public class BucketRules {

    private static final Pattern MAJOR_PARAMETER =
            Pattern.compile("^/api/v(?:1|9|10)/(channels|servers|guilds|webhooks)/([0-9]+)(?:/|$)");

    private final List<CompiledBucket> buckets;
    private final RateLimitProperties.Limit routeDefault;
    private final RateLimitProperties.Limit global;

    @Autowired
    public BucketRules(RateLimitProperties properties, SharedLimits sharedLimits) {
        PathPatternParser parser = new PathPatternParser();
        this.buckets = properties.buckets().stream()
                .map(b -> new CompiledBucket(b, b.limit(sharedLimits), parser.parse(b.path())))
                .toList();
        this.routeDefault = properties.routeDefault();
        this.global = properties.global();
    }

    /** With the shared limits' defaults. */
    public BucketRules(RateLimitProperties properties) {
        this(properties, new SharedLimits(null));
    }

    /** The caller's bucket across everything. */
    public BucketSpec global() {
        return new BucketSpec("global", global);
    }

    /**
     * The first configured bucket matching the request, else the route's default bucket (per major parameter).
     *
     * @return the bucket and the key suffix (path variables) to add to the caller's key
     */
    public Match match(ServerHttpRequest request, String routeId) {
        PathContainer path = request.getPath().pathWithinApplication();
        String method = request.getMethod().name();
        for (CompiledBucket bucket : buckets) {
            if (bucket.definition().method() != null && !bucket.definition().method().equalsIgnoreCase(method)) {
                continue;
            }
            PathPattern.PathMatchInfo info = bucket.pattern().matchAndExtract(path);
            if (info != null) {
                StringBuilder suffix = new StringBuilder();
                Map<String, String> variables = info.getUriVariables();
                for (String name : bucket.definition().key()) {
                    suffix.append(':').append(name).append('=').append(variables.getOrDefault(name, ""));
                }
                return new Match(new BucketSpec(bucket.definition().name(), bucket.limit()), suffix.toString());
            }
        }
        return new Match(new BucketSpec("route." + routeId, routeDefault), majorParameter(path.value()));
    }

    /**
     * A route's default bucket is per caller and per the path's "major parameter" (ADR 266), as Discord's buckets
     * are: the channel, server (guild) or webhook the request is about, so a client busy in one channel is not
     * limited in the others; the global bucket still bounds the caller across all of them.
     */
    static String majorParameter(String path) {
        Matcher major = MAJOR_PARAMETER.matcher(path);
        if (!major.find()) {
            return "";
        }
        String name = switch (major.group(1)) {
            case "channels" -> "channel_id";
            case "webhooks" -> "webhook_id";
            default -> "server_id";
        };
        return ":" + name + "=" + major.group(2);
    }

    /** A named limit. */
    public record BucketSpec(String name, RateLimitProperties.Limit limit) {
    }

    public record Match(BucketSpec bucket, String keySuffix) {
    }

    private record CompiledBucket(RateLimitProperties.Bucket definition, RateLimitProperties.Limit limit,
                                  PathPattern pattern) {
    }
}
