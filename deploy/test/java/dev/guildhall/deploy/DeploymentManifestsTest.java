package dev.guildhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Keeps {@code docker-compose.yml} and {@code deploy/k8s} honest against the fleet and against
 * {@code docs/CONVENTIONS.md}: every service present and probed, configured only through the
 * documented variables, nothing but the gateway and the media UDP port published, distinct
 * snowflake worker ids.
 *
 * <p>Needs only JUnit 5, AssertJ and SnakeYAML. The overlays are rendered by {@code kubectl kustomize}, or by the
 * test renderer {@link Kustomize} where kubectl is not on the PATH (CI). The repository root is the first
 * directory at or above the working directory that holds {@code docker-compose.yml}.
 */
class DeploymentManifestsTest {

    /** Every service of the fleet and its HTTP port (docs/CONVENTIONS.md, "Ports"). */
    static final Map<String, Integer> FLEET = orderedMap(
            "gateway-service", 8080,
            "auth-service", 8081,
            "server-service", 8082,
            "message-service", 8083,
            "voice-service", 8084,
            "websocket-service", 8085,
            "bot-service", 8087,
            "media-node", 8088);

    /** Stateless services that must autoscale (HPA on CPU) and keep a PodDisruptionBudget. */
    static final Set<String> AUTOSCALED = Set.of(
            "gateway-service", "websocket-service", "message-service", "server-service", "auth-service", "bot-service");

    /**
     * Variables compose/k8s already set that docs/CONVENTIONS.md does not list yet: the media node's
     * advertised address (ADR 052) and two that services read already (auth-service's at-rest key,
     * the gateway's count of trusted proxies). Once CONVENTIONS documents one, remove it here: the
     * test says so.
     */
    static final Set<String> AWAITING_CONVENTIONS = Set.of();

    /** Snowflake worker ids are 10 bits; each service owns a block of this many (ADR 051). */
    static final int WORKER_ID_BLOCK = 64;

    static final Pattern GUILDHALL_VARIABLE = Pattern.compile("\\bGUILDHALL_[A-Z0-9_]*[A-Z0-9]\\b");

    static Path repoRoot;

    private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

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

    // ------------------------------------------------------------------------------------------
    // (a) kustomize renders, and every service has a probed, drained workload

    @ParameterizedTest(name = "kubectl kustomize {0}")
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/production", "deploy/k8s"})
    void everyOverlayRendersAWorkloadWithProbesForEveryService(String dir) throws Exception {
        List<Map<String, Object>> docs = kustomize(dir);

        for (Map.Entry<String, Integer> service : FLEET.entrySet()) {
            String name = service.getKey();
            List<Map<String, Object>> workloads = docs.stream()
                    .filter(d -> Set.of("Deployment", "StatefulSet", "DaemonSet").contains(d.get("kind")))
                    .filter(d -> name.equals(path(d, "metadata", "name")))
                    .toList();
            assertThat(workloads).as("%s: exactly one Deployment/StatefulSet/DaemonSet for %s", dir, name).hasSize(1);
            Map<String, Object> workload = workloads.get(0);
            Map<String, Object> pod = map(path(workload, "spec", "template", "spec"));
            Map<String, Object> app = list(pod.get("containers")).stream().map(DeploymentManifestsTest::map)
                    .findFirst().orElseThrow();

            assertThat(httpGetPath(app, "readinessProbe")).as("%s %s readiness probe", dir, name)
                    .isEqualTo("/actuator/health/readiness");
            assertThat(httpGetPath(app, "livenessProbe")).as("%s %s liveness probe", dir, name)
                    .isEqualTo("/actuator/health/liveness");
            assertThat(declaredPorts(app)).as("%s %s HTTP port", dir, name).containsEntry("http", service.getValue());
            assertThat(envValue(app, "PORT")).as("%s %s PORT", dir, name).isEqualTo(String.valueOf(service.getValue()));

            assertThat(((Number) pod.getOrDefault("terminationGracePeriodSeconds", 30)).intValue())
                    .as("%s %s terminationGracePeriodSeconds", dir, name).isGreaterThanOrEqualTo(30);
            assertThat(path(app, "lifecycle", "preStop")).as("%s %s preStop drain", dir, name).isNotNull();
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(path(app, "resources", bound, resource))
                            .as("%s %s resources.%s.%s", dir, name, bound, resource).isNotNull();
                }
            }
            assertThat(docs).as("%s: a Service for %s", dir, name)
                    .anySatisfy(d -> {
                        assertThat(d.get("kind")).isEqualTo("Service");
                        assertThat(path(d, "metadata", "name")).isEqualTo(name);
                    });
        }

        Map<String, Object> media = workload(docs, "media-node");
        assertThat(path(media, "spec", "template", "spec", "hostNetwork")).as("media-node hostNetwork").isEqualTo(true);
        Map<String, Object> mediaContainer = map(list(path(media, "spec", "template", "spec", "containers")).get(0));
        assertThat(list(mediaContainer.get("ports"))).as("media-node UDP 10000")
                .anySatisfy(p -> assertThat(map(p)).containsEntry("containerPort", 10000).containsEntry("protocol", "UDP"));

        assertThat(docs).as("%s: no Secret is rendered (guildhall-secrets is created out of band)", dir)
                .noneSatisfy(d -> assertThat(d.get("kind")).isEqualTo("Secret"));
    }

    @ParameterizedTest(name = "scaling in {0}")
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/production"})
    void autoscalingDisruptionBudgetsAndWorkerIdsFitTheOverlay(String dir) throws Exception {
        List<Map<String, Object>> docs = kustomize(dir);
        Map<String, Map<String, Object>> hpas = byName(docs, "HorizontalPodAutoscaler");
        Map<String, Map<String, Object>> pdbs = byName(docs, "PodDisruptionBudget");

        if (dir.endsWith("dev")) {
            assertThat(hpas).as("dev has no autoscaling").isEmpty();
            assertThat(pdbs).as("dev (single replicas) has no disruption budgets").isEmpty();
            for (Map<String, Object> d : docs) {
                if (Set.of("Deployment", "StatefulSet").contains(d.get("kind"))) {
                    assertThat(path(d, "spec", "replicas")).as("dev replicas of %s", path(d, "metadata", "name"))
                            .isEqualTo(1);
                }
            }
        } else {
            assertThat(hpas.keySet()).as("HPAs").containsExactlyInAnyOrderElementsOf(AUTOSCALED);
            for (String name : AUTOSCALED) {
                Map<String, Object> hpa = hpas.get(name);
                assertThat(hpa.get("apiVersion")).isEqualTo("autoscaling/v2");
                assertThat(path(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(name);
                assertThat(path(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo(path(workload(docs, name), "kind"));
                assertThat(list(path(hpa, "spec", "metrics")))
                        .anySatisfy(m -> assertThat(path(map(m), "resource", "name")).isEqualTo("cpu"));
                assertThat((Integer) path(hpa, "spec", "minReplicas")).as("%s minReplicas", name).isGreaterThanOrEqualTo(2);
                assertThat(pdbs).as("PDB for %s", name).containsKey(name);
            }
        }

        // StatefulSets derive GUILDHALL_WORKER_ID = base + ordinal: bases distinct, aligned, never overflowing
        Map<Integer, String> bases = new TreeMap<>();
        for (Map<String, Object> d : docs) {
            if (!"StatefulSet".equals(d.get("kind"))) {
                continue;
            }
            String name = (String) path(d, "metadata", "name");
            List<Object> command = list(map(list(path(d, "spec", "template", "spec", "containers")).get(0)).get("command"));
            assertThat(command).as("%s starts through run-ordinal.sh", name).hasSize(2);
            assertThat(command.get(0)).isEqualTo("/app/run-ordinal.sh");
            int base = Integer.parseInt((String) command.get(1));
            assertThat(base % WORKER_ID_BLOCK).as("%s worker-id base aligned", name).isZero();
            assertThat(base).as("%s worker-id base", name).isEqualTo(WORKER_ID_BLOCK * (FLEET.get(name) - 8080));
            assertThat(bases.put(base, name)).as("worker-id base %d shared", base).isNull();
            Object replicas = hpas.containsKey(name) ? path(hpas.get(name), "spec", "maxReplicas") : path(d, "spec", "replicas");
            int max = replicas == null ? 1 : ((Number) replicas).intValue();
            assertThat(max).as("%s replicas must fit its worker-id block", name).isLessThanOrEqualTo(WORKER_ID_BLOCK);
            assertThat(base + max - 1).as("%s highest worker id", name).isLessThanOrEqualTo(1023);
        }
    }

    // ------------------------------------------------------------------------------------------
    // (b) compose: the fleet is there, configured only through documented variables

    @Test
    void composeRunsTheWholeFleetOnItsInfrastructure() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        assertThat(services).containsKeys("mysql", "redis", "kafka", "minio", "minio-init");
        assertThat(services).containsKeys(FLEET.keySet().toArray(String[]::new));

        Map<String, String> workerIds = new TreeMap<>();
        for (Map.Entry<String, Integer> service : FLEET.entrySet()) {
            String name = service.getKey();
            Map<String, Object> definition = map(services.get(name));
            assertThat(path(definition, "build", "dockerfile")).as("%s image", name).isEqualTo("deploy/docker/Dockerfile");
            assertThat(path(definition, "build", "args", "MODULE")).as("%s MODULE", name).isEqualTo(name);
            Map<String, Object> env = map(definition.get("environment"));
            assertThat(env).as("%s PORT", name).containsEntry("PORT", String.valueOf(service.getValue()));
            assertThat(env).as("%s GUILDHALL_WORKER_ID", name).containsKey("GUILDHALL_WORKER_ID");
            String previous = workerIds.put(String.valueOf(env.get("GUILDHALL_WORKER_ID")), name);
            assertThat(previous).as("GUILDHALL_WORKER_ID %s of %s already used", env.get("GUILDHALL_WORKER_ID"), name).isNull();
            int workerId = Integer.parseInt(String.valueOf(env.get("GUILDHALL_WORKER_ID")));
            assertThat(workerId).as("%s worker id", name).isBetween(0, 1023);

            Map<String, Object> dependsOn = map(definition.getOrDefault("depends_on", Map.of()));
            assertThat(dependsOn).as("%s depends_on", name).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> assertThat(path(map(condition), "condition"))
                    .as("%s -> %s", name, dependency)
                    .isIn("service_healthy", "service_completed_successfully"));
        }
        for (String infra : List.of("mysql", "redis", "kafka", "minio")) {
            assertThat(path(map(services.get(infra)), "healthcheck", "test")).as("%s healthcheck", infra).isNotNull();
        }

        String dockerfile = Files.readString(repoRoot.resolve("deploy/docker/Dockerfile"));
        assertThat(dockerfile).contains("FROM ${JAVA_RUNTIME_IMAGE} AS runtime", "eclipse-temurin:17-jre", "HEALTHCHECK", "USER 10001");
    }

    @Test
    void composePublishesOnlyTheGatewayAndTheMediaUdpPort() throws IOException {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, List<String>> published = new TreeMap<>();
        services.forEach((name, definition) -> {
            Object ports = map(definition).get("ports");
            if (ports != null) {
                published.put(name, list(ports).stream().map(String::valueOf).toList());
            }
        });
        assertThat(published).isEqualTo(Map.of(
                "gateway-service", List.of("8080:8080"),
                "media-node", List.of("10000:10000/udp")));
    }

    @Test
    void everyGuildhallVariableInComposeAndK8sIsDocumentedInConventions() throws IOException {
        Set<String> documented = documentedVariables();
        assertThat(documented).as("variables parsed from docs/CONVENTIONS.md")
                .contains("PORT", "GUILDHALL_WORKER_ID", "GUILDHALL_DB_URL_GLOBAL", "GUILDHALL_INTERNAL_TOKEN");
        assertThat(AWAITING_CONVENTIONS).as("documented now: remove from AWAITING_CONVENTIONS")
                .doesNotContainAnyElementsOf(documented);

        Map<String, Set<String>> undocumented = new TreeMap<>();
        for (Path file : configurationFiles()) {
            Matcher m = GUILDHALL_VARIABLE.matcher(Files.readString(file));
            while (m.find()) {
                String variable = m.group();
                if (!documented.contains(variable) && !AWAITING_CONVENTIONS.contains(variable)) {
                    undocumented.computeIfAbsent(variable, v -> new TreeSet<>()).add(repoRoot.relativize(file).toString());
                }
            }
        }
        assertThat(undocumented).as("GUILDHALL_* variables used but not in docs/CONVENTIONS.md").isEmpty();
    }

    @Test
    void composeConfiguresTheFleetOnlyThroughConventionVariables() throws IOException {
        Set<String> allowed = new TreeSet<>(documentedVariables());
        allowed.addAll(AWAITING_CONVENTIONS);
        Map<String, Object> services = map(compose().get("services"));
        for (String name : FLEET.keySet()) {
            Set<String> keys = map(map(services.get(name)).get("environment")).keySet();
            assertThat(allowed).as("environment of %s", name).containsAll(keys);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/production"})
    void kubernetesConfiguresTheFleetOnlyThroughConventionVariables(String dir) throws Exception {
        List<Map<String, Object>> docs = kustomize(dir);
        Set<String> allowed = new TreeSet<>(documentedVariables());
        allowed.addAll(AWAITING_CONVENTIONS);
        Map<String, Set<String>> configMapKeys = new HashMap<>();
        for (Map<String, Object> d : docs) {
            if ("ConfigMap".equals(d.get("kind"))) {
                configMapKeys.put((String) path(d, "metadata", "name"), map(d.getOrDefault("data", Map.of())).keySet());
            }
        }
        for (String name : FLEET.keySet()) {
            Map<String, Object> app = map(list(path(workload(docs, name), "spec", "template", "spec", "containers")).get(0));
            Set<String> keys = new TreeSet<>();
            list(app.getOrDefault("env", List.of())).forEach(e -> keys.add((String) map(e).get("name")));
            for (Object source : list(app.getOrDefault("envFrom", List.of()))) {
                Object configMap = path(map(source), "configMapRef", "name");
                assertThat(configMap).as("%s envFrom: ConfigMaps only (secrets by key)", name).isNotNull();
                assertThat(configMapKeys).as("%s envFrom %s", name, configMap).containsKey((String) configMap);
                keys.addAll(configMapKeys.get(configMap));
            }
            assertThat(allowed).as("%s %s environment", dir, name).containsAll(keys);
        }
    }

    // ------------------------------------------------------------------------------------------
    // helpers

    /** Variables in the first column of the table under "## Environment variables" in docs/CONVENTIONS.md. */
    static Set<String> documentedVariables() throws IOException {
        List<String> lines = Files.readAllLines(repoRoot.resolve("docs/CONVENTIONS.md"));
        Set<String> variables = new TreeSet<>();
        boolean inSection = false;
        Pattern cellVariable = Pattern.compile("`([A-Z][A-Z0-9_]*)`");
        for (String line : lines) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## Environment variables");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("\\|");
            if (cells.length < 2) {
                continue;
            }
            Matcher m = cellVariable.matcher(cells[1]);
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        return variables;
    }

    /** Files that configure compose and Kubernetes: the compose file, its .env.example, everything under deploy/k8s. */
    static List<Path> configurationFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(repoRoot.resolve("docker-compose.yml"));
        Path envExample = repoRoot.resolve(".env.example");
        if (Files.exists(envExample)) {
            files.add(envExample);
        }
        try (Stream<Path> k8s = Files.walk(repoRoot.resolve("deploy/k8s"))) {
            k8s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|env)$"))
                    .sorted()
                    .forEach(files::add);
        }
        return files;
    }

    static Map<String, Object> compose() throws IOException {
        return map(yaml().load(Files.readString(repoRoot.resolve("docker-compose.yml"))));
    }

    /**
     * The overlay as {@code kubectl kustomize} renders it, or, where kubectl is not installed (CI), as the test
     * renderer {@link Kustomize} does (KubernetesSchemaTest compares the two wherever kubectl is present).
     */
    static List<Map<String, Object>> kustomize(String dir) throws Exception {
        List<Map<String, Object>> cached = RENDERED.get(dir);
        if (cached != null) {
            return cached;
        }
        List<Map<String, Object>> docs = kubectlOnPath() ? kubectlKustomize(dir) : Kustomize.build(repoRoot.resolve(dir));
        assertThat(docs).as("kustomize %s rendered nothing", dir).isNotEmpty();
        RENDERED.put(dir, docs);
        return docs;
    }

    static List<Map<String, Object>> kubectlKustomize(String dir) throws Exception {
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", repoRoot.resolve(dir).toString())
                    .redirectError(stderr.toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " timed out");
            }
            assertThat(process.exitValue()).as("kubectl kustomize %s failed:%n%s", dir, Files.readString(stderr)).isZero();
            List<Map<String, Object>> docs = new ArrayList<>();
            for (Object doc : yaml().loadAll(out)) {
                if (doc != null) {
                    docs.add(map(doc));
                }
            }
            return docs;
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    static boolean kubectlOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return true;
            }
        }
        return false;
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    static Map<String, Object> workload(List<Map<String, Object>> docs, String name) {
        return docs.stream()
                .filter(d -> Set.of("Deployment", "StatefulSet", "DaemonSet").contains(d.get("kind")))
                .filter(d -> name.equals(path(d, "metadata", "name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no workload " + name));
    }

    static Map<String, Map<String, Object>> byName(List<Map<String, Object>> docs, String kind) {
        Map<String, Map<String, Object>> result = new TreeMap<>();
        docs.stream().filter(d -> kind.equals(d.get("kind")))
                .forEach(d -> result.put((String) path(d, "metadata", "name"), d));
        return result;
    }

    static String httpGetPath(Map<String, Object> container, String probe) {
        return (String) path(container, probe, "httpGet", "path");
    }

    /** Named container ports to their numbers. */
    static Map<String, Integer> declaredPorts(Map<String, Object> container) {
        Map<String, Integer> ports = new HashMap<>();
        for (Object port : list(container.getOrDefault("ports", List.of()))) {
            Map<String, Object> p = map(port);
            if (p.get("name") != null) {
                ports.put((String) p.get("name"), ((Number) p.get("containerPort")).intValue());
            }
        }
        return ports;
    }

    static String envValue(Map<String, Object> container, String name) {
        return list(container.getOrDefault("env", List.of())).stream().map(DeploymentManifestsTest::map)
                .filter(e -> name.equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value")))
                .findFirst().orElse(null);
    }

    /** Walks nested maps; null when any step is missing. */
    static Object path(Map<String, Object> root, String... keys) {
        Object current = root;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return Map.of();
        }
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return List.of();
        }
        assertThat(o).isInstanceOf(List.class);
        return (List<Object>) o;
    }

    static Map<String, Integer> orderedMap(Object... keyValues) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (Integer) keyValues[i + 1]);
        }
        return m;
    }
}
