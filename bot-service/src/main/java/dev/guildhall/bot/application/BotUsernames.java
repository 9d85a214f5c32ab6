package dev.guildhall.bot.application;

/**
 * A bot's username from its application's name: usernames allow only 2–32 of ASCII letters, digits,
 * {@code _ . -} (ADR 010), names allow anything. auth-service adds a suffix when it is taken.
 */
final class BotUsernames {

    private BotUsernames() {
    }

    static String from(String applicationName) {
        String cleaned = applicationName.strip().replaceAll("\\s+", "_").replaceAll("[^A-Za-z0-9_.\\-]", "");
        if (cleaned.length() > 32) {
            cleaned = cleaned.substring(0, 32);
        }
        return cleaned.length() < 2 ? "bot" + cleaned : cleaned;
    }
}
