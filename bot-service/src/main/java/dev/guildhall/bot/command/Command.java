package dev.guildhall.bot.command;

import java.time.Instant;
import java.util.List;

/** A registered slash command; {@code serverId} 0 is a global command of its application. */
public record Command(long commandId, long applicationId, long serverId, String name, String description,
                      List<CommandOption> options, long version, Instant createdAt) {

    /** The option called {@code name}, or null. */
    public CommandOption option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }
}
