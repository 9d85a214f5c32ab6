package dev.guildhall.bot.application;

import dev.guildhall.bot.config.BotProperties;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Applications of their owner: create (with the bot user), read, change, delete. */
@Service
public class ApplicationService {

    private final ApplicationRepository applications;
    private final AuthUsers authUsers;
    private final SnowflakeGenerator ids;
    private final BotProperties properties;
    private final Clock clock;

    public ApplicationService(ApplicationRepository applications, AuthUsers authUsers, SnowflakeGenerator ids,
                              BotProperties properties, Clock clock) {
        this.applications = applications;
        this.authUsers = authUsers;
        this.ids = ids;
        this.properties = properties;
        this.clock = clock;
    }

    /** An application with its bot user: the user first (auth-service), then our row. */
    public ApplicationResponse create(long ownerId, ApplicationRequests.Create request) {
        if (applications.countByOwner(ownerId) >= properties.maxApplicationsPerOwner()) {
            throw new GuildhallException(ErrorCode.LIMIT_REACHED,
                    "At most " + properties.maxApplicationsPerOwner() + " applications per person");
        }
        String name = request.name().strip();
        AuthUsers.Profile bot = authUsers.createBot(BotUsernames.from(name));
        Instant now = clock.instant();
        Application app = new Application(ids.next(), ownerId, bot.userId(), name,
                request.description() == null ? "" : request.description().strip(), 0, now, now);
        applications.insert(app);
        return ApplicationResponse.of(app, bot);
    }

    public List<ApplicationResponse> list(long ownerId) {
        List<Application> mine = applications.findByOwner(ownerId);
        Map<Long, AuthUsers.Profile> bots = authUsers.profiles(mine.stream().map(Application::botUserId).toList());
        return mine.stream().map(app -> ApplicationResponse.of(app, profile(app, bots))).toList();
    }

    public ApplicationResponse get(long ownerId, long applicationId) {
        return respond(owned(ownerId, applicationId));
    }

    public ApplicationResponse update(long ownerId, long applicationId, DeferredBody<ApplicationRequests.Update> body) {
        Application app = owned(ownerId, applicationId);
        ApplicationRequests.Update request = body.read(); // after the ownership check (ADR 250)
        if (request.flags() != null && (request.flags() & ~Application.SETTABLE_FLAGS) != 0) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "Only the privileged-intent flags can be set",
                    Map.of("errors", Map.of("flags", "only GATEWAY_PRESENCE (1<<12), GATEWAY_GUILD_MEMBERS (1<<14) "
                            + "and GATEWAY_MESSAGE_CONTENT (1<<18)")));
        }
        String name = request.name() != null ? request.name().strip() : app.name();
        String description = request.description() != null ? request.description().strip() : app.description();
        long flags = request.flags() != null ? request.flags() : app.flags();
        applications.update(applicationId, name, description, flags, clock.instant());
        return respond(owned(ownerId, applicationId));
    }

    /** Deleting an application revokes its token with the row. */
    public void delete(long ownerId, long applicationId) {
        owned(ownerId, applicationId);
        applications.delete(applicationId);
    }

    /** The caller's application; anyone else's is as unknown as a missing one (404, never 403). */
    public Application owned(long ownerId, long applicationId) {
        return applications.findById(applicationId)
                .filter(app -> app.ownerId() == ownerId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
    }

    private ApplicationResponse respond(Application app) {
        return ApplicationResponse.of(app, profile(app, authUsers.profiles(List.of(app.botUserId()))));
    }

    /** A bot user auth-service no longer knows still shows its id. */
    private static AuthUsers.Profile profile(Application app, Map<Long, AuthUsers.Profile> bots) {
        return bots.getOrDefault(app.botUserId(), new AuthUsers.Profile(app.botUserId(), null, null));
    }
}
