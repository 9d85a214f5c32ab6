package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A server's auto-responses, managed by its members with MANAGE_SERVER (server-service decides, ADR 132):
 * a non-member gets 404 {@code UNKNOWN_SERVER}, a member without the permission 403.
 */
@Service
public class AutoResponseService {

    private final AutoResponseRepository repository;
    private final AutoResponseValidator validator;
    private final ServerServiceClient servers;
    private final SystemBot systemBot;
    private final RuleCache cache;
    private final SnowflakeGenerator ids;
    private final AutoResponseProperties properties;
    private final Clock clock;

    AutoResponseService(AutoResponseRepository repository, AutoResponseValidator validator,
                        ServerServiceClient servers, SystemBot systemBot, RuleCache cache, SnowflakeGenerator ids,
                        AutoResponseProperties properties, Clock clock) {
        this.repository = repository;
        this.validator = validator;
        this.servers = servers;
        this.systemBot = systemBot;
        this.cache = cache;
        this.ids = ids;
        this.properties = properties;
        this.clock = clock;
    }

    public List<AutoResponseView> list(long userId, long serverId) {
        requireManager(userId, serverId);
        return repository.ofServer(serverId).stream().map(AutoResponseView::of).toList();
    }

    public AutoResponseView get(long userId, long serverId, long autoResponseId) {
        requireManager(userId, serverId);
        return AutoResponseView.of(existing(serverId, autoResponseId));
    }

    public AutoResponseView create(long userId, long serverId, DeferredBody<AutoResponseRequests.Body> request) {
        requireManager(userId, serverId);
        AutoResponseValidator.Parts parts = validator.create(request.read()); // after the access check (ADR 250)
        if (repository.count(serverId) >= properties.maxPerServer()) {
            throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                    "At most " + properties.maxPerServer() + " auto-responses per server");
        }
        // the author of every answer exists before the first rule can fire (ADR 159)
        systemBot.ensure();
        Instant now = clock.instant();
        AutoResponse rule = new AutoResponse(ids.next(), serverId, parts.name(), parts.trigger(), parts.response(),
                parts.channelIds(), parts.enabled(), userId, now, now);
        repository.insert(rule);
        cache.invalidate(serverId);
        return AutoResponseView.of(rule);
    }

    public AutoResponseView update(long userId, long serverId, long autoResponseId,
                                   DeferredBody<AutoResponseRequests.Body> request) {
        requireManager(userId, serverId);
        AutoResponse current = existing(serverId, autoResponseId);
        AutoResponseValidator.Parts parts = validator.update(current, request.read()); // after access (ADR 250)
        AutoResponse updated = new AutoResponse(autoResponseId, serverId, parts.name(), parts.trigger(),
                parts.response(), parts.channelIds(), parts.enabled(), current.createdBy(), current.createdAt(),
                clock.instant());
        repository.update(updated);
        cache.invalidate(serverId);
        return AutoResponseView.of(updated);
    }

    public void delete(long userId, long serverId, long autoResponseId) {
        requireManager(userId, serverId);
        if (!repository.delete(serverId, autoResponseId)) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_AUTO_RESPONSE);
        }
        cache.invalidate(serverId);
    }

    private AutoResponse existing(long serverId, long autoResponseId) {
        return repository.find(serverId, autoResponseId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_AUTO_RESPONSE));
    }

    private void requireManager(long userId, long serverId) {
        PermissionsAnswer answer = servers.permissions(userId, serverId)
                .filter(PermissionsAnswer::member)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER));
        long bits = Permission.parse(answer.permissions());
        boolean administrator = (bits & Permission.ADMINISTRATOR.bit()) != 0;
        if (!administrator && (bits & Permission.MANAGE_SERVER.bit()) == 0) {
            throw GuildhallException.missing(Permission.MANAGE_SERVER.name());
        }
    }
}
