package dev.guildhall.launcher.cli;

import dev.guildhall.launcher.fleet.RepoRoot;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code guildhall} script's staleness checks: a second {@code up} with everything built must run neither
 * Maven nor the web client's build, and a changed source must trigger the one it belongs to.
 */
class GuildhallScriptTest {

    private static final List<String> MODULES = List.of("gateway-service", "auth-service", "server-service", "message-service",
            "voice-service", "websocket-service", "bot-service", "media-node", "launcher");
    private static final List<String> SHARED = List.of("common", "embedded-infra", "service-parent");

    @TempDir
    Path checkout;

    private final Instant built = Instant.now().minusSeconds(60);

    @BeforeEach
    void fakeCheckout() throws Exception {
        Files.copy(RepoRoot.find().resolve("guildhall"), checkout.resolve("guildhall"));
        write("pom.xml", built.minusSeconds(60));
        for (String m : SHARED) {
            write(m + "/pom.xml", built.minusSeconds(60));
            write(m + "/src/main/java/A.java", built.minusSeconds(60));
        }
        for (String m : MODULES) {
            write(m + "/pom.xml", built.minusSeconds(60));
            write(m + "/src/main/java/A.java", built.minusSeconds(60));
            write(m + "/target/" + m + "-0.1.0-SNAPSHOT-exec.jar", built);
        }
    }

    @Test
    void everythingBuiltMeansNoBuild() throws Exception {
        assertThat(staleReason()).isEmpty();
    }

    @Test
    void aMissingJarMeansABuild() throws Exception {
        Files.delete(checkout.resolve("media-node/target/media-node-0.1.0-SNAPSHOT-exec.jar"));
        assertThat(staleReason()).contains("media-node-0.1.0-SNAPSHOT-exec.jar is missing");
    }

    @Test
    void aChangedSourceOrPomMeansABuild() throws Exception {
        write("auth-service/src/main/java/A.java", built.plusSeconds(30));
        assertThat(staleReason()).contains("auth-service/src/main/java/A.java");
    }

    @Test
    void aChangedSharedModuleOrRootPomMeansABuild() throws Exception {
        write("common/src/main/java/A.java", built.plusSeconds(30));
        assertThat(staleReason()).contains("common/src/main/java/A.java");
        write("common/src/main/java/A.java", built.minusSeconds(30));
        write("pom.xml", built.plusSeconds(30));
        assertThat(staleReason()).contains("pom.xml");
    }

    @Test
    void filesOutsideTheMavenModulesDoNotTriggerABuild() throws Exception {
        write("web-client/src/main.ts", built.plusSeconds(30));
        write("docs/adr/001.md", built.plusSeconds(30));
        write("data/logs/auth-service.log", built.plusSeconds(30));
        assertThat(staleReason()).isEmpty();
    }

    @Test
    void noWebClientMeansNoWebBuild() throws Exception {
        assertThat(run("web_stale_reason")).isEmpty();
    }

    @Test
    void anUnbuiltWebClientMeansAWebBuild() throws Exception {
        write("web-client/package.json", built.minusSeconds(60));
        write("web-client/src/main.tsx", built.minusSeconds(60));
        assertThat(run("web_stale_reason")).contains("web-client/dist/index.html is missing");
    }

    @Test
    void aBuiltWebClientIsRebuiltOnlyWhenASourceOrConfigChanges() throws Exception {
        write("web-client/package.json", built.minusSeconds(60));
        write("web-client/package-lock.json", built.minusSeconds(60));
        write("web-client/vite.config.ts", built.minusSeconds(60));
        write("web-client/src/main.tsx", built.minusSeconds(60));
        write("web-client/dist/index.html", built);
        write("web-client/node_modules/react/index.js", built.plusSeconds(30));
        write("web-client/test-results/a.png", built.plusSeconds(30));
        assertThat(run("web_stale_reason")).isEmpty();

        write("web-client/src/main.tsx", built.plusSeconds(30));
        assertThat(run("web_stale_reason")).contains("web-client/src/main.tsx");
        write("web-client/src/main.tsx", built.minusSeconds(30));
        write("web-client/vite.config.ts", built.plusSeconds(30));
        assertThat(run("web_stale_reason")).contains("web-client/vite.config.ts");
    }

    private void write(String relative, Instant mtime) throws Exception {
        Path file = checkout.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(mtime));
    }

    private String staleReason() throws Exception {
        return run("stale_reason");
    }

    private String run(String function) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", "set -- help; source ./guildhall >/dev/null; " + function)
                .directory(checkout.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
