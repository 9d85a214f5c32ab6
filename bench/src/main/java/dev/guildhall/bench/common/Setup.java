package dev.guildhall.bench.common;

import dev.guildhall.bench.common.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import static dev.guildhall.bench.common.JsonHttp.map;

/** What both benches do to build a world of accounts and servers on a fleet, and to keep it between runs. */
public final class Setup {

    /** An account's tokens from auth-service. */
    public record Tokens(String access, String refresh) {
    }

    private Setup() {
    }

    /**
     * Signs in; on a 429 waits as told and tries once more (auth-service counts an attempt per address
     * before it checks the password, ADR 017).
     */
    public static Tokens login(JsonHttp http, URI authUrl, String login, String password) {
        Reply tokens = http.call("POST", authUrl, "/api/v1/auth/login", null, map("login", login, "password", password));
        if (tokens.status() == 429) {
            sleep((long) (tokens.body().path("retry_after").asDouble(5) * 1000) + 100);
            tokens = http.call("POST", authUrl, "/api/v1/auth/login", null, map("login", login, "password", password));
        }
        for (int attempt = 1; tokens.status() == 503 && attempt < 10; attempt++) {
            // through the gateway, a burst of sign-ins (each a deliberately slow password hash) on a cold or busy
            // auth-service can pass the route's time limit: a client tries again
            sleep(2_000);
            tokens = http.call("POST", authUrl, "/api/v1/auth/login", null, map("login", login, "password", password));
        }
        tokens.expect("login " + login, 200);
        return new Tokens(tokens.text("access_token"), tokens.text("refresh_token"));
    }

    /** Runs {@code task(0..count-1)} on {@code threads} threads; every 10 s says how far it got, if asked. */
    public static void parallel(int threads, int count, IntConsumer task, Progress progress, String what)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> task.accept(n)));
            }
            long last = System.nanoTime();
            for (int i = 0; i < futures.size(); i++) {
                futures.get(i).get();
                if (progress != null && System.nanoTime() - last > 10_000_000_000L) {
                    last = System.nanoTime();
                    progress.say("  %s: %d of %d", what, i + 1, count);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    public static void parallel(int threads, int count, IntConsumer task) throws Exception {
        parallel(threads, count, task, null, null);
    }

    /** Writes a saved world so that a reader never sees half of it. */
    public static void writeWorld(Path file, JsonNode world) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, JsonHttp.JSON.writeValueAsString(world));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
