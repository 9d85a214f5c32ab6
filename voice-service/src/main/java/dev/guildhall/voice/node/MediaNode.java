package dev.guildhall.voice.node;

import dev.guildhall.common.media.MediaNodeReport;

import java.time.Duration;
import java.time.Instant;

/**
 * A media node as its last load report in Redis describes it ({@code media:node:<id>}, written every
 * few seconds by the node itself).
 *
 * @param signalUrl  the client-facing signalling WebSocket, returned to clients as {@code endpoint}
 * @param controlUrl the internal Colibri2-shaped control API
 */
public record MediaNode(String nodeId, String signalUrl, String controlUrl, int conferences, int endpoints,
                        double packetsPerSecond, double cpu, boolean draining, Instant reportedAt) {

    public static MediaNode of(MediaNodeReport report) {
        return new MediaNode(report.nodeId(), nullToEmpty(report.signalUrl()), nullToEmpty(report.controlUrl()),
                report.conferences(), report.endpoints(), report.packetsPerSecond(), report.cpu(), report.draining(),
                report.reportedAt());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public boolean aliveAt(Instant now, Duration staleAfter) {
        return reportedAt != null && !reportedAt.plus(staleAfter).isBefore(now);
    }

    public boolean acceptsConferencesAt(Instant now, Duration staleAfter) {
        return !draining && aliveAt(now, staleAfter);
    }
}
