package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** The whole chain of the recipe, from a VPC with running instances to https://example.com, and back. */
@AwsEmulatorTest
class WholeChainIT {

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(2, 3, true).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.assertPolicyAllowsEveryCall(fx.spec().build());
        fx.close();
    }

    @Test
    void apply_onAFreshStack_convergesEveryResourceOfTheChain() {
        HttpsSetup spec = fx.spec()
                .loadBalancer(
                        lb -> lb.ipAddressType(IpAddressType.DUALSTACK).idleTimeout(java.time.Duration.ofSeconds(120)))
                .targets(t -> t.instanceIds(fx.network.instanceIds())
                        .port(8080)
                        .healthCheck(h -> h.path("/actuator/health")
                                .matcher("200-299")
                                .interval(java.time.Duration.ofSeconds(15)))
                        .deregistrationDelay(java.time.Duration.ofSeconds(30)))
                .build();

        ApplyResult result = fx.executor().apply(spec);

        Outputs out = result.outputs();
        assertThat(out.url()).isEqualTo("https://example.com");
        assertThat(out.loadBalancerDnsName()).isNotBlank();
        assertThat(out.targetGroupArn()).isNotBlank();
        assertThat(out.certificateArn()).isNotBlank();
        // what apply reports carries the ids of what it created
        java.util.Map<ResourceKind, String> created = new java.util.EnumMap<>(ResourceKind.class);
        result.changes().stream()
                .filter(c -> c.action() == ChangeAction.CREATE)
                .forEach(c -> created.put(c.kind(), c.id()));
        assertThat(created)
                .containsEntry(ResourceKind.LOAD_BALANCER, out.loadBalancerArn())
                .containsEntry(ResourceKind.TARGET_GROUP, out.targetGroupArn())
                .containsEntry(ResourceKind.CERTIFICATE, out.certificateArn());
        assertThat(created.get(ResourceKind.SECURITY_GROUP)).startsWith("sg-");
        assertThat(created.get(ResourceKind.HTTPS_LISTENER))
                .startsWith("arn:aws:elasticloadbalancing:")
                .contains(":listener/");
        assertThat(result.render()).contains(out.loadBalancerArn()).doesNotContain("arn: (known after apply)");
        // load balancer
        LoadBalancer lb = fx.elb
                .describeLoadBalancers(r -> r.loadBalancerArns(out.loadBalancerArn()))
                .loadBalancers()
                .get(0);
        assertThat(lb.loadBalancerName()).isEqualTo("shop-https");
        assertThat(lb.type()).isEqualTo(LoadBalancerTypeEnum.APPLICATION);
        assertThat(lb.scheme()).isEqualTo(LoadBalancerSchemeEnum.INTERNET_FACING);
        assertThat(lb.ipAddressTypeAsString()).isEqualTo("dualstack");
        assertThat(lb.availabilityZones())
                .extracting(z -> z.subnetId())
                .containsExactlyInAnyOrderElementsOf(
                        fx.network.publicSubnetIds().values());
        assertThat(elbAttributes(out.loadBalancerArn())).containsEntry("idle_timeout.timeout_seconds", "120");
        assertThat(elbTags(out.loadBalancerArn()))
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("team", "web");
        // security groups
        SecurityGroup albGroup = fx.ec2
                .describeSecurityGroups(r -> r.groupIds(lb.securityGroups()))
                .securityGroups()
                .get(0);
        assertThat(albGroup.groupName()).isEqualTo("shop-alb");
        assertThat(albGroup.ipPermissions()).anySatisfy(p -> {
            assertThat(p.fromPort()).isEqualTo(443);
            assertThat(p.ipRanges()).extracting(r -> r.cidrIp()).contains("0.0.0.0/0");
            assertThat(p.ipv6Ranges()).extracting(r -> r.cidrIpv6()).contains("::/0");
        });
        assertThat(albGroup.ipPermissions())
                .anySatisfy(p -> assertThat(p.fromPort()).isEqualTo(80));
        List<SecurityGroupRule> appRules = fx.ec2
                .describeSecurityGroupRules(r -> r.filters(Filter.builder()
                        .name("group-id")
                        .values(fx.network.appSecurityGroupId())
                        .build()))
                .securityGroupRules();
        assertThat(appRules).anySatisfy(rule -> {
            assertThat(rule.isEgress()).isFalse();
            assertThat(rule.fromPort()).isEqualTo(8080);
            assertThat(rule.referencedGroupInfo().groupId()).isEqualTo(albGroup.groupId());
        });
        // target group
        TargetGroup tg = fx.elb
                .describeTargetGroups(r -> r.targetGroupArns(out.targetGroupArn()))
                .targetGroups()
                .get(0);
        assertThat(tg.port()).isEqualTo(8080);
        assertThat(tg.protocol()).isEqualTo(ProtocolEnum.HTTP);
        assertThat(tg.vpcId()).isEqualTo(fx.network.vpcId());
        assertThat(tg.healthCheckPath()).isEqualTo("/actuator/health");
        assertThat(tg.matcher().httpCode()).isEqualTo("200-299");
        assertThat(tg.healthCheckIntervalSeconds()).isEqualTo(15);
        assertThat(tgAttributes(tg.targetGroupArn())).containsEntry("deregistration_delay.timeout_seconds", "30");
        assertThat(fx.elb
                        .describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                        .targetHealthDescriptions())
                .extracting(d -> d.target().id())
                .containsExactlyInAnyOrderElementsOf(fx.network.instanceIds());
        // listeners
        List<Listener> listeners = listeners(out.loadBalancerArn());
        assertThat(listeners).hasSize(2);
        Listener https = listener(listeners, 443);
        assertThat(https.protocol()).isEqualTo(ProtocolEnum.HTTPS);
        assertThat(https.sslPolicy()).isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY);
        assertThat(https.certificates().get(0).certificateArn()).isEqualTo(out.certificateArn());
        assertThat(https.defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.FORWARD);
        assertThat(https.defaultActions().get(0).targetGroupArn()).isEqualTo(tg.targetGroupArn());
        Listener http = listener(listeners, 80);
        assertThat(http.defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.REDIRECT);
        assertThat(http.defaultActions().get(0).redirectConfig().protocol()).isEqualTo("HTTPS");
        assertThat(http.defaultActions().get(0).redirectConfig().port()).isEqualTo("443");
        assertThat(http.defaultActions().get(0).redirectConfig().statusCodeAsString())
                .isEqualTo("HTTP_301");
        // alias records, A and AAAA for both names, plus ownership
        for (String name : List.of("example.com.", "www.example.com.")) {
            for (RRType type : List.of(RRType.A, RRType.AAAA)) {
                ResourceRecordSet record = record(name, type).orElseThrow(() -> new AssertionError(type + " " + name));
                assertThat(record.aliasTarget().hostedZoneId()).isEqualTo(lb.canonicalHostedZoneId());
                assertThat(record.aliasTarget().dnsName().toLowerCase())
                        .contains(lb.dnsName().toLowerCase());
                assertThat(record.aliasTarget().evaluateTargetHealth()).isTrue();
            }
            assertThat(record("_https-setup." + name, RRType.TXT)).isPresent();
        }
    }

    @Test
    void apply_twice_secondMakesZeroWrites_andPlanShowsAllUnchanged() {
        HttpsSetup spec = fx.spec().build();
        fx.executor().apply(spec);

        ApplyResult second = fx.executor().apply(spec);
        Plan plan = fx.executor().plan(spec);

        assertThat(second.apiCalls().writes()).isZero();
        assertThat(plan.hasChanges()).isFalse();
        assertThat(plan.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
        assertThat(plan.changes())
                .extracting(Change::kind)
                .contains(
                        ResourceKind.LOAD_BALANCER,
                        ResourceKind.TARGET_GROUP,
                        ResourceKind.HTTPS_LISTENER,
                        ResourceKind.HTTP_LISTENER,
                        ResourceKind.ALIAS_RECORD,
                        ResourceKind.SECURITY_GROUP);
    }

    @Test
    void drift_inListeners_isPlannedExactly_andRestoredWithOnlyTheNeededWrites() {
        HttpsSetup spec = fx.spec().build();
        ApplyResult first = fx.executor().apply(spec);
        List<Listener> listeners = listeners(first.outputs().loadBalancerArn());
        fx.elb.modifyListener(r -> r.listenerArn(listener(listeners, 443).listenerArn())
                .sslPolicy("ELBSecurityPolicy-TLS13-1-2-Res-2021-06"));
        fx.elb.deleteListener(r -> r.listenerArn(listener(listeners, 80).listenerArn()));

        Plan plan = fx.executor().plan(spec);
        ApplyResult fix = fx.executor().apply(spec);

        assertThat(plan.changes().stream().filter(c -> c.action().writes()).toList())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.UPDATE),
                        org.assertj.core.groups.Tuple.tuple(ResourceKind.HTTP_LISTENER, ChangeAction.CREATE));
        assertThat(fix.apiCalls().byOperation())
                .containsKeys("ElasticLoadBalancingV2:ModifyListener", "ElasticLoadBalancingV2:CreateListener");
        assertThat(fix.apiCalls().writes()).isEqualTo(2);
        assertThat(listener(listeners(first.outputs().loadBalancerArn()), 443).sslPolicy())
                .isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY);
        assertThat(fx.executor().apply(spec).apiCalls().writes()).isZero();
    }

    @Test
    void apply_whenHealthCheckPathChanges_modifiesOnlyTheTargetGroup() {
        fx.executor().apply(fx.spec().build());
        HttpsSetup changed = fx.spec()
                .targets(t ->
                        t.instanceIds(fx.network.instanceIds()).port(8080).healthCheck(h -> h.path("/actuator/health")))
                .build();

        ApplyResult result = fx.executor().apply(changed);

        assertThat(result.changes().stream().filter(c -> c.action().writes()).toList())
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.kind()).isEqualTo(ResourceKind.TARGET_GROUP);
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                });
        assertThat(result.apiCalls().writes()).isEqualTo(1);
        assertThat(fx.elb
                        .describeTargetGroups(
                                r -> r.targetGroupArns(result.outputs().targetGroupArn()))
                        .targetGroups()
                        .get(0)
                        .healthCheckPath())
                .isEqualTo("/actuator/health");
    }

    @Test
    void apply_whenAppPortChanges_replacesTheTargetGroup_switchesTheListener_andDeletesTheOldGroup() {
        ApplyResult first = fx.executor().apply(fx.spec().build());
        HttpsSetup changed = fx.spec()
                .targets(t -> t.instanceIds(fx.network.instanceIds()).port(9090).healthCheck(h -> h.path("/health")))
                .build();

        ApplyResult second = fx.executor().apply(changed);

        String oldArn = first.outputs().targetGroupArn();
        String newArn = second.outputs().targetGroupArn();
        assertThat(newArn).isNotEqualTo(oldArn);
        assertThatThrownBy(() -> fx.elb.describeTargetGroups(r -> r.targetGroupArns(oldArn)))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThat(fx.elb
                        .describeTargetGroups(r -> r.targetGroupArns(newArn))
                        .targetGroups()
                        .get(0)
                        .port())
                .isEqualTo(9090);
        assertThat(listener(listeners(second.outputs().loadBalancerArn()), 443)
                        .defaultActions()
                        .get(0)
                        .targetGroupArn())
                .isEqualTo(newArn);
        assertThat(fx.executor().apply(changed).apiCalls().writes()).isZero();
    }

    @Test
    void apply_whenInstancesAreAddedOrRemoved_registersAndDeregistersThem() {
        List<String> ids = fx.network.instanceIds();
        fx.executor()
                .apply(fx.spec()
                        .targets(t -> t.instanceIds(ids.get(0)).port(8080))
                        .build());

        ApplyResult added = fx.executor()
                .apply(fx.spec().targets(t -> t.instanceIds(ids).port(8080)).build());
        List<String> afterAdd = registered(added.outputs().targetGroupArn());
        ApplyResult removed = fx.executor()
                .apply(fx.spec()
                        .targets(t -> t.instanceIds(ids.get(1)).port(8080))
                        .build());

        assertThat(afterAdd).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(registered(removed.outputs().targetGroupArn())).containsExactly(ids.get(1));
        assertThat(removed.changes()).anySatisfy(c -> assertThat(c.kind()).isEqualTo(ResourceKind.TARGETS));
    }

    @Test
    void apply_whenForeignResourcesHoldTheNames_isAConflict_refusesWithoutWriting_andAdoptTakesThemOver() {
        String foreignLb = fx.elb
                .createLoadBalancer(r -> r.name("shop-https")
                        .subnets(fx.network.publicSubnetIds().values())
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .type(LoadBalancerTypeEnum.APPLICATION))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        fx.route53.changeResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)
                .changeBatch(b -> b.changes(c -> c.action("UPSERT")
                        .resourceRecordSet(s -> s.name("example.com.")
                                .type(RRType.A)
                                .ttl(300L)
                                .resourceRecords(v -> v.value("192.0.2.10"))))));
        HttpsSetup spec = fx.spec().build();
        ApiCallCounter calls = new ApiCallCounter();

        Plan plan = fx.executor().plan(spec);
        assertThatThrownBy(() -> fx.executor(calls).apply(spec))
                .isInstanceOf(ConflictException.class)
                .hasMessageContaining("adopt: true");

        assertThat(plan.conflicts())
                .extracting(Change::kind)
                .contains(ResourceKind.LOAD_BALANCER, ResourceKind.ALIAS_RECORD);
        assertThat(calls.snapshot().writes()).isZero();
        assertThat(elbTags(foreignLb)).doesNotContainKey("https-setup:stack");
        assertThat(record("example.com.", RRType.A)
                        .orElseThrow()
                        .resourceRecords()
                        .get(0)
                        .value())
                .isEqualTo("192.0.2.10");

        ApplyResult adopted = fx.executor().apply(spec.toBuilder().adopt(true).build());

        assertThat(adopted.outputs().loadBalancerArn()).isEqualTo(foreignLb);
        assertThat(elbTags(foreignLb)).containsEntry("https-setup:stack", "shop");
        assertThat(record("example.com.", RRType.A).orElseThrow().aliasTarget()).isNotNull();
    }

    @Test
    void apply_whenOnlyOneZoneHasAPublicSubnet_failsClearly_andWritesNothing(AwsEmulator aws) {
        fx.close();
        fx = new ReferenceWorld(aws).seed(1, 1, false).withZone();
        ApiCallCounter calls = new ApiCallCounter();

        assertThatThrownBy(() -> fx.executor(calls).apply(fx.spec().build()))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SUBNETS_INVALID))
                .hasMessageContaining(fx.network.instanceZone());
        assertThat(calls.snapshot().writes()).isZero();
    }

    @Test
    void destroy_removesEverythingOwned_leavesForeignResources_andIsANoOpTheSecondTime() {
        String foreignTg = fx.elb
                .createTargetGroup(r -> r.name("someone-elses")
                        .protocol(ProtocolEnum.HTTP)
                        .port(80)
                        .vpcId(fx.network.vpcId()))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        HttpsSetup spec = fx.spec().build();
        ApplyResult applied = fx.executor().apply(spec);

        DestroyResult destroyed = fx.executor().destroy(spec);
        DestroyResult again = fx.executor().destroy(spec);

        assertThat(destroyed.deleted())
                .extracting(Change::kind)
                .contains(
                        ResourceKind.ALIAS_RECORD,
                        ResourceKind.HTTPS_LISTENER,
                        ResourceKind.LOAD_BALANCER,
                        ResourceKind.TARGET_GROUP,
                        ResourceKind.SECURITY_GROUP,
                        ResourceKind.CERTIFICATE);
        assertThat(fx.elb.describeLoadBalancers().loadBalancers()).isEmpty();
        assertThat(fx.elb.describeTargetGroups().targetGroups())
                .extracting(TargetGroup::targetGroupArn)
                .containsExactly(foreignTg);
        assertThat(fx.acm.listCertificates().certificateSummaryList()).isEmpty();
        assertThat(fx.ec2
                        .describeSecurityGroups(r -> r.filters(Filter.builder()
                                .name("tag:https-setup:stack")
                                .values("shop")
                                .build()))
                        .securityGroups())
                .isEmpty();
        assertThat(fx.ec2
                        .describeSecurityGroupRules(r -> r.filters(Filter.builder()
                                .name("group-id")
                                .values(fx.network.appSecurityGroupId())
                                .build()))
                        .securityGroupRules())
                .noneSatisfy(rule -> assertThat(rule.fromPort()).isEqualTo(8080));
        // the validation CNAMEs stay: ACM uses them for every certificate of these names in the account
        assertThat(fx.route53
                        .listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId))
                        .resourceRecordSets())
                .filteredOn(set -> set.type() != RRType.CNAME || !set.name().startsWith("_"))
                .extracting(ResourceRecordSet::typeAsString)
                .containsOnly("NS", "SOA");
        assertThat(destroyed.kept()).anySatisfy(k -> assertThat(k).contains("hosted zone example.com"));
        assertThat(again.deleted()).isEmpty();
        assertThat(again.apiCalls().writes()).isZero();
        assertThat(applied.outputs().loadBalancerArn()).isNotNull();
    }

    @Test
    void apply_withHttpForward_theRecipesWay_andWithNone() {
        HttpsSetup forward = fx.spec().httpListener(HttpAction.FORWARD).build();
        ApplyResult applied = fx.executor().apply(forward);
        Listener http = listener(listeners(applied.outputs().loadBalancerArn()), 80);
        assertThat(http.defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.FORWARD);
        assertThat(http.defaultActions().get(0).targetGroupArn())
                .isEqualTo(applied.outputs().targetGroupArn());

        ApplyResult none =
                fx.executor().apply(fx.spec().httpListener(HttpAction.NONE).build());

        assertThat(listeners(none.outputs().loadBalancerArn()))
                .extracting(Listener::port)
                .containsExactly(443);
        assertThat(fx.executor()
                        .apply(fx.spec().httpListener(HttpAction.NONE).build())
                        .apiCalls()
                        .writes())
                .isZero();
    }

    // ---- reading AWS back ----

    private List<Listener> listeners(String lbArn) {
        return fx.elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners();
    }

    private static Listener listener(List<Listener> listeners, int port) {
        return listeners.stream()
                .filter(l -> l.port() == port)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no listener on " + port));
    }

    private List<String> registered(String tgArn) {
        return fx.elb.describeTargetHealth(r -> r.targetGroupArn(tgArn)).targetHealthDescriptions().stream()
                .filter(d -> d.targetHealth().stateAsString().matches("healthy|initial|unhealthy"))
                .map(d -> d.target().id())
                .toList();
    }

    private Map<String, String> elbAttributes(String arn) {
        return fx.elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }

    private Map<String, String> tgAttributes(String arn) {
        return fx.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(arn)).attributes().stream()
                .collect(Collectors.toMap(a -> a.key(), a -> a.value()));
    }

    private Map<String, String> elbTags(String arn) {
        return fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }

    private Optional<ResourceRecordSet> record(String name, RRType type) {
        return fx.route53.listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId)).resourceRecordSets().stream()
                .filter(r -> r.name().equalsIgnoreCase(name) && r.type() == type)
                .findFirst();
    }
}
