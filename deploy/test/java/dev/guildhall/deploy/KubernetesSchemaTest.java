package dev.guildhall.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rendered Kubernetes manifests against the Kubernetes API schema (issue 13, ADR 221), without kubectl or a
 * cluster: every document of both overlays is read into its fabric8 kubernetes-model class; a field the API does
 * not know (fabric8 keeps it in {@code additionalProperties}), a value of the wrong type (no scalar coercion) or an
 * unparseable quantity fails, naming the document and the field's path. The overlays are rendered by
 * {@link Kustomize}, which is compared with {@code kubectl kustomize} where kubectl is installed.
 */
class KubernetesSchemaTest {

    /** apiVersion/kind → the model class; a kind not listed fails (add it here when deploy/k8s gains one). */
    static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/PersistentVolumeClaim", PersistentVolumeClaim.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("apps/v1/DaemonSet", DaemonSet.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("batch/v1/CronJob", CronJob.class));

    static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    @BeforeAll
    static void findRepoRoot() {
        DeploymentManifestsTest.findRepoRoot();
    }

    @ParameterizedTest(name = "{0} against the Kubernetes API schema")
    @ValueSource(strings = {"deploy/k8s/overlays/dev", "deploy/k8s/overlays/production"})
    void everyRenderedDocumentIsAValidKubernetesObject(String dir) throws Exception {
        List<Map<String, Object>> docs = Kustomize.build(DeploymentManifestsTest.repoRoot.resolve(dir));
        assertThat(docs).as("%s renders", dir).hasSizeGreaterThan(10);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> doc : docs) {
            problems.addAll(problems(doc));
        }
        assertThat(problems).as("%s: documents the Kubernetes API would reject or silently drop fields of", dir)
                .isEmpty();
    }

    @Test
    void theValidatorRejectsUnknownFieldsWrongTypesBadQuantitiesAndUnknownKinds() {
        Map<String, Object> deployment = Kustomize.load("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: broken}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      terminationGracePeriodSecond: 45
                      containers:
                        - name: app
                          image: x
                          resources: {limits: {memory: 2Gigs}}
                """).get(0);
        assertThat(problems(deployment)).anySatisfy(p -> assertThat(p)
                .contains("spec.template.spec").contains("terminationGracePeriodSecond"));
        assertThat(problems(deployment)).anySatisfy(p -> assertThat(p).contains("2Gigs"));

        Map<String, Object> wrongType = Kustomize.load("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: broken}
                spec: {replicas: "two"}
                """).get(0);
        assertThat(problems(wrongType)).singleElement().asString().contains("StatefulSet broken").contains("replicas");

        assertThat(problems(Map.of("apiVersion", "v1", "kind", "Pdo", "metadata", Map.of("name", "x"))))
                .singleElement().asString().contains("no model");
    }

    @Test
    void theTestRendererProducesWhatKubectlKustomizeDoes() throws Exception {
        assumeTrue(DeploymentManifestsTest.kubectlOnPath(),
                "kubectl is not on the PATH: the test renderer is not compared with kubectl here");
        for (String dir : List.of("deploy/k8s/overlays/dev", "deploy/k8s/overlays/production", "deploy/k8s")) {
            Map<String, Object> ours = byIdentity(Kustomize.build(DeploymentManifestsTest.repoRoot.resolve(dir)));
            Map<String, Object> kubectl = byIdentity(DeploymentManifestsTest.kubectlKustomize(dir));
            // kubectl suffixes generated ConfigMaps with a content hash (and rewrites references); ours does not
            String normalized = DeploymentManifestsTest.yaml().dump(kubectl)
                    .replaceAll("guildhall-config-[a-z0-9]{10}", "guildhall-config");
            assertThat(DeploymentManifestsTest.yaml().dump(ours)).as("%s rendered by Kustomize.java vs kubectl", dir)
                    .isEqualTo(normalized);
        }
    }

    // ------------------------------------------------------------------------------------------

    /** What is wrong with one document, each naming it; empty when the API would take it as written. */
    static List<String> problems(Map<String, Object> doc) {
        String name = doc.get("kind") + " " + DeploymentManifestsTest.path(doc, "metadata", "name");
        Class<? extends HasMetadata> model = MODELS.get(doc.get("apiVersion") + "/" + doc.get("kind"));
        if (model == null) {
            return List.of(name + ": no model for " + doc.get("apiVersion") + "/" + doc.get("kind")
                    + " (KubernetesSchemaTest.MODELS)");
        }
        HasMetadata object;
        try {
            object = STRICT.convertValue(doc, model);
        } catch (IllegalArgumentException e) {
            return List.of(name + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        walk(object, "", name, problems, new IdentityHashMap<>());
        return problems;
    }

    /** Every model object below: non-empty additionalProperties are fields the schema lacks. */
    private static void walk(Object value, String path, String name, List<String> problems,
                             IdentityHashMap<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "[" + k + "]", name, problems, seen));
            return;
        }
        if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                walk(l.get(i), path + "[" + i + "]", name, problems, seen);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        if (value instanceof Quantity q) {
            try {
                Quantity.getAmountInBytes(q);
            } catch (RuntimeException e) {
                problems.add(name + ": " + path + " is not a quantity: " + q);
            }
        }
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Object child;
                try {
                    child = field.get(value);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                if ("additionalProperties".equals(field.getName())) {
                    if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        problems.add(name + ": " + (path.isEmpty() ? "(top level)" : path.substring(1))
                                + " has fields the Kubernetes API does not know: " + new TreeMap<>(extra).keySet());
                    }
                    continue;
                }
                walk(child, path + "." + field.getName(), name, problems, seen);
            }
        }
    }

    private static Map<String, Object> byIdentity(List<Map<String, Object>> docs) {
        Map<String, Object> result = new TreeMap<>();
        for (Map<String, Object> doc : docs) {
            result.put(doc.get("kind") + "/" + DeploymentManifestsTest.path(doc, "metadata", "namespace") + "/"
                    + DeploymentManifestsTest.path(doc, "metadata", "name"), sorted(doc));
        }
        return result;
    }

    /** Maps with sorted keys, so two renderings compare independent of key order. */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> s = new TreeMap<>();
            m.forEach((k, v) -> s.put(String.valueOf(k), sorted(v)));
            return s;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(KubernetesSchemaTest::sorted).toList();
        }
        return value;
    }

    static Path root() {
        return DeploymentManifestsTest.repoRoot;
    }
}
