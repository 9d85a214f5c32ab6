package dev.guildhall.message.search;

import dev.guildhall.common.error.ErrorCode;
import dev.guildhall.common.error.GuildhallException;
import dev.guildhall.common.id.Snowflake;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.message.channel.AccessPolicy;
import dev.guildhall.message.channel.ServerSnapshots;
import dev.guildhall.message.client.ServerSnapshot;
import dev.guildhall.message.config.MessageProperties;
import dev.guildhall.message.message.MessageAssembler;
import dev.guildhall.message.message.MessageRow;
import dev.guildhall.message.message.MessageView;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches a server's messages in the channels the caller may read (VIEW_CHANNEL and
 * READ_MESSAGE_HISTORY), computed with common's permission calculator from server-service's
 * snapshot of the server. A non-member gets {@code UNKNOWN_SERVER}.
 */
@Service
public class SearchService {

    private final ServerSnapshots snapshots;
    private final ShardDatabases shards;
    private final SearchRepository search;
    private final MessageAssembler assembler;
    private final MessageProperties.Limits limits;

    public SearchService(ServerSnapshots snapshots, ShardDatabases shards, SearchRepository search,
                         MessageAssembler assembler, MessageProperties properties) {
        this.snapshots = snapshots;
        this.shards = shards;
        this.search = search;
        this.assembler = assembler;
        this.limits = properties.limits();
    }

    public record Query(String q, String authorId, String channelId, String before, String after, Integer limit,
                        Integer offset) {
    }

    public SearchResult search(long userId, long serverId, Query query) {
        // membership before the query is looked at: an outsider's bad query must not tell that the server exists
        ServerSnapshot snapshot = snapshots.get(serverId)
                .filter(s -> s.isMember(userId))
                .orElseThrow(() -> GuildhallException.notFound(ErrorCode.UNKNOWN_SERVER));
        String booleanQuery = SearchTerms.booleanQuery(query.q());
        int limit = query.limit() == null ? limits.searchDefaultLimit() : query.limit();
        int offset = query.offset() == null ? 0 : query.offset();
        if (limit < 1 || limit > limits.searchMaxLimit()) {
            throw invalid("limit", "must be between 1 and " + limits.searchMaxLimit());
        }
        if (offset < 0 || offset > limits.searchMaxOffset()) {
            throw invalid("offset", "must be between 0 and " + limits.searchMaxOffset());
        }
        List<Long> readable = new ArrayList<>();
        snapshot.channelPermissions(userId).forEach((channel, permissions) -> {
            if (AccessPolicy.canRead(permissions)) {
                readable.add(channel);
            }
        });
        if (present(query.channelId())) {
            long only = Snowflake.parse(query.channelId());
            readable.removeIf(c -> c != only);
        }
        if (readable.isEmpty()) {
            return new SearchResult(0, List.of());
        }
        SearchRepository.Criteria criteria = new SearchRepository.Criteria(serverId, readable, booleanQuery,
                present(query.authorId()) ? Snowflake.parse(query.authorId()) : 0,
                present(query.before()) ? Snowflake.parse(query.before()) : 0,
                present(query.after()) ? Snowflake.parse(query.after()) : 0);
        Shard shard = shards.forKey(serverId);
        long total = search.count(shard, criteria);
        List<MessageRow> rows = total == 0 ? List.of() : search.find(shard, criteria, limit, offset);
        return new SearchResult(total, views(shard, rows, userId));
    }

    /** Message objects in the rows' order, assembled channel by channel. */
    private List<MessageView> views(Shard shard, List<MessageRow> rows, long viewerId) {
        Map<Long, List<MessageRow>> byChannel = new LinkedHashMap<>();
        rows.forEach(r -> byChannel.computeIfAbsent(r.channelId(), c -> new ArrayList<>()).add(r));
        Map<Long, MessageView> views = new HashMap<>();
        byChannel.forEach((channel, channelRows) -> {
            List<MessageView> assembled = assembler.views(shard, channel, channelRows, viewerId);
            for (int i = 0; i < channelRows.size(); i++) {
                views.put(channelRows.get(i).messageId(), assembled.get(i));
            }
        });
        return rows.stream().map(r -> views.get(r.messageId())).toList();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static GuildhallException invalid(String field, String message) {
        return new GuildhallException(ErrorCode.VALIDATION_FAILED, "Invalid " + field + ": " + message,
                Map.of("errors", Map.of(field, message)));
    }
}
