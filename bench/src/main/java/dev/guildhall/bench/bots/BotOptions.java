package dev.guildhall.bench.bots;

import java.net.URI;
import java.nio.file.Path;

/**
 * {@code ./guildhall bench bots} options. Defaults are issue 10's bench: 20 bot sessions on the Discord-dialect
 * gateway, people posting 50 messages/s in the bots' server (so 1,000 MESSAGE_CREATE dispatches/s reach the bots)
 * and the bots making 50 REST requests/s on the Discord surface, for 60 s.
 */
record BotOptions(URI target, int bots, double rate, double restRate, int durationSeconds, int warmupSeconds,
                  int senders, Path fleetData, String note) {

    static final String USAGE = """
            usage: bench bots --target URL [--bots 20] [--rate 50] [--rest-rate 50] [--duration 60] [--warmup 5]
                              [--senders 64] [--fleet-data DIR] [--note TEXT]
              --rate       messages/s posted by people in the bots' server (each is dispatched to every bot)
              --rest-rate  Discord REST requests/s made by the bots (GET messages and guild, round robin)
              --senders    people posting (each under the send limit of 5 per 5 s)
              --fleet-data the fleet's data directory, to add up its processes' CPU""";

    static BotOptions parse(String... args) {
        URI target = null;
        int bots = 20;
        double rate = 50;
        double restRate = 50;
        int duration = 60;
        int warmup = 5;
        int senders = 64;
        Path fleetData = null;
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            if (a.equals("--help")) {
                throw new IllegalArgumentException("options:");
            }
            if (v == null) {
                throw new IllegalArgumentException(a + " needs a value");
            }
            switch (a) {
                case "--target" -> target = URI.create(v.replaceAll("/+$", ""));
                case "--bots" -> bots = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--rest-rate" -> restRate = Double.parseDouble(v);
                case "--duration" -> duration = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--senders" -> senders = Integer.parseInt(v);
                case "--fleet-data" -> fleetData = Path.of(v);
                case "--note" -> note = v;
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
            i++;
        }
        if (target == null) {
            throw new IllegalArgumentException("--target URL is required (./guildhall bench bots starts a fleet)");
        }
        if (bots < 1 || rate <= 0 || restRate < 0 || duration < 1 || warmup < 0 || senders < 1) {
            throw new IllegalArgumentException("bots, rate, duration and senders must be positive");
        }
        if (rate > senders * 0.9) {
            throw new IllegalArgumentException("--rate " + rate + " needs more --senders: each may post 1 message/s");
        }
        return new BotOptions(target, bots, rate, restRate, duration, warmup, senders, fleetData, note);
    }
}
