package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;

/** Two applies of the same stack at once: no duplicates; one may fail clearly, and then a third apply converges. */
@AwsEmulatorTest
class ConcurrentApplyIT {

    private ReferenceWorld w;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        w = new ReferenceWorld(aws).seed();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    @AfterAll
    static void flush() {
        ReliabilitySummary.flush();
    }

    @org.junit.jupiter.api.RepeatedTest(4)
    void twoAppliesAtOnce_endConvergedWithoutDuplicates() throws Exception {
        HttpsSetup spec = w.spec().build();
        List<Throwable> failures = applyTwiceAtOnce(spec);

        for (Throwable failure : failures) {
            assertThat(failure).as("a clear error, not a crash").isInstanceOf(HttpsSetupException.class);
            assertThat(failure.getMessage()).as("says what refused").isNotBlank();
        }
        if (!failures.isEmpty()) {
            w.executor().apply(spec);
        }

        ResourceCensus census = ResourceCensus.take(w);
        Map<String, Integer> duplicates = Convergence.duplicates(census);
        // moto does not enforce load balancer name uniqueness; AWS answers a second CreateLoadBalancer with the same
        // name and settings with the first load balancer, and a second CreateListener on a port with DuplicateListener.
        // Nor is moto's check of ACM's idempotency token atomic: two simultaneous RequestCertificate calls with the
        // same
        // token can both create a certificate, where ACM issues one. (An extra owned certificate with the same names
        // is deleted by the next apply, as a replaced one.)
        Map<String, Integer> motoOnly = new TreeMap<>(duplicates);
        motoOnly.keySet()
                .retainAll(List.of(
                        "load balancer shop-https",
                        "listener shop-https:443",
                        "listener shop-https:80",
                        "certificate example.com,www.example.com"));
        duplicates.keySet().removeAll(motoOnly.keySet());
        ReliabilitySummary.add(
                "duplicates_found",
                duplicates.values().stream().mapToInt(v -> v - 1).sum());
        System.out.println("[reliability] duplicates after two applies at once: " + duplicates
                + "; moto-only (ALB name): " + motoOnly);
        assertThat(duplicates).as("duplicates AWS would also have: " + census).isEmpty();
        if (!motoOnly.isEmpty()) {
            // Remove what AWS would never have created (every load balancer shop-https after the first), then converge.
            // describe by name shows moto's last one only: list them all
            var all = w.elb.describeLoadBalancers().loadBalancers().stream()
                    .filter(lb -> lb.loadBalancerName().equals("shop-https"))
                    .toList();
            for (var extra : all.size() > 1 ? all.subList(1, all.size()) : List.<LoadBalancer>of()) {
                w.elb.describeListeners(r -> r.loadBalancerArn(extra.loadBalancerArn()))
                        .listeners()
                        .forEach(l -> w.elb.deleteListener(r -> r.listenerArn(l.listenerArn())));
                w.elb.deleteLoadBalancer(r -> r.loadBalancerArn(extra.loadBalancerArn()));
            }
            w.executor().apply(spec);
            census = ResourceCensus.take(w);
        }
        Convergence.assertConvergedOnce(w, census);
        assertThat(w.executor().apply(spec).apiCalls().writes())
                .as("writes of a later re-apply")
                .isZero();
        w.executor().destroy(spec);
        Convergence.assertNothingOwned(w, ResourceCensus.take(w));
    }

    /**
     * The strict form: at most one of two simultaneous applies fails, and its error says that another run of the
     * stack created the resource meanwhile. Today both can fail (one on InvalidGroup.Duplicate for shop-alb, the other
     * on DuplicateTargetGroupName), each with only the bare AWS error.
     */
    @Test
    void twoAppliesAtOnce_atMostOneFails_andItsErrorNamesTheConcurrentRun() throws Exception {
        HttpsSetup spec = w.spec().build();
        List<Throwable> failures = applyTwiceAtOnce(spec);
        assertThat(failures).hasSizeLessThanOrEqualTo(1);
        for (Throwable failure : failures) {
            assertThat(failure.getMessage()).containsPattern("(?i)another|concurrent|at the same time");
        }
    }

    private List<Throwable> applyTwiceAtOnce(HttpsSetup spec) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<ApplyResult>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return w.executor().apply(spec);
            }));
        }
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<ApplyResult> run : runs) {
            try {
                run.get(120, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                failures.add(e.getCause());
            }
        }
        System.out.println(
                "[reliability] two applies at once: " + (2 - failures.size()) + " succeeded; failures: " + failures);
        return failures;
    }
}
