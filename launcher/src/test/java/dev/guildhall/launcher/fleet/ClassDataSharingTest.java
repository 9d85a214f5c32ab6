package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ClassDataSharingTest {

    @TempDir
    Path dir;

    private Path extracted(Path execJar) throws Exception {
        Path app = dir.resolve("cds/auth-service/app");
        Files.createDirectories(app);
        return Files.writeString(app.resolve(execJar.getFileName()), "jar");
    }

    @Test
    void withoutAnArchiveTheFirstInstanceRecordsOneAndOthersRunPlain() throws Exception {
        Path execJar = Files.writeString(dir.resolve("auth-service-1-exec.jar"), "x");
        Path thin = extracted(execJar);
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), true);

        ClassDataSharing.Launch first = cds.launch("auth-service", execJar, true);
        assertThat(first.jar()).isEqualTo(thin);
        assertThat(first.jvmOptions()).contains("-XX:ArchiveClassesAtExit=" + dir.resolve("cds/auth-service/app.jsa.new"));

        ClassDataSharing.Launch second = cds.launch("auth-service", execJar, false);
        assertThat(second.jvmOptions()).noneMatch(o -> o.contains("Archive"));
        assertThat(second.pendingArchive()).isNull();
    }

    @Test
    void aCleanExitKeepsTheArchiveWhichLaterRunsMap() throws Exception {
        Path execJar = Files.writeString(dir.resolve("auth-service-1-exec.jar"), "x");
        extracted(execJar);
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), true);
        ClassDataSharing.Launch first = cds.launch("auth-service", execJar, true);
        Files.writeString(first.pendingArchive(), "archive");

        cds.afterExit(first, true);

        assertThat(dir.resolve("cds/auth-service/app.jsa")).exists();
        assertThat(cds.launch("auth-service", execJar, true).jvmOptions())
                .contains("-XX:SharedArchiveFile=" + dir.resolve("cds/auth-service/app.jsa"));
    }

    @Test
    void aKilledProcessLeavesNoHalfWrittenArchive() throws Exception {
        Path execJar = Files.writeString(dir.resolve("auth-service-1-exec.jar"), "x");
        extracted(execJar);
        ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), true);
        ClassDataSharing.Launch first = cds.launch("auth-service", execJar, true);
        Files.writeString(first.pendingArchive(), "half");

        cds.afterExit(first, false);

        assertThat(first.pendingArchive()).doesNotExist();
        assertThat(dir.resolve("cds/auth-service/app.jsa")).doesNotExist();
    }

    @Test
    void disabledOrNotExtractedRunsTheExecJar() throws Exception {
        Path execJar = Files.writeString(dir.resolve("auth-service-1-exec.jar"), "x");
        assertThat(new ClassDataSharing(dir.resolve("cds"), true).launch("auth-service", execJar, true).jar()).isEqualTo(execJar);
        extracted(execJar);
        ClassDataSharing.Launch off = new ClassDataSharing(dir.resolve("cds"), false).launch("auth-service", execJar, true);
        assertThat(off.jar()).isEqualTo(execJar);
        assertThat(off.jvmOptions()).isEmpty();
    }

    @Test
    void theStampChangesWithTheJar() throws Exception {
        Path execJar = Files.writeString(dir.resolve("a-exec.jar"), "x");
        String before = ClassDataSharing.stamp(execJar);
        Files.writeString(execJar, "xy");
        assertThat(ClassDataSharing.stamp(execJar)).isNotEqualTo(before);
    }
}
