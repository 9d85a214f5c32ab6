package dev.guildhall.bot.discord;

import dev.guildhall.bot.command.CommandRequest;
import dev.guildhall.bot.command.CommandService;
import dev.guildhall.support.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Discord's application-command routes, global ({@code guild} 0 inside) and per guild, on the native slash
 * commands (ADR 168): the same store, validation and permission rules; only the shapes are Discord's. Fields
 * Guildhall does not act on (localizations, {@code default_member_permissions}, {@code contexts}...) are accepted.
 */
@RestController
@RequestMapping({"/api/v10/applications/{applicationId}", "/api/v9/applications/{applicationId}"})
class DiscordCommandsController {

    private static final String GUILD = "/guilds/{guildId}/commands";

    private final CommandService commands;
    private final JsonMapper json;

    DiscordCommandsController(CommandService commands, JsonMapper json) {
        this.commands = commands;
        this.json = json;
    }

    @GetMapping("/commands")
    ArrayNode list(Caller caller, @PathVariable String applicationId) {
        return list(caller, applicationId, 0);
    }

    @GetMapping(GUILD)
    ArrayNode listInGuild(Caller caller, @PathVariable String applicationId, @PathVariable String guildId) {
        return list(caller, applicationId, DiscordErrors.snowflake(guildId, "guild_id"));
    }

    @PostMapping("/commands")
    ResponseEntity<ObjectNode> create(Caller caller, @PathVariable String applicationId, @RequestBody JsonNode body) {
        return create(caller, applicationId, 0, body);
    }

    @PostMapping(GUILD)
    ResponseEntity<ObjectNode> createInGuild(Caller caller, @PathVariable String applicationId,
                                             @PathVariable String guildId, @RequestBody JsonNode body) {
        return create(caller, applicationId, DiscordErrors.snowflake(guildId, "guild_id"), body);
    }

    @PutMapping("/commands")
    ArrayNode overwrite(Caller caller, @PathVariable String applicationId, @RequestBody JsonNode body) {
        return overwrite(caller, applicationId, 0, body);
    }

    @PutMapping(GUILD)
    ArrayNode overwriteInGuild(Caller caller, @PathVariable String applicationId, @PathVariable String guildId,
                               @RequestBody JsonNode body) {
        return overwrite(caller, applicationId, DiscordErrors.snowflake(guildId, "guild_id"), body);
    }

    @GetMapping("/commands/{commandId}")
    ObjectNode get(Caller caller, @PathVariable String applicationId, @PathVariable String commandId) {
        return DiscordShapes.command(commands.get(caller, app(applicationId), 0, command(commandId)));
    }

    @GetMapping(GUILD + "/{commandId}")
    ObjectNode getInGuild(Caller caller, @PathVariable String applicationId, @PathVariable String guildId,
                          @PathVariable String commandId) {
        return DiscordShapes.command(commands.get(caller, app(applicationId),
                DiscordErrors.snowflake(guildId, "guild_id"), command(commandId)));
    }

    @DeleteMapping("/commands/{commandId}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String applicationId, @PathVariable String commandId) {
        commands.delete(caller, app(applicationId), 0, command(commandId));
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping(GUILD + "/{commandId}")
    ResponseEntity<Void> deleteInGuild(Caller caller, @PathVariable String applicationId, @PathVariable String guildId,
                                       @PathVariable String commandId) {
        commands.delete(caller, app(applicationId), DiscordErrors.snowflake(guildId, "guild_id"), command(commandId));
        return ResponseEntity.noContent().build();
    }

    private ArrayNode list(Caller caller, String applicationId, long guildId) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        commands.list(caller, app(applicationId), guildId).forEach(c -> out.add(DiscordShapes.command(c)));
        return out;
    }

    /** Discord: 201 for a new command, 200 when one of that name was replaced. */
    private ResponseEntity<ObjectNode> create(Caller caller, String applicationId, long guildId, JsonNode body) {
        CommandService.Upserted result = commands.create(caller, app(applicationId), guildId, request(body, ""));
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(DiscordShapes.command(result.command()));
    }

    private ArrayNode overwrite(Caller caller, String applicationId, long guildId, JsonNode body) {
        if (body == null || !body.isArray()) {
            throw DiscordApiException.invalidForm("_errors", "Must be an array of commands.");
        }
        List<CommandRequest> requests = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            requests.add(request(body.get(i), i + "."));
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        commands.overwrite(caller, app(applicationId), guildId, requests)
                .forEach(c -> out.add(DiscordShapes.command(c)));
        return out;
    }

    private CommandRequest request(JsonNode body, String field) {
        if (body == null || !body.isObject()) {
            throw DiscordApiException.invalidForm(field.isEmpty() ? "_errors" : field, "Must be a command object.");
        }
        try {
            return json.treeToValue(body, CommandRequest.class);
        } catch (JacksonException e) {
            throw DiscordApiException.invalidForm(field.isEmpty() ? "_errors" : field, "Invalid command: "
                    + e.getOriginalMessage());
        }
    }

    private static long app(String applicationId) {
        return DiscordErrors.snowflake(applicationId, "application_id");
    }

    private static long command(String commandId) {
        return DiscordErrors.snowflake(commandId, "command_id");
    }
}
