package io.github.httpssetup.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class EnginePureTest {

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

    @Test
    void covers_matchesExactNamesAndOneLabelWildcards() {
        Set<String> names = Set.of("example.com", "*.example.com");

        assertThat(Certificate.covers(names, "example.com")).isTrue();
        assertThat(Certificate.covers(names, "www.example.com")).isTrue();
        assertThat(Certificate.covers(names, "a.b.example.com")).isFalse();
        assertThat(Certificate.covers(Set.of("example.com"), "www.example.com")).isFalse();
    }

    @Test
    void isRead_classifiesOperationsByVerb() {
        assertThat(ApiCallCounter.isRead("DescribeLoadBalancers")).isTrue();
        assertThat(ApiCallCounter.isRead("ListResourceRecordSets")).isTrue();
        assertThat(ApiCallCounter.isRead("GetChange")).isTrue();
        assertThat(ApiCallCounter.isRead("CreateListener")).isFalse();
        assertThat(ApiCallCounter.isRead("ChangeResourceRecordSets")).isFalse();
    }
}
