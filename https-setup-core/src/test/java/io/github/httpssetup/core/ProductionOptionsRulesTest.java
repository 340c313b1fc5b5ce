package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The rules of the production options of issue 15 this file covers (web ACL, access logs, Auto Scaling group): each
 * bad value is refused by {@code build()}, before any AWS call, with its property path and how to fix it.
 */
class ProductionOptionsRulesTest {

    private static final String ACL =
            "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop/" + "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    private static HttpsSetup.Builder valid() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0abc1234def567890"));
    }

    private static HttpsSetup.Builder withLoadBalancer(Consumer<LoadBalancerSpec.Builder> change) {
        return valid().loadBalancer(change);
    }

    private static List<String> violations(HttpsSetup.Builder builder) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).as("build() should reject the description").isInstanceOf(InvalidSpecException.class);
        return ((InvalidSpecException) thrown)
                .violations().stream().map(Violation::toString).toList();
    }

    // ---- loadBalancer.webAcl ----

    @Test
    void build_withARegionalWebAclOfTheRegion_acceptsIt() {
        HttpsSetup setup = withLoadBalancer(lb -> lb.webAcl(" " + ACL + " ")).build();

        assertThat(setup.loadBalancer().webAcl()).contains(ACL);
        assertThat(valid().build().loadBalancer().webAcl()).as("off by default").isEmpty();
    }

    @Test
    void build_whenWebAclIsNotAWafv2Arn_saysWhatAnArnLooksLike() {
        assertThat(violations(withLoadBalancer(lb -> lb.webAcl("shop-acl"))))
                .singleElement()
                .asString()
                .startsWith("loadBalancer.webAcl: \"shop-acl\" is not a WAFv2 web ACL ARN: use one such as"
                        + " \"arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/");
        assertThat(violations(withLoadBalancer(
                        lb -> lb.webAcl("arn:aws:waf-regional:ap-northeast-2:123456789012:" + "webacl/a1b2c3d4"))))
                .singleElement()
                .asString()
                .contains("is not a WAFv2 web ACL ARN");
    }

    @Test
    void build_whenWebAclIsACloudFrontOne_asksForARegionalOne() {
        String global = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

        assertThat(violations(withLoadBalancer(lb -> lb.webAcl(global))))
                .containsExactly("loadBalancer.webAcl: \""
                        + global.substring(0, 61)
                        + "...\" is a CloudFront (global) web ACL; a load balancer takes a regional"
                        + " one: create the web ACL with scope REGIONAL in ap-northeast-2");
    }

    @Test
    void build_whenWebAclIsInAnotherRegion_namesBothRegions() {
        String other = ACL.replace("ap-northeast-2", "eu-west-1");

        assertThat(violations(withLoadBalancer(lb -> lb.webAcl(other))))
                .containsExactly("loadBalancer.webAcl: the web"
                        + " ACL is in \"eu-west-1\", not in the load balancer's region \"ap-northeast-2\": a load balancer"
                        + " takes a web ACL of its own region; give one from ap-northeast-2");
    }

    @Test
    void build_whenWebAclIsOfAnotherPartition_saysSo() {
        String china = ACL.replace("ap-northeast-2", "cn-north-1");

        assertThat(violations(valid().region("cn-north-1").loadBalancer(lb -> lb.webAcl(china))))
                .containsExactly("loadBalancer.webAcl: the web ACL's partition \"aws\" is not the region's"
                        + " (\"aws-cn\"): give the ARN as the WAF console shows it");
    }

    @Test
    void iamPolicy_withAWebAcl_allowsTheWafCallsAndSetWebAcl_andWithoutOneNoWafAction() {
        IamPolicy on = IamPolicy.of(withLoadBalancer(lb -> lb.webAcl(ACL)).build());
        IamPolicy off = IamPolicy.of(valid().build());

        assertThat(on.actions())
                .contains(
                        "wafv2:AssociateWebACL",
                        "wafv2:DisassociateWebACL",
                        "wafv2:GetWebACLForResource",
                        "wafv2:GetWebACL",
                        "elasticloadbalancing:SetWebAcl",
                        "elasticloadbalancing:RemoveTags");
        assertThat(off.actions())
                .noneMatch(a -> a.startsWith("wafv2:"))
                .doesNotContain("elasticloadbalancing:SetWebAcl");
        assertThat(on.toJson())
                .contains("\"elasticloadbalancing:SetWebAcl\"")
                .contains("arn:aws:elasticloadbalancing:ap-northeast-2:*:loadbalancer/app/shop-https/*");
    }

    // ---- loadBalancer.accessLogs ----

    @Test
    void build_withABucketAndPrefix_acceptsThem_andAccessLogsAreOffByDefault() {
        HttpsSetup setup = withLoadBalancer(lb -> lb.accessLogs(
                        l -> l.bucket("shop-alb-logs").prefix("prod/shop").create(true)))
                .build();

        assertThat(setup.loadBalancer().accessLogs()).hasValueSatisfying(l -> {
            assertThat(l.bucket()).isEqualTo("shop-alb-logs");
            assertThat(l.prefix()).contains("prod/shop");
            assertThat(l.create()).isTrue();
        });
        assertThat(valid().build().loadBalancer().accessLogs()).isEmpty();
    }

    @Test
    void build_whenTheBucketIsMissingOrNotABucketName_saysWhatIsAllowed() {
        assertThat(violations(withLoadBalancer(lb -> lb.accessLogs(l -> l.prefix("prod")))))
                .containsExactly(
                        "loadBalancer.accessLogs.bucket: is required; give the S3 bucket the logs go to (with create: true to"
                                + " have it created)");
        for (String bad :
                List.of("Shop_Logs", "ab", "shop..logs", "192.168.1.1", "-shop", "xn--shop", "shop-s3alias")) {
            assertThat(violations(withLoadBalancer(lb -> lb.accessLogs(l -> l.bucket(bad)))))
                    .as(bad)
                    .containsExactly("loadBalancer.accessLogs.bucket: \"" + bad
                            + "\" is not an S3 bucket name: use 3-63 lower-case"
                            + " letters, digits, hyphens and dots, starting and ending with a letter or digit, such as"
                            + " \"shop-alb-logs\"");
        }
    }

    @Test
    void build_whenThePrefixHoldsAWSLogsOrSlashesAtItsEnds_saysHowToWriteIt() {
        assertThat(violations(withLoadBalancer(
                        lb -> lb.accessLogs(l -> l.bucket("logs-1").prefix("x/AWSLogs")))))
                .containsExactly("loadBalancer.accessLogs.prefix: \"x/AWSLogs\" contains \"AWSLogs\", which ELB adds"
                        + " after the prefix itself; choose a prefix without it");
        assertThat(violations(withLoadBalancer(
                        lb -> lb.accessLogs(l -> l.bucket("logs-1").prefix("/prod/")))))
                .containsExactly("loadBalancer.accessLogs.prefix: \"/prod/\" starts or ends with \"/\"; ELB adds the"
                        + " slashes: write it without them, such as \"prod/shop\"");
        assertThat(violations(withLoadBalancer(
                        lb -> lb.accessLogs(l -> l.bucket("logs-1").prefix("a b")))))
                .singleElement()
                .asString()
                .contains("is not a key prefix ELB takes");
    }

    @Test
    void iamPolicy_withAccessLogs_allowsTheBucketChecks_andWithCreateTheBucketsLifecycle() {
        IamPolicy existing = IamPolicy.of(
                withLoadBalancer(lb -> lb.accessLogs(l -> l.bucket("logs-1"))).build());
        IamPolicy created = IamPolicy.of(
                withLoadBalancer(lb -> lb.accessLogs(l -> l.bucket("logs-1").create(true)))
                        .build());

        assertThat(existing.actions())
                .contains("s3:GetBucketLocation", "s3:GetBucketPolicy")
                .doesNotContain("s3:CreateBucket", "s3:PutBucketPolicy", "s3:DeleteBucket");
        assertThat(created.actions())
                .contains(
                        "s3:CreateBucket",
                        "s3:PutBucketTagging",
                        "s3:PutBucketPolicy",
                        "s3:GetBucketTagging",
                        "s3:ListBucket",
                        "s3:DeleteObject",
                        "s3:DeleteBucket",
                        "elasticloadbalancing:RemoveTags");
        assertThat(IamPolicy.of(valid().build()).actions()).noneMatch(a -> a.startsWith("s3:"));
    }
}
