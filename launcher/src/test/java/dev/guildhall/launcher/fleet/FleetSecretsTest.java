package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

class FleetSecretsTest {

    @TempDir
    Path data;

    @Test
    void theFirstStartMakesRandomSecretsOnlyTheOwnerCanRead() throws Exception {
        FleetSecrets secrets = FleetSecrets.loadOrCreate(data);

        Path file = FleetSecrets.file(data);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        for (String s : new String[] {secrets.internalToken(), secrets.voiceTokenSecret(), secrets.s3AccessKey(),
                secrets.s3SecretKey(), secrets.attachmentLinkSecret()}) {
            assertThat(Base64.getUrlDecoder().decode(s)).hasSize(32);
        }
        assertThat(Base64.getDecoder().decode(secrets.authSecretKey())).hasSize(32);
        assertThat(secrets.internalToken()).isNotEqualTo(secrets.voiceTokenSecret());
        assertThat(Files.readString(file)).contains("GUILDHALL_INTERNAL_TOKEN=" + secrets.internalToken());
        assertThat(secrets.toString()).doesNotContain(secrets.internalToken());
    }

    @Test
    void laterStartsReuseThemAndAnotherDataDirectoryGetsItsOwn(@TempDir Path other) throws Exception {
        FleetSecrets first = FleetSecrets.loadOrCreate(data);
        // someone loosened the permissions: the next start tightens them again
        Files.setPosixFilePermissions(FleetSecrets.file(data), PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(FleetSecrets.loadOrCreate(data)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(FleetSecrets.file(data)))).isEqualTo("rw-------");
        assertThat(FleetSecrets.loadOrCreate(other).internalToken()).isNotEqualTo(first.internalToken());
    }
}
