package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ResourceKind;
import java.util.List;
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

        assertThat(Certificates.covers(names, "example.com")).isTrue();
        assertThat(Certificates.covers(names, "www.example.com")).isTrue();
        assertThat(Certificates.covers(names, "a.b.example.com")).isFalse();
        assertThat(Certificates.covers(Set.of("example.com"), "www.example.com")).isFalse();
    }

    @Test
    void isRead_classifiesOperationsByVerb() {
        assertThat(ApiCallCounter.isRead("DescribeLoadBalancers")).isTrue();
        assertThat(ApiCallCounter.isRead("ListResourceRecordSets")).isTrue();
        assertThat(ApiCallCounter.isRead("GetChange")).isTrue();
        assertThat(ApiCallCounter.isRead("CreateListener")).isFalse();
        assertThat(ApiCallCounter.isRead("ChangeResourceRecordSets")).isFalse();
    }

    @Test
    void withId_fillsTheIdAndTheKnownAfterApplyArn_only() {
        Change planned = new Change(ChangeAction.CREATE, ResourceKind.TARGET_GROUP, "shop-tg", null, List.of(
                new AttributeChange("port", null, "8080"),
                new AttributeChange("dnsName", null, AttributeChange.KNOWN_AFTER_APPLY),
                new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY)), "");

        Change done = Run.withId(planned, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1");

        assertThat(done.id()).isEqualTo("arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1");
        assertThat(done.attributes()).containsExactly(new AttributeChange("port", null, "8080"),
                new AttributeChange("dnsName", null, AttributeChange.KNOWN_AFTER_APPLY),
                new AttributeChange("arn", null, "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/shop-tg/1"));
        assertThat(Run.withId(planned, null)).isSameAs(planned);
    }
}
