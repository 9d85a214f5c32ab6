package dev.guildhall.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The only public entry of Guildhall: routes {@code /api/v1/**} and the {@code /gateway} WebSocket
 * upgrade to the owning services, verifies access tokens at the edge, rate-limits, answers CORS
 * and serves the web client.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayServiceApplication.class, args);
    }
}
