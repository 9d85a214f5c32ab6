package dev.guildhall.auth.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpTest {

    @Test
    void takesTheFirstForwardedEntryWhenTrusted() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("X-Forwarded-For", " 203.0.113.7 , 127.0.0.1");
        assertThat(ClientIp.of(request, true)).isEqualTo("203.0.113.7");
        assertThat(ClientIp.of(request, false)).isEqualTo("127.0.0.1");
    }

    @Test
    void ignoresValuesThatCannotBeAnAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("X-Forwarded-For", "evil-key-<script>");
        assertThat(ClientIp.of(request, true)).isEqualTo("127.0.0.1");
    }

    @Test
    void acceptsIpv6() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("X-Forwarded-For", "2001:db8::1");
        assertThat(ClientIp.of(request, true)).isEqualTo("2001:db8::1");
    }
}
