package dev.guildhall.bench.voice;

import java.net.URI;
import java.util.List;

/**
 * How an endpoint gets into its conference before it opens the signalling socket: directly over the node's
 * control API ({@link DirectJoins}), or as a client does, through the gateway's REST join ({@link FleetJoins}).
 * The join clock starts just before {@link #join} and its first phase ends when it returns.
 */
interface Joins {

    /** Where to signal and what to present there. */
    record Ticket(URI endpoint, String voiceToken) {
    }

    Ticket join(BenchEndpoint e) throws Exception;

    /** After the step: the conferences (or voice states) of these endpoints go away; not timed. */
    void leave(List<BenchEndpoint> endpoints, int conferences);

    /** Name of the first join phase in the report ("allocated", "REST answered"). */
    String firstPhase();

    /** What the join time runs from, for the report's legend. */
    String joinStart();
}
