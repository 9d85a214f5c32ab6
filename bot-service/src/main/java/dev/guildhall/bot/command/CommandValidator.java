package dev.guildhall.bot.command;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Discord's rules for a CHAT_INPUT command (ADR 168): names 1–32 characters, lowercase letters, digits,
 * {@code -} and {@code _}; descriptions 1–100; at most 25 options with unique names, required ones first;
 * option types 3–8 and 10; at most 25 choices, only on string, integer and number options, each of the
 * option's type. Every broken rule is listed under {@code errors} of one 400 {@code VALIDATION_FAILED}.
 */
final class CommandValidator {

    static final Pattern NAME = Pattern.compile("[-_\\p{Ll}\\p{Lo}\\p{N}]{1,32}");
    static final int DESCRIPTION_MAX = 100;
    static final int MAX_OPTIONS = 25;
    static final int MAX_CHOICES = 25;
    static final Set<Integer> OPTION_TYPES = Set.of(3, 4, 5, 6, 7, 8, 10);

    private CommandValidator() {
    }

    static void validate(CommandRequest command) {
        Map<String, String> errors = new LinkedHashMap<>();
        check(command, "", errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    static void validateAll(List<CommandRequest> commands) {
        Map<String, String> errors = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < commands.size(); i++) {
            CommandRequest command = commands.get(i);
            if (command == null) {
                errors.put("[" + i + "]", "must be a command");
                continue;
            }
            check(command, "[" + i + "].", errors);
            if (command.name() != null && !names.add(command.name())) {
                errors.put("[" + i + "].name", "duplicate command name");
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
    }

    private static GuildhallException invalid(Map<String, String> errors) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid command", Map.of("errors", errors));
    }

    private static void check(CommandRequest c, String at, Map<String, String> errors) {
        if (c.type() != null && c.type() != 1) {
            errors.put(at + "type", "only CHAT_INPUT (1) commands are supported");
        }
        name(c.name(), at + "name", errors);
        description(c.description(), at + "description", errors);
        List<CommandOption> options = c.options() == null ? List.of() : c.options();
        if (options.size() > MAX_OPTIONS) {
            errors.put(at + "options", "at most " + MAX_OPTIONS + " options");
            return;
        }
        Set<String> names = new HashSet<>();
        boolean optionalSeen = false;
        for (int i = 0; i < options.size(); i++) {
            CommandOption o = options.get(i);
            String here = at + "options[" + i + "].";
            if (o == null) {
                errors.put(here, "must be an option");
                continue;
            }
            if (o.type() == null || !OPTION_TYPES.contains(o.type())) {
                errors.put(here + "type", "must be one of 3 (string), 4 (integer), 5 (boolean), 6 (user), "
                        + "7 (channel), 8 (role), 10 (number)");
            }
            name(o.name(), here + "name", errors);
            description(o.description(), here + "description", errors);
            if (o.name() != null && !names.add(o.name())) {
                errors.put(here + "name", "duplicate option name");
            }
            if (o.isRequired() && optionalSeen) {
                errors.put(here + "required", "required options must come before optional ones");
            }
            optionalSeen |= !o.isRequired();
            choices(o, here, errors);
        }
    }

    private static void choices(CommandOption o, String here, Map<String, String> errors) {
        if (o.choices() == null || o.choices().isEmpty()) {
            return;
        }
        if (o.type() == null || !(o.type() == CommandOption.STRING || o.type() == CommandOption.INTEGER
                || o.type() == CommandOption.NUMBER)) {
            errors.put(here + "choices", "only string, integer and number options have choices");
            return;
        }
        if (o.choices().size() > MAX_CHOICES) {
            errors.put(here + "choices", "at most " + MAX_CHOICES + " choices");
            return;
        }
        for (int j = 0; j < o.choices().size(); j++) {
            CommandOption.Choice choice = o.choices().get(j);
            String there = here + "choices[" + j + "].";
            if (choice == null || choice.name() == null || choice.name().isEmpty() || choice.name().length() > 100) {
                errors.put(there + "name", "must be 1-100 characters");
                continue;
            }
            if (!OptionValues.matches(o.type(), choice.value())) {
                errors.put(there + "value", "must be of the option's type");
            }
        }
    }

    private static void name(String name, String field, Map<String, String> errors) {
        if (name == null || !NAME.matcher(name).matches()) {
            errors.put(field, "must be 1-32 lowercase letters, digits, '-' or '_'");
        }
    }

    private static void description(String description, String field, Map<String, String> errors) {
        if (description == null || description.isBlank() || description.length() > DESCRIPTION_MAX) {
            errors.put(field, "must be 1-" + DESCRIPTION_MAX + " characters");
        }
    }
}
