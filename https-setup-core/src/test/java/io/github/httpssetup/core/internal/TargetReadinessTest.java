package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.internal.TargetReadiness.Context;
import io.github.httpssetup.core.internal.TargetReadiness.Target;
import io.github.httpssetup.core.internal.TargetReadiness.Verdict;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What each of ELB's target states and reason codes means for readiness, and what the user is told to check. */
class TargetReadinessTest {

    private static final Context CONTEXT =
            new Context(8080, "traffic-port", "/health", "200", Set.of("sg-app"), List.of("sg-alb"), "ap-northeast-2a");

    private static Target target(String state, String reason) {
        return new Target("i-0abc", state, reason, null);
    }

    @Test
    void verdict_healthyServes_initialWaits_unhealthyFails_leavingTargetsDoNotCount() {
        assertThat(TargetReadiness.verdict(target("healthy", null), true)).isEqualTo(Verdict.READY);
        assertThat(TargetReadiness.verdict(target("initial", "Elb.RegistrationInProgress"), true))
                .isEqualTo(Verdict.PENDING);
        assertThat(TargetReadiness.verdict(target("initial", "Elb.InitialHealthChecking"), true))
                .isEqualTo(Verdict.PENDING);
        for (String reason : List.of(
                "Target.FailedHealthChecks", "Target.Timeout", "Target.ResponseCodeMismatch", "Elb.InternalError")) {
            assertThat(TargetReadiness.verdict(target("unhealthy", reason), false))
                    .as(reason)
                    .isEqualTo(Verdict.FAILED);
        }
        assertThat(TargetReadiness.verdict(target("unavailable", "Target.HealthCheckDisabled"), false))
                .isEqualTo(Verdict.FAILED);
        assertThat(TargetReadiness.verdict(target("unused", "Target.InvalidState"), false))
                .isEqualTo(Verdict.FAILED);
        assertThat(TargetReadiness.verdict(target("unused", "Target.IpUnusable"), false))
                .isEqualTo(Verdict.FAILED);
        assertThat(TargetReadiness.verdict(target("draining", "Target.DeregistrationInProgress"), true))
                .isEqualTo(Verdict.LEAVING);
        assertThat(TargetReadiness.verdict(target("unused", "Target.NotRegistered"), true))
                .isEqualTo(Verdict.LEAVING);
        assertThat(TargetReadiness.verdict(target("unhealthy.draining", "Target.Timeout"), true))
                .isEqualTo(Verdict.LEAVING);
    }

    @Test
    void verdict_unusedIsAWaitRightAfterAChange_andAFailureOnASettledStack() {
        Target unused = target("unused", "Target.NotInUse");

        assertThat(TargetReadiness.verdict(unused, false)).isEqualTo(Verdict.PENDING);
        assertThat(TargetReadiness.verdict(unused, true)).isEqualTo(Verdict.FAILED);
    }

    @Test
    void hint_failedHealthChecks_namesThePortThePathAndBothSecurityGroups() {
        String hint = TargetReadiness.hint(target("unhealthy", "Target.FailedHealthChecks"), CONTEXT);

        assertThat(hint)
                .contains("port 8080 at path /health")
                .contains("0.0.0.0:8080")
                .contains("security group sg-app must allow port 8080 from the load balancer's group [sg-alb]");
    }

    @Test
    void hint_responseCodeMismatch_namesTheMatcherAndTheKeysToChange() {
        String line = TargetReadiness.describe(
                new Target(
                        "i-0abc",
                        "unhealthy",
                        "Target.ResponseCodeMismatch",
                        "Health checks failed with these codes: [404]"),
                CONTEXT);

        assertThat(line)
                .startsWith("i-0abc is unhealthy (Target.ResponseCodeMismatch): Health checks failed with these codes:"
                        + " [404]. ")
                .contains("outside the matcher 200")
                .contains("targets.healthCheck.path or targets.healthCheck.matcher");
    }

    @Test
    void hint_theHealthCheckPortWhenItIsNotTheTrafficPort() {
        Context own = new Context(8080, "9091", "/health", "200", Set.of(), List.of(), null);

        assertThat(TargetReadiness.hint(target("unhealthy", "Target.Timeout"), own))
                .contains("port 9091")
                .contains("the instance's security group must allow port 9091 from the load balancer's security group");
    }

    @Test
    void hint_forEveryOtherReason_saysWhatToDo() {
        assertThat(TargetReadiness.hint(target("unused", "Target.NotInUse"), CONTEXT))
                .contains("ap-northeast-2a")
                .contains("loadBalancer.subnets");
        assertThat(TargetReadiness.hint(target("unused", "Target.InvalidState"), CONTEXT))
                .contains("stopped or terminated");
        assertThat(TargetReadiness.hint(target("unhealthy", "Elb.InternalError"), CONTEXT))
                .contains("run apply again");
        assertThat(TargetReadiness.hint(target("unused", "Target.IpUnusable"), CONTEXT))
                .contains("IP address");
        assertThat(TargetReadiness.hint(target("unavailable", "Target.HealthCheckDisabled"), CONTEXT))
                .contains("Health checks are off");
        assertThat(TargetReadiness.hint(target("initial", "Elb.InitialHealthChecking"), CONTEXT))
                .contains("healthyThreshold");
    }

    @Test
    void outcome_servesOnlyWhenNoTargetIsPendingOrFailed() {
        var serving = TargetReadiness.outcome(
                List.of(
                        target("healthy", null),
                        new Target("i-0old", "draining", "Target.DeregistrationInProgress", null)),
                List.of("i-0abc"),
                true);
        var waiting = TargetReadiness.outcome(
                List.of(target("healthy", null), target("initial", "Elb.RegistrationInProgress")),
                List.of("i-0abc"),
                false);
        var notListedYet =
                TargetReadiness.outcome(List.of(target("healthy", null)), List.of("i-0abc", "i-0new"), false);

        assertThat(serving.serves()).isTrue();
        assertThat(serving.ready()).hasSize(1);
        assertThat(waiting.serves()).isFalse();
        assertThat(waiting.pending()).hasSize(1);
        assertThat(notListedYet.serves()).isFalse();
        assertThat(notListedYet.pending()).extracting(Target::instanceId).containsExactly("i-0new");
    }
}
