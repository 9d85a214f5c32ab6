package dev.guildhall.launcher.fleet;

import java.nio.file.Path;
import java.util.stream.Collectors;

import dev.guildhall.infra.ChildProcesses;

/**
 * Makes the services' structured logs (one Elastic Common Schema JSON object per line) readable
 * for a human at a terminal: {@code 12:00:01.234 INFO  d.g.a.AuthServiceApplication  Started ...}.
 * Lines that are not such JSON pass unchanged.
 */
public final class ServiceLogs {

    private static final String TIMESTAMP = "@timestamp";
    private static final String LEVEL = "level";
    private static final String LOGGER = "logger";
    private static final String MESSAGE = "message";
    private static final String STACK = "stack_trace";

    private ServiceLogs() {
    }

    /** The last lines of a log file, made readable. */
    public static String tail(Path logFile, int lines) {
        return ChildProcesses.tail(logFile, lines).lines().map(ServiceLogs::readable).collect(Collectors.joining("\n"));
    }

    public static String readable(String line) {
        if (!line.startsWith("{") || !line.contains("\"@timestamp\"")) {
            return line;
        }
        String time = find(TIMESTAMP, line);
        int t = time.indexOf('T');
        if (t >= 0) {
            time = time.substring(t + 1, Math.min(time.length(), t + 13));
        }
        StringBuilder out = new StringBuilder()
                .append(time).append(' ')
                .append(String.format("%-5s", find(LEVEL, line))).append(' ')
                .append(abbreviate(find(LOGGER, line))).append("  ")
                .append(find(MESSAGE, line));
        String stack = find(STACK, line);
        if (!stack.isEmpty()) {
            out.append('\n').append(stack.stripTrailing());
        }
        return out.toString();
    }

    /** {@code dev.guildhall.auth.AuthServiceApplication} → {@code d.g.a.AuthServiceApplication}. */
    static String abbreviate(String logger) {
        String[] parts = logger.split("\\.");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (!parts[i].isEmpty()) {
                b.append(parts[i].charAt(0)).append('.');
            }
        }
        return b.append(parts[parts.length - 1]).toString();
    }

    /**
     * The string value of {@code "key": "..."} in a JSON line, unescaped; empty when absent. Scanned by hand:
     * a regular expression for a JSON string recurses once per character in java.util.regex and overflowed
     * the launcher's small thread stacks on long stack traces.
     */
    static String find(String key, String line) {
        String quoted = "\"" + key + "\"";
        int at = line.indexOf(quoted);
        while (at >= 0) {
            int i = at + quoted.length();
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i < line.length() && line.charAt(i) == ':') {
                i++;
                while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                if (i < line.length() && line.charAt(i) == '"') {
                    int start = ++i;
                    while (i < line.length() && line.charAt(i) != '"') {
                        i += line.charAt(i) == '\\' ? 2 : 1;
                    }
                    return unescape(line.substring(start, Math.min(i, line.length())));
                }
            }
            at = line.indexOf(quoted, at + 1);
        }
        return "";
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> b.append('\n');
                case 't' -> b.append('\t');
                case 'r' -> b.append('\r');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                }
                default -> b.append(n);
            }
        }
        return b.toString();
    }
}
