package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class AliasRecordsTest {

    private static final States.LoadBalancer LB = new States.LoadBalancer(
            "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/shop-https/0123456789abcdef",
            "Shop-HTTPS-1.eu-west-1.elb.amazonaws.com",
            "Z32O12XQLNTSW2");

    @Test
    void of_pointsAtTheDualstackNameInLowerCase() {
        AliasRecords.Alias alias = AliasRecords.Alias.of(LB, true);

        assertThat(alias.dnsName()).isEqualTo("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com");
        assertThat(alias.hostedZoneId()).isEqualTo("Z32O12XQLNTSW2");
        assertThat(alias.known()).isTrue();
    }

    @Test
    void matches_ignoresCaseTheTrailingDotAndALeadingDualstack() {
        AliasRecords.Alias alias = AliasRecords.Alias.of(LB, true);

        assertThat(alias.matches(target("shop-https-1.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2", true)))
                .isTrue();
        assertThat(alias.matches(target("DUALSTACK.Shop-HTTPS-1.eu-west-1.elb.amazonaws.com.", "z32o12xqlntsw2", true)))
                .isTrue();
    }

    @Test
    void matches_whenTheLoadBalancerZoneOrTargetHealthDiffer_isFalse() {
        AliasRecords.Alias alias = AliasRecords.Alias.of(LB, true);

        assertThat(alias.matches(target("dualstack.other-1.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2", true)))
                .isFalse();
        assertThat(alias.matches(target("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com", "Z2P70J7EXAMPLE", true)))
                .isFalse();
        assertThat(alias.matches(target("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2", false)))
                .isFalse();
        assertThat(alias.matches(null)).isFalse();
    }

    @Test
    void of_whenTheLoadBalancerIsNotCreatedYet_isUnknown_andMatchesNothing() {
        AliasRecords.Alias alias = AliasRecords.Alias.of(new States.LoadBalancer(null, null, null), true);

        assertThat(alias.known()).isFalse();
        assertThat(alias.describeTarget()).isEqualTo("(known after apply)");
        assertThat(alias.matches(target("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com", "Z32O12XQLNTSW2", true)))
                .isFalse();
    }

    @Test
    void recordSet_isAnAbsoluteLowerCaseAliasRecord() {
        ResourceRecordSet set = AliasRecords.Alias.of(LB, false).recordSet("WWW.Example.com", RRType.AAAA);

        assertThat(set.name()).isEqualTo("www.example.com.");
        assertThat(set.type()).isEqualTo(RRType.AAAA);
        assertThat(set.ttl()).isNull();
        assertThat(set.aliasTarget().evaluateTargetHealth()).isFalse();
        assertThat(set.aliasTarget().dnsName()).isEqualTo("dualstack.shop-https-1.eu-west-1.elb.amazonaws.com");
    }

    private static AliasTarget target(String dnsName, String zone, boolean evaluate) {
        return AliasTarget.builder()
                .dnsName(dnsName)
                .hostedZoneId(zone)
                .evaluateTargetHealth(evaluate)
                .build();
    }
}
