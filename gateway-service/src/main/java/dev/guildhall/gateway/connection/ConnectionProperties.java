package dev.guildhall.gateway.connection;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long a client may take to send a request, and how many connections one address may hold (issue 14,
 * finding 3; ADR 206). Idle keep-alive connections are closed by {@code server.netty.idle-timeout}.
 *
 * @param requestHeadTimeout from the connection (or the previous response) to the end of the request line and
 *                           headers, however the bytes trickle in; past it 408 and close
 * @param bodyReadTimeout    the longest pause between two reads of a request body; past it 408 and close
 * @param bodyTimeout        the whole request body; past it 408 and close (the largest upload must fit)
 * @param maxPerAddress      open connections one TCP peer address may hold; the next is closed at once. 0 = no cap.
 *                           Not applied behind trusted proxies ({@code guildhall.gateway.proxy.trusted-hops} &gt; 0),
 *                           where every peer is the proxy
 * @param reusePort          bind the listening port with {@code SO_REUSEPORT}, so a successor gateway can listen on it
 *                           before this one stops (the embedded launcher's restart, ADR 277); Linux lets only
 *                           processes of the same user share it
 */
@ConfigurationProperties("guildhall.gateway.connections")
public record ConnectionProperties(@DefaultValue("10s") Duration requestHeadTimeout,
                                   @DefaultValue("10s") Duration bodyReadTimeout,
                                   @DefaultValue("120s") Duration bodyTimeout,
                                   @DefaultValue("256") int maxPerAddress,
                                   @DefaultValue("false") boolean reusePort) {
}
