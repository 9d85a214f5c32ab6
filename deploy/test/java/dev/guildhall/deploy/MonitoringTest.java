package dev.guildhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the operations files honest (issue 13, ADR 220): {@code deploy/prometheus/guildhall-rules.yml} passes
 * {@code promtool check rules} and its unit tests ({@code promtool test rules}), and every metric the rules and
 * {@code deploy/grafana/guildhall.json} query is one the services expose — declared in their code (a Micrometer
 * builder) or one of the library meters listed in {@link #LIBRARY_METRICS}.
 *
 * <p>promtool comes from Debian's {@code prometheus} package ({@code .ci/run} installs it). Without it the promtool
 * checks fail when {@code CI=true} and are skipped, saying so, elsewhere.
 */
class MonitoringTest {

    static final String RULES = "deploy/prometheus/guildhall-rules.yml";
    static final String RULE_TESTS = "deploy/prometheus/guildhall-rules.test.yml";
    static final String DASHBOARD = "deploy/grafana/guildhall.json";

    /**
     * Meters that libraries register (Prometheus names without the _bucket/_count/_sum/_total suffixes), with
     * where they come from. A name here that no service exposes any more is a wrong dashboard: keep it true.
     */
    static final Map<String, String> LIBRARY_METRICS = Map.of(
            "http_server_requests_seconds", "Spring MVC/WebFlux server observation (every service)",
            "spring_cloud_gateway_requests_seconds", "Spring Cloud Gateway, spring.cloud.gateway.server.webflux.metrics",
            "resilience4j_circuitbreaker_state", "resilience4j-micrometer (gateway and internal callers)",
            "kafka_consumer_fetch_manager_records_lag_max", "Spring Kafka's MicrometerConsumerListener (kafka-clients metrics)",
            "up", "Prometheus itself, per scrape target");

    /** A Micrometer meter declared in code: {@code Timer.builder("a.b")}, {@code registry.counter("a.b", ...)}. */
    static final Pattern DECLARED = Pattern.compile(
            "\\b(Timer|Counter|Gauge|DistributionSummary|LongTaskTimer)\\.builder\\(\\s*\"([a-z0-9_.]+)\""
                    + "|\\.(timer|counter|gauge|summary)\\(\\s*\"([a-z0-9_.]+)\"");

    static final Set<String> PROMQL_WORDS = Set.of(
            "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
            "group", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or", "unless", "bool",
            "offset", "rate", "irate", "increase", "delta", "idelta", "deriv", "histogram_quantile", "abs", "absent",
            "clamp_min", "clamp_max", "vector", "scalar", "time", "label_replace", "label_join", "sort", "sort_desc",
            "avg_over_time", "max_over_time", "min_over_time", "sum_over_time", "count_over_time", "changes",
            "resets", "round", "ceil", "floor", "le", "inf", "nan");

    static Path repoRoot;

    @BeforeAll
    static void findRepoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            fail("no docker-compose.yml at or above " + Path.of("").toAbsolutePath());
        }
        repoRoot = dir;
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestsPass() throws Exception {
        Path promtool = promtool();
        assertThat(run(promtool.toString(), "check", "rules", repoRoot.resolve(RULES).toString()))
                .as("promtool check rules %s", RULES).startsWith("0\n");
        assertThat(run(promtool.toString(), "test", "rules", repoRoot.resolve(RULE_TESTS).toString()))
                .as("promtool test rules %s", RULE_TESTS).startsWith("0\n");
    }

    @Test
    void theDashboardIsGrafanaJsonWithThePrometheusDatasourceAsAVariable() throws IOException {
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(repoRoot.resolve(DASHBOARD)));
        JsonNode variable = null;
        for (JsonNode v : dashboard.path("templating").path("list")) {
            if ("datasource".equals(v.path("type").asString()) && "prometheus".equals(v.path("query").asString())) {
                variable = v;
            }
        }
        assertThat(variable).as("a templating variable of type datasource, query prometheus").isNotNull();
        String reference = "${" + variable.path("name").asString() + "}";
        List<String> titles = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            titles.add(panel.path("title").asString());
            assertThat(panel.path("datasource").path("uid").asString()).as("panel %s datasource", panel.path("title"))
                    .isEqualTo(reference);
            assertThat(panel.path("targets").size()).as("panel %s has queries", panel.path("title")).isPositive();
        }
        // the platform's targets and the signals issue 13 asks for
        assertThat(String.join("\n", titles)).contains("Send p99", "Delivery p99", "Voice join p95", "5xx",
                "Outbox lag", "consumer lag", "sessions per node");
    }

    @Test
    void everyMetricTheDashboardAndTheRulesQueryIsExposedByAService() throws IOException {
        Set<String> exposed = exposedMetrics();
        Map<String, Set<String>> unknown = new TreeMap<>();
        for (String expr : expressions()) {
            for (String metric : metricNames(expr)) {
                if (!exposed.contains(metric) && !exposed.contains(baseName(metric))) {
                    unknown.computeIfAbsent(metric, m -> new TreeSet<>()).add(expr.strip());
                }
            }
        }
        assertThat(unknown).as("metrics queried that no service declares (known: %s)", exposed).isEmpty();
        // the check sees the new meters of issue 13, so it is not vacuous
        assertThat(exposed).contains("guildhall_gateway_delivery_seconds", "guildhall_voice_join_seconds",
                "outbox_lag_seconds", "guildhall_gateway_sessions");
    }

    @Test
    void metricNamesAreReadFromPromqlNotFromLabelsFunctionsOrStrings() {
        assertThat(metricNames("histogram_quantile(0.99, sum by (le, application) (rate("
                + "http_server_requests_seconds_bucket{uri=\"/a/{id}\", status=~\"5..\"}[$__rate_interval]))) > 0.1"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(metricNames("max by (application, client_id) (kafka_consumer_fetch_manager_records_lag_max) > 1e3"
                + " or up{namespace=\"guildhall\"} == 0"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag_max", "up");
        assertThat(baseName("guildhall_gateway_delivery_seconds_bucket")).isEqualTo("guildhall_gateway_delivery_seconds");
        assertThat(baseName("guildhall_gateway_dispatches_total")).isEqualTo("guildhall_gateway_dispatches");
    }

    // ------------------------------------------------------------------------------------------

    /** Every {@code expr} of the dashboard's targets and of the alert rules. */
    static List<String> expressions() throws IOException {
        List<String> exprs = new ArrayList<>();
        JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(repoRoot.resolve(DASHBOARD)));
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                exprs.add(target.path("expr").asString());
            }
        }
        Map<String, Object> rules = DeploymentManifestsTest.yaml().load(Files.readString(repoRoot.resolve(RULES)));
        for (Object group : DeploymentManifestsTest.list(rules.get("groups"))) {
            for (Object rule : DeploymentManifestsTest.list(DeploymentManifestsTest.map(group).get("rules"))) {
                exprs.add(String.valueOf(DeploymentManifestsTest.map(rule).get("expr")));
            }
        }
        assertThat(exprs).as("queries in %s and %s", DASHBOARD, RULES).hasSizeGreaterThan(10);
        return exprs;
    }

    /** Prometheus names of the meters declared in the services' main code, plus {@link #LIBRARY_METRICS}. */
    static Set<String> exposedMetrics() throws IOException {
        Set<String> names = new TreeSet<>(LIBRARY_METRICS.keySet());
        try (Stream<Path> files = Files.walk(repoRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .filter(f -> !f.toString().contains("/node_modules/") && !f.toString().contains("/target/"))
                    .toList()) {
                Matcher m = DECLARED.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (m.find()) {
                    String kind = m.group(1) != null ? m.group(1) : m.group(3);
                    String name = (m.group(2) != null ? m.group(2) : m.group(4)).replace('.', '_');
                    names.add(switch (kind) {
                        case "Timer", "timer", "LongTaskTimer" -> name + "_seconds";
                        default -> name;
                    });
                }
            }
        }
        return names;
    }

    /** The metric names an expression selects: identifiers that are not functions, keywords or labels. */
    static List<String> metricNames(String expr) {
        String s = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\w+", " "); // Grafana variables
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?").matcher(s);
        while (m.find()) {
            String word = m.group(1);
            if (m.group(2) != null || PROMQL_WORDS.contains(word.toLowerCase()) || word.matches("\\d.*")) {
                continue;
            }
            if (!names.contains(word)) {
                names.add(word);
            }
        }
        return names;
    }

    /** The meter's name without the suffixes Prometheus adds per series type. */
    static String baseName(String metric) {
        return metric.replaceFirst("_(bucket|count|sum|total|max)$", "");
    }

    static Path promtool() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "promtool"))) {
                return Path.of(dir, "promtool");
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("promtool is not on the PATH; CI must check the alert rules (.ci/run installs Debian's prometheus)");
        }
        assumeTrue(false, "promtool is not on the PATH: alert rules not checked (apt-get install prometheus)");
        return null;
    }

    /** Runs a command; its exit code, a newline, then what it printed. */
    static String run(String... command) throws Exception {
        Path out = Files.createTempFile("promtool", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " timed out");
            }
            return process.exitValue() + "\n" + Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
