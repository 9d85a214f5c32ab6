package dev.guildhall.launcher.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts Maven wrote into the launcher when it was built. */
final class LauncherBuild {

    private LauncherBuild() {
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = LauncherBuild.class.getResourceAsStream("/dev/guildhall/launcher/launcher-build.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String v = p.getProperty("version", "");
        return v.isBlank() || v.contains("@") ? "0.1.0-SNAPSHOT" : v;
    }
}
