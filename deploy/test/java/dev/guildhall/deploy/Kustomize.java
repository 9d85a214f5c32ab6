package dev.guildhall.deploy;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for CI machines without kubectl (ADR 221) —
 * only the subset deploy/k8s uses: {@code resources} (files and directories), {@code namespace},
 * {@code configMapGenerator} ({@code envs}, {@code behavior: merge}; no hash suffix), {@code images},
 * {@code patches} (strategic merge with the merge keys of the pod spec, {@code $patch: delete}, JSON 6902
 * add/replace/remove; {@code target} by group, version, kind, name and a label selector). Any other field fails the
 * build rather than being ignored, and {@code KubernetesSchemaTest} compares this rendering with kubectl's wherever
 * kubectl is installed, so the two cannot drift apart silently.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of(
            "apiVersion", "kind", "namespace", "resources", "configMapGenerator", "patches", "images");

    /** Strategic-merge keys of the lists deploy/k8s patches (from the Kubernetes API's patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name", "initContainers", "name", "volumes", "name", "env", "name",
            "volumeMounts", "mountPath", "ports", "containerPort", "topologySpreadConstraints", "topologyKey",
            "imagePullSecrets", "name");

    /** Kinds that have no namespace. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "PriorityClass", "StorageClass",
            "CustomResourceDefinition", "PersistentVolume", "IngressClass");

    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path dir) throws IOException {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            file = dir.resolve("kustomization.yml");
        }
        Map<String, Object> k = yaml().load(Files.readString(file));
        for (String key : k.keySet()) {
            if (!SUPPORTED.contains(key)) {
                fail("%s: '%s' is not supported by the test renderer (deploy/test/java/.../Kustomize.java): add it"
                        + " there, checked against kubectl", file, key);
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object resource : list(k.get("resources"))) {
            Path path = dir.resolve(String.valueOf(resource)).normalize();
            if (Files.isDirectory(path)) {
                docs.addAll(build(path));
            } else {
                docs.addAll(load(Files.readString(path)));
            }
        }
        for (Object generator : list(k.get("configMapGenerator"))) {
            generate(dir, map(generator), docs);
        }
        if (k.get("namespace") instanceof String namespace) {
            for (Map<String, Object> doc : docs) {
                if (!CLUSTER_SCOPED.contains(doc.get("kind"))) {
                    map(doc.computeIfAbsent("metadata", x -> new LinkedHashMap<>())).put("namespace", namespace);
                }
            }
        }
        for (Object patch : list(k.get("patches"))) {
            patch(dir, map(patch), docs);
        }
        for (Object image : list(k.get("images"))) {
            image(map(image), docs);
        }
        return docs;
    }

    // ------------------------------------------------------------------------------------------

    private static void generate(Path dir, Map<String, Object> generator, List<Map<String, Object>> docs)
            throws IOException {
        Map<String, Object> data = new TreeMap<>();
        for (Object env : list(generator.get("envs"))) {
            for (String line : Files.readAllLines(dir.resolve(String.valueOf(env)))) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                data.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        for (String key : generator.keySet()) {
            if (!Set.of("name", "envs", "behavior").contains(key)) {
                fail("configMapGenerator '%s' is not supported by the test renderer", key);
            }
        }
        String name = String.valueOf(generator.get("name"));
        if ("merge".equals(generator.get("behavior"))) {
            Map<String, Object> existing = docs.stream()
                    .filter(d -> "ConfigMap".equals(d.get("kind")) && name.equals(map(d.get("metadata")).get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no ConfigMap " + name + " to merge into"));
            Map<String, Object> merged = new TreeMap<>(map(existing.get("data")));
            merged.putAll(data);
            existing.put("data", merged);
            return;
        }
        Map<String, Object> configMap = new LinkedHashMap<>();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        configMap.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        configMap.put("data", data);
        docs.add(configMap);
    }

    private static void image(Map<String, Object> image, List<Map<String, Object>> docs) {
        String name = String.valueOf(image.get("name"));
        for (Map<String, Object> doc : docs) {
            // a workload's pod template, or a CronJob's
            Object pod = "CronJob".equals(doc.get("kind"))
                    ? path(doc, "spec", "jobTemplate", "spec", "template", "spec")
                    : path(doc, "spec", "template", "spec");
            if (!(pod instanceof Map<?, ?>)) {
                continue;
            }
            for (String kind : List.of("containers", "initContainers")) {
                for (Object c : list(map(pod).get(kind))) {
                    Map<String, Object> container = map(c);
                    String current = String.valueOf(container.get("image"));
                    int colon = current.lastIndexOf(':');
                    String bare = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                    String tag = colon > current.lastIndexOf('/') ? current.substring(colon + 1) : null;
                    if (!bare.equals(name)) {
                        continue;
                    }
                    String newName = image.get("newName") != null ? String.valueOf(image.get("newName")) : bare;
                    String newTag = image.get("newTag") != null ? String.valueOf(image.get("newTag")) : tag;
                    container.put("image", newTag == null ? newName : newName + ":" + newTag);
                }
            }
        }
    }

    private static void patch(Path dir, Map<String, Object> entry, List<Map<String, Object>> docs) throws IOException {
        String text = entry.get("path") != null
                ? Files.readString(dir.resolve(String.valueOf(entry.get("path"))))
                : String.valueOf(entry.get("patch"));
        Map<String, Object> target = entry.get("target") == null ? null : map(entry.get("target"));
        List<Object> parsed = new ArrayList<>();
        yaml().loadAll(text).forEach(d -> {
            if (d != null) {
                parsed.add(d);
            }
        });
        if (parsed.size() == 1 && parsed.get(0) instanceof List<?> operations) {
            for (Map<String, Object> doc : List.copyOf(docs)) {
                if (matches(target, doc)) {
                    for (Object op : operations) {
                        json6902(doc, map(op));
                    }
                }
            }
            return;
        }
        for (Object p : parsed) {
            Map<String, Object> smp = map(p);
            for (Map<String, Object> doc : List.copyOf(docs)) {
                boolean selected = target != null ? matches(target, doc)
                        : smp.get("kind").equals(doc.get("kind"))
                                && path(smp, "metadata", "name").equals(path(doc, "metadata", "name"));
                if (!selected) {
                    continue;
                }
                if ("delete".equals(smp.get("$patch"))) {
                    docs.remove(doc);
                } else {
                    Map<String, Object> body = new LinkedHashMap<>(smp);
                    // a targeted patch's own identity is ignored: the target selects
                    body.remove("metadata");
                    body.remove("apiVersion");
                    body.remove("kind");
                    mergeInto(doc, body);
                    if (target == null && smp.get("metadata") instanceof Map<?, ?> meta) {
                        Map<String, Object> rest = new LinkedHashMap<>(map(meta));
                        rest.remove("name");
                        mergeInto(map(doc.get("metadata")), rest);
                    } else if (smp.get("metadata") instanceof Map<?, ?> meta
                            && (map(meta).containsKey("labels") || map(meta).containsKey("annotations"))) {
                        Map<String, Object> rest = new LinkedHashMap<>(map(meta));
                        rest.remove("name");
                        mergeInto(map(doc.get("metadata")), rest);
                    }
                }
            }
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> doc) {
        if (target == null) {
            return true;
        }
        String apiVersion = String.valueOf(doc.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        for (Map.Entry<String, Object> t : target.entrySet()) {
            String want = String.valueOf(t.getValue());
            boolean ok = switch (t.getKey()) {
                case "group" -> Pattern.matches(want, group);
                case "version" -> Pattern.matches(want, version);
                case "kind" -> Pattern.matches(want, String.valueOf(doc.get("kind")));
                case "name" -> Pattern.matches(want, String.valueOf(path(doc, "metadata", "name")));
                case "namespace" -> Pattern.matches(want, String.valueOf(path(doc, "metadata", "namespace")));
                case "labelSelector" -> {
                    Map<String, Object> labels = path(doc, "metadata", "labels") instanceof Map<?, ?> l
                            ? map(l) : Map.of();
                    boolean all = true;
                    for (String term : want.split(",")) {
                        String[] kv = term.strip().split("=", 2);
                        all &= kv.length == 2 && kv[1].equals(String.valueOf(labels.get(kv[0])));
                    }
                    yield all;
                }
                default -> throw new AssertionError("patch target '" + t.getKey() + "' is not supported by the test renderer");
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Strategic merge: maps merge, null deletes, lists with a merge key merge by it, other lists are replaced. */
    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> into, Map<String, Object> patch) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            Object current = into.get(key);
            if (value == null) {
                into.remove(key);
            } else if (value instanceof Map<?, ?> m && current instanceof Map<?, ?> c) {
                mergeInto((Map<String, Object>) c, (Map<String, Object>) m);
            } else if (value instanceof List<?> l && current instanceof List<?> c && MERGE_KEYS.containsKey(key)) {
                String mergeKey = MERGE_KEYS.get(key);
                List<Object> merged = new ArrayList<>(c);
                for (Object item : l) {
                    Object id = map(item).get(mergeKey);
                    Map<String, Object> same = merged.stream().map(Kustomize::map)
                            .filter(x -> id != null && id.equals(x.get(mergeKey))).findFirst().orElse(null);
                    if (same != null) {
                        mergeInto(same, map(deepCopy(item)));
                    } else {
                        merged.add(deepCopy(item));
                    }
                }
                into.put(key, merged);
            } else {
                into.put(key, deepCopy(value));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void json6902(Map<String, Object> doc, Map<String, Object> op) {
        String[] tokens = String.valueOf(op.get("path")).substring(1).split("/");
        Object parent = doc;
        for (int i = 0; i < tokens.length - 1; i++) {
            String t = unescape(tokens[i]);
            parent = parent instanceof List<?> l ? l.get(Integer.parseInt(t)) : map(parent).get(t);
            if (parent == null) {
                fail("JSON patch path %s does not exist in %s", op.get("path"), path(doc, "metadata", "name"));
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        Object value = deepCopy(op.get("value"));
        switch (String.valueOf(op.get("op"))) {
            case "add" -> {
                if (parent instanceof List<?> l) {
                    List<Object> list = (List<Object>) l;
                    list.add("-".equals(last) ? list.size() : Integer.parseInt(last), value);
                } else {
                    map(parent).put(last, value);
                }
            }
            case "replace" -> {
                if (parent instanceof List<?> l) {
                    ((List<Object>) l).set(Integer.parseInt(last), value);
                } else {
                    if (!map(parent).containsKey(last)) {
                        fail("JSON patch replace of a missing %s in %s", op.get("path"), path(doc, "metadata", "name"));
                    }
                    map(parent).put(last, value);
                }
            }
            case "remove" -> {
                if (parent instanceof List<?> l) {
                    l.remove(Integer.parseInt(last));
                } else if (map(parent).remove(last) == null) {
                    fail("JSON patch remove of a missing %s in %s", op.get("path"), path(doc, "metadata", "name"));
                }
            }
            default -> fail("JSON patch op %s is not supported by the test renderer", op.get("op"));
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    @SuppressWarnings("unchecked")
    private static Object deepCopy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, v) -> copy.put(k, deepCopy(v)));
            return copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(deepCopy(v)));
            return copy;
        }
        return value;
    }

    static List<Map<String, Object>> load(String text) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(text)) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    private static Yaml yaml() {
        return DeploymentManifestsTest.yaml();
    }

    private static Object path(Map<String, Object> root, String... keys) {
        return DeploymentManifestsTest.path(root, keys);
    }

    private static Map<String, Object> map(Object o) {
        return DeploymentManifestsTest.map(o);
    }

    private static List<Object> list(Object o) {
        return o == null ? List.of() : DeploymentManifestsTest.list(o);
    }
}
