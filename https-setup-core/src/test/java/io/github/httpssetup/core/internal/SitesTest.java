package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SitesTest {

    private static States.Targets targets(String vpc, String instance, String zone) {
        return new States.Targets(
                vpc,
                List.of(instance),
                Map.of(instance, zone),
                Map.of(instance, "subnet-" + zone),
                Set.of("sg-" + instance));
    }

    @Test
    void merge_ofTheSitesTargets_coversEveryInstanceZoneAndGroup() {
        States.Targets merged = Sites.merge(List.of(
                targets("vpc-1", "i-0000000a", "a"),
                targets("vpc-1", "i-0000000b", "b"),
                targets("vpc-1", "i-0000000a", "a")));

        assertThat(merged.vpcId()).isEqualTo("vpc-1");
        assertThat(merged.instanceIds()).containsExactly("i-0000000a", "i-0000000b");
        assertThat(merged.instanceZones()).containsOnlyKeys("i-0000000a", "i-0000000b");
        assertThat(merged.instanceSecurityGroupIds()).containsExactly("sg-i-0000000a", "sg-i-0000000b");
    }

    @Test
    void merge_ofTargetsInTwoVpcs_isRefusedSayingThatOneLoadBalancerReachesOneVpc() {
        assertThatThrownBy(() ->
                        Sites.merge(List.of(targets("vpc-1", "i-0000000a", "a"), targets("vpc-2", "i-0000000b", "b"))))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TARGETS_INVALID))
                .hasMessageContaining("vpc-1 and vpc-2");
    }

    @Test
    void siteIndex_ordersChangesByTheirSite_theStacksOwnFirst() {
        List<String> sites = List.of("shop", "blog", "docs");

        assertThat(Run.siteIndex("shop-https", sites)).isEqualTo(-1);
        assertThat(Run.siteIndex("shop: example.com", sites)).isZero();
        assertThat(Run.siteIndex("blog/route-0: web-tg-abc123", sites)).isEqualTo(1);
        assertThat(Run.siteIndex("blog/host-0 (priority 25002)", sites)).isEqualTo(1);
        assertThat(Run.siteIndex("docs: docs.example.com", sites)).isEqualTo(2);
        assertThat(Run.siteIndex("sg-0123456789abcdef0: tcp 8080 from web-alb", sites))
                .isEqualTo(-1);
    }

    @Test
    void notFound_isReadBackFromAwsAsTheSameAction() {
        ListenerAction notFound = ListenerAction.notFound();

        assertThat(notFound.matches(List.of(notFound.toAws()))).isTrue();
        assertThat(ListenerAction.forward("arn:tg").matches(List.of(notFound.toAws())))
                .isFalse();
        assertThat(notFound).hasToString("fixed response 404");
    }
}
