package dev.guildhall.e2e;

import dev.guildhall.e2e.Api.Response;
import dev.guildhall.e2e.Scenario.Server;
import dev.guildhall.e2e.Scenario.User;
import dev.guildhall.launcher.fleet.RepoRoot;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.guildhall.e2e.Api.map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "cross-tenant (BOLA) matrix" (ADR 217): every v1 route that names an object, tried by someone
 * who is not in the object's server, answers 404 — never 403 or 400, so nothing tells an outsider the
 * object exists — and, where a plain member lacks the permission, 403 with a {@code code}. Both are
 * answered before the body is looked at: each route with a body is tried again with a body the route
 * would refuse, and the answer must not change.
 *
 * <p>The routes are an explicit table ({@link #ROUTES}) because each needs its own objects, body and
 * expectation; {@link #theTableCoversEveryObjectRouteOfTheControllers} reads every controller's mappings
 * from the sources, so a new route without a row fails the build until someone decides what it expects.
 */
class CrossTenantMatrixTest {

    /** What a plain member (only @everyone's default permissions) gets. */
    enum Member {
        /** the route needs a permission @everyone lacks: 403 with a code, before the body is read */
        FORBIDDEN,
        /** @everyone may use the route: only the outsider is checked */
        MAY,
        /** the object belongs to a user (an application), not a server: 404 to every other user */
        NOT_FOUND
    }

    record Route(String method, String template, Member member, Object badBody) {
        String key() {
            return method + " " + template;
        }
    }

    private static final String LONG = "x".repeat(5000);

    /** Every object route of the v1 API, in the order they are tried (destructive ones last). */
    static final List<Route> ROUTES = List.of(
            // servers
            new Route("GET", "/api/v1/servers/{serverId}", Member.MAY, null),
            new Route("PATCH", "/api/v1/servers/{serverId}", Member.FORBIDDEN, map("server_name", "")),
            // channels and overwrites
            new Route("GET", "/api/v1/servers/{serverId}/channels", Member.MAY, null),
            new Route("POST", "/api/v1/servers/{serverId}/channels", Member.FORBIDDEN, map()),
            new Route("PATCH", "/api/v1/servers/{serverId}/channels", Member.FORBIDDEN,
                    List.of(map("id", "", "position", -1))),
            new Route("GET", "/api/v1/channels/{channelId}", Member.MAY, null),
            new Route("PATCH", "/api/v1/channels/{channelId}", Member.FORBIDDEN, map("channel_name", "")),
            new Route("PUT", "/api/v1/channels/{channelId}/permissions/{targetId}", Member.FORBIDDEN, map()),
            new Route("DELETE", "/api/v1/channels/{channelId}/permissions/{targetId}", Member.FORBIDDEN, null),
            // members, roles, bans
            new Route("GET", "/api/v1/servers/{serverId}/members", Member.MAY, null),
            new Route("GET", "/api/v1/servers/{serverId}/members/{userId}", Member.MAY, null),
            new Route("PATCH", "/api/v1/servers/{serverId}/members/{userId}", Member.FORBIDDEN,
                    map("roles", Collections.nCopies(300, "1"))),
            new Route("PUT", "/api/v1/servers/{serverId}/members/{userId}/roles/{roleId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/servers/{serverId}/members/{userId}/roles/{roleId}", Member.FORBIDDEN, null),
            new Route("GET", "/api/v1/servers/{serverId}/roles", Member.MAY, null),
            new Route("POST", "/api/v1/servers/{serverId}/roles", Member.FORBIDDEN, map("name", "")),
            new Route("PATCH", "/api/v1/servers/{serverId}/roles", Member.FORBIDDEN,
                    List.of(map("id", "", "position", 0))),
            new Route("PATCH", "/api/v1/servers/{serverId}/roles/{roleId}", Member.FORBIDDEN, map("name", "")),
            new Route("GET", "/api/v1/servers/{serverId}/bans", Member.FORBIDDEN, null),
            new Route("PUT", "/api/v1/servers/{serverId}/bans/{userId}", Member.FORBIDDEN, map("reason", LONG)),
            new Route("DELETE", "/api/v1/servers/{serverId}/bans/{userId}", Member.FORBIDDEN, null),
            // invites (GET and POST /invites/{code} are the code's bearer capability, see NOT_TENANT_ROUTES)
            new Route("POST", "/api/v1/channels/{channelId}/invites", Member.MAY, map("max_age", -1)),
            new Route("GET", "/api/v1/servers/{serverId}/invites", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/invites/{code}", Member.FORBIDDEN, null),
            new Route("GET", "/api/v1/servers/{serverId}/audit-log", Member.FORBIDDEN, null),
            new Route("PUT", "/api/v1/servers/{serverId}/bots/{applicationId}", Member.FORBIDDEN, map()),
            new Route("DELETE", "/api/v1/servers/{serverId}/bots/{applicationId}", Member.FORBIDDEN, null),
            // messages, reactions, pins, read state, typing, search, attachments
            new Route("GET", "/api/v1/channels/{channelId}/messages", Member.MAY, null),
            new Route("POST", "/api/v1/channels/{channelId}/messages", Member.MAY, map("content", "")),
            new Route("GET", "/api/v1/channels/{channelId}/messages/{messageId}", Member.MAY, null),
            new Route("PATCH", "/api/v1/channels/{channelId}/messages/{messageId}", Member.FORBIDDEN,
                    map("content", LONG)),
            new Route("PUT", "/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me", Member.MAY, null),
            new Route("DELETE", "/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}/@me", Member.MAY,
                    null),
            new Route("GET", "/api/v1/channels/{channelId}/messages/{messageId}/reactions/{emoji}", Member.MAY, null),
            new Route("GET", "/api/v1/channels/{channelId}/pins", Member.MAY, null),
            new Route("PUT", "/api/v1/channels/{channelId}/pins/{messageId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/channels/{channelId}/pins/{messageId}", Member.FORBIDDEN, null),
            new Route("POST", "/api/v1/channels/{channelId}/messages/{messageId}/ack", Member.MAY, null),
            new Route("POST", "/api/v1/channels/{channelId}/typing", Member.MAY, null),
            new Route("GET", "/api/v1/servers/{serverId}/messages/search", Member.MAY, null),
            new Route("POST", "/api/v1/channels/{channelId}/attachments", Member.MAY, map("files", List.of())),
            // webhooks, auto-responses, applications, commands, interactions
            new Route("POST", "/api/v1/channels/{channelId}/webhooks", Member.FORBIDDEN, map()),
            new Route("GET", "/api/v1/channels/{channelId}/webhooks", Member.FORBIDDEN, null),
            new Route("GET", "/api/v1/servers/{serverId}/webhooks", Member.FORBIDDEN, null),
            new Route("PATCH", "/api/v1/webhooks/{webhookId}", Member.FORBIDDEN, map("name", LONG)),
            new Route("GET", "/api/v1/servers/{serverId}/auto-responses", Member.FORBIDDEN, null),
            new Route("POST", "/api/v1/servers/{serverId}/auto-responses", Member.FORBIDDEN, map()),
            new Route("GET", "/api/v1/servers/{serverId}/auto-responses/{autoResponseId}", Member.FORBIDDEN, null),
            new Route("PATCH", "/api/v1/servers/{serverId}/auto-responses/{autoResponseId}", Member.FORBIDDEN,
                    map("name", LONG)),
            new Route("GET", "/api/v1/applications/{applicationId}", Member.NOT_FOUND, null),
            new Route("PATCH", "/api/v1/applications/{applicationId}", Member.NOT_FOUND, map("name", "")),
            new Route("POST", "/api/v1/applications/{applicationId}/bot/token", Member.NOT_FOUND, null),
            new Route("GET", "/api/v1/applications/{applicationId}/commands", Member.NOT_FOUND, null),
            new Route("POST", "/api/v1/applications/{applicationId}/commands", Member.NOT_FOUND, map()),
            new Route("PUT", "/api/v1/applications/{applicationId}/commands", Member.NOT_FOUND, List.of(map())),
            new Route("GET", "/api/v1/applications/{applicationId}/commands/{commandId}", Member.NOT_FOUND, null),
            new Route("GET", "/api/v1/applications/{applicationId}/servers/{serverId}/commands", Member.NOT_FOUND, null),
            new Route("POST", "/api/v1/applications/{applicationId}/servers/{serverId}/commands", Member.NOT_FOUND,
                    map()),
            new Route("PUT", "/api/v1/applications/{applicationId}/servers/{serverId}/commands", Member.NOT_FOUND,
                    List.of(map())),
            new Route("GET", "/api/v1/applications/{applicationId}/servers/{serverId}/commands/{commandId}",
                    Member.NOT_FOUND, null),
            new Route("GET", "/api/v1/servers/{serverId}/commands", Member.MAY, null),
            new Route("POST", "/api/v1/channels/{channelId}/interactions", Member.MAY, map()),
            // voice
            new Route("POST", "/api/v1/channels/{channelId}/voice/join", Member.MAY, null),
            new Route("POST", "/api/v1/channels/{channelId}/voice/leave", Member.MAY, null),
            new Route("PATCH", "/api/v1/channels/{channelId}/voice/state", Member.MAY, map()),
            new Route("GET", "/api/v1/channels/{channelId}/voice/states", Member.MAY, null),
            new Route("PATCH", "/api/v1/channels/{channelId}/voice/states/{userId}", Member.FORBIDDEN, map()),
            // destructive, last
            new Route("DELETE", "/api/v1/applications/{applicationId}/servers/{serverId}/commands/{commandId}",
                    Member.NOT_FOUND, null),
            new Route("DELETE", "/api/v1/applications/{applicationId}/commands/{commandId}", Member.NOT_FOUND, null),
            new Route("DELETE", "/api/v1/servers/{serverId}/auto-responses/{autoResponseId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/webhooks/{webhookId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/channels/{channelId}/messages/{messageId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/servers/{serverId}/roles/{roleId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/servers/{serverId}/members/{userId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/channels/{channelId}", Member.FORBIDDEN, null),
            new Route("DELETE", "/api/v1/applications/{applicationId}", Member.NOT_FOUND, null),
            new Route("DELETE", "/api/v1/servers/{serverId}", Member.FORBIDDEN, null));

    /**
     * Routes with an id in the path that are not a server's (or a user's) object, each with the reason. An
     * invite code, a webhook token and an interaction token are bearer capabilities: holding one is the
     * authorization, so "not a member" is the normal caller.
     */
    static final Map<String, String> NOT_TENANT_ROUTES = Map.ofEntries(
            Map.entry("GET /api/v1/users/{userId}",
                    "a public profile, visible to every signed-in user"),
            Map.entry("GET /api/v1/invites/{code}",
                    "the invite code is the capability (preview before joining)"),
            Map.entry("POST /api/v1/invites/{code}",
                    "the invite code is the capability (joining)"),
            Map.entry("POST /api/v1/webhooks/{webhookId}/{token}",
                    "the webhook token is the capability"),
            Map.entry("POST /api/v1/interactions/{interactionId}/{token}/callback",
                    "the interaction token is the capability"),
            Map.entry("POST /api/v1/interactions/follow-ups/{applicationId}/{token}",
                    "the interaction token is the capability"),
            Map.entry("GET /api/v1/webhooks/{applicationId}/{token}/messages/@original",
                    "the interaction token is the capability"),
            Map.entry("PATCH /api/v1/webhooks/{applicationId}/{token}/messages/@original",
                    "the interaction token is the capability"),
            Map.entry("PUT /api/v1/channels/{channelId}/recipients/{userId}",
                    "a group DM is no server's object: GroupDmApiTest holds an outsider's 404 and a recipient's 403"),
            Map.entry("DELETE /api/v1/channels/{channelId}/recipients/{userId}",
                    "a group DM is no server's object: GroupDmApiTest holds a removed recipient's 404"),
            Map.entry("DELETE /api/v1/channels/{channelId}/attachments/{uploadId}",
                    "an unclaimed upload is its uploader's: AttachmentApiTest holds another user's 404 (ADR 233)"),
            Map.entry("DELETE /api/v1/uploads/{uploadId}",
                    "an avatar or icon upload is its uploader's: ImageUploadsTest holds another user's 404 (ADR 233)"));

    @Test
    void theTableCoversEveryObjectRouteOfTheControllers() {
        TreeSet<String> mapped = ControllerMappings.objectRoutes(RepoRoot.find());
        TreeSet<String> tabled = ROUTES.stream().map(Route::key).collect(Collectors.toCollection(TreeSet::new));
        tabled.addAll(NOT_TENANT_ROUTES.keySet());
        assertThat(mapped).as("controller mappings found").hasSizeGreaterThan(60);
        TreeSet<String> missing = new TreeSet<>(mapped);
        missing.removeAll(tabled);
        TreeSet<String> stale = new TreeSet<>(tabled);
        stale.removeAll(mapped);
        assertThat(missing).as("object routes of the controllers without a row in the matrix").isEmpty();
        assertThat(stale).as("rows of the matrix no controller maps").isEmpty();
        assertThat(ROUTES).extracting(Route::key).doesNotHaveDuplicates();
    }

    @Test
    void outsidersGet404AndMembersWithoutPermission403BeforeTheBodyIsRead() throws Exception {
        Api api = Scenario.api();
        User owner = Scenario.register(api, "bolaown");
        User member = Scenario.register(api, "bolamem");
        User outsider = Scenario.register(api, "bolaout");
        Server server = Scenario.server(api, owner, member);
        List<String> failures = new ArrayList<>();
        Map<String, String> ids = objectsOf(api, owner, server, failures);

        for (Route route : ROUTES) {
            String path = expand(route.template(), ids);
            if (path == null) {
                failures.add(route.key() + ": not tried, an object it names could not be made");
                continue;
            }
            check(api, outsider, route, path, null, 404, failures);
            if (route.badBody() != null) {
                check(api, outsider, route, path, route.badBody(), 404, failures);
            }
            if (route.member() == Member.MAY) {
                continue;
            }
            int expected = route.member() == Member.FORBIDDEN ? 403 : 404;
            check(api, member, route, path, null, expected, failures);
            if (route.badBody() != null) {
                check(api, member, route, path, route.badBody(), expected, failures);
            }
        }
        assertThat(failures).as("routes that leak or skip authorization").isEmpty();
        // nothing above changed the owner's server
        assertThat(api.get("/api/v1/servers/" + server.id(), owner.token()).status()).isEqualTo(200);
    }

    private static void check(Api api, User caller, Route route, String path, Object body, int expected,
                              List<String> failures) {
        Response response = api.send(route.method(), path, caller.token(), body);
        for (int attempt = 0; attempt < 5 && response.status() == 503; attempt++) { // a cold service warms up
            sleep();
            response = api.send(route.method(), path, caller.token(), body);
        }
        String who = caller.username().startsWith("bolaout") ? "outsider" : "member";
        String what = route.key() + " as " + who + (body == null ? "" : " with a bad body");
        if (response.status() != expected) { // a 400 here is a body read before access (ADR 250)
            failures.add(what + ": expected " + expected + ", got " + response);
        } else if (response.text("code") == null || !response.contentType().startsWith("application/problem+json")) {
            failures.add(what + ": " + expected + " without a problem+json code: " + response);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One of every object, owned by {@code owner} in {@code server}, keyed by the path variable naming it. */
    private static Map<String, String> objectsOf(Api api, User owner, Server server, List<String> failures)
            throws InterruptedException {
        Map<String, String> ids = new HashMap<>();
        ids.put("serverId", server.id());
        ids.put("channelId", server.general());
        ids.put("voiceChannelId", Scenario.voiceChannel(api, owner, server));
        ids.put("userId", owner.id());
        ids.put("targetId", server.id()); // the @everyone overwrite target
        ids.put("emoji", URLEncoder.encode("👍", StandardCharsets.UTF_8));

        Response sent = api.post("/api/v1/channels/" + server.general() + "/messages", owner.token(),
                map("content", "the matrix's message"));
        for (int attempt = 0; attempt < 10 && sent.status() == 503; attempt++) { // a cold fleet warms up
            Thread.sleep(3000);
            sent = api.post("/api/v1/channels/" + server.general() + "/messages", owner.token(),
                    map("content", "the matrix's message"));
        }
        String message = made(failures, sent, 200).text("message_id");
        ids.put("messageId", message);
        made(failures, api.put("/api/v1/channels/" + server.general() + "/messages/" + message + "/reactions/"
                + ids.get("emoji") + "/@me", owner.token(), null), 204);
        made(failures, api.put("/api/v1/channels/" + server.general() + "/pins/" + message, owner.token(), null), 204);
        made(failures, api.put("/api/v1/channels/" + server.general() + "/permissions/" + server.id(), owner.token(),
                map("type", "role", "allow", "0", "deny", "0")), 204);

        Response role = api.post("/api/v1/servers/" + server.id() + "/roles", owner.token(), map("name", "matrix"));
        ids.put("roleId", made(failures, role, 200, 201).text("role_id"));
        made(failures, api.put("/api/v1/servers/" + server.id() + "/members/" + owner.id() + "/roles/" + ids.get("roleId"),
                owner.token(), null), 204);

        Response invite = api.post("/api/v1/channels/" + server.general() + "/invites", owner.token(),
                map("max_age", 3600, "max_uses", 0));
        ids.put("code", made(failures, invite, 200, 201).text("code"));

        Response webhook = api.post("/api/v1/channels/" + server.general() + "/webhooks", owner.token(),
                map("name", "matrix hook"));
        ids.put("webhookId", made(failures, webhook, 200, 201).text("webhook_id"));

        Response autoResponse = api.post("/api/v1/servers/" + server.id() + "/auto-responses", owner.token(),
                map("name", "matrix", "trigger", map("type", "keyword", "value", "ping"),
                        "response", map("content", "pong")));
        ids.put("autoResponseId", made(failures, autoResponse, 200, 201).text("auto_response_id"));

        Response application = api.post("/api/v1/applications", owner.token(), map("name", "Matrix Bot"));
        String applicationId = made(failures, application, 200, 201).text("application_id");
        ids.put("applicationId", applicationId);
        made(failures, api.put("/api/v1/servers/" + server.id() + "/bots/" + applicationId, owner.token(),
                map("permissions", "0")), 200, 201, 204);
        Response command = api.post("/api/v1/applications/" + applicationId + "/servers/" + server.id()
                + "/commands", owner.token(), map("name", "matrix", "description", "a command"));
        ids.put("commandId", made(failures, command, 200, 201).text("command_id"));
        return ids;
    }

    /** The response when it has one of {@code statuses}, else an empty one (no ids) and a recorded failure. */
    private static Response made(List<String> failures, Response response, int... statuses) {
        if (Arrays.stream(statuses).noneMatch(status -> status == response.status())) {
            failures.add("set-up: " + response);
            return new Response(response.status(), response.headers(), Api.JSON.createObjectNode(), response.raw());
        }
        return response;
    }

    private static String expand(String template, Map<String, String> ids) {
        Matcher variable = Pattern.compile("\\{(\\w+)}").matcher(template);
        StringBuilder path = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(1);
            String id = ids.get(template.contains("/voice/") && name.equals("channelId") ? "voiceChannelId" : name);
            if (id == null) {
                return null;
            }
            variable.appendReplacement(path, Matcher.quoteReplacement(id));
        }
        variable.appendTail(path);
        return path.toString();
    }

    /**
     * The public routes of every service's controllers, read from the sources: class-level and method-level
     * {@code @XxxMapping} paths (string literals, or constants of the same module), those under
     * {@code /api/v1} with a path variable, as {@code "METHOD /api/v1/..."}.
     */
    static final class ControllerMappings {

        private static final Pattern CLASS_PREFIX = Pattern.compile(
                "@RequestMapping\\(([^)]*)\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*(?:public\\s+)?(?:final\\s+)?class\\s");
        private static final Pattern METHOD_MAPPING = Pattern.compile(
                "@(Get|Post|Put|Patch|Delete)Mapping(?:\\(([^)]*)\\))?");
        private static final Pattern CONSTANT = Pattern.compile(
                "static\\s+final\\s+String\\s+(\\w+)\\s*=\\s*([^;]+);");
        private static final Pattern PATH_ARGUMENT = Pattern.compile("(?:path|value)\\s*=\\s*([^,]+)");

        static TreeSet<String> objectRoutes(Path repo) {
            TreeSet<String> routes = new TreeSet<>();
            try (Stream<Path> modules = Files.list(repo)) {
                Map<Path, String> sources = new TreeMap<>();
                for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.walk(main)) {
                        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                            sources.put(file, Files.readString(file));
                        }
                    }
                }
                // constants may name constants of other files (InternalApi.X): two passes resolve those
                Map<String, String> everywhere = new HashMap<>();
                for (int pass = 0; pass < 2; pass++) {
                    for (String text : sources.values()) {
                        everywhere.putAll(constants(text, everywhere));
                    }
                }
                for (String text : sources.values()) {
                    if (text.contains("@RestController") || text.contains("@Controller")) {
                        Map<String, String> scope = new HashMap<>(everywhere);
                        scope.putAll(constants(text, everywhere)); // a file's own constant wins over a namesake
                        routes.addAll(routesOf(text, scope));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            routes.removeIf(route -> !route.contains(" /api/v1/") || !route.contains("{"));
            return routes;
        }

        private static Map<String, String> constants(String text, Map<String, String> known) {
            Map<String, String> found = new HashMap<>();
            Matcher constant = CONSTANT.matcher(text);
            while (constant.find()) {
                Map<String, String> scope = new HashMap<>(known);
                scope.putAll(found);
                String value = evaluate(constant.group(2), scope);
                if (value != null) {
                    found.put(constant.group(1), value);
                }
            }
            return found;
        }

        /** {@code "a" + NAME + Other.NAME}, or null when a part is not a known string. */
        private static String evaluate(String expression, Map<String, String> constants) {
            StringBuilder value = new StringBuilder();
            StringBuilder name = new StringBuilder();
            for (int i = 0; i < expression.length(); i++) {
                char c = expression.charAt(i);
                if (c == '"') { // a literal, to its closing quote, with \\ and \" unescaped
                    int end = i + 1;
                    for (; end < expression.length() && expression.charAt(end) != '"'; end++) {
                        value.append(expression.charAt(end) == '\\' ? expression.charAt(++end) : expression.charAt(end));
                    }
                    if (end >= expression.length()) {
                        return null; // not a plain string constant (a ';' inside a literal cut it short)
                    }
                    i = end;
                } else if (c == '+' || i == expression.length() - 1) {
                    if (c != '+') {
                        name.append(c);
                    }
                    String constant = name.toString().strip();
                    if (!constant.isEmpty()) {
                        String simple = constant.substring(constant.lastIndexOf('.') + 1);
                        if (!constants.containsKey(simple)) {
                            return null;
                        }
                        value.append(constants.get(simple));
                    }
                    name.setLength(0);
                } else {
                    name.append(c);
                }
            }
            return value.toString();
        }

        /** {@code {token:[A-Za-z]{1,20}}} → {@code {token}}: a path variable without its pattern. */
        private static String withoutPatterns(String path) {
            StringBuilder plain = new StringBuilder();
            int i = 0;
            while (i < path.length()) {
                char c = path.charAt(i);
                int colon = path.indexOf(':', i);
                int close = path.indexOf('}', i);
                if (c == '{' && colon > 0 && (close < 0 || colon < close)) {
                    plain.append(path, i, colon).append('}');
                    int depth = 1;
                    i = colon + 1;
                    while (i < path.length() && depth > 0) {
                        depth += path.charAt(i) == '{' ? 1 : path.charAt(i) == '}' ? -1 : 0;
                        i++;
                    }
                } else {
                    plain.append(c);
                    i++;
                }
            }
            return plain.toString();
        }

        private static List<String> routesOf(String text, Map<String, String> constants) {
            List<String> prefixes = List.of("");
            Matcher classPrefix = CLASS_PREFIX.matcher(text);
            if (classPrefix.find()) {
                prefixes = paths(classPrefix.group(1), constants);
            }
            List<String> routes = new ArrayList<>();
            Matcher mapping = METHOD_MAPPING.matcher(text);
            while (mapping.find()) {
                String method = mapping.group(1).toUpperCase();
                List<String> suffixes = mapping.group(2) == null ? List.of("") : paths(mapping.group(2), constants);
                for (String prefix : prefixes) {
                    for (String suffix : suffixes) {
                        routes.add(method + " " + withoutPatterns(prefix + suffix));
                    }
                }
            }
            return routes;
        }

        /** The path(s) of a mapping's arguments: {@code "x"}, {@code {"x", "y"}}, {@code path = X, consumes = …}. */
        private static List<String> paths(String arguments, Map<String, String> constants) {
            String expression = arguments.strip();
            Matcher named = PATH_ARGUMENT.matcher(expression);
            if (named.find()) {
                expression = named.group(1).strip();
            } else if (expression.contains("=")) {
                return List.of("");
            }
            if (expression.startsWith("{")) {
                List<String> all = new ArrayList<>();
                for (String one : expression.substring(1, expression.lastIndexOf('}')).split(",")) {
                    all.add(resolve(one, constants));
                }
                return all;
            }
            return List.of(resolve(expression, constants));
        }

        private static String resolve(String expression, Map<String, String> constants) {
            String value = evaluate(expression.strip(), constants);
            assertThat(value).as("a mapping path the matrix cannot read: %s", expression).isNotNull();
            return value;
        }
    }
}
