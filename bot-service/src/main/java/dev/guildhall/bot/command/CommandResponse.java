package dev.guildhall.bot.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.guildhall.common.id.Snowflake;

import java.util.List;

/**
 * A command as the API shows it: {@code command_id} and Discord's {@code id}, {@code server_id} null for a
 * global command, {@code type} 1, {@code version} (changes with every overwrite). {@code application_name}
 * only in a server's list of usable commands, so the composer can say which bot a command belongs to.
 */
public record CommandResponse(String commandId, String id, String applicationId, String serverId, String name,
                              String description, int type, List<CommandOption> options, String version,
                              @JsonInclude(JsonInclude.Include.NON_NULL) String applicationName) {

    static CommandResponse of(Command c, String applicationName) {
        CommandResponse r = of(c);
        return new CommandResponse(r.commandId(), r.id(), r.applicationId(), r.serverId(), r.name(), r.description(),
                r.type(), r.options(), r.version(), applicationName);
    }

    static CommandResponse of(Command c) {
        String id = Snowflake.format(c.commandId());
        return new CommandResponse(id, id, Snowflake.format(c.applicationId()),
                c.serverId() == 0 ? null : Snowflake.format(c.serverId()), c.name(), c.description(), 1,
                c.options(), Long.toString(c.version()), null);
    }
}
