package dev.guildhall.auth.outbox;

import dev.guildhall.auth.metrics.AuthMetrics;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.Shard;
import dev.guildhall.data.outbox.OutboxListener;
import dev.guildhall.data.outbox.OutboxRelays;
import dev.guildhall.data.outbox.OutboxTable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What auth-service hands service-data: its outbox table, and its own names for the relay's
 * meters ({@code guildhall.auth.outbox.*}), kept next to the library's {@code outbox.*}.
 */
@Configuration(proxyBeanMethods = false)
class OutboxConfig {

    @Bean
    OutboxTable userOutboxTable() {
        return UserOutbox.TABLE;
    }

    @Bean
    OutboxListener authOutboxMeters(AuthMetrics metrics, GlobalDatabase global) {
        metrics.outboxBacklog(() -> OutboxRelays.pending(UserOutbox.TABLE, global.database()));
        return new OutboxListener() {
            @Override
            public void published(OutboxTable table, Shard database, int rows) {
                metrics.eventsPublished(rows);
            }
        };
    }
}
