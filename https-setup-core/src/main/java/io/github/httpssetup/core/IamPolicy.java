package io.github.httpssetup.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The least-privilege IAM policy for running plan, apply and destroy of one description: only the
 * actions its options need (Route 53 Domains only when registration is on, hosted-zone creation only when
 * asked, and so on).
 *
 * <pre>{@code
 * String json = IamPolicy.of(setup).toJson();
 * }</pre>
 */
public final class IamPolicy {

    private final Map<String, Set<String>> actionsByService;

    private IamPolicy(Map<String, Set<String>> actionsByService) {
        this.actionsByService = actionsByService;
    }

    /** The policy for this description. */
    public static IamPolicy of(HttpsSetup setup) {
        Map<String, Set<String>> a = new TreeMap<>();
        HostedZoneSpec zone = setup.domain().hostedZone();
        add(a, "route53", "ListHostedZonesByName", "GetHostedZone", "ListResourceRecordSets", "ChangeResourceRecordSets",
                "GetChange");
        if (zone.create()) {
            add(a, "route53", "CreateHostedZone", "ChangeTagsForResource", "ListTagsForResource");
        }
        if (zone.deleteOnDestroy()) {
            add(a, "route53", "ListTagsForResource", "DeleteHostedZone");
        }
        if (setup.domain().registration().isPresent()) {
            // RegisterDomain creates the domain's hosted zone with the caller's permissions
            add(a, "route53", "ListHostedZones", "CreateHostedZone");
            add(a, "route53domains", "GetDomainDetail", "RegisterDomain", "GetOperationDetail", "UpdateDomainNameservers",
                    "ListOperations", "CheckDomainAvailability");
        }
        add(a, "acm", "ListCertificates", "ListTagsForCertificate", "DescribeCertificate", "DeleteCertificate");
        if (setup.certificate().arn().isEmpty()) {
            add(a, "acm", "RequestCertificate", "AddTagsToCertificate");
        }
        // destroy also removes the group and rules an earlier run with securityGroups: auto created
        add(a, "ec2", "DescribeInstances", "DescribeSubnets", "DescribeRouteTables", "DescribeSecurityGroups",
                "DescribeSecurityGroupRules", "RevokeSecurityGroupIngress", "DeleteSecurityGroup");
        if (setup.loadBalancer().autoSecurityGroups()) {
            add(a, "ec2", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "CreateTags");
        }
        add(a, "elasticloadbalancing", "DescribeTargetGroups", "DescribeTags", "CreateTargetGroup", "ModifyTargetGroup",
                "DescribeTargetGroupAttributes", "ModifyTargetGroupAttributes", "DescribeTargetHealth", "RegisterTargets",
                "DeregisterTargets", "DeleteTargetGroup", "AddTags", "DescribeLoadBalancers", "CreateLoadBalancer",
                "DescribeLoadBalancerAttributes", "ModifyLoadBalancerAttributes", "SetSecurityGroups", "SetSubnets",
                "SetIpAddressType", "DeleteLoadBalancer", "DescribeListeners", "CreateListener", "ModifyListener",
                "DeleteListener");
        return new IamPolicy(a);
    }

    private static void add(Map<String, Set<String>> actions, String service, String... names) {
        actions.computeIfAbsent(service, s -> new TreeSet<>()).addAll(List.of(names));
    }

    /** Every action, as {@code service:Action}, sorted. */
    public Set<String> actions() {
        Set<String> all = new TreeSet<>();
        actionsByService.forEach((service, names) -> names.forEach(n -> all.add(service + ":" + n)));
        return all;
    }

    /** Whether the policy allows {@code service:Action} (IAM prefixes, e.g. {@code elasticloadbalancing:CreateListener}). */
    public boolean allows(String action) {
        return actions().contains(action);
    }

    /**
     * The IAM prefix of an SDK service name as {@link ApiCalls#byOperation()} reports it, e.g.
     * {@code ElasticLoadBalancingV2} → {@code elasticloadbalancing}.
     */
    public static String iamPrefix(String sdkServiceName) {
        String s = sdkServiceName.toLowerCase().replace(" ", "");
        if (s.startsWith("elasticloadbalancing")) {
            return "elasticloadbalancing";
        }
        if (s.equals("route53domains")) {
            return "route53domains";
        }
        if (s.startsWith("route53")) {
            return "route53";
        }
        return s;
    }

    /** The policy document, pretty-printed JSON. */
    public String toJson() {
        List<String> statements = new ArrayList<>();
        actionsByService.forEach((service, names) -> statements.add("    {\n      \"Sid\": \"HttpsSetup" + sid(service)
                + "\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n"
                + names.stream().map(n -> "        \"" + service + ":" + n + "\"").collect(Collectors.joining(",\n"))
                + "\n      ],\n      \"Resource\": \"*\"\n    }"));
        if (actionsByService.getOrDefault("elasticloadbalancing", Set.of()).contains("CreateLoadBalancer")) {
            // The first load balancer of an account creates the ELB service-linked role.
            statements.add("    {\n      \"Sid\": \"HttpsSetupElbServiceLinkedRole\",\n      \"Effect\": \"Allow\",\n"
                    + "      \"Action\": \"iam:CreateServiceLinkedRole\",\n      \"Resource\": \"*\",\n"
                    + "      \"Condition\": { \"StringEquals\": { \"iam:AWSServiceName\": \"elasticloadbalancing.amazonaws.com\" } }\n    }");
        }
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + String.join(",\n", statements) + "\n  ]\n}\n";
    }

    private static String sid(String service) {
        switch (service) {
            case "acm": return "Acm";
            case "ec2": return "Ec2";
            case "elasticloadbalancing": return "ElasticLoadBalancing";
            case "route53": return "Route53";
            case "route53domains": return "Route53Domains";
            default: return service;
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
