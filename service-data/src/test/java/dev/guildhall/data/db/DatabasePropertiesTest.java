package dev.guildhall.data.db;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabasePropertiesTest {

    @Test
    void parsesAssignmentAndTrimsUrls() {
        DatabaseProperties props = new DatabaseProperties("jdbc:g", List.of(" jdbc:a ", "jdbc:b", " "),
                "0, 0,1 ,1", "root", "", 0);
        assertThat(props.shardUrls()).containsExactly("jdbc:a", "jdbc:b");
        assertThat(props.assignment()).containsExactly(0, 0, 1, 1);
        assertThat(props.poolSize()).isEqualTo(10);
    }

    @Test
    void emptyAssignmentMeansDefault() {
        assertThat(new DatabaseProperties("g", List.of("a"), "", null, null, 5).assignment()).isEmpty();
        assertThat(new DatabaseProperties("g", List.of("a"), null, null, null, 5).assignment()).isEmpty();
    }

    @Test
    void garbageAssignmentIsRefused() {
        assertThatThrownBy(() -> new DatabaseProperties("g", List.of("a"), "0,x", null, null, 5).assignment())
                .isInstanceOf(IllegalStateException.class);
    }
}
