package dev.guildhall.bench.files;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code bench files} measures and against what. Sizes in MiB; every upload case runs {@code files}
 * uploads of one size, {@code concurrency} at a time.
 */
record FilesOptions(URI target, List<Integer> sizesMib, int concurrency, int filesSmall, int filesLarge,
                    int thumbnails, String operatorToken, Path fleetData, String note) {

    static final String USAGE = """
            usage: FilesBench --target URL [options]
              --target URL          the gateway (required)
              --sizes 1,25          file sizes in MiB (default 1,25)
              --concurrency N       uploads at once (default 10)
              --files-small N       uploads per case of the sizes below 25 MiB (default 40)
              --files-large N       uploads per case of 25 MiB or more (default 10)
              --thumbnails N        12-megapixel JPEGs sent one after another (default 10)
              --operator-token T    the gateway's GUILDHALL_OPERATOR_TOKEN: its heap from /actuator/prometheus
              --fleet-data DIR      the launcher's data dir: resident memory of gateway and message-service
              --note TEXT           printed under the table (how the fleet was started)""";

    static FilesOptions parse(String[] args) {
        URI target = null;
        List<Integer> sizes = List.of(1, 25);
        int concurrency = 10;
        int filesSmall = 40;
        int filesLarge = 10;
        int thumbnails = 10;
        String operatorToken = System.getenv("GUILDHALL_OPERATOR_TOKEN");
        Path fleetData = null;
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--target" -> target = URI.create(value.replaceAll("/+$", ""));
                case "--sizes" -> {
                    List<Integer> parsed = new ArrayList<>();
                    for (String s : value.split(",")) {
                        parsed.add(positive("--sizes", s.trim()));
                    }
                    sizes = List.copyOf(parsed);
                }
                case "--concurrency" -> concurrency = positive(args[i], value);
                case "--files-small" -> filesSmall = positive(args[i], value);
                case "--files-large" -> filesLarge = positive(args[i], value);
                case "--thumbnails" -> thumbnails = Integer.parseInt(value);
                case "--operator-token" -> operatorToken = value;
                case "--fleet-data" -> fleetData = Path.of(value);
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        if (target == null) {
            throw new IllegalArgumentException("--target is required");
        }
        return new FilesOptions(target, sizes, concurrency, filesSmall, filesLarge, thumbnails,
                operatorToken == null || operatorToken.isBlank() ? null : operatorToken, fleetData, note);
    }

    int filesFor(int sizeMib) {
        return sizeMib >= 25 ? filesLarge : filesSmall;
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n <= 0) {
            throw new IllegalArgumentException(option + " must be positive: " + value);
        }
        return n;
    }
}
