package dev.guildhall.bot.interaction;

import dev.guildhall.bot.application.Application;
import dev.guildhall.bot.application.ApplicationRepository;
import dev.guildhall.bot.application.AuthUsers;
import dev.guildhall.bot.command.Command;
import dev.guildhall.bot.command.CommandOption;
import dev.guildhall.bot.command.CommandRepository;
import dev.guildhall.bot.command.CommandService;
import dev.guildhall.bot.command.OptionValues;
import dev.guildhall.bot.command.Servers;
import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.internal.PermissionsAnswer;
import dev.guildhall.common.internal.ServerSnapshot;
import dev.guildhall.common.permission.Permission;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A person invokes a slash command (ADR 169): the caller must see the channel and hold USE_APPLICATION_COMMANDS
 * there; the application's bot must be in the server and have the command (the server's own before a global
 * one); the options are checked against the command's and typed from it. The interaction is stored with its
 * token hashed, and INTERACTION_CREATE leaves in the same transaction for the bot's sessions. If the bot has not
 * answered within the response deadline, the invoker's sessions get INTERACTION_FAILED.
 */
@Service
public class InteractionService {

    private static final Logger log = LoggerFactory.getLogger(InteractionService.class);

    private final ApplicationRepository applications;
    private final CommandRepository commands;
    private final InteractionRepository interactions;
    private final InteractionEvents events;
    private final Servers servers;
    private final AuthUsers users;
    private final GlobalDatabase global;
    private final SnowflakeGenerator ids;
    private final SecureRandom random;
    private final Clock clock;
    private final InteractionProperties properties;
    private final ScheduledExecutorService deadlines;

    public InteractionService(ApplicationRepository applications, CommandRepository commands,
                              InteractionRepository interactions, InteractionEvents events, Servers servers,
                              AuthUsers users, GlobalDatabase global, SnowflakeGenerator ids, SecureRandom random,
                              Clock clock, InteractionProperties properties, ScheduledExecutorService interactionDeadlines) {
        this.applications = applications;
        this.commands = commands;
        this.interactions = interactions;
        this.events = events;
        this.servers = servers;
        this.users = users;
        this.global = global;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.properties = properties;
        this.deadlines = interactionDeadlines;
    }

    /** The body is read once the caller may use commands in the channel (ADR 250). */
    public void invoke(Caller caller, long channelId, DeferredBody<InvokeRequest> body) {
        if (caller.bot()) {
            throw new GuildhallException(ErrorCode.BOT_NOT_ALLOWED, "Bots cannot invoke commands");
        }
        PermissionsAnswer seen = servers.inChannel(caller.userId(), channelId);
        long bits = seen.permissions() == null ? 0 : Permission.parse(seen.permissions());
        if (!seen.member() || seen.serverId() == null || !(Permission.VIEW_CHANNEL.in(bits)
                || Permission.ADMINISTRATOR.in(bits))) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_CHANNEL);
        }
        if (!CommandService.mayUseCommands(seen)) {
            throw GuildhallException.missing(Permission.USE_APPLICATION_COMMANDS.name());
        }
        InvokeRequest request = body.readIfPresent().orElse(null);
        if (request == null || request.applicationId() == null || request.name() == null) {
            throw new GuildhallException(ErrorCode.VALIDATION_FAILED, "application_id and name are required",
                    Map.of("errors", Map.of("application_id", "required", "name", "required")));
        }
        long applicationId = Snowflake.parse(request.applicationId());
        long serverId = Long.parseLong(seen.serverId());
        Application app = applications.findById(applicationId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION));
        ServerSnapshot snapshot = servers.snapshot(serverId);
        Map<Long, List<String>> roles = new HashMap<>();
        snapshot.members().forEach(m -> roles.put(Long.parseLong(m.userId()), m.roles()));
        if (!roles.containsKey(app.botUserId())) {
            throw GuildhallException.notFound(ErrorCode.UNKNOWN_APPLICATION);
        }
        Command command = commands.findForInvocation(applicationId, serverId, request.name())
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_COMMAND));
        List<Map<String, Object>> options = typed(command, request.options());

        AuthUsers.Profile profile = users.profiles(List.of(caller.userId())).get(caller.userId());
        Instant now = clock.instant();
        long interactionId = ids.next();
        String token = InteractionTokens.generate(random);
        Interaction interaction = new Interaction(interactionId, applicationId, app.botUserId(), command.commandId(),
                command.name(), serverId, channelId, caller.userId(), now.plus(properties.tokenLifetime()), null, null,
                null, null, now);
        Map<String, Object> payload = payload(interaction, token, command, options, profile,
                roles.getOrDefault(caller.userId(), List.of()), seen.permissions());
        global.inTransaction(() -> {
            interactions.insert(interaction, InteractionTokens.hash(token));
            events.toUser(InteractionEvents.INTERACTION_CREATE, app.botUserId(), serverId, channelId, caller.userId(),
                    payload);
        });
        deadlines.schedule(() -> deadline(interaction), properties.responseDeadline().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Options as the command declares them: every required one present, none unknown, each value of its type. */
    static List<Map<String, Object>> typed(Command command, List<InvokeRequest.Option> given) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<InvokeRequest.Option> list = given == null ? List.of() : given;
        for (int i = 0; i < list.size(); i++) {
            InvokeRequest.Option o = list.get(i);
            String at = "options[" + i + "]";
            CommandOption declared = o == null || o.name() == null ? null : command.option(o.name());
            if (declared == null) {
                errors.put(at + ".name", "no such option");
                continue;
            }
            if (!seen.add(o.name())) {
                errors.put(at + ".name", "given twice");
                continue;
            }
            if (!OptionValues.matches(declared.type(), o.value())) {
                errors.put(at + ".value", "must be of type " + declared.type());
                continue;
            }
            if (declared.choices() != null && !declared.choices().isEmpty()
                    && declared.choices().stream().noneMatch(c -> sameValue(c.value(), o.value()))) {
                errors.put(at + ".value", "must be one of the option's choices");
                continue;
            }
            Map<String, Object> option = new LinkedHashMap<>();
            option.put("name", o.name());
            option.put("type", declared.type());
            option.put("value", o.value());
            out.add(option);
        }
        for (CommandOption declared : command.options()) {
            if (declared.isRequired() && !seen.contains(declared.name())) {
                errors.put("options." + declared.name(), "required");
            }
        }
        if (!errors.isEmpty()) {
            throw new GuildhallException(ErrorCode.INVALID_COMMAND_OPTIONS, "The options do not match the command",
                    Map.of("errors", errors));
        }
        return out;
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        return a != null && (a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.equals(b));
    }

    /** INTERACTION_CREATE's {@code d}, with Discord's names beside the native ones. */
    private static Map<String, Object> payload(Interaction i, String token, Command command,
                                               List<Map<String, Object>> options, AuthUsers.Profile profile,
                                               List<String> roles, String permissions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", Snowflake.format(command.commandId()));
        data.put("name", command.name());
        data.put("type", 1);
        data.put("options", options);
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("user_id", Snowflake.format(i.userId()));
        user.put("id", Snowflake.format(i.userId()));
        user.put("username", profile == null ? null : profile.username());
        user.put("avatar_url", profile == null ? null : profile.avatarUrl());
        user.put("bot", false);
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("user", user);
        member.put("roles", roles);
        member.put("joined_at", null);
        member.put("permissions", permissions);
        Map<String, Object> d = new LinkedHashMap<>();
        String id = Snowflake.format(i.interactionId());
        d.put("interaction_id", id);
        d.put("id", id);
        d.put("application_id", Snowflake.format(i.applicationId()));
        d.put("type", 2);
        d.put("token", token);
        d.put("version", 1);
        d.put("data", data);
        d.put("server_id", Snowflake.format(i.serverId()));
        d.put("guild_id", Snowflake.format(i.serverId()));
        d.put("channel_id", Snowflake.format(i.channelId()));
        d.put("member", member);
        d.put("user_id", Snowflake.format(i.userId()));
        return d;
    }

    /** The bot did not answer in time: the invoker is told, and the interaction can no longer be answered. */
    void deadline(Interaction i) {
        try {
            global.inTransaction(() -> {
                if (interactions.fail(i.interactionId(), clock.instant())) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("interaction_id", Snowflake.format(i.interactionId()));
                    d.put("application_id", Snowflake.format(i.applicationId()));
                    d.put("name", i.commandName());
                    d.put("server_id", Snowflake.format(i.serverId()));
                    d.put("channel_id", Snowflake.format(i.channelId()));
                    d.put("message", "The application did not respond");
                    events.toUser(InteractionEvents.INTERACTION_FAILED, i.userId(), i.serverId(), i.channelId(),
                            i.botUserId(), d);
                }
            });
        } catch (RuntimeException e) {
            log.warn("could not close unanswered interaction {}: {}", i.interactionId(), e.toString());
        }
    }
}
