package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.Outputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What resources learn about AWS during a run, gathered for {@link Outputs}. */
final class OutputsCollector {
    volatile String hostedZoneId;
    volatile List<String> nameServers = List.of();
    volatile boolean domainRegisteredInAccount;
    volatile String certificateArn;
    volatile String loadBalancerArn;
    volatile String loadBalancerDnsName;
    volatile String targetGroupArn;

    /** The outputs: what the run learnt, with the description's URL and, with sites, each site's. */
    Outputs toOutputs(HttpsSetup spec) {
        Map<String, String> siteUrls = new LinkedHashMap<>();
        spec.sites().keySet().forEach(site -> siteUrls.put(site, spec.siteUrl(site)));
        return new Outputs(
                spec.url(),
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
