package dev.guildhall.bot.command;

import tools.jackson.databind.JsonNode;

import java.util.regex.Pattern;

/**
 * Whether a JSON value fits an option type (Discord's numbers): strings ≤ 6000 characters, integers within
 * ±2^53 (JavaScript-safe, as Discord), finite numbers, booleans, and ids (as decimal strings or numbers) for
 * user, channel and role options.
 */
public final class OptionValues {

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,19}");
    private static final long SAFE = 1L << 53;

    private OptionValues() {
    }

    public static boolean matches(int type, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return false;
        }
        return switch (type) {
            case CommandOption.STRING -> value.isString() && value.stringValue().length() <= 6000;
            case CommandOption.INTEGER -> value.isIntegralNumber() && value.canConvertToLong()
                    && Math.abs(value.asLong()) <= SAFE;
            case CommandOption.NUMBER -> value.isNumber() && Double.isFinite(value.asDouble());
            case CommandOption.BOOLEAN -> value.isBoolean();
            case CommandOption.USER, CommandOption.CHANNEL, CommandOption.ROLE ->
                    value.isString() && ID.matcher(value.stringValue()).matches()
                            || value.isIntegralNumber() && value.asLong() > 0;
            default -> false;
        };
    }
}
