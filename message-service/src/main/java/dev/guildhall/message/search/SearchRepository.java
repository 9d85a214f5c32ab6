package dev.guildhall.message.search;

import dev.guildhall.data.db.Shard;
import dev.guildhall.message.message.MessageRepository;
import dev.guildhall.message.message.MessageRow;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;

/** FULLTEXT search over {@code messages.content} of one server (all its rows live in one shard). */
@Repository
public class SearchRepository {

    /**
     * @param authorId 0 for any author
     * @param before   0 for no upper bound (exclusive)
     * @param after    0 for no lower bound (exclusive)
     */
    public record Criteria(long serverId, Collection<Long> channelIds, String booleanQuery, long authorId,
                           long before, long after) {
    }

    public List<MessageRow> find(Shard shard, Criteria criteria, int limit, int offset) {
        return bind(shard.jdbc().sql("SELECT " + MessageRepository.COLUMNS + " FROM messages WHERE " + where(criteria)
                        + " ORDER BY message_id DESC LIMIT :limit OFFSET :offset"), criteria)
                .param("limit", limit)
                .param("offset", offset)
                .query(MessageRepository::map)
                .list();
    }

    public long count(Shard shard, Criteria criteria) {
        return bind(shard.jdbc().sql("SELECT COUNT(*) FROM messages WHERE " + where(criteria)), criteria)
                .query(Long.class).single();
    }

    private static String where(Criteria c) {
        StringBuilder sql = new StringBuilder("""
                MATCH(content) AGAINST (:q IN BOOLEAN MODE) AND server_id = :server AND channel_id IN (:channels)""");
        if (c.authorId() != 0) {
            sql.append(" AND author_id = :author");
        }
        if (c.before() != 0) {
            sql.append(" AND message_id < :before");
        }
        if (c.after() != 0) {
            sql.append(" AND message_id > :after");
        }
        return sql.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Criteria c) {
        spec = spec.param("q", c.booleanQuery()).param("server", c.serverId()).param("channels", c.channelIds());
        if (c.authorId() != 0) {
            spec = spec.param("author", c.authorId());
        }
        if (c.before() != 0) {
            spec = spec.param("before", c.before());
        }
        if (c.after() != 0) {
            spec = spec.param("after", c.after());
        }
        return spec;
    }
}
