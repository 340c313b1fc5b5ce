package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.IpAddressType;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/** The pure part of {@link SecurityGroups}: the rules it wants and how it reads rules back. */
class SecurityGroupsTest {

    @Test
    void albIngress_isHttpsAndHttpFromAnywhere_byDefault() {
        SecurityGroups groups =
                new SecurityGroups(TargetGroupsTest.plan(TargetGroupsTest.spec().build()));

        assertThat(groups.wantedAlbIngress())
                .extracting(Object::toString)
                .containsExactly("tcp 443 from 0.0.0.0/0", "tcp 80 from 0.0.0.0/0");
    }

    @Test
    void albIngress_withoutHttpListener_isHttpsOnly_andDualstackAddsIpv6() {
        SecurityGroups groups = new SecurityGroups(TargetGroupsTest.plan(TargetGroupsTest.spec()
                .httpListener(HttpAction.NONE)
                .httpsListener(l -> l.port(8443))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .build()));

        assertThat(groups.wantedAlbIngress())
                .extracting(Object::toString)
                .containsExactly("tcp 8443 from 0.0.0.0/0", "tcp 8443 from ::/0");
    }

    @Test
    void applicationPorts_addTheHealthCheckPortWhenItDiffers() {
        assertThat(new SecurityGroups(TargetGroupsTest.plan(TargetGroupsTest.spec()
                                .targets(t -> t.instanceIds("i-0123456789abcdef0")
                                        .port(8080)
                                        .healthCheck(h -> h.port(9000)))
                                .build()))
                        .applicationPorts())
                .containsExactly(8080, 9000);
        assertThat(new SecurityGroups(TargetGroupsTest.plan(TargetGroupsTest.spec()
                                .targets(t -> t.instanceIds("i-0123456789abcdef0")
                                        .port(8080)
                                        .healthCheck(h -> h.port(8080)))
                                .build()))
                        .applicationPorts())
                .containsExactly(8080);
    }

    @Test
    void ingress_readFromARule_equalsTheWantedOne_whateverItsSourceKind() {
        SecurityGroupRule fromGroup = SecurityGroupRule.builder()
                .ipProtocol("tcp")
                .fromPort(8080)
                .toPort(8080)
                .referencedGroupInfo(g -> g.groupId("sg-alb"))
                .build();
        SecurityGroupRule fromIpv6 = SecurityGroupRule.builder()
                .ipProtocol("tcp")
                .fromPort(443)
                .toPort(443)
                .cidrIpv6("::/0")
                .build();

        assertThat(SecurityGroups.Ingress.of(fromGroup)).isEqualTo(SecurityGroups.Ingress.tcp(8080, "sg-alb"));
        assertThat(SecurityGroups.Ingress.of(fromIpv6)).isEqualTo(SecurityGroups.Ingress.tcp(443, "::/0"));
        assertThat(SecurityGroups.Ingress.of(SecurityGroupRule.builder()
                        .ipProtocol("-1")
                        .cidrIpv4("10.0.0.0/8")
                        .build()))
                .hasToString("all traffic from 10.0.0.0/8");
    }

    @Test
    void admitsTcp_coversPortRangesAndAllTraffic() {
        assertThat(new SecurityGroups.Ingress("tcp", 400, 500, "").admitsTcp(443))
                .isTrue();
        assertThat(new SecurityGroups.Ingress("-1", -1, -1, "").admitsTcp(443)).isTrue();
        assertThat(new SecurityGroups.Ingress("tcp", 80, 80, "").admitsTcp(443)).isFalse();
        assertThat(new SecurityGroups.Ingress("udp", 443, 443, "").admitsTcp(443))
                .isFalse();
    }

    @Test
    void permission_putsTheSourceInTheRightList() {
        IpPermission group = SecurityGroups.Ingress.tcp(8080, "sg-alb").permission("d");
        IpPermission v6 = SecurityGroups.Ingress.tcp(443, "::/0").permission("d");
        IpPermission v4 = SecurityGroups.Ingress.tcp(443, "0.0.0.0/0").permission("d");

        assertThat(group.userIdGroupPairs())
                .singleElement()
                .satisfies(p -> assertThat(p.groupId()).isEqualTo("sg-alb"));
        assertThat(v6.ipv6Ranges())
                .singleElement()
                .satisfies(r -> assertThat(r.cidrIpv6()).isEqualTo("::/0"));
        assertThat(v4.ipRanges())
                .singleElement()
                .satisfies(r -> assertThat(r.cidrIp()).isEqualTo("0.0.0.0/0"));
        assertThat(v4.fromPort()).isEqualTo(443);
        assertThat(v4.toPort()).isEqualTo(443);
    }

    @Test
    void albGroupName_ofAStackNamedLikeAGroupId_doesNotStartWithSg() {
        assertThat(SecurityGroups.albGroupName("shop")).isEqualTo("shop-alb");
        assertThat(SecurityGroups.albGroupName("sg-shop")).isEqualTo("https-setup-sg-shop-alb");
    }
}
