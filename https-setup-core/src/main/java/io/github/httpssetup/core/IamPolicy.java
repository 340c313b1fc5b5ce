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
    private final Scope scope;

    private IamPolicy(Map<String, Set<String>> actionsByService, Scope scope) {
        this.actionsByService = actionsByService;
        this.scope = scope;
    }

    /** The policy for this description. */
    public static IamPolicy of(HttpsSetup setup) {
        Map<String, Set<String>> a = new TreeMap<>();
        List<DomainSpec> domains = domains(setup);
        add(
                a,
                "route53",
                "ListHostedZonesByName",
                "GetHostedZone",
                "ListResourceRecordSets",
                "ChangeResourceRecordSets",
                "GetChange");
        if (domains.stream().anyMatch(d -> d.hostedZone().create())) {
            add(a, "route53", "CreateHostedZone", "ChangeTagsForResource", "ListTagsForResource");
            // plan's pre-flight: a domain registered in the account that delegates elsewhere than the new zone
            add(a, "route53domains", "GetDomainDetail");
        }
        if (domains.stream().anyMatch(d -> d.hostedZone().deleteOnDestroy())) {
            add(a, "route53", "ListTagsForResource", "DeleteHostedZone");
        }
        if (domains.stream().anyMatch(d -> d.registration().isPresent())) {
            // RegisterDomain creates the domain's hosted zone with the caller's permissions
            add(a, "route53", "ListHostedZones", "CreateHostedZone");
            add(
                    a,
                    "route53domains",
                    "GetDomainDetail",
                    "RegisterDomain",
                    "GetOperationDetail",
                    "UpdateDomainNameservers",
                    "ListOperations",
                    "CheckDomainAvailability");
        }
        add(a, "acm", "ListCertificates", "ListTagsForCertificate", "DescribeCertificate", "DeleteCertificate");
        if (setup.certificate().arn().isEmpty()) {
            add(a, "acm", "RequestCertificate", "AddTagsToCertificate");
        }
        // destroy also removes the group and rules an earlier run with securityGroups: auto created
        add(
                a,
                "ec2",
                "DescribeInstances",
                "DescribeSubnets",
                "DescribeAvailabilityZones",
                "DescribeRouteTables",
                "DescribeSecurityGroups",
                "DescribeSecurityGroupRules",
                "RevokeSecurityGroupIngress",
                "DeleteSecurityGroup");
        if (setup.loadBalancer().autoSecurityGroups()) {
            add(a, "ec2", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress", "CreateTags");
        }
        add(
                a,
                "elasticloadbalancing",
                "DescribeTargetGroups",
                "DescribeTags",
                "CreateTargetGroup",
                "ModifyTargetGroup",
                "DescribeTargetGroupAttributes",
                "ModifyTargetGroupAttributes",
                "DescribeTargetHealth",
                "RegisterTargets",
                "DeregisterTargets",
                "DeleteTargetGroup",
                "AddTags",
                "DescribeLoadBalancers",
                "CreateLoadBalancer",
                "DescribeLoadBalancerAttributes",
                "ModifyLoadBalancerAttributes",
                "SetSecurityGroups",
                "SetSubnets",
                "SetIpAddressType",
                "DeleteLoadBalancer",
                "DescribeListeners",
                "CreateListener",
                "ModifyListener",
                "DeleteListener");
        // listeners.https.securityHeaders: set, or reset after the option was removed (so also when it is off)
        add(a, "elasticloadbalancing", "DescribeListenerAttributes", "ModifyListenerAttributes");
        // listeners.https.sslPolicy: a policy other than the default is checked against ELB's list before it is set
        if (!HttpsListenerSpec.DEFAULT_SSL_POLICY.equals(setup.httpsListener().sslPolicy())) {
            add(a, "elasticloadbalancing", "DescribeSSLPolicies");
        }
        addProductionOptions(a, setup);
        if (!setup.sites().isEmpty()) {
            // sites: the HTTPS listener's rules and SNI certificates; a removed site's certificate is recognized by its
            // tags before it leaves the listener
            add(
                    a,
                    "elasticloadbalancing",
                    "DescribeRules",
                    "CreateRule",
                    "ModifyRule",
                    "DeleteRule",
                    "DescribeListenerCertificates",
                    "AddListenerCertificates",
                    "RemoveListenerCertificates");
        }
        if (!roleArns(setup).isEmpty()) {
            // a zone in another account: Route 53 is called with the role's credentials, so the role's own policy
            // must allow the route53 actions above on its zone
            add(a, "sts", "AssumeRole");
        }
        // loadBalancer.allowFrom: named prefix lists are looked up (and weighed against the rules quota) before use
        if (setup.loadBalancer().allowFrom().stream()
                .map(String::trim)
                .anyMatch(f -> f.startsWith("pl-") || f.equals(LoadBalancerSpec.CLOUDFRONT))) {
            add(a, "ec2", "DescribeManagedPrefixLists");
        }
        return new IamPolicy(a, Scope.of(setup));
    }

    /**
     * The actions of the options of issue 15 that are on. Removing an option later needs them once more: the apply
     * that removes it undoes what they made.
     */
    private static void addProductionOptions(Map<String, Set<String>> a, HttpsSetup setup) {
        if (allTargets(setup).stream().anyMatch(t -> t.autoScalingGroup().isPresent())) {
            // the group, the subnets of its VPCZoneIdentifier and its launch template or configuration are read; the
            // target group is attached to it (or
            // detached, after a change of group, on removal and on destroy); its tag https-setup:auto-scaling-group
            // remembers the attachment
            add(
                    a,
                    "autoscaling",
                    "DescribeAutoScalingGroups",
                    "DescribeLaunchConfigurations",
                    "AttachLoadBalancerTargetGroups",
                    "DetachLoadBalancerTargetGroups");
            // the security groups of the instances the group will launch, from its launch template
            add(a, "ec2", "DescribeLaunchTemplateVersions");
            add(a, "elasticloadbalancing", "RemoveTags");
        }
        if (setup.loadBalancer().webAcl().isPresent()) {
            // AssociateWebACL and DisassociateWebACL on an ALB also need elasticloadbalancing:SetWebAcl on it; the
            // load balancer's tag https-setup:web-acl remembers the association
            add(a, "wafv2", "GetWebACL", "GetWebACLForResource", "AssociateWebACL", "DisassociateWebACL");
            add(a, "elasticloadbalancing", "SetWebAcl", "RemoveTags");
        }
        setup.loadBalancer().accessLogs().ifPresent(logs -> {
            // the bucket is checked (region, policy) or, with create, created, tagged, given its policy and deleted
            add(a, "s3", "GetBucketLocation", "GetBucketPolicy");
            if (logs.create()) {
                add(
                        a,
                        "s3",
                        "GetBucketTagging",
                        "CreateBucket",
                        "PutBucketTagging",
                        "PutBucketPolicy",
                        "ListBucket",
                        "DeleteObject",
                        "DeleteBucket");
                add(a, "elasticloadbalancing", "RemoveTags");
            }
        });
    }

    /** The domain of a single-site stack, or each site's. */
    private static List<DomainSpec> domains(HttpsSetup setup) {
        return setup.sites().isEmpty()
                ? List.of(setup.domain())
                : setup.sites().values().stream().map(SiteSpec::domain).toList();
    }

    /** The targets of a single-site stack, or each site's and route's. */
    private static List<TargetsSpec> allTargets(HttpsSetup setup) {
        if (setup.sites().isEmpty()) {
            return List.of(setup.targets());
        }
        List<TargetsSpec> all = new ArrayList<>();
        setup.sites().values().forEach(site -> {
            all.add(site.targets());
            site.routes().forEach(route -> all.add(route.targets()));
        });
        return all;
    }

    /** The roles through which zones in other accounts are reached, sorted. */
    private static List<String> roleArns(HttpsSetup setup) {
        return domains(setup).stream()
                .map(d -> d.hostedZone().roleArn().orElse(null))
                .filter(java.util.Objects::nonNull)
                .distinct()
                .sorted()
                .toList();
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

    /**
     * The policy document, pretty-printed JSON. Actions that AWS authorizes against a resource ARN are
     * limited to this description's resources where the ARN can name them (see {@link Scope}); the rest
     * take {@code "*"}, as AWS requires for them.
     */
    public String toJson() {
        List<String> statements = new ArrayList<>();
        actionsByService.forEach((service, names) -> {
            Map<String, Set<String>> byScope = new TreeMap<>();
            names.forEach(n -> byScope.computeIfAbsent(scope.of(service, n), k -> new TreeSet<>())
                    .add(n));
            byScope.forEach((key, actions) -> {
                List<String> resources = scope.resources(key);
                statements.add("    {\n      \"Sid\": \"HttpsSetup" + sid(service) + key
                        + "\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\n"
                        + actions.stream()
                                .map(n -> "        \"" + service + ":" + n + "\"")
                                .collect(Collectors.joining(",\n"))
                        + "\n      ],\n      \"Resource\": "
                        + (resources.size() == 1
                                ? "\"" + resources.get(0) + "\""
                                : "[\n"
                                        + resources.stream()
                                                .map(r -> "        \"" + r + "\"")
                                                .collect(Collectors.joining(",\n"))
                                        + "\n      ]")
                        + "\n    }");
            });
        });
        if (actionsByService.getOrDefault("elasticloadbalancing", Set.of()).contains("CreateLoadBalancer")) {
            // The first load balancer of an account creates the ELB service-linked role.
            statements.add(
                    "    {\n      \"Sid\": \"HttpsSetupElbServiceLinkedRole\",\n      \"Effect\": \"Allow\",\n"
                            + "      \"Action\": \"iam:CreateServiceLinkedRole\",\n      \"Resource\": \"*\",\n"
                            + "      \"Condition\": { \"StringEquals\": { \"iam:AWSServiceName\": \"elasticloadbalancing.amazonaws.com\" } }\n    }");
        }
        return "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n" + String.join(",\n", statements)
                + "\n  ]\n}\n";
    }

    /**
     * Which resources each action may touch. AWS checks the Route 53 zone actions against the zone's ARN
     * and the Elastic Load Balancing writes against the ARN of the load balancer, listener or target group,
     * which carry their names; these are limited to the zone (by id when the description gives it) and to
     * this stack's load balancer name and target-group name prefix. Reads that AWS authorizes only against
     * {@code "*"} (Describe*, List*, CreateHostedZone, RequestCertificate, Route 53 Domains) stay {@code "*"};
     * ACM certificate and EC2 security-group ARNs carry no name, so those actions stay {@code "*"} too.
     */
    record Scope(
            String partition,
            String region,
            String loadBalancerName,
            String targetGroupPrefix,
            String zoneId,
            List<String> roleArns,
            boolean sites) {

        static Scope of(HttpsSetup setup) {
            String region = setup.region();
            String partition = LoadBalancerRules.partition(region);
            // the same names as the engine's LoadBalancers.name and TargetGroups.prefix
            String loadBalancer = setup.loadBalancer().name().orElse(setup.stack() + "-https");
            return new Scope(
                    partition,
                    region,
                    loadBalancer,
                    setup.stack() + "-tg-",
                    // with sites, several zones: any
                    setup.sites().isEmpty() ? setup.domain().hostedZone().id().orElse(null) : null,
                    IamPolicy.roleArns(setup),
                    !setup.sites().isEmpty());
        }

        /** The statement key (Sid suffix) of an action: "" for {@code "*"}, else what it is limited to. */
        String of(String service, String action) {
            if (service.equals("route53")) {
                return switch (action) {
                    case "GetHostedZone",
                            "ListResourceRecordSets",
                            "ChangeResourceRecordSets",
                            "ChangeTagsForResource",
                            "ListTagsForResource",
                            "DeleteHostedZone" -> "Zone";
                    case "GetChange" -> "Changes";
                    default -> "";
                };
            }
            if (service.equals("elasticloadbalancing")) {
                return switch (action) {
                    case "CreateLoadBalancer",
                            "SetSecurityGroups",
                            "SetSubnets",
                            "SetIpAddressType",
                            "ModifyLoadBalancerAttributes",
                            "DeleteLoadBalancer",
                            "CreateListener",
                            "SetWebAcl" -> "LoadBalancer";
                    case "ModifyListener",
                            "DeleteListener",
                            "ModifyListenerAttributes",
                            "AddListenerCertificates",
                            "RemoveListenerCertificates",
                            "CreateRule" -> "Listeners";
                    case "ModifyRule", "DeleteRule" -> "Rules";
                    case "CreateTargetGroup",
                            "ModifyTargetGroup",
                            "ModifyTargetGroupAttributes",
                            "DeleteTargetGroup",
                            "RegisterTargets",
                            "DeregisterTargets" -> "TargetGroups";
                    case "AddTags", "RemoveTags" -> "Tagging";
                    default -> "";
                };
            }
            if (service.equals("sts")) {
                return "Roles";
            }
            return "";
        }

        List<String> resources(String key) {
            String elb = "arn:" + partition + ":elasticloadbalancing:" + region + ":*:";
            String loadBalancer = elb + "loadbalancer/app/" + loadBalancerName + "/*";
            String listeners = elb + "listener/app/" + loadBalancerName + "/*";
            String targetGroups = elb + "targetgroup/" + targetGroupPrefix + "*";
            String rules = elb + "listener-rule/app/" + loadBalancerName + "/*";
            return switch (key) {
                case "Zone" -> List.of("arn:" + partition + ":route53:::hostedzone/" + (zoneId == null ? "*" : zoneId));
                case "Changes" -> List.of("arn:" + partition + ":route53:::change/*");
                case "LoadBalancer" -> List.of(loadBalancer);
                case "Listeners" -> List.of(listeners);
                case "TargetGroups" -> List.of(targetGroups);
                case "Rules" -> List.of(rules);
                case "Tagging" ->
                    !sites
                            ? List.of(loadBalancer, listeners, targetGroups)
                            : List.of(loadBalancer, listeners, targetGroups, rules);
                case "Roles" -> roleArns;
                default -> List.of("*");
            };
        }
    }

    private static String sid(String service) {
        return switch (service) {
            case "acm" -> "Acm";
            case "ec2" -> "Ec2";
            case "elasticloadbalancing" -> "ElasticLoadBalancing";
            case "route53" -> "Route53";
            case "route53domains" -> "Route53Domains";
            case "wafv2" -> "Wafv2";
            case "s3" -> "S3";
            case "autoscaling" -> "AutoScaling";
            case "sts" -> "Sts";
            default -> service;
        };
    }

    @Override
    public String toString() {
        return toJson();
    }
}
