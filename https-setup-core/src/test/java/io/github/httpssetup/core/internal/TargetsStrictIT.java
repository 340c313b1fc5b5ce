package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.core.Sleeper;
import io.github.httpssetup.core.TargetProtocol;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupNotFoundException;

/**
 * The load-balancer side of the chain under the strict emulator profile, where targets of a group no load
 * balancer uses stay {@code unused}, load balancers provision before they are active, and security groups stay
 * held for a while after their load balancer is deleted.
 */
@AwsEmulatorTest
class TargetsStrictIT {

    private static final String REGION = "ap-northeast-2";
    private static final String DOMAIN = "example.com";

    private ReferenceWorld w;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        w = new ReferenceWorld(emulator).seed(2, 2, false).withZone();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    /** The reference stack, apex only, on {@code port}. */
    private HttpsSetup.Builder spec(int port) {
        return w.spec()
                .domain(d -> d.name(DOMAIN))
                .targets(t -> t.instanceIds(w.network.instanceIds()).port(port).healthCheck(h -> h.path("/health")))
                .waitTimeout(Duration.ofSeconds(30));
    }

    private HttpsSetupExecutor executor() {
        return w.executor();
    }

    private Listener https(String loadBalancerArn) {
        return w.elb.describeListeners(r -> r.loadBalancerArn(loadBalancerArn)).listeners().stream()
                .filter(l -> l.port() == 443)
                .findFirst()
                .orElseThrow();
    }

    private String groupName(int port) {
        return TargetGroups.name("shop", TargetProtocol.HTTP, port, w.network.vpcId());
    }

    /** After a port change: the listener forwards to the new group alone, the old one is gone, a re-apply writes nothing. */
    private void assertSwitched(HttpsSetup changed, ApplyResult first, ApplyResult second) {
        String oldArn = first.outputs().targetGroupArn();
        String newArn = second.outputs().targetGroupArn();
        assertThat(newArn).isNotEqualTo(oldArn);
        assertThat(w.elb.describeTargetGroups(r -> r.targetGroupArns(newArn))
                        .targetGroups()
                        .get(0)
                        .targetGroupName())
                .isEqualTo(groupName(9090));
        List<Action> actions = https(first.outputs().loadBalancerArn()).defaultActions();
        assertThat(ListenerAction.forwardedGroups(actions)).containsExactly(newArn);
        assertThatThrownBy(() -> w.elb.describeTargetGroups(r -> r.targetGroupArns(oldArn)))
                .isInstanceOf(TargetGroupNotFoundException.class);
        assertThat(w.elb.describeTargetHealth(r -> r.targetGroupArn(newArn)).targetHealthDescriptions())
                .allSatisfy(d -> assertThat(d.targetHealth().stateAsString()).isEqualTo("healthy"))
                .hasSize(2);
        assertThat(executor().apply(changed).apiCalls().writes())
                .as("writes of a re-apply")
                .isZero();
    }

    // ---- defect 2: replacing the target group ----

    @Test
    void apply_whenPortChanges_andAwsKeepsUnusedTargetsUnused_completesTheReplacement() {
        ApplyResult first = executor().apply(spec(8080).build());
        HttpsSetup changed = spec(9090).build();

        ApplyResult second = executor().apply(changed);

        assertSwitched(changed, first, second);
        assertThat(w.events)
                .extracting(ProgressEvent::message)
                .anySatisfy(m -> assertThat(m).contains("with weight 0 while its targets pass their health checks"));
    }

    @Test
    void apply_afterARunStoppedWithTheListenerForwardingToBothGroups_finishesTheSwitch_andDeletesTheOldGroup() {
        ApplyResult first = executor().apply(spec(8080).build());
        String oldArn = first.outputs().targetGroupArn();
        String newArn = createOwnedGroup(9090);
        Listener listener = https(first.outputs().loadBalancerArn());
        w.elb.modifyListener(r ->
                r.listenerArn(listener.listenerArn()).defaultActions(ListenerAction.joining(List.of(oldArn), newArn)));
        HttpsSetup changed = spec(9090).build();

        Plan plan = executor().plan(changed);
        ApplyResult second = executor().apply(changed);

        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.HTTPS_LISTENER)
                .singleElement()
                .satisfies(c -> assertThat(c.reason()).contains("weight 0"));
        assertThat(plan.changes())
                .filteredOn(
                        c -> c.kind() == ResourceKind.TARGET_GROUP && c.action().writes())
                .extracting(Change::action)
                .containsExactly(ChangeAction.DELETE);
        assertThat(second.apiCalls().byOperation())
                .as("the weighted forward is not written again")
                .containsEntry("ElasticLoadBalancingV2:ModifyListener", 1);
        assertSwitched(changed, first, second);
    }

    @Test
    void apply_afterARunStoppedWithTheNewGroupCreatedButUnused_finishesTheReplacement() {
        ApplyResult first = executor().apply(spec(8080).build());
        createOwnedGroup(9090);
        HttpsSetup changed = spec(9090).build();

        ApplyResult second = executor().apply(changed);

        assertSwitched(changed, first, second);
    }

    /** What a stopped apply leaves behind: the new group, owned, with the instances registered on the new port. */
    private String createOwnedGroup(int port) {
        String arn = w.elb.createTargetGroup(r -> r.name(groupName(port))
                        .protocol(ProtocolEnum.HTTP)
                        .port(port)
                        .vpcId(w.network.vpcId())
                        .healthCheckPath("/health")
                        .tags(t -> t.key(HttpsSetup.OWNERSHIP_TAG).value("shop")))
                .targetGroups()
                .get(0)
                .targetGroupArn();
        w.elb.registerTargets(r -> r.targetGroupArn(arn)
                .targets(w.network.instanceIds().stream()
                        .map(id -> TargetDescription.builder().id(id).port(port).build())
                        .toList()));
        assertThat(w.elb.describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions())
                .as("strict profile: targets of a group no listener uses")
                .allSatisfy(d -> assertThat(d.targetHealth().reasonAsString()).isEqualTo("Target.NotInUse"));
        return arn;
    }

    // ---- defect 10: CertificateNotFound on the listener ----

    @Test
    void listener_whenElbDoesNotKnowTheCertificate_keepsRetryingForTheWaitTimeout_notForAFixedNumberOfAttempts() {
        ApplyResult first = executor().apply(spec(8080).build());
        HttpsSetup spec = spec(8080).waitTimeout(Duration.ofSeconds(3)).build();
        String unknown = "arn:aws:acm:" + REGION + ":123456789012:certificate/00000000-0000-0000-0000-000000000000";
        RetryConfig quick = RetryConfig.custom()
                .maxAttempts(2)
                .intervalFunction(
                        IntervalFunction.ofExponentialBackoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(400)))
                .failAfterMaxAttempts(false)
                .build();
        List<ProgressEvent> seen = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        try (AwsClients clients = Runs.clients(w.aws, spec)) {
            Run run = Runs.run(clients, spec, Run.Mode.APPLY, seen, Sleeper.system(), quick);
            States.LoadBalancer lb = new States.LoadBalancer(first.outputs().loadBalancerArn(), null, null);
            States.TargetGroup tg = new States.TargetGroup(first.outputs().targetGroupArn(), List.of());
            Listeners listeners = new Listeners(run);

            assertThatThrownBy(() -> listeners.convergeHttps(
                            new States.Certificate(unknown, List.of()), tg, lb, listeners.observe(lb.arn())))
                    .isInstanceOf(HttpsSetupException.class)
                    .hasMessageContaining("CertificateNotFound")
                    .satisfies(e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.AWS_ERROR));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .as("bounded by waitTimeout, not by 2 attempts")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(seen)
                .filteredOn(e -> e.type() == ProgressEvent.Type.RETRYING)
                .hasSizeGreaterThan(2);
    }

    // ---- item 17: names and reads AWS limits ----

    @Test
    void apply_withAStackNamedLikeASecurityGroupId_createsAGroupNameEc2Accepts() {
        HttpsSetup spec = spec(8080).stack("sg-shop").build();

        executor().apply(spec);

        assertThat(w.ec2.describeSecurityGroups(r -> r.filters(
                                f -> f.name("tag:" + HttpsSetup.OWNERSHIP_TAG).values("sg-shop")))
                        .securityGroups())
                .extracting(g -> g.groupName())
                .containsExactly("https-setup-sg-shop-alb");
        assertThat(executor().apply(spec).apiCalls().writes()).isZero();
        executor().destroy(spec);
        assertThat(w.ec2.describeSecurityGroups(r -> r.filters(
                                f -> f.name("tag:" + HttpsSetup.OWNERSHIP_TAG).values("sg-shop")))
                        .securityGroups())
                .as("destroy waited for the deleted load balancer to release the group")
                .isEmpty();
    }

    @Test
    void apply_whenTheLoadBalancerHasMoreThan20Listeners_readsTheirTags20ArnsAtATime() {
        ApplyResult first = executor().apply(spec(8080).build());
        String lbArn = first.outputs().loadBalancerArn();
        for (int port = 10000; port < 10021; port++) { // someone else's listeners, on other ports
            int p = port;
            w.elb.createListener(r -> r.loadBalancerArn(lbArn)
                    .protocol(ProtocolEnum.HTTP)
                    .port(p)
                    .defaultActions(
                            a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("404"))));
        }

        ApplyResult second = executor().apply(spec(8080).build());

        assertThat(second.apiCalls().writes()).isZero();
        assertThat(w.elb.describeListeners(r -> r.loadBalancerArn(lbArn)).listeners())
                .hasSize(23);
    }

    // ---- item 18: stopped instances selected by tags ----

    @Test
    void plan_whenAnInstanceWithTheTargetTagsIsStopped_selectsTheRunningOnes_andSaysWhichWereLeftOutAndWhy() {
        Ec2Fixture.stop(w.ec2, List.of(w.network.instanceIds().get(1)));
        HttpsSetup spec = spec(8080)
                .targets(t -> t.instanceTags(Map.of("app", "shop")).port(8080))
                .build();

        Plan plan = executor().plan(spec);

        String stopped = w.network.instanceIds().get(1);
        assertThat(plan.render()).contains("left out, not running: " + stopped + " (stopped)");
        assertThat(w.events)
                .filteredOn(e -> e.type() == ProgressEvent.Type.WARNING)
                .extracting(ProgressEvent::message)
                .anySatisfy(m -> assertThat(m).contains(stopped).contains("not running"));
        assertThat(plan.changes())
                .filteredOn(c -> c.kind() == ResourceKind.TARGETS && c.action() == ChangeAction.CREATE)
                .singleElement()
                .satisfies(c -> assertThat(c.attributes())
                        .extracting(a -> a.after())
                        .containsExactly(w.network.instanceIds().get(0) + ":8080"));

        ApplyResult applied = executor().apply(spec);
        assertThat(w.elb.describeTargetHealth(
                                r -> r.targetGroupArn(applied.outputs().targetGroupArn()))
                        .targetHealthDescriptions())
                .extracting(d -> d.target().id())
                .containsExactly(w.network.instanceIds().get(0));
    }

    @Test
    void plan_whenAnInstanceListedByIdIsStopped_failsNamingIt() {
        Ec2Fixture.stop(w.ec2, List.of(w.network.instanceIds().get(1)));

        assertThatThrownBy(() -> executor().plan(spec(8080).build()))
                .isInstanceOf(HttpsSetupException.class)
                .hasMessageContaining(w.network.instanceIds().get(1) + " is stopped")
                .satisfies(e -> assertThat(((HttpsSetupException) e).code()).isEqualTo(ErrorCode.TARGETS_INVALID));
    }

    static String describe(List<Change> changes) {
        return changes.stream().map(Change::toString).collect(Collectors.joining("\n"));
    }
}
