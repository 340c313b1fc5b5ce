package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.Durations;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HealthCheckSpec;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ResourceKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * The end of an apply: the site serves once every target of the target group is {@code healthy}. The target group
 * step has already read the targets' health (DescribeTargetHealth) to know which are registered; that answer is
 * used as is, so a converged stack whose targets are healthy costs no read here. Only a target not yet healthy
 * (just registered: {@code initial}) is polled for, bounded by the wait timeout, unless
 * {@code targets.waitUntilHealthy} is off. A target that failed its health checks, is stopped, or sits in a zone the
 * load balancer does not serve is a {@link ErrorCode#TARGETS_UNHEALTHY} failure that names the instance, AWS's
 * reason code and what to check.
 */
final class TargetReadiness {

    private static final String STEP = "readiness";

    /** The writes after which targets need time before they are checked: they may still be {@code initial} or unused. */
    private static final Set<ResourceKind> UNSETTLING = EnumSet.of(
            ResourceKind.TARGET_GROUP,
            ResourceKind.TARGETS,
            ResourceKind.LOAD_BALANCER,
            ResourceKind.HTTPS_LISTENER,
            ResourceKind.HTTP_LISTENER);

    private final Run run;
    private final HttpsSetup spec;

    TargetReadiness(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /** One target as DescribeTargetHealth reports it. */
    record Target(String instanceId, String state, String reason, String description) {

        static Target of(TargetHealthDescription d) {
            var health = d.targetHealth();
            return new Target(
                    d.target().id(),
                    health == null ? null : health.stateAsString(),
                    health == null ? null : health.reasonAsString(),
                    health == null ? null : health.description());
        }
    }

    /** What a target means for readiness. */
    enum Verdict {
        /** {@code healthy}. */
        READY,
        /** On its way: {@code initial}, or unused right after a change to the group or listeners. */
        PENDING,
        /** Leaving the group (deregistered, draining): does not count. */
        LEAVING,
        /** Will not serve until someone acts: failed health checks, stopped, in a zone the load balancer does not use. */
        FAILED
    }

    /**
     * What a target's state and reason mean.
     *
     * @param settled whether nothing that makes targets wait (the group, its targets, the load balancer or listeners)
     *                changed in this run: then an unused target stays unused
     */
    static Verdict verdict(Target t, boolean settled) {
        String state = t.state() == null ? "" : t.state();
        String reason = t.reason() == null ? "" : t.reason();
        if ("Target.NotRegistered".equals(reason) || "Target.DeregistrationInProgress".equals(reason)) {
            return Verdict.LEAVING;
        }
        return switch (state) {
            case "healthy" -> Verdict.READY;
            case "initial" -> Verdict.PENDING;
            case "draining", "unhealthy.draining" -> Verdict.LEAVING;
            case "unhealthy", "unavailable" -> Verdict.FAILED;
            case "unused" ->
                "Target.InvalidState".equals(reason) || "Target.IpUnusable".equals(reason) || settled
                        ? Verdict.FAILED
                        : Verdict.PENDING;
            default -> Verdict.PENDING; // a state this version does not know: AWS may still settle it
        };
    }

    /** What the user can check about the target, in their terms. */
    record Context(
            int port,
            String healthCheckPort,
            String healthCheckPath,
            String matcher,
            Set<String> instanceSecurityGroupIds,
            List<String> loadBalancerSecurityGroupIds,
            String instanceZone) {

        String checkedPort() {
            return healthCheckPort == null || TargetGroups.TRAFFIC_PORT.equals(healthCheckPort)
                    ? String.valueOf(port)
                    : healthCheckPort;
        }

        private String groups() {
            return instanceSecurityGroupIds.isEmpty()
                    ? "the instance's security group"
                    : "security group " + String.join(", ", instanceSecurityGroupIds);
        }

        private String loadBalancerGroup() {
            List<String> known = loadBalancerSecurityGroupIds.stream()
                    .filter(id -> id != null)
                    .toList();
            return known.isEmpty() ? "the load balancer's security group" : "the load balancer's group " + known;
        }
    }

    /**
     * One line about a target that is not healthy: the instance, state, reason code and AWS's description, then what
     * to do about it.
     */
    static String describe(Target t, Context c) {
        String reason = t.reason() == null ? "" : t.reason();
        String what = t.instanceId() + " is " + t.state() + (reason.isEmpty() ? "" : " (" + reason + ")")
                + (t.description() == null || t.description().isBlank() ? "" : ": " + t.description());
        return what + ". " + hint(t, c);
    }

    /** What to check for each of ELB's reason codes (TargetHealthReasonEnum), in the description's terms. */
    static String hint(Target t, Context c) {
        String at = "on port " + c.checkedPort() + " at path " + c.healthCheckPath();
        String listens = "check that the application listens on 0.0.0.0:" + c.checkedPort() + " (not 127.0.0.1)";
        String admits = c.groups() + " must allow port " + c.checkedPort() + " from " + c.loadBalancerGroup();
        String reason = t.reason() == null ? "" : t.reason();
        return switch (reason) {
            case "Target.FailedHealthChecks" ->
                "The load balancer could not connect " + at + ", or the answer was malformed: " + listens
                        + " and answers HTTP, and that " + admits + ".";
            case "Target.Timeout" ->
                "The health check got no answer " + at + " within targets.healthCheck.timeout: " + admits
                        + " (a timeout is"
                        + " what a blocked port looks like), and the application must answer that path quickly.";
            case "Target.ResponseCodeMismatch" ->
                "The application answered " + at + " with a status code outside the matcher "
                        + c.matcher() + ": make that path answer " + c.matcher()
                        + ", or set targets.healthCheck.path or targets.healthCheck.matcher to what it answers.";
            case "Elb.InternalError" ->
                "Elastic Load Balancing failed to run the health check itself: run apply again in a few minutes.";
            case "Target.NotInUse" ->
                "The load balancer does not route to " + (c.instanceZone() == null ? "its" : c.instanceZone())
                        + " availability zone: give loadBalancer.subnets a public subnet in that zone (or use"
                        + " subnets: auto), or move the instance.";
            case "Target.InvalidState" -> "The instance is stopped or terminated: start it, or remove it from targets.";
            case "Target.IpUnusable" ->
                "The target's IP address is one the load balancer uses itself: use another instance.";
            case "Target.HealthCheckDisabled" ->
                "Health checks are off for the target group: run apply again to turn them on.";
            case "Elb.RegistrationInProgress", "Elb.InitialHealthChecking" ->
                "The load balancer is still checking it: it needs targets.healthCheck.healthyThreshold passing checks"
                        + " in a row; " + listens + " and that " + admits + ".";
            default -> "Check that the application answers " + at + " and that " + admits + ".";
        };
    }

    /**
     * Checks (and, if needed, waits) that the target group's targets are healthy. A plan only keeps the check for an
     * apply that finds nothing to change ({@link Run#deferReadiness}); a plan on its own reports nothing here.
     */
    void converge(States.TargetGroup group, States.Targets targets, States.SecurityGroups securityGroups) {
        if (group == null || group.arn() == null || run.mode() == Run.Mode.DESTROY) {
            return;
        }
        if (run.mode() == Run.Mode.PLAN) {
            // An apply whose plan has no changes runs no apply run: it runs this, from what the plan read.
            run.deferReadiness(() -> check(group, targets, securityGroups));
            return;
        }
        check(group, targets, securityGroups);
    }

    private void check(States.TargetGroup group, States.Targets targets, States.SecurityGroups securityGroups) {
        List<String> loadBalancerSecurityGroupIds = securityGroups == null ? List.of() : securityGroups.ids();
        String arn = group.arn();
        boolean settled = run.changes().stream().noneMatch(c -> c.action().writes() && UNSETTLING.contains(c.kind()));
        List<Target> first = run.observe(ResourceKind.TARGETS, "targets " + arn, () -> describeHealth(arn)).stream()
                .map(Target::of)
                .toList();
        List<String> wanted = targets == null ? List.of() : targets.instanceIds();
        Outcome outcome = outcome(first, wanted, settled);
        if (outcome.serves()) {
            done(outcome);
            return;
        }
        if (!outcome.failed().isEmpty() || !spec.targets().waitUntilHealthy()) {
            stop(outcome, arn, targets, loadBalancerSecurityGroupIds);
            return;
        }
        String name = TargetGroups.nameOf(arn);
        AtomicReference<Outcome> seen = new AtomicReference<>(outcome);
        Outcome last = run.await(
                STEP,
                "waiting for the targets of " + name + " to pass their health checks",
                spec.waitTimeout(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(15),
                () -> {
                    Outcome now =
                            outcome(describeHealth(arn).stream().map(Target::of).toList(), wanted, false);
                    seen.set(now);
                    if (!now.failed().isEmpty()) {
                        stop(now, arn, targets, loadBalancerSecurityGroupIds);
                    }
                    return now.serves() ? Optional.of(now) : Optional.empty();
                },
                () -> timeout(arn, seen.get(), targets, loadBalancerSecurityGroupIds));
        done(last);
    }

    /** The targets sorted by verdict. */
    record Outcome(List<Target> ready, List<Target> pending, List<Target> failed) {
        boolean serves() {
            return pending.isEmpty() && failed.isEmpty();
        }
    }

    /**
     * The targets sorted by verdict; a wanted instance DescribeTargetHealth does not list yet (just registered: the
     * answer lags) is pending.
     */
    static Outcome outcome(List<Target> targets, List<String> wanted, boolean settled) {
        List<Target> ready = new ArrayList<>();
        List<Target> pending = new ArrayList<>();
        List<Target> failed = new ArrayList<>();
        List<Target> all = new ArrayList<>(targets);
        Set<String> listed = targets.stream()
                .filter(t -> verdict(t, settled) != Verdict.LEAVING)
                .map(Target::instanceId)
                .collect(Collectors.toSet());
        wanted.stream()
                .filter(id -> !listed.contains(id))
                .forEach(id -> all.add(new Target(
                        id, "initial", "Elb.RegistrationInProgress", "not listed by DescribeTargetHealth yet")));
        for (Target t : all) {
            switch (verdict(t, settled)) {
                case READY -> ready.add(t);
                case PENDING -> pending.add(t);
                case FAILED -> failed.add(t);
                case LEAVING -> {}
            }
        }
        return new Outcome(ready, pending, failed);
    }

    private List<TargetHealthDescription> describeHealth(String arn) {
        return run.aws().elb().describeTargetHealth(r -> r.targetGroupArn(arn)).targetHealthDescriptions();
    }

    private void done(Outcome outcome) {
        int n = outcome.ready().size();
        run.info(STEP, n + (n == 1 ? " target" : " targets") + " healthy: the site can serve");
    }

    /** Unhealthy targets, or targets not healthy yet when the description says not to wait. */
    private void stop(Outcome outcome, String arn, States.Targets targets, List<String> lbGroups) {
        List<Target> notReady = new ArrayList<>(outcome.failed());
        notReady.addAll(outcome.pending());
        String lines = lines(notReady, targets, lbGroups);
        if (!spec.targets().waitUntilHealthy()) {
            run.warn(
                    STEP,
                    notReady.size() + " of "
                            + (notReady.size() + outcome.ready().size())
                            + " targets not healthy (targets.waitUntilHealthy is false, so apply does not wait):"
                            + lines);
            return;
        }
        throw new HttpsSetupException(
                ErrorCode.TARGETS_UNHEALTHY,
                notReady.size() + " of " + (notReady.size() + outcome.ready().size())
                        + " targets of target group " + TargetGroups.nameOf(arn)
                        + " cannot serve, so the site is not ready:" + lines
                        + "\n  Everything else is in place; fix this and run apply again (it changes nothing and"
                        + " checks again), or set targets.waitUntilHealthy: false to end apply without this check.");
    }

    private HttpsSetupException timeout(String arn, Outcome now, States.Targets targets, List<String> lbGroups) {
        List<Target> notReady = new ArrayList<>(now.failed());
        notReady.addAll(now.pending());
        return new HttpsSetupException(
                ErrorCode.WAIT_TIMEOUT,
                "The targets of target group " + TargetGroups.nameOf(arn) + " did not pass their health checks within "
                        + Durations.format(spec.waitTimeout()) + ":" + lines(notReady, targets, lbGroups)
                        + "\n  Everything else is in place; run apply again to keep waiting (it changes nothing), or"
                        + " raise waitTimeout.");
    }

    private String lines(List<Target> notReady, States.Targets targets, List<String> lbGroups) {
        HealthCheckSpec hc = spec.targets().healthCheck();
        return notReady.stream()
                .map(t -> "\n  - "
                        + describe(
                                t,
                                new Context(
                                        spec.targets().port(),
                                        hc.port().map(String::valueOf).orElse(TargetGroups.TRAFFIC_PORT),
                                        hc.path(),
                                        hc.matcher(),
                                        targets == null ? Set.of() : targets.instanceSecurityGroupIds(),
                                        lbGroups == null ? List.of() : lbGroups,
                                        targets == null
                                                ? null
                                                : targets.instanceZones().get(t.instanceId()))))
                .collect(Collectors.joining());
    }
}
