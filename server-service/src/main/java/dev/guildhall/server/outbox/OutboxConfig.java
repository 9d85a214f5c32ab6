package dev.guildhall.server.outbox;

import dev.guildhall.data.db.Migrations;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.data.outbox.OutboxListener;
import dev.guildhall.data.outbox.OutboxRelays;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.server.metrics.ServerMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What server-service hands service-data: its migrations (ADR 003), its outbox table, and its
 * own names for the relay's meters ({@code guildhall.server.outbox.*}), kept next to the
 * library's {@code outbox.*}.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    @Bean
    Migrations migrations() {
        return new Migrations("flyway_history_server", "classpath:db/server/global", "classpath:db/server/shard");
    }

    @Bean
    OutboxTable serverOutboxTable() {
        return ServerOutbox.TABLE;
    }

    @Bean
    OutboxListener serverOutboxMeters(ServerMetrics metrics, ShardDatabases shards) {
        for (Shard shard : shards.all()) {
            metrics.outboxPending(shard.name(), () -> OutboxRelays.pending(ServerOutbox.TABLE, shard));
        }
        return new OutboxListener() {
            @Override
            public void published(OutboxTable table, Shard database, int rows) {
                metrics.outboxPublished(database.name(), rows);
            }

            @Override
            public void failed(OutboxTable table, Shard database, int rows) {
                metrics.outboxFailure("kafka");
            }
        };
    }
}
