package dev.guildhall.message.outbox;

import dev.guildhall.data.db.Migrations;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.data.outbox.OutboxListener;
import dev.guildhall.data.outbox.OutboxRelays;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.message.metrics.MessageMetrics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/**
 * What message-service hands service-data: its migrations (ADR 003), its outbox table, and its
 * own names for the relay's meters ({@code guildhall.outbox.*}, ADR 062), kept next to the
 * library's {@code outbox.*}.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    @Bean
    Migrations migrations() {
        return new Migrations("flyway_history_message", "classpath:db/message/global", "classpath:db/message/shard");
    }

    @Bean
    OutboxTable messageOutboxTable() {
        return MessageOutbox.TABLE;
    }

    @Bean
    OutboxListener messageOutboxMeters(MessageMetrics metrics, ShardDatabases shards) {
        for (Shard shard : shards.all()) {
            metrics.outboxBacklog(shard.name(), () -> {
                try {
                    return OutboxRelays.pending(MessageOutbox.TABLE, shard);
                } catch (RuntimeException e) {
                    return Double.NaN;
                }
            });
        }
        return new OutboxListener() {
            @Override
            public void delivered(OutboxTable table, Shard database, Duration lag) {
                metrics.delivered(lag);
            }

            @Override
            public void published(OutboxTable table, Shard database, int rows) {
                metrics.published(database.name(), rows);
            }

            @Override
            public void failed(OutboxTable table, Shard database, int rows) {
                metrics.publishFailed(rows);
            }
        };
    }
}
