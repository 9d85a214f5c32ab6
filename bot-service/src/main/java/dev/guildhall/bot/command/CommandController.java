package dev.guildhall.bot.command;

import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.security.Caller;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Slash-command registration, Discord's routes on the native surface: an application's global commands and
 * those of one server ({@code server_id} 0 stands for global inside), and the commands a member can use in a
 * server (for the composer).
 */
@RestController
public class CommandController {

    private static final String GLOBAL = "/api/v1/applications/{applicationId}/commands";
    private static final String SERVER = "/api/v1/applications/{applicationId}/servers/{serverId}/commands";

    private final CommandService commands;

    public CommandController(CommandService commands) {
        this.commands = commands;
    }

    @GetMapping(GLOBAL)
    public List<CommandResponse> list(Caller caller, @PathVariable String applicationId) {
        return commands.list(caller, Snowflake.parse(applicationId), 0);
    }

    @PostMapping(GLOBAL)
    public ResponseEntity<CommandResponse> create(Caller caller, @PathVariable String applicationId,
                                                  DeferredBody<CommandRequest> request) {
        return upserted(commands.create(caller, Snowflake.parse(applicationId), 0, request));
    }

    @PutMapping(GLOBAL)
    public List<CommandResponse> overwrite(Caller caller, @PathVariable String applicationId,
                                           DeferredBody<List<CommandRequest>> requests) {
        return commands.overwrite(caller, Snowflake.parse(applicationId), 0, requests);
    }

    @GetMapping(GLOBAL + "/{commandId}")
    public CommandResponse get(Caller caller, @PathVariable String applicationId, @PathVariable String commandId) {
        return commands.get(caller, Snowflake.parse(applicationId), 0, Snowflake.parse(commandId));
    }

    @DeleteMapping(GLOBAL + "/{commandId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(Caller caller, @PathVariable String applicationId, @PathVariable String commandId) {
        commands.delete(caller, Snowflake.parse(applicationId), 0, Snowflake.parse(commandId));
    }

    @GetMapping(SERVER)
    public List<CommandResponse> listInServer(Caller caller, @PathVariable String applicationId,
                                              @PathVariable String serverId) {
        return commands.list(caller, Snowflake.parse(applicationId), Snowflake.parse(serverId));
    }

    @PostMapping(SERVER)
    public ResponseEntity<CommandResponse> createInServer(Caller caller, @PathVariable String applicationId,
                                                          @PathVariable String serverId,
                                                          DeferredBody<CommandRequest> request) {
        return upserted(commands.create(caller, Snowflake.parse(applicationId), Snowflake.parse(serverId), request));
    }

    @PutMapping(SERVER)
    public List<CommandResponse> overwriteInServer(Caller caller, @PathVariable String applicationId,
                                                   @PathVariable String serverId,
                                                   DeferredBody<List<CommandRequest>> requests) {
        return commands.overwrite(caller, Snowflake.parse(applicationId), Snowflake.parse(serverId), requests);
    }

    @GetMapping(SERVER + "/{commandId}")
    public CommandResponse getInServer(Caller caller, @PathVariable String applicationId,
                                       @PathVariable String serverId, @PathVariable String commandId) {
        return commands.get(caller, Snowflake.parse(applicationId), Snowflake.parse(serverId),
                Snowflake.parse(commandId));
    }

    @DeleteMapping(SERVER + "/{commandId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteInServer(Caller caller, @PathVariable String applicationId, @PathVariable String serverId,
                               @PathVariable String commandId) {
        commands.delete(caller, Snowflake.parse(applicationId), Snowflake.parse(serverId), Snowflake.parse(commandId));
    }

    /** The commands the caller can use in a server (the composer's {@code /} list). */
    @GetMapping("/api/v1/servers/{serverId}/commands")
    public List<CommandResponse> usable(Caller caller, @PathVariable String serverId) {
        return commands.usableIn(caller, Snowflake.parse(serverId));
    }

    /** Discord: 201 for a new command, 200 when the name existed and was replaced. */
    private static ResponseEntity<CommandResponse> upserted(CommandService.Upserted result) {
        return ResponseEntity.status(result.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result.command());
    }
}
