package dev.guildhall.bot.command;

import dev.guildhall.bot.application.Application;
import dev.guildhall.bot.application.ApplicationRepository;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Registering slash commands (ADR 168). An application's commands are managed by its bot ({@code
 * Authorization: Bot}) or its owner; anyone else is answered 404 UNKNOWN_APPLICATION. A server's commands need
 * the application's bot to be a member of that server. Creating a command with a name the application already
 * has replaces it (Discord's upsert), keeping its id; a bulk overwrite keeps the ids of names it keeps.
 */
@Service
public class CommandService {

    static final int MAX_COMMANDS = 100;

    private final ApplicationRepository applications;
    private final CommandRepository commands;
    private final Servers servers;
    private final GlobalDatabase global;
    private final SnowflakeGenerator ids;
    private final Clock clock;

    public CommandService(ApplicationRepository applications, CommandRepository commands, Servers servers,
                          GlobalDatabase global, SnowflakeGenerator ids, Clock clock) {
        this.applications = applications;
        this.commands = commands;
        this.servers = servers;
        this.global = global;
        this.ids = ids;
        this.clock = clock;
    }

    public record Upserted(CommandResponse command, boolean created) {
    }

    public List<CommandResponse> list(Caller caller, long applicationId, long serverId) {
        Application app = managed(caller, applicationId, serverId);
        return commands.find(app.applicationId(), serverId).stream().map(CommandResponse::of).toList();
    }

    public CommandResponse get(Caller caller, long applicationId, long serverId, long commandId) {
        Application app = managed(caller, applicationId, serverId);
        return commands.find(app.applicationId(), serverId, commandId).map(CommandResponse::of)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_COMMAND));
    }

    public Upserted create(Caller caller, long applicationId, long serverId, CommandRequest request) {
        return create(caller, applicationId, serverId, DeferredBody.of(request));
    }

    /** The body is read and validated once the caller may manage the application's commands (ADR 250). */
    public Upserted create(Caller caller, long applicationId, long serverId, DeferredBody<CommandRequest> body) {
        Application app = managed(caller, applicationId, serverId);
        CommandRequest request = body.read();
        CommandValidator.validate(request);
        return global.inTransaction(() -> {
            Map<String, Command> existing = byName(commands.find(app.applicationId(), serverId));
            Command stored = existing.get(request.name());
            if (stored == null && existing.size() >= MAX_COMMANDS) {
                throw limit();
            }
            Command saved = save(app.applicationId(), serverId, request, stored);
            return new Upserted(CommandResponse.of(saved), stored == null);
        });
    }

    public List<CommandResponse> overwrite(Caller caller, long applicationId, long serverId,
                                           List<CommandRequest> requests) {
        return overwrite(caller, applicationId, serverId, DeferredBody.of(requests));
    }

    /** The body is read and validated once the caller may manage the application's commands (ADR 250). */
    public List<CommandResponse> overwrite(Caller caller, long applicationId, long serverId,
                                           DeferredBody<List<CommandRequest>> body) {
        Application app = managed(caller, applicationId, serverId);
        List<CommandRequest> requests = body.read();
        if (requests == null) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "A list of commands is required");
        }
        if (requests.size() > MAX_COMMANDS) {
            throw limit();
        }
        CommandValidator.validateAll(requests);
        return global.inTransaction(() -> {
            Map<String, Command> existing = byName(commands.find(app.applicationId(), serverId));
            Set<String> kept = new HashSet<>();
            List<CommandResponse> out = requests.stream().map(r -> {
                kept.add(r.name());
                return CommandResponse.of(save(app.applicationId(), serverId, r, existing.get(r.name())));
            }).toList();
            existing.values().stream().filter(c -> !kept.contains(c.name()))
                    .forEach(c -> commands.delete(app.applicationId(), serverId, c.commandId()));
            return out;
        });
    }

    public void delete(Caller caller, long applicationId, long serverId, long commandId) {
        Application app = managed(caller, applicationId, serverId);
        if (!commands.delete(app.applicationId(), serverId, commandId)) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_COMMAND);
        }
    }

    /**
     * The commands a member can use in a server, for the composer: those of the bots in it (global and the
     * server's own, a server's command shadowing a global one of the same name), none without
     * USE_APPLICATION_COMMANDS. A non-member is answered 404 UNKNOWN_SERVER.
     */
    public List<CommandResponse> usableIn(Caller caller, long serverId) {
        PermissionsAnswer permissions = servers.inServer(caller.userId(), serverId);
        if (!permissions.member()) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER);
        }
        if (!mayUseCommands(permissions)) {
            return List.of();
        }
        ServerSnapshot snapshot = servers.snapshot(serverId);
        Set<Long> members = new HashSet<>();
        snapshot.members().forEach(m -> members.add(Long.parseLong(m.userId())));
        Map<Long, String> names = new HashMap<>();
        applications.findByBotUsers(members).forEach(a -> names.put(a.applicationId(), a.name()));
        List<Long> apps = List.copyOf(names.keySet());
        Map<String, Command> visible = new LinkedHashMap<>();
        for (Command c : commands.findInServer(apps, serverId)) {
            visible.put(c.applicationId() + "/" + c.name(), c); // ordered by server_id: the server's own last, wins
        }
        return visible.values().stream().map(c -> CommandResponse.of(c, names.get(c.applicationId()))).toList();
    }

    /** USE_APPLICATION_COMMANDS (or ADMINISTRATOR) in the answer's scope. */
    public static boolean mayUseCommands(PermissionsAnswer answer) {
        long bits = Permission.parse(answer.permissions());
        return Permission.USE_APPLICATION_COMMANDS.in(bits) || Permission.ADMINISTRATOR.in(bits);
    }

    private Command save(long applicationId, long serverId, CommandRequest r, Command stored) {
        List<CommandOption> options = r.options() == null ? List.of() : r.options();
        long version = ids.next();
        if (stored == null) {
            Command created = new Command(ids.next(), applicationId, serverId, r.name(), r.description(), options,
                    version, clock.instant());
            commands.insert(created);
            return created;
        }
        Command updated = new Command(stored.commandId(), applicationId, serverId, r.name(), r.description(), options,
                version, stored.createdAt());
        commands.update(updated);
        return updated;
    }

    private static Map<String, Command> byName(List<Command> list) {
        Map<String, Command> map = new HashMap<>();
        list.forEach(c -> map.put(c.name(), c));
        return map;
    }

    private static GuildhallException limit() {
        return new GuildhallException(ErrorCode.LIMIT_REACHED, "At most " + MAX_COMMANDS + " commands");
    }

    /**
     * The application, when the caller may manage its commands: its own bot, or its owner (a person). A server's
     * commands also need the bot in that server.
     */
    private Application managed(Caller caller, long applicationId, long serverId) {
        Application app = applications.findById(applicationId)
                .filter(a -> caller.bot() ? a.botUserId() == caller.userId() : a.ownerId() == caller.userId())
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
        if (serverId != 0 && !servers.inServer(app.botUserId(), serverId).member()) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER);
        }
        return app;
    }
}
