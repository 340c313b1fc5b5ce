package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Throttling, server errors, connection resets, latency and eventual consistency, injected between the SDK and the
 * emulator in AWS's own wire formats: apply still converges with every resource exactly once, and a fault that never
 * clears ends in a bounded time with an error that names what failed.
 */
@AwsEmulatorTest
class FaultsIT {

    private static final long SEED = 20261124L;

    private ReferenceWorld w;
    private FaultProxy proxy;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        w = new ReferenceWorld(aws).seed();
        proxy = new FaultProxy(w.aws.endpoint());
    }

    @AfterEach
    void tearDown() {
        ReliabilitySummary.add("faults_injected", proxy.injected());
        proxy.close();
        w.close();
    }

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    private HttpsSetupExecutor throughProxy() {
        return w.executor(proxy.endpoint(), 4, FaultProxy.tagger());
    }

    /**
     * Every run under 20 % throttling and 5 % server errors succeeds at its first try: the clients make up to 8
     * attempts per call (the SDK's standard 3 would leave one call in 64 failing at a 25 % fault rate).
     */
    @Test
    void apply_under20PercentThrottlingAnd5PercentServerErrors_succeedsAtTheFirstTry() {
        proxy.random(SEED, 0.20, 0.05, 0);
        HttpsSetup spec = w.spec().build();
        throughProxy().apply(spec);
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
        assertThat(throughProxy().apply(spec).apiCalls().writes()).isZero();
        assertThat(throughProxy().plan(spec).hasChanges()).isFalse();
        throughProxy().destroy(spec);
        Convergence.assertNothingOwned(w, ResourceCensus.take(w));
    }

    /**
     * Runs a plan, apply or destroy under faults until it succeeds, at most 10 times: a run that gives up must say
     * that AWS kept failing and that the run is safe to repeat, and repeating it must converge.
     */
    private <T> T underFaults(java.util.function.Supplier<T> run) {
        java.util.List<String> failures = new java.util.ArrayList<>();
        for (int attempt = 1; attempt <= 10; attempt++) {
            ReliabilitySummary.increment("applies_under_faults");
            try {
                T result = run.get();
                ReliabilitySummary.increment("applies_converged");
                return result;
            } catch (HttpsSetupException e) {
                assertThat(e.code()).isEqualTo(io.github.httpssetup.core.ErrorCode.AWS_ERROR);
                assertThat(e.getMessage()).contains("safe to repeat");
                failures.add(e.getMessage());
                System.out.println(
                        "[reliability] run under faults gave up (attempt " + attempt + "): " + e.getMessage());
            }
        }
        throw new AssertionError("10 runs in a row failed under faults: " + failures);
    }

    @Test
    void apply_withConnectionResetsAndLatency_converges() {
        proxy.random(SEED + 1, 0, 0, 0.20)
                .latency(15)
                .resetNext("ElasticLoadBalancingV2:CreateLoadBalancer", 1)
                .resetNext("Route53:ChangeResourceRecordSets", 1)
                .resetNext("Acm:RequestCertificate", 1);

        ReliabilitySummary.increment("applies_under_faults");
        throughProxy().apply(w.spec().build());
        ReliabilitySummary.increment("applies_converged");

        assertThat(proxy.injected(FaultProxy.Fault.RESET))
                .as("resets " + proxy.log())
                .isGreaterThanOrEqualTo(3);
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
    }

    @Test
    void eventualConsistency_notFoundRightAfterCreate_isRetriedWithinBounds() {
        proxy.notYet(
                        "ElasticLoadBalancingV2:CreateTargetGroup",
                        "ElasticLoadBalancingV2:RegisterTargets",
                        "TargetGroupNotFound",
                        2)
                .failNext("ElasticLoadBalancingV2:CreateListener", "CertificateNotFound", 2);
        Instant start = Instant.now();

        ReliabilitySummary.increment("applies_under_faults");
        throughProxy().apply(w.spec().build());
        ReliabilitySummary.increment("applies_converged");

        assertThat(proxy.injected(FaultProxy.Fault.NOT_YET)).isEqualTo(4);
        assertThat(proxy.seen("ElasticLoadBalancingV2:RegisterTargets")).isEqualTo(3);
        // HTTPS twice refused by the proxy, then both; the emulator may refuse a certificate issued a moment ago too
        // (S8)
        assertThat(proxy.seen("ElasticLoadBalancingV2:CreateListener")).isGreaterThanOrEqualTo(2 + 2);
        assertThat(w.events)
                .filteredOn(e -> e.type() == ProgressEvent.Type.RETRYING)
                .hasSizeGreaterThanOrEqualTo(4);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(30));
        Convergence.assertConvergedOnce(w, ResourceCensus.take(w));
    }

    @Test
    void eventualConsistency_thatNeverClears_endsWithAnErrorNamingTheResourceAndWhatToCheck() {
        proxy.failNext("ElasticLoadBalancingV2:RegisterTargets", "TargetGroupNotFound", 1_000);
        Instant start = Instant.now();

        assertThatThrownBy(() -> throughProxy().apply(w.spec().build()))
                .isInstanceOf(HttpsSetupException.class)
                .satisfies(e -> {
                    String message = e.getMessage();
                    assertThat(message).contains("TargetGroupNotFound");
                    assertThat(message).as("names the target group").containsPattern("shop-tg-[0-9a-f]{6}");
                    assertThat(message).as("says what it was doing").containsIgnoringCase("register");
                    assertThat(message).as("says what to check or do").containsPattern("(?i)check|run again|try again");
                });
        assertThat(Duration.between(start, Instant.now())).as("bounded").isLessThan(Duration.ofSeconds(60));
    }
}
