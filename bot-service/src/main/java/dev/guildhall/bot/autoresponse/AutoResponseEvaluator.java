package dev.guildhall.bot.autoresponse;

import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.support.ratelimit.FixedWindows;
import dev.guildhall.support.ratelimit.Limit;
import dev.guildhall.support.redis.SharedRedis;
import io.lettuce.core.SetArgs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers one MESSAGE_CREATE from the {@code messages} topic (ADR 158): the server's enabled rules that listen
 * in the channel are tested against the content; for each that matches and is not cooling down in this
 * channel, the system bot reacts, posts (a reply if asked) and finally deletes the trigger. Messages of bots,
 * webhooks and the system bot itself never trigger (no loops). Each event id is answered once.
 */
@Component
class AutoResponseEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AutoResponseEvaluator.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(user|server|channel|args)\\}");

    private final RuleCache rules;
    private final BotAuthors botAuthors;
    private final SystemBot systemBot;
    private final SystemBotMessages messages;
    private final ServerServiceClient servers;
    private final SharedRedis redis;
    private final FixedWindows windows;
    private final AutoResponseProperties properties;
    private final Clock clock;
    private final Timer delay;

    AutoResponseEvaluator(RuleCache rules, BotAuthors botAuthors, SystemBot systemBot, SystemBotMessages messages,
                          ServerServiceClient servers, SharedRedis redis, FixedWindows windows,
                          AutoResponseProperties properties, Clock clock, MeterRegistry meters) {
        this.rules = rules;
        this.botAuthors = botAuthors;
        this.systemBot = systemBot;
        this.messages = messages;
        this.servers = servers;
        this.redis = redis;
        this.windows = windows;
        this.properties = properties;
        this.clock = clock;
        this.delay = Timer.builder("guildhall.auto_responses.delay")
                .description("From the trigger's MESSAGE_CREATE to the system bot's answer")
                .publishPercentiles(0.5, 0.95, 0.99)
                .register(meters);
    }

    /** What a message that triggered rules did (for the log and tests). */
    record Outcome(int answered) {
    }

    Outcome evaluate(JsonNode event) {
        if (!EventTypes.MESSAGE_CREATE.equals(text(event, "type")) || text(event, "server_id") == null) {
            return new Outcome(0);
        }
        JsonNode message = event.path("data");
        String content = text(message, "content");
        if (content == null || content.isEmpty()) {
            return new Outcome(0);
        }
        long serverId = Snowflake.parse(text(event, "server_id"));
        long channelId = Snowflake.parse(text(event, "channel_id"));
        List<Matched> matched = new ArrayList<>();
        for (CompiledRule rule : rules.of(serverId)) {
            if (rule.rule().listensIn(channelId)) {
                rule.match(content).ifPresent(args -> matched.add(new Matched(rule.rule(), args)));
            }
        }
        if (matched.isEmpty()) {
            return new Outcome(0);
        }
        long authorId = Snowflake.parse(authorId(message));
        Optional<Long> botUser = systemBot.find();
        if (botUser.isEmpty() || isBotMessage(message, authorId, botUser.get())) {
            return new Outcome(0);
        }
        String eventId = text(event, "event_id");
        if (!firstDelivery(eventId)) {
            log.debug("event {} was answered already", eventId);
            return new Outcome(0);
        }
        long messageId = Snowflake.parse(text(message, "message_id"));
        Instant occurredAt = occurredAt(event);
        int answered = 0;
        boolean delete = false;
        for (Matched match : matched) {
            if (!coolDown(match.rule(), channelId)) {
                continue;
            }
            answered++;
            AutoResponse.Response response = match.rule().response();
            try {
                if (response.reaction() != null) {
                    messages.react(channelId, messageId, response.reaction(), botUser.get());
                }
                if (response.posts()) {
                    String text = response.content() == null ? null
                            : substitute(response.content(), authorId, serverId, channelId, match.args());
                    messages.post(channelId, botUser.get(), text, response.embed(), response.reply() ? messageId : null);
                }
            } catch (RuntimeException e) {
                log.warn("auto-response {} in channel {} failed: {}", match.rule().autoResponseId(), channelId,
                        e.toString());
            }
            delete |= response.deleteTrigger();
        }
        if (delete) {
            try {
                messages.delete(channelId, messageId);
            } catch (RuntimeException e) {
                log.warn("deleting trigger message {} in channel {} failed: {}", messageId, channelId, e.toString());
            }
        }
        if (answered > 0 && occurredAt != null) {
            Duration took = Duration.between(occurredAt, clock.instant());
            delay.record(took);
            log.info("auto-responses answered message {} in channel {} {} ms after its MESSAGE_CREATE", messageId,
                    channelId, took.toMillis());
        }
        return new Outcome(answered);
    }

    private record Matched(AutoResponse rule, String args) {
    }

    private boolean isBotMessage(JsonNode message, long authorId, long systemBotId) {
        if (authorId == systemBotId || text(message, "webhook_id") != null) {
            return true;
        }
        JsonNode flag = message.path("author").get("bot");
        if (flag != null && !flag.isNull()) {
            return flag.asBoolean(false);
        }
        return botAuthors.isBot(authorId);
    }

    /**
     * Remembers the event id; false when it was seen before (a redelivery). Without Redis nothing is answered:
     * an answer posted twice, or past its cooldown, is worse than one missed.
     */
    private boolean firstDelivery(String eventId) {
        if (eventId == null) {
            return false;
        }
        try {
            String set = redis.connection().sync().set("autoresp:event:" + eventId, "1",
                    SetArgs.Builder.nx().px(properties.eventMemory().toMillis()));
            return "OK".equals(set);
        } catch (RuntimeException e) {
            log.warn("cannot remember event {} (Redis): not answering it: {}", eventId, e.toString());
            return false;
        }
    }

    /** One answer per rule per channel per cooldown, through the fleet's one limiter (ADR 126). */
    private boolean coolDown(AutoResponse rule, long channelId) {
        String key = "autoresp:cooldown:" + rule.autoResponseId() + ":" + channelId;
        try {
            return windows.take(List.of(new FixedWindows.Window(key, "auto-response",
                    new Limit(1, properties.cooldown()), false))).allowed();
        } catch (RuntimeException e) {
            log.warn("cooldown of auto-response {} unknown (Redis): not answering: {}", rule.autoResponseId(),
                    e.toString());
            return false;
        }
    }

    private String substitute(String template, long authorId, long serverId, long channelId, String args) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "user" -> "<@" + authorId + ">";
                case "channel" -> "<#" + channelId + ">";
                case "server" -> servers.serverName(serverId).orElse(m.group());
                default -> args;
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.length() > AutoResponseValidator.CONTENT_MAX
                ? out.substring(0, AutoResponseValidator.CONTENT_MAX) : out.toString();
    }

    private static String authorId(JsonNode message) {
        String id = text(message.path("author"), "user_id");
        return id != null ? id : text(message, "user_id");
    }

    private static Instant occurredAt(JsonNode event) {
        String at = text(event, "occurred_at");
        try {
            return at == null ? null : Instant.parse(at);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
