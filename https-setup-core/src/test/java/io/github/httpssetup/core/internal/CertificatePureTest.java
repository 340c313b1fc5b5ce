package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Certificate#covers}: which names the names of a certificate cover, wildcards included. */
class CertificatePureTest {

    @Test
    void covers_matchesExactNamesAndOneLabelWildcards() {
        Set<String> names = Set.of("example.com", "*.example.com");

        assertThat(Certificate.covers(names, "example.com")).isTrue();
        assertThat(Certificate.covers(names, "www.example.com")).isTrue();
        assertThat(Certificate.covers(names, "a.b.example.com")).isFalse();
        assertThat(Certificate.covers(Set.of("example.com"), "www.example.com")).isFalse();
    }
}
