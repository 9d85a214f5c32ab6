package dev.guildhall.infra;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedMariaDbTest {

    @Test
    void aDataDirUnderTheTempDirIsSpelledSoMariaDb4jDoesNotWipeIt() {
        String tmp = System.getProperty("java.io.tmpdir");
        Path under = Path.of(tmp, "ci", "checkout", "data", "mariadb");
        Path spelled = EmbeddedMariaDb.outsideTmpWipe(under);
        assertThat(spelled.toString()).doesNotStartWith(tmp).startsWith("/./");
        assertThat(spelled.normalize()).isEqualTo(under.normalize());
        assertThat(spelled.toFile().getAbsolutePath()).doesNotStartWith(tmp);
    }

    @Test
    void otherDirectoriesStayAsTheyAre() {
        Path elsewhere = Path.of("/srv/guildhall/data/mariadb");
        assertThat(EmbeddedMariaDb.outsideTmpWipe(elsewhere)).isEqualTo(elsewhere);
    }
}
