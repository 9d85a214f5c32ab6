package dev.guildhall.gateway.webapp;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web client the gateway serves.
 *
 * @param root                  directory of the built client ({@code GUILDHALL_WEB_ROOT}), absolute or
 *                              relative to the working directory; empty = the first of
 *                              {@code web-client/dist} and {@code ../web-client/dist} holding an
 *                              {@code index.html}; none found = a small built-in page
 * @param contentSecurityPolicy sent with every response
 */
@ConfigurationProperties("guildhall.gateway.web")
public record WebAppProperties(String root, String contentSecurityPolicy) {

    public WebAppProperties {
        root = root == null ? "" : root.trim();
        contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
                ? "default-src 'self'; frame-ancestors 'none'; object-src 'none'" : contentSecurityPolicy;
    }
}
