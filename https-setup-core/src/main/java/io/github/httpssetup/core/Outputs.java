package io.github.httpssetup.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run found or made that a person or a script needs next.
 *
 * @param url                  {@code https://} + the domain
 * @param hostedZoneId         the Route 53 hosted zone
 * @param nameServers          the zone's name servers (set them at the registrar when the domain is elsewhere)
 * @param domainRegisteredInAccount whether Route 53 Domains in this account holds the domain
 * @param certificateArn       the ACM certificate on the HTTPS listener
 * @param loadBalancerArn      the load balancer
 * @param loadBalancerDnsName  its DNS name
 * @param targetGroupArn       the target group (with sites: the default site's, if any)
 * @param siteUrls             with sites: each site's URL by site name, in the description's order; empty otherwise
 */
public record Outputs(
        String url,
        String hostedZoneId,
        List<String> nameServers,
        boolean domainRegisteredInAccount,
        String certificateArn,
        String loadBalancerArn,
        String loadBalancerDnsName,
        String targetGroupArn,
        Map<String, String> siteUrls) {

    public Outputs {
        nameServers = nameServers == null ? List.of() : List.copyOf(nameServers);
        siteUrls = siteUrls == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(siteUrls));
    }

    /** The outputs of a single-site stack, without site URLs. */
    public Outputs(
            String url,
            String hostedZoneId,
            List<String> nameServers,
            boolean domainRegisteredInAccount,
            String certificateArn,
            String loadBalancerArn,
            String loadBalancerDnsName,
            String targetGroupArn) {
        this(
                url,
                hostedZoneId,
                nameServers,
                domainRegisteredInAccount,
                certificateArn,
                loadBalancerArn,
                loadBalancerDnsName,
                targetGroupArn,
                Map.of());
    }

    public Optional<String> certificate() {
        return Optional.ofNullable(certificateArn);
    }
}
