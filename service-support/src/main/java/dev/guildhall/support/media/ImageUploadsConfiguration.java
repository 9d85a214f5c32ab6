package dev.guildhall.support.media;

import dev.guildhall.support.client.InternalClients;
import dev.guildhall.support.client.ResilientCalls;
import dev.guildhall.support.client.ServiceClientConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/** An {@link ImageUploadsClient} in every service that names message-service under {@code guildhall.images.url}. */
@AutoConfiguration(after = ServiceClientConfiguration.class)
@ConditionalOnProperty("guildhall.images.url")
@EnableConfigurationProperties(ImageUploadsProperties.class)
public class ImageUploadsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ImageUploadsClient imageUploadsClient(ImageUploadsProperties properties, InternalClients clients, ResilientCalls calls,
                                          JsonMapper json) {
        return new ImageUploadsClient(properties, clients, calls, json);
    }
}
