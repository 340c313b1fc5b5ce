package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The names a refused SSL policy is told to try instead. */
class SslPoliciesTest {

    private static final List<String> OFFERED = List.of(
            "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
            "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
            "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
            "ELBSecurityPolicy-2016-08",
            "ELBSecurityPolicy-FS-2018-06");

    @Test
    void closest_ofATypo_putsTheMeantNameFirst_ignoringCase() {
        assertThat(SslPolicies.closest("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-9", OFFERED, 3))
                .first()
                .isEqualTo("ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09");
        assertThat(SslPolicies.closest("elbsecuritypolicy-tls13-1-3-pq-2025-09", OFFERED, 1))
                .containsExactly("ELBSecurityPolicy-TLS13-1-3-PQ-2025-09");
    }

    @Test
    void closest_returnsAtMostTheCountAsked_nearestFirst() {
        List<String> closest = SslPolicies.closest("ELBSecurityPolicy-TLS13-1-2-PQ", OFFERED, 3);

        assertThat(closest).hasSize(3).startsWith("ELBSecurityPolicy-TLS13-1-2-PQ-2025-09");
        assertThat(SslPolicies.distance(
                        "ELBSecurityPolicy-TLS13-1-2-PQ", closest.get(0).toLowerCase()))
                .isGreaterThan(0);
    }

    @Test
    void distance_countsInsertionsDeletionsAndSubstitutions() {
        assertThat(SslPolicies.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SslPolicies.distance("", "abc")).isEqualTo(3);
        assertThat(SslPolicies.distance("same", "same")).isZero();
    }
}
