package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link DnsNames}: the spelling of names and zone ids AWS answers with. */
class DnsNamesTest {

    @Test
    void normalize_removesTheTrailingDot_lowersCase_andUnescapesTheWildcard() {
        assertThat(DnsNames.normalize("\\052.Example.COM.")).isEqualTo("*.example.com");
        assertThat(DnsNames.absolute("example.com")).isEqualTo("example.com.");
        assertThat(DnsNames.absolute("example.com.")).isEqualTo("example.com.");
        assertThat(DnsNames.zoneId("/hostedzone/Z123")).isEqualTo("Z123");
    }

    @Test
    void inZone_acceptsTheApexAndNamesBelow_only() {
        assertThat(DnsNames.inZone("example.com", "example.com.")).isTrue();
        assertThat(DnsNames.inZone("www.example.com", "example.com")).isTrue();
        assertThat(DnsNames.inZone("badexample.com", "example.com")).isFalse();
    }
}
