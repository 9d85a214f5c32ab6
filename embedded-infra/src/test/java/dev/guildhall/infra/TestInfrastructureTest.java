package dev.guildhall.infra;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TestInfrastructureTest {

    final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void mariaDbIsARealServerWithFulltext() throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl("infra_check"), infra.dbUsername(), infra.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, body TEXT, FULLTEXT KEY ft (body)) ENGINE=InnoDB");
            s.execute("INSERT INTO t VALUES (1, 'hello guildhall world')");
            try (ResultSet rs = s.executeQuery("SELECT VERSION(), (SELECT COUNT(*) FROM t WHERE MATCH(body) AGAINST ('guildhall' IN BOOLEAN MODE))")) {
                rs.next();
                assertThat(rs.getString(1)).contains("MariaDB").startsWith("11.4");
                assertThat(rs.getInt(2)).isEqualTo(1);
            }
        }
    }

    @Test
    void redisAnswersPing() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", infra.redis().port());
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
            out.print("PING\r\n");
            out.flush();
            assertThat(in.readLine()).isEqualTo("+PONG");
        }
    }

    @Test
    void kafkaBrokerAcceptsTopics() throws Exception {
        infra.kafka().createTopics("infra-check");
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("infra-check");
        }
    }

    @Test
    void s3StoreHasTheBucketAndKeepsObjects() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI object = URI.create(infra.s3() + "/" + TestInfrastructure.S3_BUCKET + "/infra-check.txt");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(object).PUT(HttpRequest.BodyPublishers.ofString("hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(200);
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(object).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get.body()).isEqualTo("hello");
    }
}
