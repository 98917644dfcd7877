package dev.polyledger.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlPolicyTest {
    /** Literal addresses only, and one name that resolves to a private address: no DNS in the test. */
    private static InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.equals("internal.example")) {
            return new InetAddress[] {InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.1.2.3")};
        }
        if (host.equals("public.example")) {
            return new InetAddress[] {InetAddress.getByName("93.184.216.34")};
        }
        if (host.matches("[0-9.]+|.*:.*")) {
            return InetAddress.getAllByName(host);
        }
        throw new UnknownHostException(host);
    }

    private final UrlPolicy strict = new UrlPolicy(false, UrlPolicyTest::resolve);
    private final UrlPolicy lenient = new UrlPolicy(true, UrlPolicyTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"https://public.example/hooks", "http://93.184.216.34:8443/x?y=1",
            "https://[2606:4700:4700::1111]/hook"})
    void acceptsPublicHttpUrls(String url) {
        assertThat(strict.check(url).toString()).isEqualTo(url);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://10.0.0.5/hook", "http://172.16.3.4/hook",
            "http://192.168.1.1/hook", "http://169.254.169.254/latest/meta-data", "http://0.0.0.0/hook",
            "http://[::1]/hook", "http://[fe80::1]/hook", "http://[fd12:3456::1]/hook", "https://internal.example/hook"})
    void refusesLoopbackPrivateLinkLocalAndUniqueLocalAddresses(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidSubscriptionException.class)
                .hasMessageContaining("non-public").extracting(e -> ((InvalidSubscriptionException) e).field())
                .isEqualTo("url");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://public.example/x", "file:///etc/passwd", "public.example/hook", "http:///nohost",
            "https://user:pw@public.example/", "not a url", "https://does-not-resolve.invalid/"})
    void refusesOtherSchemesMissingHostsCredentialsAndUnresolvableHosts(String url) {
        assertThatThrownBy(() -> strict.check(url)).isInstanceOf(InvalidSubscriptionException.class);
    }

    @Test
    void allowsPrivateAddressesWhenConfigured() {
        assertThat(lenient.check("http://127.0.0.1:9000/hook").getPort()).isEqualTo(9000);
        assertThat(lenient.check("http://10.0.0.5/hook").getHost()).isEqualTo("10.0.0.5");
        assertThatThrownBy(() -> lenient.check("ftp://10.0.0.5/")).isInstanceOf(InvalidSubscriptionException.class);
    }
}
