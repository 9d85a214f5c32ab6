package dev.guildhall.message.message;

import dev.guildhall.common.error.GuildhallException;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbedRulesTest {

    static Embed titled(String title) {
        return new Embed(null, title, null, null, null, null, null, null, null, null, null);
    }

    static Embed described(String description) {
        return new Embed(null, null, description, null, null, null, null, null, null, null, null);
    }

    static Embed withFields(List<Embed.Field> fields) {
        return new Embed(null, "t", null, null, null, null, fields, null, null, null, null);
    }

    /** The path of the one error a violation reports, and its message. */
    static Map.Entry<String, Object> error(List<Embed> embeds) {
        try {
            EmbedRules.normalize(embeds);
        } catch (GuildhallException e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> errors = (Map<String, Object>) e.properties().get("errors");
            return errors.entrySet().iterator().next();
        }
        throw new AssertionError("no violation for " + embeds);
    }

    @Test
    void discordsLimitsAreTheEdgeOfWhatPasses() {
        assertThat(EmbedRules.normalize(List.of(titled("t".repeat(256))))).hasSize(1);
        assertThat(error(List.of(titled("t".repeat(257)))).getKey()).isEqualTo("embeds[0].title");
        assertThat(EmbedRules.normalize(List.of(described("d".repeat(4096))))).hasSize(1);
        assertThat(error(List.of(described("d".repeat(4097)))).getKey()).isEqualTo("embeds[0].description");
        assertThat(EmbedRules.normalize(Collections.nCopies(10, titled("x")))).hasSize(10);
        assertThat(error(Collections.nCopies(11, titled("x"))).getKey()).isEqualTo("embeds");

        Embed.Field field = new Embed.Field("n", "v", null);
        assertThat(EmbedRules.normalize(List.of(withFields(Collections.nCopies(25, field))))).hasSize(1);
        assertThat(error(List.of(withFields(Collections.nCopies(26, field)))).getKey()).isEqualTo("embeds[0].fields");
        assertThat(error(List.of(withFields(List.of(field, new Embed.Field("n".repeat(257), "v", true)))))
                .getKey()).isEqualTo("embeds[0].fields[1].name");
        assertThat(error(List.of(withFields(List.of(new Embed.Field("n", "v".repeat(1025), true)))))
                .getKey()).isEqualTo("embeds[0].fields[0].value");
        assertThat(error(List.of(withFields(List.of(new Embed.Field("n", null, true)))))
                .getKey()).isEqualTo("embeds[0].fields[0].value");

        Embed footer = new Embed(null, null, null, null, null, null, null,
                new Embed.Footer("f".repeat(2049), null), null, null, null);
        assertThat(error(List.of(footer)).getKey()).isEqualTo("embeds[0].footer.text");
        Embed author = new Embed(null, null, null, null, null, null, null, null,
                new Embed.Author("a".repeat(257), null, null), null, null);
        assertThat(error(List.of(author)).getKey()).isEqualTo("embeds[0].author.name");
    }

    @Test
    void sixThousandCharactersAcrossAllEmbedsOfAMessage() {
        // 2 x 3000 is fine, one more character anywhere is not
        List<Embed> full = List.of(described("d".repeat(3000)), described("d".repeat(3000)));
        assertThat(EmbedRules.normalize(full)).hasSize(2);
        Map.Entry<String, Object> over = error(List.of(described("d".repeat(3000)), described("d".repeat(3000)),
                titled("x")));
        assertThat(over.getKey()).isEqualTo("embeds");
        assertThat(over.getValue().toString()).contains("6000").contains("6001");
    }

    @Test
    void colorUrlsAndTimestampAreChecked() {
        Embed red = new Embed(null, "t", null, "https://example.com/a", "2026-12-06T10:00:00+01:00", 0xFF0000,
                null, null, null, new Embed.Image("attachment://chart.png"), null);
        Embed stored = EmbedRules.normalize(List.of(red)).get(0);
        assertThat(stored.type()).isEqualTo("rich");
        assertThat(stored.timestamp()).isEqualTo("2026-12-06T09:00:00Z");

        assertThat(error(List.of(new Embed(null, "t", null, null, null, 0x1000000, null, null, null, null, null)))
                .getKey()).isEqualTo("embeds[0].color");
        assertThat(error(List.of(new Embed(null, "t", null, "javascript:alert(1)", null, null, null, null, null,
                null, null))).getKey()).isEqualTo("embeds[0].url");
        assertThat(error(List.of(new Embed(null, "t", null, null, "yesterday", null, null, null, null, null, null)))
                .getKey()).isEqualTo("embeds[0].timestamp");
        assertThat(error(List.of(new Embed(null, null, null, null, null, 5, null, null, null, null, null)))
                .getKey()).isEqualTo("embeds[0]");
    }

    @Test
    void anEmbedAloneNeedsNoText() {
        assertThat(RichContent.of(null, List.of(titled("t")), null, 4000).content()).isEmpty();
        assertThatThrownBy(() -> RichContent.of("  ", List.of(), null, 4000)).isInstanceOf(GuildhallException.class);
    }
}
