package dev.guildhall.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JavaCommandTest {

    @TempDir
    Path dir;

    @Test
    void aFlatClassPathIsReused() {
        List<String> cmd = JavaCommand.forMainClass("kafka.Kafka", List.of("-Xmx1m"), List.of("a.properties"),
                "/x/a.jar:/x/b.jar", null);
        assertThat(cmd).endsWith("-Xmx1m", "-cp", "/x/a.jar:/x/b.jar", "kafka.Kafka", "a.properties");
    }

    @Test
    void aBootJarRunsTheMainClassThroughPropertiesLauncher() throws Exception {
        Path jar = dir.resolve("launcher-exec.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("BOOT-INF/lib/kafka.jar"));
            zip.closeEntry();
        }
        List<String> cmd = JavaCommand.forMainClass("kafka.Kafka", List.of(), List.of("a.properties"), jar.toString(), null);
        assertThat(cmd).endsWith("-Dloader.main=kafka.Kafka", "-cp", jar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", "a.properties");
    }

    @Test
    void anOverrideWins() {
        List<String> cmd = JavaCommand.forMainClass("kafka.Kafka", List.of(), List.of(), "/x/a.jar", "/opt/kafka/libs/*");
        assertThat(cmd).endsWith("-cp", "/opt/kafka/libs/*", "kafka.Kafka");
    }

    @Test
    void anOrdinaryJarIsNotABootJar() throws Exception {
        Path jar = dir.resolve("plain.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("a/B.class"));
            zip.closeEntry();
        }
        assertThat(JavaCommand.isBootJar(jar.toString())).isFalse();
        assertThat(JavaCommand.isBootJar(jar + ":" + jar)).isFalse();
    }
}
