package dev.guildhall.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A built web client in a temporary directory: index.html and one hashed asset. */
public final class TestWebRoot {

    public static final String INDEX_MARKER = "guildhall-test-spa";

    private TestWebRoot() {
    }

    public static Path create() {
        try {
            Path root = Files.createTempDirectory("guildhall-web");
            Files.writeString(root.resolve("index.html"),
                    "<!doctype html><html><body><div id=\"" + INDEX_MARKER + "\"></div></body></html>");
            Files.createDirectories(root.resolve("assets"));
            Files.writeString(root.resolve("assets/app-1a2b3c.js"), "console.log('guildhall');");
            // a bundle big enough to be worth compressing
            Files.writeString(root.resolve("assets/vendor-9f8e7d.js"), "export const guildhall = 1;\n".repeat(500));
            Files.writeString(root.resolve("favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
