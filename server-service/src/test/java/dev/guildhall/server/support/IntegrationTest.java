package dev.guildhall.server.support;

import dev.guildhall.support.testing.FakeMediaService;
import dev.guildhall.infra.TestInfrastructure;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the real service on a random port against real MariaDB (two
 * shard databases and the global one), Kafka and Redis from embedded-infra, with
 * {@link FakeAuthService} standing in for auth-service (JWKS and user lookup) and {@link FakeBotService}
 * for bot-service (bot tokens and applications). All subclasses
 * share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
public abstract class IntegrationTest {

    public static final String GLOBAL_DB = "server_it_global";
    public static final String SHARD_0 = "server_it_shard_0";
    public static final String SHARD_1 = "server_it_shard_1";

    private static final AtomicLong USERS = new AtomicLong(System.currentTimeMillis() * 1000);

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure infra = TestInfrastructure.get();
        FakeAuthService auth = FakeAuthService.get();
        registry.add("guildhall.db.global-url", () -> infra.jdbcUrl(GLOBAL_DB));
        registry.add("guildhall.db.shard-urls", () -> infra.jdbcUrl(SHARD_0) + "," + infra.jdbcUrl(SHARD_1));
        registry.add("guildhall.db.username", infra::dbUsername);
        registry.add("guildhall.db.password", infra::dbPassword);
        registry.add("guildhall.db.pool-size", () -> "5");
        registry.add("spring.kafka.bootstrap-servers", infra::kafkaBootstrap);
        registry.add("guildhall.security.jwk-set-uri", auth::jwksUri);
        registry.add("guildhall.security.issuer", () -> FakeAuthService.ISSUER);
        registry.add("guildhall.internal-token", () -> FakeAuthService.INTERNAL_TOKEN);
        registry.add("guildhall.auth.url", auth::baseUrl);
        registry.add("guildhall.outbox.idle-interval", () -> "200ms");
        registry.add("guildhall.bot-tokens.url", () -> FakeBotService.get().baseUrl());
        registry.add("guildhall.images.url", () -> FakeMediaService.get().baseUrl());
    }

    /** A direct connection to one of the test databases, for checks the API cannot make. */
    protected static Connection connect(String database) throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        return DriverManager.getConnection(infra.jdbcUrl(database), infra.dbUsername(), infra.dbPassword());
    }

    protected static long count(String database, String sql, Object... params) throws SQLException {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    protected static int update(String database, String sql, Object... params) throws SQLException {
        try (Connection c = connect(database); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    protected Api api() {
        return new Api(port);
    }

    protected String createServer(User owner, String name) {
        Api.Response created = api().post(owner.token(), "/api/v1/servers", Map.of("server_name", name));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("server_id");
    }

    protected String createChannel(User actor, String serverId, Map<String, Object> body) {
        Api.Response created = api().post(actor.token(), "/api/v1/servers/" + serverId + "/channels", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("channel_id");
    }

    protected String createRole(User actor, String serverId, Map<String, Object> body) {
        Api.Response created = api().post(actor.token(), "/api/v1/servers/" + serverId + "/roles", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("role_id");
    }

    /** The first channel of the server (its text channel {@code general}). */
    protected String generalChannel(User member, String serverId) {
        return api().get(member.token(), "/api/v1/servers/" + serverId + "/channels").json()
                .get(0).path("channel_id").asString();
    }

    protected String invite(User actor, String channelId, Map<String, Object> body) {
        Api.Response created = api().post(actor.token(), "/api/v1/channels/" + channelId + "/invites", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.get("code");
    }

    protected void join(User user, String code) {
        Api.Response joined = api().post(user.token(), "/api/v1/invites/" + code, null);
        assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
    }

    /** Creates an invite to the server's first channel and has the user join through it. */
    protected void joinServer(User owner, User user, String serverId) {
        join(user, invite(owner, generalChannel(owner, serverId), Map.of()));
    }

    protected static List<String> names(Api.Response channels) {
        return channels.json().findValuesAsString("channel_name");
    }

    /** A fresh user id (a plausible snowflake) and a token for it. */
    protected static User newUser(String name) {
        long id = USERS.incrementAndGet();
        FakeAuthService.get().knowUser(id, name);
        return new User(id, name, FakeAuthService.get().token(id));
    }

    public record User(long id, String name, String token) {

        public String idString() {
            return Long.toString(id);
        }
    }
}
