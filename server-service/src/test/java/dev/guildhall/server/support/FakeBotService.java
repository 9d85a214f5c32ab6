package dev.guildhall.server.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.guildhall.common.security.BotTokens;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for bot-service in tests only: answers the internal bot-token verification and application
 * lookup from applications the tests make with {@link #newBot}.
 */
public final class FakeBotService {

    private static final FakeBotService INSTANCE = new FakeBotService();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() * 1000 + 500_000_000L);

    private final HttpServer server;
    private final Map<String, Bot> tokens = new ConcurrentHashMap<>();
    private final Map<Long, Bot> applications = new ConcurrentHashMap<>();

    /** An application, its bot user and its current token. */
    public record Bot(long applicationId, long botUserId, String name, long ownerId, String token) {

        public String applicationIdString() {
            return Long.toString(applicationId);
        }
    }

    private FakeBotService() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext(BotTokens.VERIFY_PATH, this::verify);
            server.createContext("/internal/applications/", this::application);
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeBotService get() {
        return INSTANCE;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new application of {@code ownerId} with a bot user auth-service knows, and a valid token. */
    public Bot newBot(long ownerId, String name) {
        long applicationId = IDS.incrementAndGet();
        long botUserId = IDS.incrementAndGet();
        String token = BotTokens.format(botUserId, UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        Bot bot = new Bot(applicationId, botUserId, name, ownerId, token);
        applications.put(applicationId, bot);
        tokens.put(token, bot);
        FakeAuthService.get().knowUser(botUserId, name.replace(' ', '_'));
        return bot;
    }

    public void revoke(Bot bot) {
        tokens.remove(bot.token());
    }

    private void verify(HttpExchange exchange) throws IOException {
        if (!internal(exchange)) {
            return;
        }
        String token = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("token").asString();
        Bot bot = tokens.get(token);
        if (bot == null) {
            respond(exchange, 404, "{\"code\":\"NOT_FOUND\"}");
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("user_id", Long.toString(bot.botUserId()),
                "application_id", Long.toString(bot.applicationId()), "flags", 0)));
    }

    private void application(HttpExchange exchange) throws IOException {
        if (!internal(exchange)) {
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Bot bot = applications.get(Long.parseLong(path.substring(path.lastIndexOf('/') + 1)));
        if (bot == null) {
            respond(exchange, 404, "{\"code\":\"UNKNOWN_APPLICATION\"}");
            return;
        }
        respond(exchange, 200, JSON.writeValueAsString(Map.of("application_id", Long.toString(bot.applicationId()),
                "bot_user_id", Long.toString(bot.botUserId()), "name", bot.name(),
                "owner_id", Long.toString(bot.ownerId()))));
    }

    private static boolean internal(HttpExchange exchange) throws IOException {
        if (FakeAuthService.INTERNAL_TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Guildhall-Internal-Token"))) {
            return true;
        }
        respond(exchange, 401, "{\"code\":\"UNAUTHORIZED\"}");
        return false;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
