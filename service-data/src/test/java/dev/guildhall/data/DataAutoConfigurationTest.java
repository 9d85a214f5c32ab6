package dev.guildhall.data;

import dev.guildhall.common.id.SnowflakeGenerator;
import dev.guildhall.data.db.DataAutoConfiguration;
import dev.guildhall.data.db.GlobalDataSourceAutoConfiguration;
import dev.guildhall.data.db.GlobalDatabase;
import dev.guildhall.data.db.Migrations;
import dev.guildhall.data.db.ShardDatabases;
import dev.guildhall.data.outbox.OutboxAutoConfiguration;
import dev.guildhall.data.outbox.OutboxProducerAutoConfiguration;
import dev.guildhall.data.outbox.OutboxRelays;
import dev.guildhall.data.outbox.OutboxTable;
import dev.guildhall.data.outbox.OutboxWriter;
import dev.guildhall.infra.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service gets from the library just by depending on it and declaring its tables (message-
 * and server-service exclude Boot's DataSource auto-configuration; auth-service keeps it).
 */
class DataAutoConfigurationTest {

    final TestInfrastructure infra = TestInfrastructure.get();

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                    DataAutoConfiguration.class, GlobalDataSourceAutoConfiguration.class,
                    OutboxProducerAutoConfiguration.class, OutboxAutoConfiguration.class))
            .withBean(SnowflakeGenerator.class, () -> new SnowflakeGenerator(9))
            .withPropertyValues("spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap(),
                    "guildhall.outbox.relay-enabled=false");

    @Test
    void aShardedServiceGetsItsDatabasesHealthWriterAndRelays() {
        runner.withBean(Migrations.class, () -> new Migrations("flyway_history_test", null, "classpath:db/test/shard"))
                .withBean(OutboxTable.class, () -> new OutboxTable("test_outbox", "item_id", "t",
                        OutboxTable.Scope.SHARDS))
                .withPropertyValues(
                        "guildhall.db.global-url=" + infra.jdbcUrl("data_auto_global"),
                        "guildhall.db.shard-urls=" + infra.jdbcUrl("data_auto_shard_0") + ","
                                + infra.jdbcUrl("data_auto_shard_1"),
                        "guildhall.db.username=" + infra.dbUsername(),
                        "guildhall.db.password=" + infra.dbPassword(),
                        "spring.kafka.producer.acks=1")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(ShardDatabases.class).all()).hasSize(2);
                    assertThat(context).hasSingleBean(GlobalDatabase.class).hasSingleBean(OutboxWriter.class)
                            .hasSingleBean(OutboxRelays.class);
                    HealthIndicator health = context.getBean("databasesHealthIndicator", HealthIndicator.class);
                    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                    assertThat(health.health().getDetails()).containsKeys("shard-0", "shard-1", "global");
                    // a service's YAML cannot weaken what the relay relies on
                    ProducerFactory<?, ?> producers = context.getBean(ProducerFactory.class);
                    assertThat(((DefaultKafkaProducerFactory<?, ?>) producers).getConfigurationProperties())
                            .containsEntry("acks", "all").containsEntry("enable.idempotence", true);
                });
    }

    @Test
    void aServiceOnBootsDataSourceGetsThatAsItsGlobalDatabase() {
        runner.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
                .withBean(OutboxTable.class, () -> new OutboxTable("test_outbox", "item_id", "t",
                        OutboxTable.Scope.GLOBAL))
                .withPropertyValues("spring.datasource.url=" + infra.jdbcUrl("data_auto_boot"),
                        "spring.datasource.username=" + infra.dbUsername(),
                        "spring.datasource.password=" + infra.dbPassword())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(ShardDatabases.class).hasSingleBean(GlobalDatabase.class)
                            .hasSingleBean(OutboxRelays.class).doesNotHaveBean("databasesHealthIndicator");
                    assertThat(context.getBean(GlobalDatabase.class).dataSource())
                            .isSameAs(context.getBean(javax.sql.DataSource.class));
                });
    }

    @Test
    void aServiceWithoutOutboxTablesGetsNoRelay() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OutboxRelays.class).doesNotHaveBean(OutboxWriter.class);
        });
    }
}
