package dev.guildhall.message.attachment;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The signed object paths carry their own authorization (the link's HMAC, checked by
 * {@link LinkSigner}); a user token there is neither needed nor looked at, so an {@code <img>} works.
 */
@Configuration(proxyBeanMethods = false)
class AttachmentWebConfig {

    @Bean
    WebSecurityCustomizer signedObjectPaths() {
        return web -> web.ignoring().requestMatchers("/attachments/**");
    }
}
