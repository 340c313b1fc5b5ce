package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.Outputs;
import java.util.List;

/** What resources learn about AWS during a run, gathered for {@link Outputs}. */
final class OutputsCollector {
    volatile String hostedZoneId;
    volatile List<String> nameServers = List.of();
    volatile boolean domainRegisteredInAccount;
    volatile String certificateArn;
    volatile String loadBalancerArn;
    volatile String loadBalancerDnsName;
    volatile String targetGroupArn;
    /** With sites: each site's URL. */
    volatile java.util.Map<String, String> siteUrls = java.util.Map.of();

    Outputs toOutputs(String url) {
        return new Outputs(
                url,
                hostedZoneId,
                nameServers,
                domainRegisteredInAccount,
                certificateArn,
                loadBalancerArn,
                loadBalancerDnsName,
                targetGroupArn,
                siteUrls);
    }
}
