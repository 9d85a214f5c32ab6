package dev.guildhall.bench.voice;

import java.util.List;

/**
 * What voice-service does for a join, done by the bench: allocate the endpoint over the node's control API and
 * mint the voice token; the endpoint then signals at {@code --signal-url}.
 */
final class DirectJoins implements Joins {

    private final NodeControl control;
    private final VoiceBenchOptions options;
    private final String runId;

    DirectJoins(NodeControl control, VoiceBenchOptions options, String runId) {
        this.control = control;
        this.options = options;
        this.runId = runId;
    }

    @Override
    public Ticket join(BenchEndpoint e) throws Exception {
        String id = conferenceId(e.conference);
        control.allocate(id, e.sessionId(), e.userId());
        return new Ticket(options.signalUrl(), control.voiceToken(id, e.sessionId(), e.userId()));
    }

    @Override
    public void leave(List<BenchEndpoint> endpoints, int conferences) {
        for (int c = 0; c < conferences; c++) {
            try {
                control.expire(conferenceId(c));
            } catch (Exception e) {
                // the node drops it with its endpoints' sockets anyway
            }
        }
    }

    @Override
    public String firstPhase() {
        return "allocated";
    }

    @Override
    public String joinStart() {
        return "control-API allocation";
    }

    private String conferenceId(int c) {
        return "bench-" + runId + "-c" + c;
    }
}
