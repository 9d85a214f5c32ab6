package dev.guildhall.media.config;

import dev.guildhall.media.signalling.SignallingHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** The client-facing signalling WebSocket at {@code /signal}; the voice token, not the origin, authenticates. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
public class WebSocketConfig implements WebSocketConfigurer {

    private final SignallingHandler handler;

    public WebSocketConfig(SignallingHandler handler) {
        this.handler = handler;
    }

    /** SDP answers grow with every participant (one m-line each): Tomcat's 8 KiB default is too small. */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(256 * 1024);
        container.setMaxSessionIdleTimeout(120_000L);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(handler, "/signal").setAllowedOriginPatterns("*");
    }
}
