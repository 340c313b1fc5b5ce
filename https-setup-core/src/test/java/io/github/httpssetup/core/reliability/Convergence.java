package io.github.httpssetup.core.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ReferenceWorld;
import java.util.Map;
import java.util.TreeMap;

/** What "converged, every resource exactly once" and "nothing owned left" mean, checked by listing. */
final class Convergence {

    static final String CERTIFICATE = "certificate example.com,www.example.com";
    static final String LOAD_BALANCER = "load balancer shop-https";

    private Convergence() {}

    /** Duplicates among the things the stack creates (foreign look-alikes excluded by the caller's census keys). */
    static Map<String, Integer> duplicates(ResourceCensus c) {
        Map<String, Integer> d = new TreeMap<>(c.duplicates());
        d.keySet().removeIf(k -> k.startsWith("security group default "));
        return d;
    }

    /**
     * One owned certificate, target group, load balancer, listener per port and record set per name and type; the
     * ALB security group once; counts the duplicates found into the summary before asserting.
     */
    static void assertConvergedOnce(ReferenceWorld w, ResourceCensus c, Map<String, Integer> foreign) {
        Map<String, Integer> duplicates = duplicates(c);
        foreign.forEach((key, n) -> duplicates.computeIfPresent(key, (k, v) -> v - n > 1 ? v - n : null));
        ReliabilitySummary.add(
                "duplicates_found",
                duplicates.values().stream().mapToInt(v -> v - 1).sum());
        assertThat(duplicates).as("resources that exist more than once: " + c).isEmpty();
        assertThat(c.owned.getOrDefault(CERTIFICATE, 0))
                .as("owned certificates for the names; " + c)
                .isEqualTo(1);
        assertThat(c.owned.keySet().stream()
                        .filter(k -> k.startsWith("target group shop-tg-"))
                        .count())
                .as("owned target groups; " + c)
                .isEqualTo(1);
        assertThat(c.owned.getOrDefault(LOAD_BALANCER, 0))
                .as("owned load balancers; " + c)
                .isEqualTo(1);
        assertThat(c.count("listener shop-https:443"))
                .as("listeners on 443; " + c)
                .isEqualTo(1);
        assertThat(c.count("listener shop-https:80"))
                .as("listeners on 80; " + c)
                .isEqualTo(1);
        assertThat(c.owned.getOrDefault("security group shop-alb in " + w.network.vpcId(), 0))
                .as("ALB security group; " + c)
                .isEqualTo(1);
        for (String name : new String[] {"example.com.", "www.example.com."}) {
            assertThat(c.count("record A " + name)).as("A " + name + "; " + c).isEqualTo(1);
            assertThat(c.count("record TXT _https-setup." + name))
                    .as("ownership TXT " + name + "; " + c)
                    .isEqualTo(1);
        }
    }

    static void assertConvergedOnce(ReferenceWorld w, ResourceCensus c) {
        assertConvergedOnce(w, c, Map.of());
    }

    /** Nothing the stack owns is left: no owned resource, no alias or ownership record, no ALB group or app rule. */
    static void assertNothingOwned(ReferenceWorld w, ResourceCensus c) {
        assertThat(c.owned).as("owned resources left after destroy; " + c).isEmpty();
        assertThat(c.count("record A example.com.") + c.count("record A www.example.com."))
                .as("alias records left; " + c)
                .isZero();
        assertThat(c.matching("record TXT _https-setup."))
                .as("ownership records left; " + c)
                .isEmpty();
        assertThat(c.counts.keySet())
                .as("app security group rules of the stack left; " + c)
                .noneMatch(
                        k -> k.startsWith("app ingress ") && (k.endsWith(" from shop-alb") || k.contains("(deleted")));
    }
}
