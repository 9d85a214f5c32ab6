package dev.guildhall.launcher.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.guildhall.launcher.fleet.Service;

/**
 * The command line: {@code <command> [positional...] [--data DIR] [--offset N] [--services a,b]
 * [--websocket-instances N] [--timeout SECONDS] [--no-cds] [--quick] [--bind ADDRESS] [--lines N] [--no-follow] [--raw]
 * [--to DIR] [--until INSTANT] [--keep-days N]}.
 * {@code GUILDHALL_PORT_OFFSET} gives the default offset, {@code GUILDHALL_BIND_ADDRESS} the default
 * public address (ADR 140).
 */
record Options(String command, List<String> positional, Path dataDir, Integer offset, List<Service> services,
               Integer websocketInstances, Integer timeoutSeconds, boolean noCds, boolean quick, int lines, boolean follow, boolean raw,
               String bindAddress, Path to, java.time.Instant until, int keepDays) {

    static Options parse(String[] args, Map<String, String> env) {
        String command = null;
        List<String> positional = new ArrayList<>();
        Path data = null;
        Integer offset = env.containsKey("GUILDHALL_PORT_OFFSET") ? Integer.valueOf(env.get("GUILDHALL_PORT_OFFSET").trim()) : null;
        List<Service> services = null;
        Integer ws = null;
        Integer timeout = null;
        boolean noCds = false;
        boolean quick = false;
        int lines = 50;
        boolean follow = true;
        boolean raw = false;
        String bind = env.get("GUILDHALL_BIND_ADDRESS");
        Path to = null;
        java.time.Instant until = null;
        int keepDays = 30;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(value(args, ++i, a));
                case "--offset" -> offset = Integer.valueOf(value(args, ++i, a));
                case "--services" -> {
                    services = new ArrayList<>();
                    for (String s : value(args, ++i, a).split(",")) {
                        if (!s.isBlank()) {
                            services.add(Service.byModule(s.trim()));
                        }
                    }
                }
                case "--websocket-instances" -> ws = Integer.valueOf(value(args, ++i, a));
                case "--timeout" -> timeout = Integer.valueOf(value(args, ++i, a));
                case "--no-cds" -> noCds = true;
                case "--quick" -> quick = true;
                case "--lines", "-n" -> lines = Integer.parseInt(value(args, ++i, a));
                case "--no-follow" -> follow = false;
                case "--raw" -> raw = true;
                case "--bind" -> bind = value(args, ++i, a);
                case "--to" -> to = Path.of(value(args, ++i, a));
                case "--until" -> until = instant(value(args, ++i, a));
                case "--keep-days" -> keepDays = Integer.parseInt(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + a);
                    }
                    if (command == null) {
                        command = a;
                    } else {
                        positional.add(a);
                    }
                }
            }
        }
        return new Options(command == null ? "help" : command, List.copyOf(positional), data, offset,
                services, ws, timeout, noCds, quick, lines, follow, raw, bind == null || bind.isBlank() ? null : bind.trim(),
                to, until, keepDays);
    }

    /** {@code 2026-12-06T13:05:00Z}, or a local {@code 2026-12-06T13:05:00} read in this machine's zone. */
    static java.time.Instant instant(String text) {
        try {
            return java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.LocalDateTime.parse(text).atZone(java.time.ZoneId.systemDefault()).toInstant();
            } catch (java.time.format.DateTimeParseException e2) {
                throw new IllegalArgumentException("--until needs an instant such as 2026-12-06T13:05:00Z: " + text);
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
