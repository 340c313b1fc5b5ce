package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsListenerSpec;
import io.github.httpssetup.core.HttpsSetupException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeSslPoliciesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SslPolicy;

/**
 * The security policies Elastic Load Balancing offers application load balancers, to check the HTTPS listener's
 * before it is written: a typo is refused by the plan, before any write, with the closest names. Read once per
 * apply (the plan run and the apply run share it), and only when a listener is about to get a policy other than
 * {@link HttpsListenerSpec#DEFAULT_SSL_POLICY}, which AWS offers in every region: a converged stack, or one on the
 * default policy, makes no such call.
 */
final class SslPolicies {

    /** How many of the closest names a refusal suggests. */
    private static final int SUGGESTIONS = 3;

    private SslPolicies() {}

    /**
     * Refuses a policy Elastic Load Balancing does not offer.
     *
     * @throws HttpsSetupException {@link ErrorCode#SSL_POLICY_NOT_FOUND}, naming the closest policies
     */
    static void check(Run run, String policy) {
        if (HttpsListenerSpec.DEFAULT_SSL_POLICY.equals(policy)) {
            return;
        }
        // Kind null: no write of the stack changes the list, so the apply run reuses the plan run's answer.
        List<String> offered = run.observe(null, "ssl policies", () -> read(run));
        if (offered.contains(policy)) {
            return;
        }
        List<String> closest = closest(policy, offered, SUGGESTIONS);
        throw new HttpsSetupException(
                ErrorCode.SSL_POLICY_NOT_FOUND,
                "listeners.https.sslPolicy: \"" + policy
                        + "\" is not a security policy Elastic Load Balancing offers application load balancers in "
                        + run.spec().region()
                        + (closest.isEmpty()
                                ? ""
                                : "; the closest are "
                                        + closest.stream()
                                                .map(n -> "\"" + n + "\"")
                                                .collect(Collectors.joining(", ")))
                        + ". Correct the name, or remove sslPolicy to use " + HttpsListenerSpec.DEFAULT_SSL_POLICY
                        + " (aws elbv2 describe-ssl-policies --load-balancer-type application lists them all).");
    }

    /** Every policy for application load balancers, all pages of {@code DescribeSSLPolicies}. */
    private static List<String> read(Run run) {
        List<String> names = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            DescribeSslPoliciesResponse page = run.aws()
                    .elb()
                    .describeSSLPolicies(r ->
                            r.loadBalancerType(LoadBalancerTypeEnum.APPLICATION).marker(m));
            page.sslPolicies().stream().map(SslPolicy::name).forEach(names::add);
            marker = page.nextMarker() == null || page.nextMarker().isEmpty() ? null : page.nextMarker();
        } while (marker != null);
        return List.copyOf(names);
    }

    /** The {@code count} names nearest to {@code name} by edit distance (ignoring case), nearest first. */
    static List<String> closest(String name, List<String> names, int count) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return names.stream()
                .sorted(Comparator.comparingInt((String n) -> distance(wanted, n.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()))
                .limit(count)
                .toList();
    }

    /** The Levenshtein distance: insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
