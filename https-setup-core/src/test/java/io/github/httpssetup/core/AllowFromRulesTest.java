package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.internal.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 15, who may connect: what {@code build()} refuses in {@code loadBalancer.allowFrom} before any AWS call. */
class AllowFromRulesTest {

    private static final String PATH = "loadBalancer.allowFrom";

    private static HttpsSetup.Builder valid() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"));
    }

    /** The problems {@code build()} reports, as {@code path: message}; empty when it builds. */
    private static List<String> violations(java.util.function.Consumer<LoadBalancerSpec.Builder> loadBalancer) {
        try {
            valid().loadBalancer(loadBalancer).build();
            return List.of();
        } catch (InvalidSpecException e) {
            return e.violations().stream().map(Violation::toString).toList();
        }
    }

    @Test
    void theOptionIsOffByDefault() {
        assertThat(valid().build().loadBalancer().allowFrom()).isEmpty();
    }

    @Test
    void cidrBlocks_prefixListIds_andCloudfront_areValid() {
        assertThat(violations(l -> l.ipAddressType(IpAddressType.DUALSTACK)
                        .allowFrom(
                                "203.0.113.0/24",
                                "10.0.0.0/8",
                                "0.0.0.0/0",
                                "192.0.2.7/32",
                                "2001:db8::/32",
                                "::/0",
                                "pl-0123456789abcdef0",
                                "cloudfront")))
                .isEmpty();
    }

    @Test
    void aBlockWithHostBits_isRefused_withItsNetworkAddressSuggested() {
        assertThat(violations(l -> l.allowFrom("10.0.0.1/8")))
                .containsExactly(
                        PATH + "[0]: \"10.0.0.1/8\" has host"
                                + " bits set: the block's network address is 10.0.0.0/8; write that (a single address is 10.0.0.1/32)");
        assertThat(violations(l -> l.ipAddressType(IpAddressType.DUALSTACK).allowFrom("2001:DB8::1/32")))
                .containsExactly(PATH + "[0]: \"2001:DB8::1/32\" has host bits set: the block's network address is"
                        + " 2001:db8::/32; write that (a single address is 2001:db8::1/128)");
    }

    @Test
    void aMalformedBlock_orPrefixListId_orUnknownName_isRefusedAtItsIndex() {
        assertThat(violations(l -> l.allowFrom(
                        "10.0.0.0/8", "300.1.2.0/24", "10.0.0.0/33", "pl-xyz", "CloudFront.", "anywhere", " ")))
                .containsExactly(
                        PATH + "[1]: \"300.1.2.0/24\" is not a CIDR block: 300 is not an IPv4 address part (0-255,"
                                + " without leading zeros)",
                        PATH + "[2]: \"10.0.0.0/33\" is not a CIDR block: the prefix length /33 is not 0-32",
                        PATH + "[3]: \"pl-xyz\" is not a prefix list id: use \"pl-\" and 8 to 17 hexadecimal digits,"
                                + " such as \"pl-0123456789abcdef0\"",
                        PATH + "[4]: \"CloudFront.\" is not a CIDR block, a prefix list id or a known name: use a block"
                                + " such as \"203.0.113.0/24\" or \"2001:db8::/32\", a prefix list id such as"
                                + " \"pl-0123456789abcdef0\", or \"cloudfront\" (CloudFront's origin-facing servers);"
                                + " did you mean \"cloudfront\"?",
                        PATH + "[5]: \"anywhere\" is not a CIDR block, a prefix list id or a known name: use a block"
                                + " such as \"203.0.113.0/24\" or \"2001:db8::/32\", a prefix list id such as"
                                + " \"pl-0123456789abcdef0\", or \"cloudfront\" (CloudFront's origin-facing servers)",
                        PATH + "[6]: is empty; give a CIDR block, a prefix list id or cloudfront, or remove the entry");
    }

    @Test
    void aSourceListedTwice_evenWrittenDifferently_isRefused() {
        assertThat(violations(l -> l.ipAddressType(IpAddressType.DUALSTACK)
                        .allowFrom("cloudfront", "2001:db8::/32", "cloudfront", "2001:0DB8:0::/32")))
                .containsExactly(
                        PATH + "[2]: \"cloudfront\" is already listed at " + PATH + "[0]; remove one of them",
                        PATH + "[3]: \"2001:0DB8:0::/32\" (2001:db8::/32) is already listed at " + PATH
                                + "[1]; remove one of them");
    }

    @Test
    void anIpv6Block_onAnIpv4LoadBalancer_andAllowFromWithGivenGroups_areRefused() {
        assertThat(violations(l -> l.allowFrom("2001:db8::/32")))
                .containsExactly(PATH + "[0]: \"2001:db8::/32\" is an"
                        + " IPv6 block, but the load balancer answers on IPv4 only: set loadBalancer.ipAddressType: dualstack,"
                        + " or remove the entry");
        assertThat(violations(l -> l.securityGroups("sg-0123456789abcdef0").allowFrom("203.0.113.0/24")))
                .containsExactly(PATH + ": applies to the security group https-setup creates, but"
                        + " loadBalancer.securityGroups gives the groups: add the sources to those groups' inbound rules"
                        + " and remove allowFrom, or remove securityGroups");
    }

    @Test
    void cidr_canonicalForm_compressesTheLongestZeroRun_inLowerCase() {
        assertThat(Cidr.parse("2001:DB8:0:0:1:0:0:0/128").text()).isEqualTo("2001:db8:0:0:1::/128");
        assertThat(Cidr.parse("0:0:0:0:0:0:0:0/0").text()).isEqualTo("::/0");
        assertThat(Cidr.parse("fe80:0:0:0:0:0:0:0/10").text()).isEqualTo("fe80::/10");
        assertThat(Cidr.parse("192.0.2.0/24").ipv6()).isFalse();
    }
}
