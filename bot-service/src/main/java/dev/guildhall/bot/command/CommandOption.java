package dev.guildhall.bot.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * One option of a slash command, in Discord's shape: {@code type} is Discord's number (3 string, 4 integer,
 * 5 boolean, 6 user, 7 channel, 8 role, 10 number); {@code choices} only for 3, 4 and 10.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandOption(Integer type, String name, String description, Boolean required, List<Choice> choices) {

    public static final int STRING = 3;
    public static final int INTEGER = 4;
    public static final int BOOLEAN = 5;
    public static final int USER = 6;
    public static final int CHANNEL = 7;
    public static final int ROLE = 8;
    public static final int NUMBER = 10;

    public boolean isRequired() {
        return Boolean.TRUE.equals(required);
    }

    /** A fixed value the option may take, shown by {@code name}. */
    public record Choice(String name, JsonNode value) {
    }
}
