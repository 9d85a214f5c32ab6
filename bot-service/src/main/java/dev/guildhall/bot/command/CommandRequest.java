package dev.guildhall.bot.command;

import java.util.List;

/**
 * A command as a bot registers it (Discord's fields): {@code type} 1 (CHAT_INPUT, the only kind built) or
 * absent. Checked by {@link CommandValidator}, not by annotations, so every broken rule is named in one answer.
 */
public record CommandRequest(String name, String description, Integer type, List<CommandOption> options) {
}
