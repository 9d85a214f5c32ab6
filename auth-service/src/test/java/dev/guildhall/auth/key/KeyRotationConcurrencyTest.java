package dev.guildhall.auth.key;

import com.zaxxer.hikari.HikariDataSource;
import dev.guildhall.auth.crypto.SecretCipher;
import dev.guildhall.auth.support.TestProperties;
import dev.guildhall.infra.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several instances on one database (a database of its own here): they start together and make
 * one key, rotate together and make one successor, and every instance sees the same keys.
 */
class KeyRotationConcurrencyTest {

    private static HikariDataSource dataSource;
    private static JdbcClient jdbc;
    private static TransactionTemplate tx;

    @BeforeAll
    static void database() {
        TestInfrastructure infra = TestInfrastructure.get();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(infra.jdbcUrl("auth_key_rotation_test"));
        dataSource.setUsername(infra.dbUsername());
        dataSource.setPassword(infra.dbPassword());
        dataSource.setMaximumPoolSize(8);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/auth")
                .table("flyway_history_auth").baselineOnMigrate(true).baselineVersion("0").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new JdbcTransactionManager(dataSource));
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void instancesStartingOrRotatingTogetherMakeOneKeyEach() throws Exception {
        jdbc.sql("DELETE FROM signing_keys").update();
        List<KeyRotationService> instances = new ArrayList<>();
        List<KeyRing> rings = new ArrayList<>();
        SecretCipher cipher = SecretCipher.fromBase64Key("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                new SecureRandom());
        for (int i = 0; i < 4; i++) {
            SigningKeyRepository repository = new SigningKeyRepository(jdbc, cipher);
            KeyRing ring = new KeyRing(repository, Clock.systemUTC());
            rings.add(ring);
            instances.add(new KeyRotationService(repository, ring, tx, TestProperties.defaults(),
                    Clock.systemUTC()));
        }

        all(instances.stream().<Callable<Object>>map(s -> () -> {
            s.afterPropertiesSet();
            return null;
        }).toList());
        assertThat(count()).isEqualTo(1);
        String first = rings.get(0).signingKey(Instant.now()).kid();
        rings.forEach(ring -> assertThat(ring.signingKey(Instant.now()).kid()).isEqualTo(first));

        Instant due = Instant.now().plus(Duration.ofDays(31));
        List<SigningKey> made = all(instances.stream().<Callable<SigningKey>>map(s -> () -> s.rotate(due, false)).toList());
        assertThat(count()).isEqualTo(2);
        assertThat(made).extracting(SigningKey::kid).containsOnly(made.get(0).kid()).doesNotContain(first);
        rings.forEach(KeyRing::reload);
        Instant afterActivation = made.get(0).activateAt().plusSeconds(1);
        rings.forEach(ring -> assertThat(ring.signingKey(afterActivation).kid()).isEqualTo(made.get(0).kid()));
    }

    private static long count() {
        return jdbc.sql("SELECT COUNT(*) FROM signing_keys").query(Long.class).single();
    }

    private static <T> List<T> all(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
