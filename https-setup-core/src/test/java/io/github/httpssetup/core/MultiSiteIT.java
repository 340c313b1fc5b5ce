package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Several sites on one load balancer, against the emulator: two sites in two zones (one in another account, reached
 * through a role), a route, then a third site added and removed, and destroy. One world for the whole story: each
 * phase starts from the previous one, as a user's stack would.
 */
@AwsEmulatorTest
class MultiSiteIT {

    private static final String STACK = "web";
    /** The emulator isolates accounts: credentials of a role in this account act in it. */
    private static final String DNS_ROLE = "arn:aws:iam::222233334444:role/dns";

    private static final String OTHER_DOMAIN = "example.org";

    private ReferenceWorld fx;
    private Route53Client otherAccount;
    private String otherZoneId;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(2, 3, false).withZone();
        Credentials role;
        try (StsClient sts = fx.aws.client(StsClient.builder())) {
            role = sts.assumeRole(r -> r.roleArn(DNS_ROLE).roleSessionName("test"))
                    .credentials();
        }
        otherAccount = fx.aws
                .withCredentials(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                .client(Route53Client.builder());
        otherZoneId = otherAccount
                .createHostedZone(r -> r.name(OTHER_DOMAIN).callerReference("test-" + System.nanoTime()))
                .hostedZone()
                .id()
                .replace("/hostedzone/", "");
    }

    @AfterEach
    void tearDown() {
        otherAccount.close();
        fx.close();
    }

    private HttpsSetup.Builder twoSites() {
        List<String> ids = fx.network.instanceIds();
        return HttpsSetup.builder()
                .stack(STACK)
                .region(ReferenceWorld.REGION)
                .site(
                        "shop",
                        s -> s.domain(d ->
                                        d.name(ReferenceWorld.DOMAIN).alternativeNames("www." + ReferenceWorld.DOMAIN))
                                .targets(t ->
                                        t.instanceIds(ids.get(0)).port(8080).healthCheck(h -> h.path("/health"))))
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog." + OTHER_DOMAIN).hostedZone(z -> z.roleArn(DNS_ROLE)))
                                .targets(t -> t.instanceIds(ids.get(1)).port(3000))
                                .addRoute(r -> r.paths("/api/*")
                                        .targets(t -> t.instanceIds(ids.get(0)).port(9000))))
                .defaultSite("shop");
    }

    private HttpsSetup.Builder threeSites() {
        List<String> ids = fx.network.instanceIds();
        return twoSites()
                .site(
                        "docs",
                        s -> s.domain(d -> d.name("docs." + ReferenceWorld.DOMAIN))
                                .targets(t -> t.instanceIds(ids.get(1)).port(8080)));
    }

    @Test
    void sites_shareOneLoadBalancer_convergeSiteBySite_andDestroyLeavesNothing() {
        // two sites in two zones: the plan announces what the apply then does, kind by kind
        Plan plan = fx.executor().plan(twoSites().build());
        ApplyResult created = fx.executor().apply(twoSites().build());
        assertThat(perKind(plan.changes())).as(plan.render()).isEqualTo(perKind(created.changes()));

        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).hasSize(1);
        Listener https = httpsListener();
        List<Certificate> certificates = fx.elb
                .describeListenerCertificates(r -> r.listenerArn(https.listenerArn()))
                .certificates();
        assertThat(certificates)
                .as("the default site's certificate and the other's for SNI")
                .hasSize(2);
        assertThat(certificates).filteredOn(Certificate::isDefault).hasSize(1);
        Map<String, String> forwards = rules(https);
        assertThat(forwards)
                .as("host rules for both sites and a path rule for the route")
                .containsOnlyKeys(
                        "host=[example.com, www.example.com]",
                        "host=[blog.example.org]",
                        "host=[blog.example.org] path=[/api/*]");
        assertThat(forwards.values()).as("each to its own target group").doesNotHaveDuplicates();
        assertThat(aliases(fx.route53, fx.zoneId)).containsExactlyInAnyOrder("example.com.", "www.example.com.");
        assertThat(aliases(otherAccount, otherZoneId)).containsExactly("blog.example.org.");
        assertThat(created.render()).contains("  site blog: https://blog.example.org");
        assertThat(created.outputs().siteUrls())
                .containsExactly(
                        Map.entry("shop", "https://example.com"), Map.entry("blog", "https://blog.example.org"));

        // converged: nothing to write
        ApplyResult again = fx.executor().apply(twoSites().build());
        assertThat(writes(again)).isEmpty();

        // a third site: only its parts change
        ApplyResult added = fx.executor().apply(threeSites().build());
        assertThat(writes(added))
                .isNotEmpty()
                .allSatisfy(c -> assertThat(c.name()).contains("docs"));
        assertThat(rules(httpsListener()))
                .containsKey("host=[docs.example.com]")
                .hasSize(4);
        assertThat(forwardsUnchanged(forwards, rules(httpsListener()))).isTrue();
        assertThat(fx.executor().apply(threeSites().build()).changes())
                .filteredOn(c -> c.action().writes())
                .isEmpty();

        // removed again: only its parts go
        ApplyResult removed = fx.executor().apply(twoSites().build());
        assertThat(writes(removed)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.name() + " " + c.reason() + " " + c.id()).contains("docs");
        });
        assertThat(rules(httpsListener())).isEqualTo(forwards);
        assertThat(aliases(fx.route53, fx.zoneId)).containsExactlyInAnyOrder("example.com.", "www.example.com.");
        assertThat(fx.acm.listCertificates().certificateSummaryList()).hasSize(2);
        assertThat(writes(fx.executor().apply(twoSites().build()))).isEmpty();

        // destroy
        fx.executor().destroy(twoSites().build());
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(aliases(fx.route53, fx.zoneId)).isEmpty();
        assertThat(aliases(otherAccount, otherZoneId)).isEmpty();
        fx.assertPolicyAllowsEveryCall(twoSites().build());
    }

    @Test
    void defaultSite_removedThenChanged_switchesTheListener_andDestroyFindsASiteGoneFromTheFileByItsRules() {
        fx.executor().apply(twoSites().build());
        String shopCertificate = defaultCertificate();

        // the same stack described without sites: refused before any write, by plan, apply and destroy alike
        HttpsSetup withoutSites = fx.spec().stack(STACK).build();
        ApiCallCounter counter = new ApiCallCounter();
        assertThatThrownBy(() -> fx.executor(counter).apply(withoutSites))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
                .hasMessageContaining("serves sites")
                .hasMessageContaining("single site is a valid sites mapping");
        assertThatThrownBy(() -> fx.executor(counter).destroy(withoutSites))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("Destroy it with the description that has its sites");
        assertThat(counter.snapshot().writes())
                .as("no write after either refusal")
                .isZero();
        assertThat(rules(httpsListener())).hasSize(3);
        assertThat(aliases(fx.route53, fx.zoneId)).containsExactlyInAnyOrder("example.com.", "www.example.com.");

        // no default site: unknown hosts get a 404; the first site's certificate stays the listener's default
        ApplyResult without = fx.executor().apply(twoSites().defaultSite(null).build());
        assertThat(writes(without))
                .singleElement()
                .satisfies(c -> assertThat(c.kind()).isEqualTo(ResourceKind.HTTPS_LISTENER));
        assertThat(httpsListener().defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.FIXED_RESPONSE);
        assertThat(writes(fx.executor().apply(twoSites().defaultSite(null).build())))
                .isEmpty();

        // blog is the default: its certificate becomes the listener's default, shop's is presented by SNI
        fx.executor().apply(twoSites().defaultSite("blog").build());
        Listener https = httpsListener();
        assertThat(defaultCertificate()).isNotEqualTo(shopCertificate);
        assertThat(fx.elb
                        .describeListenerCertificates(r -> r.listenerArn(https.listenerArn()))
                        .certificates())
                .filteredOn(c -> !c.isDefault())
                .extracting(Certificate::certificateArn)
                .contains(shopCertificate);
        assertThat(https.defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.FORWARD);
        assertThat(writes(fx.executor().apply(twoSites().defaultSite("blog").build())))
                .isEmpty();

        // destroy with blog gone from the file: its rules still name it, its zone and role, so it goes too
        HttpsSetup onlyShop = twoSites()
                .sites(Map.of("shop", twoSites().build().sites().get("shop")))
                .defaultSite("shop")
                .build();
        fx.executor().destroy(onlyShop);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(aliases(fx.route53, fx.zoneId)).isEmpty();
        assertThat(aliases(otherAccount, otherZoneId)).isEmpty();
    }

    @Test
    void aSingleSite_reachesItsZoneInAnotherAccountThroughTheRole_too() {
        HttpsSetup single = fx.spec()
                .domain(d -> d.name("shop." + OTHER_DOMAIN).hostedZone(z -> z.roleArn(DNS_ROLE)))
                .build();

        fx.executor().apply(single);
        assertThat(aliases(otherAccount, otherZoneId)).containsExactly("shop.example.org.");
        assertThat(writes(fx.executor().apply(single))).isEmpty();
        fx.executor().destroy(single);
        assertThat(aliases(otherAccount, otherZoneId)).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        fx.assertPolicyAllowsEveryCall(single);
    }

    @Test
    void aSingleSiteStack_movesToTheSitesForm_andDestroyLeavesNothing() {
        HttpsSetup single = fx.spec().stack(STACK).build();
        fx.executor().apply(single);
        String certificate = defaultCertificate();
        String singleGroup = fx.elb.describeTargetGroups().targetGroups().get(0).targetGroupArn();
        Map<String, String> pointing = aliasTargets();
        String loadBalancer = AliasName.of(
                fx.elb.describeLoadBalancers().loadBalancers().get(0).dnsName());
        assertThat(pointing)
                .isNotEmpty()
                .allSatisfy((name, target) -> assertThat(target).isEqualTo(loadBalancer));

        HttpsSetup asSites = HttpsSetup.builder()
                .stack(STACK)
                .region(ReferenceWorld.REGION)
                .site("shop", s -> s.domain(single.domain()).targets(single.targets()))
                .defaultSite("shop")
                .build();
        // plan shows what the site claims and what the single-site form leaves to delete
        Plan plan = fx.executor().plan(asSites);
        assertThat(plan.hasConflicts()).isFalse();
        assertThat(plan.changes())
                .anyMatch(c -> c.kind() == ResourceKind.CERTIFICATE
                        && c.action() == ChangeAction.UPDATE
                        && certificate.equals(c.id()))
                .noneMatch(c -> c.kind() == ResourceKind.CERTIFICATE && c.action() == ChangeAction.CREATE)
                .anyMatch(c -> c.kind() == ResourceKind.OWNERSHIP_RECORD && c.action() == ChangeAction.UPDATE)
                .anyMatch(c -> c.kind() == ResourceKind.TARGET_GROUP
                        && c.action() == ChangeAction.DELETE
                        && singleGroup.equals(c.id()))
                .noneMatch(
                        c -> c.kind() == ResourceKind.ALIAS_RECORD && c.action().writes());

        // after every call of the move, the names still point at the load balancer
        List<Map<String, String>> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                seen.add(aliasTargets());
            }
        };
        ApplyResult moved = fx.executor(watch).apply(asSites);
        assertThat(seen).isNotEmpty().allSatisfy(targets -> assertThat(targets).isEqualTo(pointing));
        assertThat(moved.changes())
                .noneMatch(c -> c.kind() == ResourceKind.CERTIFICATE && c.action() == ChangeAction.CREATE)
                .anyMatch(c -> c.kind() == ResourceKind.TARGET_GROUP
                        && c.action() == ChangeAction.DELETE
                        && singleGroup.equals(c.id()));
        // no new certificate: the stack's is the site's now
        assertThat(defaultCertificate()).isEqualTo(certificate);
        assertThat(fx.acm.listCertificates().certificateSummaryList())
                .extracting(s -> s.certificateArn())
                .containsExactly(certificate);
        assertThat(fx.acm
                        .listTagsForCertificate(r -> r.certificateArn(certificate))
                        .tags())
                .anyMatch(t -> HttpsSetup.OWNERSHIP_TAG.equals(t.key()) && (STACK + "/shop").equals(t.value()));
        assertThat(fx.elb
                        .describeTags(r -> r.resourceArns(httpsListener().listenerArn()))
                        .tagDescriptions()
                        .get(0)
                        .tags())
                .anyMatch(t -> "https-setup:sites".equals(t.key()) && "on".equals(t.value()));
        assertThat(writes(fx.executor().apply(asSites))).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups())
                .hasSize(1)
                .noneMatch(g -> g.targetGroupArn().equals(singleGroup));
        assertThat(fx.acm.listCertificates().certificateSummaryList()).hasSize(1);
        assertThat(aliasTargets()).isEqualTo(pointing);

        fx.executor().destroy(asSites);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(aliases(fx.route53, fx.zoneId)).isEmpty();
        fx.assertPolicyAllowsEveryCall(asSites); // the claim (AddTagsToCertificate) included
    }

    @Test
    void aSingleSiteStack_gainsASecondSite_inOneApply_keepingItsCertificateAndNames() {
        HttpsSetup single = fx.spec().stack(STACK).build();
        fx.executor().apply(single);
        String certificate = defaultCertificate();
        Map<String, String> pointing = aliasTargets();

        List<Map<String, String>> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                seen.add(aliasTargets());
            }
        };
        ApplyResult moved = fx.executor(watch).apply(twoSites().build());
        assertThat(seen).isNotEmpty().allSatisfy(targets -> assertThat(targets).isEqualTo(pointing));
        assertThat(moved.changes())
                .filteredOn(c -> c.kind() == ResourceKind.CERTIFICATE && c.action() == ChangeAction.CREATE)
                .singleElement()
                .satisfies(c -> assertThat(c.name()).startsWith("blog: "));
        assertThat(defaultCertificate()).isEqualTo(certificate);
        assertThat(fx.acm.listCertificates().certificateSummaryList()).hasSize(2);
        assertThat(aliases(otherAccount, otherZoneId)).hasSize(1);
        assertThat(writes(fx.executor().apply(twoSites().build()))).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).hasSize(3);

        fx.executor().destroy(twoSites().build());
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(aliases(fx.route53, fx.zoneId)).isEmpty();
        assertThat(aliases(otherAccount, otherZoneId)).isEmpty();
    }

    @Test
    void aSingleSiteStack_movesToASiteWithFewerNames_replacesItsCertificate_andDropsTheNameNoSiteHas() {
        HttpsSetup single = fx.spec().stack(STACK).build();
        fx.executor().apply(single);
        String oldCertificate = defaultCertificate();
        String apex = ReferenceWorld.DOMAIN + ".";
        String loadBalancer = AliasName.of(
                fx.elb.describeLoadBalancers().loadBalancers().get(0).dnsName());

        HttpsSetup asSites = HttpsSetup.builder()
                .stack(STACK)
                .region(ReferenceWorld.REGION)
                .site("shop", s -> s.domain(d -> d.name(ReferenceWorld.DOMAIN)).targets(single.targets()))
                .build();
        Plan plan = fx.executor().plan(asSites);
        assertThat(plan.hasConflicts()).isFalse();
        assertThat(plan.changes())
                .anyMatch(c -> c.kind() == ResourceKind.CERTIFICATE && c.action() == ChangeAction.CREATE)
                .anyMatch(c -> c.kind() == ResourceKind.CERTIFICATE
                        && c.action() == ChangeAction.DELETE
                        && oldCertificate.equals(c.id()))
                .anyMatch(c -> c.kind() == ResourceKind.ALIAS_RECORD
                        && c.action() == ChangeAction.DELETE
                        && c.name().contains("www." + ReferenceWorld.DOMAIN));

        List<String> apexTargets = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        ExecutionInterceptor watch = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                apexTargets.add(aliasTargets().get(apex));
            }
        };
        fx.executor(watch).apply(asSites);
        assertThat(apexTargets).isNotEmpty().allSatisfy(t -> assertThat(t).isEqualTo(loadBalancer));
        assertThat(aliasTargets()).containsOnlyKeys(apex);
        String newCertificate = defaultCertificate();
        assertThat(newCertificate).isNotEqualTo(oldCertificate);
        assertThat(fx.acm.listCertificates().certificateSummaryList())
                .extracting(s -> s.certificateArn())
                .containsExactly(newCertificate);
        assertThat(writes(fx.executor().apply(asSites))).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).hasSize(1);

        fx.executor().destroy(asSites);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups()).isEmpty();
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(aliases(fx.route53, fx.zoneId)).isEmpty();
    }

    /** The reference zone's A aliases: name → where they point (lower case, no trailing dot or dualstack.). */
    private Map<String, String> aliasTargets() {
        Map<String, String> targets = new TreeMap<>();
        fx.route53.listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)).resourceRecordSets().stream()
                .filter(s -> s.type() == RRType.A && s.aliasTarget() != null)
                .forEach(s -> targets.put(s.name(), AliasName.of(s.aliasTarget().dnsName())));
        return targets;
    }

    /** A DNS name as an alias compares: lower case, without a trailing dot or a leading {@code dualstack.}. */
    private static final class AliasName {
        static String of(String dnsName) {
            String n = dnsName.toLowerCase(java.util.Locale.ROOT);
            n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            return n.startsWith("dualstack.") ? n.substring("dualstack.".length()) : n;
        }
    }

    private String defaultCertificate() {
        return fx
                .elb
                .describeListenerCertificates(r -> r.listenerArn(httpsListener().listenerArn()))
                .certificates()
                .stream()
                .filter(Certificate::isDefault)
                .findFirst()
                .orElseThrow()
                .certificateArn();
    }

    private static Map<ResourceKind, Long> perKind(List<Change> changes) {
        Map<ResourceKind, Long> counts = new TreeMap<>();
        changes.stream().filter(c -> c.action().writes()).forEach(c -> counts.merge(c.kind(), 1L, Long::sum));
        return counts;
    }

    private static boolean forwardsUnchanged(Map<String, String> before, Map<String, String> after) {
        return before.entrySet().stream().allMatch(e -> e.getValue().equals(after.get(e.getKey())));
    }

    private static List<Change> writes(ApplyResult result) {
        return result.changes().stream().filter(c -> c.action().writes()).toList();
    }

    private Listener httpsListener() {
        String lb = fx.elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
        return fx.elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
                .filter(l -> l.protocol() == ProtocolEnum.HTTPS)
                .findFirst()
                .orElseThrow();
    }

    /** The listener's rules but the default one: their conditions → the target group they forward to. */
    private Map<String, String> rules(Listener listener) {
        Map<String, String> rules = new TreeMap<>();
        for (Rule rule :
                fx.elb.describeRules(r -> r.listenerArn(listener.listenerArn())).rules()) {
            if (Boolean.TRUE.equals(rule.isDefault())) {
                continue;
            }
            String conditions = rule.conditions().stream()
                    .sorted((a, b) -> a.field().compareTo(b.field()))
                    .map(MultiSiteIT::condition)
                    .collect(Collectors.joining(" "));
            rules.put(conditions, rule.actions().get(0).targetGroupArn());
        }
        return rules;
    }

    private static String condition(RuleCondition c) {
        List<String> values = "host-header".equals(c.field())
                ? c.hostHeaderConfig().values()
                : c.pathPatternConfig().values();
        return ("host-header".equals(c.field()) ? "host=" : "path=")
                + values.stream().sorted().toList();
    }

    private static List<String> aliases(Route53Client route53, String zoneId) {
        return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets().stream()
                .filter(s -> s.type() == RRType.A && s.aliasTarget() != null)
                .map(ResourceRecordSet::name)
                .toList();
    }
}
