package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the printed policy limits resources (the enforcement itself is proven in {@link IamPolicyEnforcedIT}). */
class IamPolicyTest {

    private static HttpsSetup.Builder spec() {
        return ReferenceWorld.stack("eu-west-1", List.of("i-0123456789abcdef0"));
    }

    @Test
    void toJson_limitsLoadBalancerWritesToTheStacksNames_andLeavesReadsOnStar() {
        String json = IamPolicy.of(spec().build()).toJson();

        assertThat(json)
                .contains("\"Sid\": \"HttpsSetupElasticLoadBalancingLoadBalancer\"")
                .contains("\"Resource\": \"arn:aws:elasticloadbalancing:eu-west-1:*:loadbalancer/app/shop-https/*\"")
                .contains("\"Resource\": \"arn:aws:elasticloadbalancing:eu-west-1:*:listener/app/shop-https/*\"")
                .contains("\"Resource\": \"arn:aws:elasticloadbalancing:eu-west-1:*:targetgroup/shop-tg-*\"")
                .contains("\"Resource\": \"arn:aws:route53:::hostedzone/*\"")
                .contains("\"Resource\": \"arn:aws:route53:::change/*\"");
        int describe = json.indexOf("\"elasticloadbalancing:DescribeLoadBalancers\"");
        assertThat(json.substring(describe, json.indexOf('}', describe))).contains("\"Resource\": \"*\"");
        int create = json.indexOf("\"elasticloadbalancing:CreateLoadBalancer\"");
        assertThat(json.substring(create, json.indexOf('}', create))).contains("loadbalancer/app/shop-https/*");
    }

    @Test
    void toJson_withAGivenZoneIdAndLoadBalancerName_namesThem_andUsesThePartitionOfTheRegion() {
        String json = IamPolicy.of(spec().region("cn-north-1")
                        .domain(d -> d.name("example.com").hostedZone(z -> z.id("Z0123456789ABC")))
                        .loadBalancer(lb -> lb.name("web"))
                        .build())
                .toJson();

        assertThat(json)
                .contains("\"Resource\": \"arn:aws-cn:route53:::hostedzone/Z0123456789ABC\"")
                .contains("arn:aws-cn:elasticloadbalancing:cn-north-1:*:loadbalancer/app/web/*")
                .doesNotContain("shop-https");
    }

    @Test
    void toJson_everyActionIsInExactlyOneStatement() {
        IamPolicy policy = IamPolicy.of(spec().build());
        String json = policy.toJson();

        assertThat(policy.actions()).allSatisfy(action -> {
            String quoted = "\"" + action + "\"";
            assertThat(json.indexOf(quoted)).isNotNegative().isEqualTo(json.lastIndexOf(quoted));
        });
    }

    // ---- issue 15, TLS policy ----

    @Test
    void sslPolicy_otherThanTheDefault_addsDescribeSslPolicies_onStar_andTheDefaultDoesNot() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy chosen = IamPolicy.of(spec().httpsListener(h -> h.sslPolicy("ELBSecurityPolicy-TLS13-1-3-PQ-2025-09"))
                .build());

        assertThat(reference.allows("elasticloadbalancing:DescribeSSLPolicies")).isFalse();
        assertThat(chosen.allows("elasticloadbalancing:DescribeSSLPolicies")).isTrue();
        String json = chosen.toJson();
        int describe = json.indexOf("\"elasticloadbalancing:DescribeSSLPolicies\"");
        assertThat(json.substring(describe, json.indexOf('}', describe))).contains("\"Resource\": \"*\"");
    }

    @Test
    void iamPolicy_forARegistration_allowsTheZoneItCreatesAndTheReadsOfPlan() {
        IamPolicy policy = IamPolicy.of(spec().region("ap-northeast-2")
                .domain(d -> d.name("shop-demo.com")
                        .alternativeNames("www.shop-demo.com")
                        .registration(r -> r.durationInYears(2)
                                .contact(c -> c.firstName("Jane")
                                        .lastName("Doe")
                                        .email("jane@shop-demo.com")
                                        .phoneNumber("+1.2065550100")
                                        .addressLine1("1 Main St")
                                        .city("Seattle")
                                        .state("WA")
                                        .countryCode("US")
                                        .zipCode("98101"))))
                .build());

        assertThat(policy.allows("route53:CreateHostedZone")).isTrue();
        assertThat(policy.allows("route53domains:CheckDomainAvailability")).isTrue();
        assertThat(policy.allows("route53domains:ListOperations")).isTrue();
    }

    // ---- issue 15, readiness and pre-flight ----

    @Test
    void zoneCreate_allowsGetDomainDetail_forThePreflightOfTheDelegation_andTheReferenceStackDoesNot() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy creating =
                IamPolicy.of(spec().domain(d -> d.name("example.com").hostedZone(z -> z.create(true)))
                        .build());

        assertThat(reference.allows("route53domains:GetDomainDetail")).isFalse();
        assertThat(creating.allows("route53domains:GetDomainDetail")).isTrue();
        assertThat(reference.allows("elasticloadbalancing:DescribeTargetHealth"))
                .isTrue();
    }

    // ---- issue 15, who may connect ----

    @Test
    void autoScalingGroup_addsTheGroupReadAndTheAttachment_onStar_andTheReferenceStackDoesNot() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy withGroup =
                IamPolicy.of(spec().targets(t -> t.autoScalingGroup("shop-asg")).build());

        assertThat(reference.actions())
                .noneMatch(action -> action.startsWith("autoscaling:"))
                .doesNotContain("ec2:DescribeLaunchTemplateVersions");
        assertThat(withGroup.actions())
                .contains(
                        "autoscaling:DescribeAutoScalingGroups",
                        "autoscaling:DescribeLaunchConfigurations",
                        "ec2:DescribeLaunchTemplateVersions",
                        "autoscaling:AttachLoadBalancerTargetGroups",
                        "autoscaling:DetachLoadBalancerTargetGroups",
                        "elasticloadbalancing:RemoveTags");
        String json = withGroup.toJson();
        assertThat(json).contains("\"Sid\": \"HttpsSetupAutoScaling\"");
        int attach = json.indexOf("\"autoscaling:AttachLoadBalancerTargetGroups\"");
        assertThat(json.substring(attach, json.indexOf('}', attach))).contains("\"Resource\": \"*\"");
    }

    @Test
    void webAcl_addsTheAssociationAndItsLoadBalancerSide_andTheReferenceStackDoesNot() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy withAcl = IamPolicy.of(spec().loadBalancer(
                        l -> l.webAcl(
                                "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"))
                .build());

        assertThat(reference.actions())
                .noneMatch(action -> action.startsWith("wafv2:"))
                .doesNotContain("elasticloadbalancing:SetWebAcl");
        assertThat(withAcl.actions())
                .contains(
                        "wafv2:GetWebACL",
                        "wafv2:GetWebACLForResource",
                        "wafv2:AssociateWebACL",
                        "wafv2:DisassociateWebACL",
                        "elasticloadbalancing:SetWebAcl",
                        "elasticloadbalancing:RemoveTags");
        assertThat(withAcl.actions()).noneMatch(action -> action.matches("wafv2:(Create|Delete|Update)WebACL"));
    }

    @Test
    void accessLogs_readAnExistingBucket_andOnlyCreateManagesOne() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy existing = IamPolicy.of(spec().loadBalancer(l -> l.accessLogs(a -> a.bucket("shop-logs")))
                .build());
        IamPolicy created = IamPolicy.of(
                spec().loadBalancer(l -> l.accessLogs(a -> a.bucket("shop-logs").create(true)))
                        .build());

        assertThat(reference.actions()).noneMatch(action -> action.startsWith("s3:"));
        assertThat(existing.actions())
                .contains("s3:GetBucketLocation", "s3:GetBucketPolicy")
                .doesNotContain("s3:CreateBucket", "s3:PutBucketPolicy", "s3:DeleteBucket", "s3:DeleteObject");
        assertThat(created.actions())
                .contains(
                        "s3:GetBucketLocation",
                        "s3:GetBucketPolicy",
                        "s3:CreateBucket",
                        "s3:PutBucketTagging",
                        "s3:PutBucketPolicy",
                        "s3:DeleteBucket");
    }

    @Test
    void securityHeaders_needTheListenerAttributes_whichEveryStackCanReset() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy withHeaders =
                IamPolicy.of(spec().httpsListener(h -> h.securityHeaders(SecurityHeadersSpec.recommended()))
                        .build());

        assertThat(withHeaders.actions())
                .contains(
                        "elasticloadbalancing:DescribeListenerAttributes",
                        "elasticloadbalancing:ModifyListenerAttributes");
        assertThat(reference.actions())
                .as("a stack whose headers were removed resets them")
                .contains("elasticloadbalancing:ModifyListenerAttributes");
    }

    @Test
    void readiness_readsTargetHealth_withOrWithoutWaiting() {
        assertThat(IamPolicy.of(spec().build()).actions()).contains("elasticloadbalancing:DescribeTargetHealth");
        assertThat(IamPolicy.of(spec().targets(t ->
                                        t.instanceIds("i-0123456789abcdef0").waitUntilHealthy(false))
                                .build())
                        .actions())
                .contains("elasticloadbalancing:DescribeTargetHealth");
    }

    @Test
    void allowFrom_withAPrefixList_addsDescribeManagedPrefixLists_onStar_andCidrBlocksAloneDoNot() {
        IamPolicy reference = IamPolicy.of(spec().build());
        IamPolicy cidrs = IamPolicy.of(
                spec().loadBalancer(l -> l.allowFrom("203.0.113.0/24")).build());
        IamPolicy cloudfront =
                IamPolicy.of(spec().loadBalancer(l -> l.allowFrom("cloudfront")).build());
        IamPolicy byId = IamPolicy.of(spec().loadBalancer(l -> l.allowFrom("10.0.0.0/8", "pl-0123456789abcdef0"))
                .build());

        assertThat(reference.allows("ec2:DescribeManagedPrefixLists")).isFalse();
        assertThat(cidrs.allows("ec2:DescribeManagedPrefixLists")).isFalse();
        assertThat(cloudfront.allows("ec2:DescribeManagedPrefixLists")).isTrue();
        assertThat(byId.allows("ec2:DescribeManagedPrefixLists")).isTrue();
        String json = cloudfront.toJson();
        int describe = json.indexOf("\"ec2:DescribeManagedPrefixLists\"");
        assertThat(json.substring(describe, json.indexOf('}', describe))).contains("\"Resource\": \"*\"");
    }

    // ---- issue 14, sites ----

    @Test
    void of_withSites_addsTheRuleAndListenerCertificateActions_andAssumeRoleOnTheDnsRoleOnly() {
        HttpsSetup sites = HttpsSetup.builder()
                .stack("web")
                .region("eu-west-1")
                .site(
                        "shop",
                        s -> s.domain(d -> d.name("example.com")).targets(t -> t.instanceIds("i-0123456789abcdef0")))
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog.example.org")
                                        .hostedZone(z -> z.roleArn("arn:aws:iam::222233334444:role/dns")))
                                .targets(t -> t.instanceIds("i-0123456789abcdef0")))
                .build();

        IamPolicy policy = IamPolicy.of(sites);
        String json = policy.toJson();

        assertThat(policy.actions())
                .contains(
                        "elasticloadbalancing:DescribeRules",
                        "elasticloadbalancing:CreateRule",
                        "elasticloadbalancing:ModifyRule",
                        "elasticloadbalancing:DeleteRule",
                        "elasticloadbalancing:DescribeListenerCertificates",
                        "elasticloadbalancing:AddListenerCertificates",
                        "elasticloadbalancing:RemoveListenerCertificates",
                        "sts:AssumeRole");
        int assume = json.indexOf("\"sts:AssumeRole\"");
        assertThat(json.substring(assume, json.indexOf('}', assume)))
                .contains("\"Resource\": \"arn:aws:iam::222233334444:role/dns\"");
        assertThat(json).contains("arn:aws:elasticloadbalancing:eu-west-1:*:listener-rule/app/web-https/*");
    }

    @Test
    void of_theReferenceStack_hasNoSiteAction() {
        assertThat(IamPolicy.of(spec().build()).actions())
                .noneMatch(a -> a.startsWith("elasticloadbalancing:") && a.endsWith("Rule")
                        || a.equals("elasticloadbalancing:DescribeRules")
                        || a.contains("ListenerCertificates")
                        || a.startsWith("sts:"));
    }
}
