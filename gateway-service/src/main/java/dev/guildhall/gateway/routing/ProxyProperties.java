package dev.guildhall.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway may believe of the proxies in front of it.
 *
 * @param trustedHops how many proxies in front of the gateway append themselves to
 *                    {@code X-Forwarded-For} ({@code GUILDHALL_TRUSTED_PROXY_HOPS}); 0 = the TCP peer is
 *                    the client and any {@code X-Forwarded-*} it sends is discarded
 */
@ConfigurationProperties("guildhall.gateway.proxy")
public record ProxyProperties(@DefaultValue("0") int trustedHops) {

    public ProxyProperties {
        if (trustedHops < 0) {
            throw new IllegalArgumentException("guildhall.gateway.proxy.trusted-hops must be >= 0");
        }
    }
}
