package dev.guildhall.auth.ratelimit;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientIpTest {

    @Test
    void takesTheGatewaysOnlyEntry() {
        MockHttpServletRequest request = request("203.0.113.7");
        assertThat(ClientIp.of(request, true, 0)).isEqualTo("203.0.113.7");
        assertThat(ClientIp.of(request, false, 0)).isEqualTo("127.0.0.1");
    }

    @Test
    void behindTrustedProxiesSkipsWhatTheClientWroteItself() {
        // client forged "198.51.100.1"; the ingress appended the real client, the gateway its peer (the ingress)
        MockHttpServletRequest request = request("198.51.100.1, 203.0.113.7, 192.0.2.10");
        assertThat(ClientIp.of(request, true, 1)).isEqualTo("203.0.113.7");
        // more hops than entries: the leftmost
        assertThat(ClientIp.of(request, true, 5)).isEqualTo("198.51.100.1");
    }

    @Test
    void ignoresValuesThatCannotBeAnAddress() {
        assertThat(ClientIp.of(request("evil-key-<script>"), true, 0)).isEqualTo("127.0.0.1");
        assertThat(ClientIp.of(request(""), true, 0)).isEqualTo("127.0.0.1");
        assertThat(ClientIp.of(request(",,"), true, 0)).isEqualTo("127.0.0.1");
    }

    @Test
    void acceptsIpv6() {
        assertThat(ClientIp.of(request("2001:db8::1"), true, 0)).isEqualTo("2001:db8::1");
    }

    private static MockHttpServletRequest request(String forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("127.0.0.1");
        request.addHeader("X-Forwarded-For", forwardedFor);
        return request;
    }
}
