package dev.guildhall.gateway.connection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a Reactor Netty 1.3.6 defect (ADR 248; reactor/reactor-netty#4361, fixed after 1.3.7): a request that
 * arrives on a kept-alive connection while the previous request's operations are still terminating is buffered,
 * and after the buffer drains nothing asks the channel to read again. The request then waits, unanswered, until the
 * client gives up and closes the connection — the "no answer for 15 s" of {@code DegradedGatewayTest}, whose
 * client (like a browser) sends its next request at once on the same connection. A fallback or an error answer,
 * written before the route's chain has finished, is the usual trigger.
 *
 * <p>Reactor Netty's own switch {@code reactor.netty.http.server.lastFlushWhenNoRead} makes such a request end the
 * previous operations and be dispatched at once instead of buffered (its last flush then happens when no read is in
 * progress). It is read once, when the server's HTTP handler class loads, so it is set before the gateway's server
 * exists. Remove this class with the Reactor Netty version that has the fix.
 */
public final class KeepAliveReads {

    static final String PROPERTY = "reactor.netty.http.server.lastFlushWhenNoRead";
    private static final Logger log = LoggerFactory.getLogger(KeepAliveReads.class);

    private KeepAliveReads() {
    }

    /** Sets the switch unless an operator set it explicitly; warns when it can no longer take effect. */
    public static void enable() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, "true");
        }
        if (!effective()) {
            log.warn("{} is not in effect (the HTTP server was loaded before it was set, or it is set to false): a "
                    + "kept-alive request may wait unanswered until its client closes the connection", PROPERTY);
        }
    }

    /** Whether the loaded server handler runs with the switch on. */
    static boolean effective() {
        try {
            var field = Class.forName("reactor.netty.http.server.HttpTrafficHandler")
                    .getDeclaredField("LAST_FLUSH_WHEN_NO_READ");
            field.setAccessible(true);
            return field.getBoolean(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // another Reactor Netty layout: nothing to check
            return Boolean.parseBoolean(System.getProperty(PROPERTY));
        }
    }
}
