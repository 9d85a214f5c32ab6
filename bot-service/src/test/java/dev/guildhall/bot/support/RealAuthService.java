package dev.guildhall.bot.support;

import dev.guildhall.auth.AuthServiceApplication;
import dev.guildhall.infra.TestInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real auth-service, started once per JVM in its own Spring context on the shared embedded
 * MariaDB, Redis and Kafka: it creates bot users and issues the access tokens bot-service verifies.
 */
public final class RealAuthService {

    public static final String ISSUER = "http://auth.bot-test";
    public static final String INTERNAL_TOKEN = "test-internal-token";

    private static ConfigurableApplicationContext context;

    private RealAuthService() {
    }

    public static synchronized String url() {
        if (context == null) {
            TestInfrastructure infra = TestInfrastructure.get();
            context = new SpringApplicationBuilder(AuthServiceApplication.class).run(
                    // both services' application.yml are on this classpath: name auth-service's own
                    "--spring.config.location=" + authConfig(),
                    "--server.port=0",
                    "--spring.datasource.url=" + infra.jdbcUrl("guildhall_global"),
                    "--spring.datasource.username=" + infra.dbUsername(),
                    "--spring.datasource.password=" + infra.dbPassword(),
                    "--guildhall.auth.login-throttle.redis-url=" + infra.redisUrl(),
                    "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrap(),
                    "--guildhall.auth.issuer=" + ISSUER,
                    "--guildhall.auth.internal-token=" + INTERNAL_TOKEN,
                    // service-support is on this classpath too (bot-service's), and its beans want these
                    "--guildhall.internal-token=" + INTERNAL_TOKEN,
                    // spring.config.location above leaves out the test config that allows test secrets (ADR 142)
                    "--guildhall.security.allow-insecure-secrets=true",
                    "--guildhall.auth.worker-id=901",
                    "--management.server.port=-1",
                    "--logging.structured.format.console=");
            Runtime.getRuntime().addShutdownHook(new Thread(context::close));
        }
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** auth-service's application.yml, copied out of its jar to a file Spring can be pointed at. */
    private static String authConfig() {
        try {
            URL jar = AuthServiceApplication.class.getProtectionDomain().getCodeSource().getLocation();
            Path copy = Files.createTempFile("auth-service-", ".yml");
            copy.toFile().deleteOnExit();
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar}, null);
                 InputStream in = loader.getResourceAsStream("application.yml")) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            return "file:" + copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
