package dev.guildhall.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.UnaryOperator;

import dev.guildhall.infra.ChildProcesses;

/** {@code tail -n N -F}: prints the last lines, then what is appended, across rotations. */
final class LogFollower {

    private final Path file;
    private final UnaryOperator<String> format;
    private final PrintStream out;

    LogFollower(Path file, UnaryOperator<String> format, PrintStream out) {
        this.file = file;
        this.format = format;
        this.out = out;
    }

    void printTail(int lines) {
        String tail = ChildProcesses.tail(file, lines);
        if (!tail.isEmpty()) {
            tail.lines().map(format).forEach(out::println);
        }
    }

    /** Follows until interrupted. */
    void follow() throws IOException, InterruptedException {
        long position = Files.exists(file) ? Files.size(file) : 0;
        Object key = fileKey();
        StringBuilder partial = new StringBuilder();
        while (!Thread.currentThread().isInterrupted()) {
            Object now = fileKey();
            if (now != null && !Objects.equals(now, key)) {
                // rotated: the service restarted and writes a new file
                key = now;
                position = 0;
                partial.setLength(0);
                out.println("---- " + file.getFileName() + " restarted ----");
            }
            if (Files.exists(file)) {
                long size = Files.size(file);
                if (size < position) {
                    position = 0;
                }
                if (size > position) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        raf.seek(position);
                        byte[] buf = new byte[(int) Math.min(size - position, 1 << 20)];
                        raf.readFully(buf);
                        position += buf.length;
                        partial.append(new String(buf, StandardCharsets.UTF_8));
                    }
                    int nl;
                    while ((nl = partial.indexOf("\n")) >= 0) {
                        out.println(format.apply(partial.substring(0, nl)));
                        partial.delete(0, nl + 1);
                    }
                    out.flush();
                }
            }
            Thread.sleep(250);
        }
    }

    private Object fileKey() {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
