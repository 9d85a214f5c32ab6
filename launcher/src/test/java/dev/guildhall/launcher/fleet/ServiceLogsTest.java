package dev.guildhall.launcher.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceLogsTest {

    @Test
    void ecsJsonLinesBecomeOneReadableLine() {
        String line = "{\"@timestamp\":\"2026-11-25T17:50:29.439839703Z\",\"log\":{\"level\":\"INFO\",\"logger\":\"dev.guildhall.voice.VoiceServiceApplication\"},"
                + "\"process\":{\"pid\":1},\"message\":\"Started \\\"voice\\\" in 1.79 seconds\",\"ecs\":{\"version\":\"8.11\"}}";
        assertThat(ServiceLogs.readable(line))
                .isEqualTo("17:50:29.439 INFO  d.g.v.VoiceServiceApplication  Started \"voice\" in 1.79 seconds");
    }

    @Test
    void stackTracesFollowOnTheirOwnLines() {
        String line = "{\"@timestamp\":\"2026-11-25T17:50:29.4Z\",\"log\":{\"level\":\"ERROR\",\"logger\":\"x.Y\"},"
                + "\"message\":\"boom\",\"error\":{\"type\":\"java.lang.IllegalStateException\",\"stack_trace\":\"java.lang.IllegalStateException: boom\\n\\tat x.Y.z(Y.java:1)\\n\"}}";
        assertThat(ServiceLogs.readable(line)).isEqualTo(
                "17:50:29.4Z ERROR x.Y  boom\njava.lang.IllegalStateException: boom\n\tat x.Y.z(Y.java:1)");
    }

    @Test
    void otherLinesPassUnchanged() {
        assertThat(ServiceLogs.readable("2026-11-25 18:25:56,314 WARN kafka")).isEqualTo("2026-11-25 18:25:56,314 WARN kafka");
        assertThat(ServiceLogs.readable("{\"not\":\"ecs\"}")).isEqualTo("{\"not\":\"ecs\"}");
    }

    @Test
    void unicodeEscapes() {
        assertThat(ServiceLogs.unescape("caf\\u00e9 \\\\ \\/")).isEqualTo("café \\ /");
    }

    @Test
    void aHugeStackTraceIsReadableOnASmallThreadStack() throws Exception {
        String frames = "\\n\\tat dev.guildhall.x.Y.method(Y.java:42)".repeat(20_000);
        String line = "{\"@timestamp\":\"2026-11-25T17:50:29.4Z\",\"log\":{\"level\":\"ERROR\",\"logger\":\"x.Y\"},"
                + "\"message\":\"boom\",\"error\":{\"stack_trace\":\"java.lang.IllegalStateException: boom" + frames + "\"}}";
        String[] result = new String[1];
        Throwable[] failure = new Throwable[1];
        // the launcher runs with -Xss512k
        Thread small = new Thread(null, () -> {
            try {
                result[0] = ServiceLogs.readable(line);
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertThat(failure[0]).isNull();
        assertThat(result[0]).startsWith("17:50:29.4Z ERROR x.Y  boom\njava.lang.IllegalStateException: boom\n\tat dev.guildhall");
        assertThat(result[0].lines().count()).isEqualTo(20_002);
    }

    @Test
    void aKeyInsideAValueIsNotTakenForTheField() {
        String line = "{\"@timestamp\":\"2026-11-25T17:50:29.4Z\",\"log\":{\"level\":\"WARN\",\"logger\":\"x.Y\"},"
                + "\"message\":\"saw \\\"level\\\" in text\"}";
        assertThat(ServiceLogs.readable(line)).isEqualTo("17:50:29.4Z WARN  x.Y  saw \"level\" in text");
    }
}
