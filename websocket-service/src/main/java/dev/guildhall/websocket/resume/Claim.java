package dev.guildhall.websocket.resume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The outcome of taking over a session in Redis: its state and journal, oldest entry first. */
public record Claim(Status status, String previousOwner, long seq, long trimmed, List<Long> servers, String presence,
                    long intents, long lastAt, long createdAt, List<Entry> entries) {

    public enum Status { OK, MISSING, WRONG_USER }

    /** One journaled dispatch: its sequence, when the owner wrote it, and its payload's ref. */
    public record Entry(long seq, long at, String ref) {

        static Entry parse(String raw) {
            int a = raw.indexOf('|');
            int b = raw.indexOf('|', a + 1);
            return new Entry(Long.parseLong(raw.substring(0, a)), Long.parseLong(raw.substring(a + 1, b)),
                    raw.substring(b + 1));
        }
    }

    static Claim parse(List<Object> reply) {
        String status = String.valueOf(reply.get(0));
        if (!"ok".equals(status)) {
            return new Claim("user".equals(status) ? Status.WRONG_USER : Status.MISSING, null, 0, 0, List.of(), null,
                    -1, 0, 0, List.of());
        }
        List<Long> servers = new ArrayList<>();
        String csv = String.valueOf(reply.get(4));
        if (!csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(Long::parseLong).forEach(servers::add);
        }
        String intents = String.valueOf(reply.get(6));
        List<Entry> entries = new ArrayList<>();
        for (Object raw : (List<?>) reply.get(8)) {
            entries.add(Entry.parse(String.valueOf(raw)));
        }
        return new Claim(Status.OK, String.valueOf(reply.get(1)), Long.parseLong(String.valueOf(reply.get(2))),
                Long.parseLong(String.valueOf(reply.get(3))), servers, String.valueOf(reply.get(5)),
                intents.isBlank() ? -1 : Long.parseLong(intents), Long.parseLong(String.valueOf(reply.get(7))),
                Long.parseLong(String.valueOf(reply.get(9))), entries);
    }
}
