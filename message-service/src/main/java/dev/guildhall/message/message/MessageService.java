package dev.guildhall.message.message;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.event.EventTypes;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.common.ratelimit.RateLimitHeaders;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.attachment.AttachmentService;
import dev.guildhall.message.channel.AccessPolicy;
import dev.guildhall.message.channel.ChannelAccess;
import dev.guildhall.message.channel.ChannelAccessService;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.metrics.MessageMetrics;
import dev.guildhall.message.outbox.MessageOutbox;
import dev.guildhall.message.purge.PurgeJobs;
import dev.guildhall.message.ratelimit.SendRateLimiter;
import dev.guildhall.message.readstate.ReadStateRepository;
import dev.guildhall.message.user.UserDirectory;
import dev.guildhall.message.user.UserView;
import dev.guildhall.support.ratelimit.RateLimitedException;
import dev.guildhall.support.web.DeferredBody;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sending, reading, editing and deleting messages. Every write commits together with its outbox
 * row in one transaction on the channel's shard; the call returns once that commit is done.
 */
@Service
public class MessageService {

    private static final int ORIGINAL_WAIT_ATTEMPTS = 40;
    private static final long ORIGINAL_WAIT_MILLIS = 25;

    private final ChannelAccessService access;
    private final ShardDatabases shards;
    private final MessageRepository messages;
    private final MessageAssembler assembler;
    private final ReadStateRepository readStates;
    private final MessageOutbox outbox;
    private final NonceRegistry nonces;
    private final SendRateLimiter rateLimiter;
    private final UserDirectory users;
    private final SnowflakeGenerator ids;
    private final Clock clock;
    private final MessageProperties.Limits limits;
    private final MessageMetrics metrics;
    private final MessageJson json;
    private final AttachmentService attachments;
    private final SendConcurrency sendConcurrency;
    private final PurgeJobs purges;

    public MessageService(ChannelAccessService access, ShardDatabases shards, MessageRepository messages,
                          MessageAssembler assembler, ReadStateRepository readStates, MessageOutbox outbox,
                          NonceRegistry nonces, SendRateLimiter rateLimiter, UserDirectory users,
                          SnowflakeGenerator ids, Clock clock, MessageProperties properties, MessageMetrics metrics,
                          MessageJson json, AttachmentService attachments, SendConcurrency sendConcurrency,
                          PurgeJobs purges) {
        this.access = access;
        this.shards = shards;
        this.messages = messages;
        this.assembler = assembler;
        this.readStates = readStates;
        this.outbox = outbox;
        this.nonces = nonces;
        this.rateLimiter = rateLimiter;
        this.users = users;
        this.ids = ids;
        this.clock = clock;
        this.limits = properties.limits();
        this.metrics = metrics;
        this.json = json;
        this.attachments = attachments;
        this.sendConcurrency = sendConcurrency;
        this.purges = purges;
    }

    /**
     * @param message   the message created, or the original one for a retried nonce
     * @param rateLimit the rate-limit decision for the response headers (null for a retried nonce)
     */
    public record Sent(MessageView message, RateLimitHeaders.Decision rateLimit) {
    }

    /** A user's send, within the send path's bulkhead ({@link SendConcurrency}). */
    public Sent send(long userId, long channelId, MessageRequests.Send request) {
        return send(userId, channelId, DeferredBody.of(request));
    }

    /** The body is read once the caller may send in the channel (ADR 250). */
    public Sent send(long userId, long channelId, DeferredBody<MessageRequests.Send> body) {
        return sendConcurrency.limit(() -> {
            ChannelAccess channel = access.resolve(userId, channelId);
            AccessPolicy.requireSend(channel);
            return sendNow(userId, channel, body.read());
        });
    }

    private Sent sendNow(long userId, ChannelAccess channel, MessageRequests.Send request) {
        long channelId = channel.channelId();
        boolean withFiles = request.attachments() != null && !request.attachments().isEmpty();
        // a message of files only may have no text (ADR 160)
        RichContent rich = RichContent.of(request.content(), request.embeds(), request.components(),
                limits.maxContentLength(), withFiles);
        Long replyTo = blank(request.replyTo()) ? null : Snowflake.parse(request.replyTo());
        String nonce = blank(request.nonce()) ? null : request.nonce();
        Shard shard = shards.forKey(channel.shardKey());

        if (nonce != null) {
            Optional<Long> original = nonces.lookup(channelId, userId, nonce);
            if (original.isPresent()) {
                return new Sent(awaitOriginal(shard, channelId, original.get(), userId), null);
            }
        }
        RateLimitHeaders.Decision decision = rateLimiter.acquire(userId, channelId);
        if (!decision.allowed()) {
            throw new RateLimitedException(decision);
        }
        ReplyView reply = reply(shard, channelId, replyTo);
        // attachments: checked against the store before the transaction, claimed inside it
        AttachmentService.Prepared files = attachments.prepare(userId, channel, shard, request.attachments());

        long messageId = ids.next();
        if (nonce != null) {
            Optional<Long> holder = nonces.claim(channelId, userId, nonce, messageId);
            if (holder.isPresent()) {
                return new Sent(awaitOriginal(shard, channelId, holder.get(), userId), decision);
            }
        }
        MessageView view;
        try {
            view = write(shard, channel, messageId, userId, users.view(userId), Origin.NONE, rich, replyTo, reply, nonce,
                    files);
        } catch (DuplicateKeyException e) {
            // the shard's unique nonce key (ADR 246): an earlier send with this nonce is stored, although Redis
            // did not say so (slow, down, or its claim expired); answer that one
            nonces.release(channelId, userId, nonce, messageId);
            return new Sent(storedOriginal(shard, channelId, userId, nonce, userId, e), decision);
        } catch (RuntimeException e) {
            if (nonce != null) {
                nonces.release(channelId, userId, nonce, messageId);
            }
            throw e;
        }
        metrics.messageSent(channel.isDm());
        return new Sent(view, decision);
    }

    /**
     * A message written on behalf of a bot user, a webhook or an interaction (the internal write path,
     * ADR 155): the caller has authorised it, so only the channel's existence is checked; the content
     * rules, storage and MESSAGE_CREATE are the public send's.
     */
    public MessageView post(long channelId, Post post) {
        return sendConcurrency.limit(() -> postNow(channelId, post));
    }

    private MessageView postNow(long channelId, Post post) {
        ChannelAccess channel = access.existing(post.authorId(), channelId);
        RichContent rich = RichContent.of(post.content(), post.embeds(), post.components(), limits.maxContentLength());
        Long replyTo = blank(post.replyTo()) ? null : Snowflake.parse(post.replyTo());
        Shard shard = shards.forKey(channel.shardKey());
        ReplyView reply = reply(shard, channelId, replyTo);
        UserView author = post.origin().isWebhook()
                ? UserView.webhook(post.authorId(), post.origin().authorName(), post.origin().authorAvatarUrl())
                : users.view(post.authorId());
        MessageView view = write(shard, channel, ids.next(), post.authorId(), author, post.origin(), rich, replyTo,
                reply, null, AttachmentService.Prepared.NONE);
        metrics.messageSent(channel.isDm());
        return view;
    }

    /**
     * @param authorId  the bot user, or the webhook id for a webhook's message
     * @param origin    webhook (with the author name and avatar to show) and interaction metadata
     * @param replyTo   id of a message of the same channel, or null
     */
    public record Post(long authorId, Origin origin, String content, List<Embed> embeds, JsonNode components,
                       String replyTo) {
    }

    private ReplyView reply(Shard shard, long channelId, Long replyTo) {
        return replyTo == null ? null : messages.find(shard, channelId, replyTo)
                .map(MessageAssembler::summary)
                .orElseThrow(() -> new GuildhallException(ErrorCode.VALIDATION_FAILED, "Unknown message to reply to",
                        Map.of("errors", Map.of("reply_to", "no such message in this channel"))));
    }

    /** Stores a new message with its mentions and MESSAGE_CREATE in one transaction on its shard. */
    private MessageView write(Shard shard, ChannelAccess channel, long messageId, long authorId, UserView author,
                              Origin origin, RichContent rich, Long replyTo, ReplyView reply, String nonce,
                              AttachmentService.Prepared files) {
        long channelId = channel.channelId();
        Mentions mentions = Mentions.parse(rich.content());
        boolean everyone = AccessPolicy.mentionsEveryone(channel, mentions.everyone());
        Instant createdAt = Snowflake.timestamp(messageId);
        MessageRow row = new MessageRow(channelId, messageId, channel.serverId(), authorId, rich.content(), replyTo,
                mentions.users(), mentions.roles(), everyone, false, nonce, createdAt, null,
                json.embeds(rich.embeds()), json.components(rich.components()), origin);
        MessageView view = assembler.view(row, author, reply, List.of(), attachments.views(messageId, files));
        shard.inTransaction(() -> {
            messages.insert(shard, row);
            attachments.attach(shard, messageId, files);
            messages.replaceMentions(shard, row);
            if (!origin.isWebhook()) {
                // your own message is read (a webhook has no read state)
                readStates.advance(shard, authorId, channelId, channel.serverId(), messageId, createdAt);
            }
            outbox.append(shard, EventTypes.MESSAGE_CREATE, channelId, channel.serverId(), channel.recipients(),
                    authorId, view);
        });
        return view;
    }

    public MessageView get(long userId, long channelId, long messageId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireRead(channel);
        Shard shard = shards.forKey(channel.shardKey());
        MessageRow row = messages.find(shard, channelId, messageId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE));
        return assembler.view(shard, row, userId);
    }

    public List<MessageView> history(long userId, long channelId, String before, String after, String around,
                                     Integer limit) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireRead(channel);
        HistoryQuery page = HistoryQuery.of(before, after, around, limit, limits.historyDefaultLimit(),
                limits.historyMaxLimit());
        Shard shard = shards.forKey(channel.shardKey());
        return assembler.views(shard, channelId, messages.history(shard, channelId, page), userId);
    }

    /** Only the author edits; sets {@code edited_at} and re-reads mentions. Parts left out stay as they were. */
    /** The body is read once the caller may edit the message (ADR 250). */
    public MessageView edit(long userId, long channelId, long messageId, DeferredBody<MessageRequests.Edit> body) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireView(channel);
        Shard shard = shards.forKey(channel.shardKey());
        MessageRow before = messages.find(shard, channelId, messageId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE));
        AccessPolicy.requireEdit(channel, userId, before.authorId());
        return update(shard, channel, before, body.read(), users.view(userId), userId);
    }

    /** The internal edit (ADR 155): any message of an existing channel, as its author. */
    public MessageView editAsWriter(long channelId, long messageId, MessageRequests.Edit request) {
        Lookup found = lookupAsWriter(channelId, messageId);
        MessageRow before = found.row();
        UserView author = before.origin().isWebhook() ? null : users.view(before.authorId());
        return update(found.shard(), found.channel(), before, request, author, 0);
    }

    private MessageView update(Shard shard, ChannelAccess channel, MessageRow before, MessageRequests.Edit request,
                               UserView author, long viewerId) {
        long channelId = channel.channelId();
        long messageId = before.messageId();
        RichContent rich = RichContent.of(request.content() != null ? request.content() : before.content(),
                request.embeds() != null ? request.embeds() : json.embeds(before.embeds()),
                request.components() != null ? request.components() : json.components(before.components()),
                limits.maxContentLength());
        Mentions mentions = Mentions.parse(rich.content());
        boolean everyone = AccessPolicy.mentionsEveryone(channel, mentions.everyone());
        Instant now = Instant.ofEpochMilli(clock.millis());
        MessageRow after = shard.inTransaction(() -> {
            if (!messages.lock(shard, channelId, messageId)) {
                throw GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE);
            }
            MessageRow current = messages.find(shard, channelId, messageId).orElseThrow();
            MessageRow edited = current.edited(rich.content(), json.embeds(rich.embeds()),
                    json.components(rich.components()), mentions, everyone, now);
            messages.updateContent(shard, edited);
            messages.replaceMentions(shard, edited);
            outbox.append(shard, EventTypes.MESSAGE_UPDATE, channelId, channel.serverId(), channel.recipients(),
                    edited.authorId(), assembler.view(shard, edited, author, 0));
            return edited;
        });
        metrics.messageEdited();
        return assembler.view(shard, after, author, viewerId);
    }

    /** The author deletes their message; MANAGE_MESSAGES deletes anyone's. Deleting twice is fine. */
    public void delete(long userId, long channelId, long messageId) {
        ChannelAccess channel = access.resolve(userId, channelId);
        AccessPolicy.requireView(channel);
        Shard shard = shards.forKey(channel.shardKey());
        MessageRow row = messages.find(shard, channelId, messageId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE));
        AccessPolicy.requireDelete(channel, userId, row.authorId());
        remove(shard, channel, messageId, userId);
    }

    /** The internal delete (ADR 155): any message of an existing channel; MESSAGE_DELETE names its author. */
    public void deleteAsWriter(long channelId, long messageId) {
        Lookup found = lookupAsWriter(channelId, messageId);
        remove(found.shard(), found.channel(), messageId, found.row().authorId());
    }

    private void remove(Shard shard, ChannelAccess channel, long messageId, long actorId) {
        long channelId = channel.channelId();
        boolean deleted = shard.inTransaction(() -> {
            // the message row first, as every writer of a message does (no lock-order deadlocks)
            if (!messages.lock(shard, channelId, messageId)) {
                return false;
            }
            messages.delete(shard, channelId, messageId);
            purges.messageDeleted(shard, channelId, channel.serverId(), messageId, actorId);
            outbox.append(shard, EventTypes.MESSAGE_DELETE, channelId, channel.serverId(), channel.recipients(), actorId,
                    new MessageEvents.Deleted(Snowflake.format(messageId), Snowflake.format(channelId),
                            channel.serverId() == null ? null : Snowflake.format(channel.serverId())));
            return true;
        });
        if (deleted) {
            metrics.messageDeleted();
        }
    }

    private record Lookup(ChannelAccess channel, Shard shard, MessageRow row) {
    }

    private Lookup lookupAsWriter(long channelId, long messageId) {
        ChannelAccess channel = access.existing(0, channelId);
        Shard shard = shards.forKey(channel.shardKey());
        MessageRow row = messages.find(shard, channelId, messageId)
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_MESSAGE));
        return new Lookup(channel, shard, row);
    }

    /** The message a nonce already produced; it may still be committing. */
    private MessageView awaitOriginal(Shard shard, long channelId, long messageId, long viewerId) {
        for (int attempt = 0; attempt < ORIGINAL_WAIT_ATTEMPTS; attempt++) {
            Optional<MessageRow> row = messages.find(shard, channelId, messageId);
            if (row.isPresent()) {
                metrics.deduplicated();
                return assembler.view(shard, row.get(), viewerId);
            }
            try {
                Thread.sleep(ORIGINAL_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new GuildhallException(ErrorCode.CONFLICT,
                "A message with this nonce was sent moments ago and is not available (deleted or still failing)");
    }

    /**
     * The message the shard already holds for this nonce, after the insert of a retry hit the unique nonce key.
     * Only that key is a retry; any other duplicate key is a fault and is thrown on.
     */
    private MessageView storedOriginal(Shard shard, long channelId, long authorId, String nonce, long viewerId,
                                       DuplicateKeyException e) {
        if (nonce == null || !MessageRepository.isNonceConflict(e)) {
            throw e;
        }
        MessageRow row = messages.findByNonce(shard, channelId, authorId, nonce).orElseThrow(() -> e);
        metrics.deduplicated();
        return assembler.view(shard, row, viewerId);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
