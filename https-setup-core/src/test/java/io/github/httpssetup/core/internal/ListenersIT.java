package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsListenerSpec;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum;

/** The listeners alone, against the emulator, on a load balancer, target group and certificate made through the SDK. */
@AwsEmulatorTest
class ListenersIT {

    private static final String REGION = "eu-west-1";
    private static final String OTHER_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06";

    private AwsEmulator aws;
    private Runs runs;
    private Ec2Client ec2;
    private ElasticLoadBalancingV2Client elb;
    private AcmClient acm;
    private Ec2World world;
    private States.LoadBalancer lb;
    private States.TargetGroup tg;
    private States.Certificate certificate;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        runs = new Runs(aws);
        ec2 = aws.client(Ec2Client.builder());
        elb = aws.client(ElasticLoadBalancingV2Client.builder());
        acm = aws.client(AcmClient.builder());
        world = Ec2Fixture.builder().build().seed(ec2);
        var created = elb.createLoadBalancer(r -> r.name("shop-https")
                        .subnets(world.publicSubnetIds().values())
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .tags(t -> t.key("https-setup:stack").value("shop")))
                .loadBalancers()
                .get(0);
        lb = new States.LoadBalancer(created.loadBalancerArn(), created.dnsName(), created.canonicalHostedZoneId());
        tg = new States.TargetGroup(targetGroup("shop-tg"), List.of());
        certificate = new States.Certificate(certificate("example.com"), List.of());
    }

    @AfterEach
    void tearDown() {
        ec2.close();
        elb.close();
        acm.close();
    }

    @Test
    void converge_onALoadBalancerWithoutListeners_createsHttpsAndRedirectingHttp_taggedForTheStack() {
        Outcome<Void> apply = converge(spec().build(), Run.Mode.APPLY);

        Listener https = listener(443);
        assertThat(https.protocol()).isEqualTo(ProtocolEnum.HTTPS);
        assertThat(https.certificates()).extracting(c -> c.certificateArn()).containsExactly(certificate.arn());
        assertThat(https.sslPolicy()).isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY);
        assertThat(https.defaultActions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionTypeEnum.FORWARD);
            assertThat(a.targetGroupArn()).isEqualTo(tg.arn());
        });
        Listener http = listener(80);
        assertThat(http.protocol()).isEqualTo(ProtocolEnum.HTTP);
        RedirectActionConfig redirect = http.defaultActions().get(0).redirectConfig();
        assertThat(redirect.protocol()).isEqualTo("HTTPS");
        assertThat(redirect.port()).isEqualTo("443");
        assertThat(redirect.statusCode()).isEqualTo(RedirectActionStatusCodeEnum.HTTP_301);
        assertThat(redirect.host()).isEqualTo("#{host}");
        assertThat(redirect.path()).isEqualTo("/#{path}");
        assertThat(redirect.query()).isEqualTo("#{query}");
        assertThat(tags(https.listenerArn()))
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("team", "web");
        assertThat(tags(http.listenerArn()))
                .containsEntry("https-setup:stack", "shop")
                .containsEntry("team", "web");
        assertThat(apply.changes())
                .extracting(Change::kind, Change::action, Change::name)
                .containsExactly(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.CREATE, "shop-https:443"),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.CREATE, "shop-https:80"));
        assertThat(apply.writesByOperation()).containsExactly(Map.entry("CreateListener", 2));
    }

    @Test
    void converge_twice_theSecondMakesZeroWrites_withOneDescribeListenersAndOneDescribeTags() {
        HttpsSetup spec = spec().build();
        converge(spec, Run.Mode.APPLY);

        Outcome<Void> second = converge(spec, Run.Mode.APPLY);

        assertThat(second.writes()).isZero();
        assertThat(second.readsByOperation())
                .containsExactlyInAnyOrderEntriesOf(Map.of("DescribeListeners", 1, "DescribeTags", 1));
        assertThat(second.changes())
                .extracting(Change::action)
                .containsOnly(ChangeAction.UNCHANGED)
                .hasSize(2);
    }

    @Test
    void drift_sslPolicyChangedAndHttpListenerDeleted_isPlannedAsExactlyThoseTwo_andApplyRestoresThem() {
        HttpsSetup spec = spec().build();
        converge(spec, Run.Mode.APPLY);
        elb.modifyListener(r -> r.listenerArn(listener(443).listenerArn()).sslPolicy(OTHER_POLICY));
        elb.deleteListener(r -> r.listenerArn(listener(80).listenerArn()));

        Outcome<Void> plan = converge(spec, Run.Mode.PLAN);
        Outcome<Void> apply = converge(spec, Run.Mode.APPLY);

        assertThat(plan.writes()).isZero();
        assertThat(plan.changes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.UPDATE),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.CREATE));
        assertThat(plan.changes().get(0).attributes())
                .containsExactly(new AttributeChange("sslPolicy", OTHER_POLICY, HttpsListenerSpec.DEFAULT_SSL_POLICY));
        assertThat(apply.writesByOperation())
                .containsOnly(Map.entry("ModifyListener", 1), Map.entry("CreateListener", 1));
        assertThat(listener(443).sslPolicy()).isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY);
        assertThat(listener(80).defaultActions().get(0).type()).isEqualTo(ActionTypeEnum.REDIRECT);
        assertThat(converge(spec, Run.Mode.APPLY).writes()).isZero();
    }

    @Test
    void converge_withHttpForward_forwardsPlainHttpToTheTargetGroup_theRecipesWay() {
        converge(spec().httpListener(HttpAction.REDIRECT).build(), Run.Mode.APPLY);

        Outcome<Void> forward = converge(spec().httpListener(HttpAction.FORWARD).build(), Run.Mode.APPLY);

        assertThat(listener(80).defaultActions()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(ActionTypeEnum.FORWARD);
            assertThat(a.targetGroupArn()).isEqualTo(tg.arn());
        });
        assertThat(forward.changes())
                .filteredOn(c -> c.kind() == ResourceKind.HTTP_LISTENER)
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
                    assertThat(c.attributes()).singleElement().satisfies(a -> {
                        assertThat(a.attribute()).isEqualTo("defaultAction");
                        assertThat(a.before()).isEqualTo("redirect (HTTP_301) to HTTPS port 443");
                        assertThat(a.after()).isEqualTo("forward to " + tg.arn());
                    });
                });
        assertThat(forward.writesByOperation()).containsExactly(Map.entry("ModifyListener", 1));
        assertThat(converge(spec().httpListener(HttpAction.FORWARD).build(), Run.Mode.APPLY)
                        .writes())
                .isZero();
    }

    @Test
    void converge_withHttpNone_deletesTheOwnedHttpListener_andLeavesAForeignOneOnAnotherPort() {
        converge(spec().build(), Run.Mode.APPLY);
        String foreign = elb.createListener(r -> r.loadBalancerArn(lb.arn())
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.arn())))
                .listeners()
                .get(0)
                .listenerArn();
        HttpsSetup none = spec().httpListener(HttpAction.NONE).build();

        Outcome<Void> apply = converge(none, Run.Mode.APPLY);

        assertThat(listeners()).extracting(Listener::port).containsExactlyInAnyOrder(443, 8080);
        assertThat(listeners()).extracting(Listener::listenerArn).contains(foreign);
        assertThat(apply.changes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.UNCHANGED),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.DELETE));
        assertThat(converge(none, Run.Mode.APPLY).writes()).isZero();
    }

    @Test
    void converge_whenCertificateAndTargetGroupAreReplaced_swapsBoth_theNewGroupJoiningAtWeightZeroFirst() {
        converge(spec().build(), Run.Mode.APPLY);
        String oldCertificate = certificate.arn();
        certificate = new States.Certificate(certificate("www.example.com"), List.of(oldCertificate));
        tg = new States.TargetGroup(targetGroup("shop-tg-2"), List.of(tg.arn()));

        Outcome<Void> apply = converge(spec().httpListener(HttpAction.FORWARD).build(), Run.Mode.APPLY);

        Listener https = listener(443);
        assertThat(https.certificates()).extracting(c -> c.certificateArn()).containsExactly(certificate.arn());
        assertThat(https.defaultActions().get(0).targetGroupArn()).isEqualTo(tg.arn());
        assertThat(listener(80).defaultActions().get(0).targetGroupArn()).isEqualTo(tg.arn());
        assertThat(apply.changes().get(0).attributes())
                .extracting(AttributeChange::attribute)
                .containsExactly("certificate", "defaultAction");
        assertThat(apply.changes().get(0).attributes().get(0).before()).isEqualTo(oldCertificate);
        // HTTP: redirect -> forward at once (it forwarded to no replaced group); HTTPS: weight 0 first, then the swap.
        assertThat(apply.writesByOperation()).containsExactly(Map.entry("ModifyListener", 3));
        assertThat(apply.changes().get(0).reason()).contains("weight 0");
    }

    @Test
    void plan_whenCertificateAndTargetGroupAreNotKnownYet_plansAnUpdateWithValuesKnownAfterApply() {
        converge(spec().build(), Run.Mode.APPLY);
        certificate = new States.Certificate(null, List.of(certificate.arn()));
        tg = new States.TargetGroup(null, List.of(tg.arn()));

        Outcome<Void> plan = converge(spec().build(), Run.Mode.PLAN);

        assertThat(plan.writes()).isZero();
        assertThat(plan.changes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.UPDATE),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.UNCHANGED));
        assertThat(plan.changes().get(0).attributes())
                .extracting(AttributeChange::after)
                .containsExactly(AttributeChange.KNOWN_AFTER_APPLY, "forward to " + AttributeChange.KNOWN_AFTER_APPLY);
    }

    @Test
    void plan_whenTheLoadBalancerIsNotCreatedYet_plansBothCreates_withoutCallingAws() {
        lb = new States.LoadBalancer(null, null, null);
        certificate = new States.Certificate(null, List.of());

        Outcome<Void> plan = converge(spec().build(), Run.Mode.PLAN);

        assertThat(plan.readsByOperation()).isEmpty();
        assertThat(plan.writes()).isZero();
        assertThat(plan.changes())
                .extracting(Change::kind, Change::action)
                .containsExactly(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.CREATE),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.CREATE));
        assertThat(plan.changes().get(0).attributes())
                .contains(
                        new AttributeChange("certificate", null, AttributeChange.KNOWN_AFTER_APPLY),
                        new AttributeChange("defaultAction", null, "forward to " + tg.arn()));
    }

    @Test
    void converge_whenAForeignListenerHoldsThePort_isAConflict_andWritesNothing_andAdoptTakesItOver() {
        String foreign = elb.createListener(r -> r.loadBalancerArn(lb.arn())
                        .protocol(ProtocolEnum.HTTPS)
                        .port(443)
                        .certificates(c -> c.certificateArn(certificate.arn()))
                        .sslPolicy(OTHER_POLICY)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.arn())))
                .listeners()
                .get(0)
                .listenerArn();
        HttpsSetup spec = spec().httpListener(HttpAction.NONE).build();

        Outcome<Void> refused = converge(spec, Run.Mode.APPLY);

        assertThat(refused.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.CONFLICT);
            assertThat(c.kind()).isEqualTo(ResourceKind.HTTPS_LISTENER);
            assertThat(c.id()).isEqualTo(foreign);
        });
        assertThat(refused.writes()).isZero();
        assertThat(listener(443).sslPolicy()).isEqualTo(OTHER_POLICY);

        Outcome<Void> adopted = converge(spec.toBuilder().adopt(true).build(), Run.Mode.APPLY);

        assertThat(adopted.changes()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo(ChangeAction.UPDATE);
            assertThat(c.reason()).contains("adopt");
        });
        assertThat(tags(foreign)).containsEntry("https-setup:stack", "shop");
        assertThat(listener(443).sslPolicy()).isEqualTo(HttpsListenerSpec.DEFAULT_SSL_POLICY);
        assertThat(adopted.writesByOperation()).containsOnly(Map.entry("AddTags", 1), Map.entry("ModifyListener", 1));
        assertThat(converge(spec, Run.Mode.APPLY).writes()).isZero();
    }

    @Test
    void converge_onAnotherHttpsPortAndPolicy_createsTheNewListener_andDeletesTheOldOwnedOne() {
        converge(spec().build(), Run.Mode.APPLY);
        HttpsSetup moved =
                spec().httpsListener(h -> h.port(8443).sslPolicy(OTHER_POLICY)).build();

        Outcome<Void> apply = converge(moved, Run.Mode.APPLY);

        assertThat(listeners()).extracting(Listener::port).containsExactlyInAnyOrder(8443, 80);
        assertThat(listener(8443).sslPolicy()).isEqualTo(OTHER_POLICY);
        assertThat(listener(80).defaultActions().get(0).redirectConfig().port()).isEqualTo("8443");
        assertThat(apply.changes())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.CREATE),
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.DELETE),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.UPDATE));
    }

    @Test
    void destroy_deletesTheOwnedListenersOnly() {
        converge(spec().build(), Run.Mode.APPLY);
        String foreign = elb.createListener(r -> r.loadBalancerArn(lb.arn())
                        .protocol(ProtocolEnum.HTTP)
                        .port(8080)
                        .defaultActions(a -> a.type(ActionTypeEnum.FORWARD).targetGroupArn(tg.arn())))
                .listeners()
                .get(0)
                .listenerArn();

        Outcome<Void> destroyed = destroy(spec().build());
        Outcome<Void> again = destroy(spec().build());

        assertThat(listeners()).extracting(Listener::listenerArn).containsExactly(foreign);
        assertThat(destroyed.changes())
                .extracting(Change::kind, Change::action)
                .containsExactlyInAnyOrder(
                        tuple(ResourceKind.HTTPS_LISTENER, ChangeAction.DELETE),
                        tuple(ResourceKind.HTTP_LISTENER, ChangeAction.DELETE));
        assertThat(again.writes()).isZero();
    }

    @Test
    void destroy_whenTheLoadBalancerIsNotOwned_leavesItsListeners() {
        converge(spec().build(), Run.Mode.APPLY);
        elb.removeTags(r -> r.resourceArns(lb.arn()).tagKeys("https-setup:stack"));

        Outcome<Void> destroyed = destroy(spec().build());

        assertThat(destroyed.writes()).isZero();
        assertThat(listeners()).hasSize(2);
    }

    @Test
    void destroy_whenDeletionProtectionIsOn_refusesBeforeDeletingAnyListener() {
        converge(spec().build(), Run.Mode.APPLY);
        elb.modifyLoadBalancerAttributes(r -> r.loadBalancerArn(lb.arn())
                .attributes(a -> a.key("deletion_protection.enabled").value("true")));

        assertThatThrownBy(() -> destroy(spec().build()))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining("loadBalancer.deletionProtection: false");
        assertThat(listeners()).hasSize(2);
    }

    // ---- helpers ----

    private Outcome<Void> converge(HttpsSetup spec, Run.Mode mode) {
        return runs.run(spec, mode, run -> new Listeners(run).converge(certificate, tg, lb));
    }

    private Outcome<Void> destroy(HttpsSetup spec) {
        return runs.run(spec, Run.Mode.DESTROY, run -> new Listeners(run).destroy());
    }

    private HttpsSetup.Builder spec() {
        return ReferenceWorld.stack(REGION, world.instanceIds());
    }

    private String targetGroup(String name) {
        return elb.createTargetGroup(
                        r -> r.name(name).protocol(ProtocolEnum.HTTP).port(8080).vpcId(world.vpcId()))
                .targetGroups()
                .get(0)
                .targetGroupArn();
    }

    /**
     * A certificate the load balancer accepts: ELB answers CertificateNotFound for a while after ACM issues one
     * (the strict profile does too), so a scratch listener is tried until it is accepted, then removed.
     */
    private String certificate(String name) {
        String arn = acm.requestCertificate(r -> r.domainName(name).validationMethod(ValidationMethod.DNS))
                .certificateArn();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                String probe = elb.createListener(r -> r.loadBalancerArn(lb.arn())
                                .protocol(ProtocolEnum.HTTPS)
                                .port(8443)
                                .certificates(c -> c.certificateArn(arn))
                                .defaultActions(a -> a.type(ActionTypeEnum.FIXED_RESPONSE)
                                        .fixedResponseConfig(f -> f.statusCode("200"))))
                        .listeners()
                        .get(0)
                        .listenerArn();
                elb.deleteListener(r -> r.listenerArn(probe));
                return arn;
            } catch (CertificateNotFoundException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(interrupted);
                }
            }
        }
    }

    private List<Listener> listeners() {
        return elb.describeListeners(r -> r.loadBalancerArn(lb.arn())).listeners();
    }

    private Listener listener(int port) {
        return listeners().stream()
                .filter(l -> l.port() == port)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no listener on port " + port));
    }

    private Map<String, String> tags(String arn) {
        return elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().get(0).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
    }
}
