package dev.guildhall.server.access;

import dev.guildhall.data.db.Shard;
import dev.guildhall.server.server.ServerRow;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A request's view of one server: its shard, the server row and the calling member. */
public record Scope(Shard shard, ServerRow server, Actor actor) {

    public JdbcClient db() {
        return shard.jdbc();
    }

    public long serverId() {
        return server.serverId();
    }

    public long userId() {
        return actor.userId();
    }
}
