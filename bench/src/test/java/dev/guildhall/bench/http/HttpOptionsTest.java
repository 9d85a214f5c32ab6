package dev.guildhall.bench.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpOptionsTest {

    @Test
    void defaultsAreTheIssuesWrkRun() {
        HttpOptions o = HttpOptions.parse("--target", "http://localhost:19092/");

        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.connections()).isEqualTo(20);
        assertThat(o.durationSeconds()).isEqualTo(30);
        assertThat(o.users()).isEqualTo(40);
        assertThat(o.messages()).isEqualTo(50);
        assertThat(o.target()).isEqualTo(URI.create("http://localhost:19092"));
        assertThat(o.authUrl()).isEqualTo(URI.create("http://localhost:19093"));
        assertThat(o.serverUrl()).isEqualTo(URI.create("http://localhost:19094"));
    }

    @Test
    void refusesWhatItCannotRun() {
        assertThatThrownBy(() -> HttpOptions.parse("--threads", "2")).hasMessageContaining("--target is required");
        assertThatThrownBy(() -> HttpOptions.parse("--target", "http://h:1", "--connections", "0"))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> HttpOptions.parse("--target", "http://h:1", "--duration", "ten"))
                .hasMessageContaining("--duration needs a number");
        assertThatThrownBy(() -> HttpOptions.parse("--target", "http://h:1", "--rate", "5"))
                .hasMessageContaining("unknown option --rate");
    }
}
