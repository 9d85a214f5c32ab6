package dev.guildhall.bench.files;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilesBenchPiecesTest {

    @Test
    void gatewayHeapIsTheSumOfItsHeapPoolsOnly() {
        String scrape = """
                # HELP jvm_memory_used_bytes The amount of used memory
                # TYPE jvm_memory_used_bytes gauge
                jvm_memory_used_bytes{application="gateway-service",area="heap",id="Tenured Gen"} 4.0E7
                jvm_memory_used_bytes{application="gateway-service",area="heap",id="Eden Space"} 1.0E7
                jvm_memory_used_bytes{application="gateway-service",area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_max_bytes{application="gateway-service",area="heap",id="Eden Space"} 7.0E7
                """;
        assertThat(MemorySampler.heapUsed(scrape)).isEqualTo(50_000_000L);
        assertThat(MemorySampler.heapUsed("jvm_threads_live_threads 12.0\n")).isEqualTo(-1);
    }

    @Test
    void thisProcessHasAResidentSetAndNoPidHasNone() {
        assertThat(MemorySampler.rss(ProcessHandle.current().pid())).isPositive();
        assertThat(MemorySampler.rss(0)).isEqualTo(-1);
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> sorted = List.of(10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0);
        assertThat(FilesBench.percentile(sorted, 50)).isEqualTo(50.0);
        assertThat(FilesBench.percentile(sorted, 95)).isEqualTo(100.0);
        assertThat(FilesBench.percentiles(List.of())).isEqualTo("(none)");
    }

    @Test
    void optionsDefaultToTheIssuesCasesAndNeedATarget() {
        FilesOptions o = FilesOptions.parse(new String[] {"--target", "http://localhost:19128/", "--operator-token", "t"});
        assertThat(o.target().toString()).isEqualTo("http://localhost:19128");
        assertThat(o.sizesMib()).containsExactly(1, 25);
        assertThat(o.concurrency()).isEqualTo(10);
        assertThat(o.filesFor(25)).isEqualTo(10);
        assertThat(o.filesFor(1)).isEqualTo(40);
        assertThatThrownBy(() -> FilesOptions.parse(new String[] {"--sizes", "1"}))
                .hasMessageContaining("--target");
        assertThatThrownBy(() -> FilesOptions.parse(new String[] {"--target", "http://x", "--concurrency", "0"}))
                .hasMessageContaining("positive");
    }

    @Test
    void theThumbnailPhotoIsATwelveMegapixelJpeg() throws Exception {
        byte[] jpeg = TestJpeg.twelveMegapixels();
        assertThat(jpeg).startsWith((byte) 0xFF, (byte) 0xD8);
        var reader = javax.imageio.ImageIO.getImageReadersByFormatName("jpeg").next();
        try (var in = javax.imageio.ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            assertThat(reader.getWidth(0) * reader.getHeight(0)).isEqualTo(12_000_000);
        }
    }
}
