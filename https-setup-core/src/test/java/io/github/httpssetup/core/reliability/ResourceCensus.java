package io.github.httpssetup.core.reliability;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.ReferenceWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Everything that exists, counted by listing (moto does not refuse duplicate load balancer names, listener ports or
 * record sets, so only a listing shows a duplicate). Keys read like {@code load balancer shop-https} and
 * {@code record A example.com.}; {@code owned*} counts only what carries the stack's ownership tag.
 */
final class ResourceCensus {

    /** How many of each thing exist, whoever owns them. */
    final Map<String, Integer> counts = new TreeMap<>();
    /** How many of each thing the stack owns. */
    final Map<String, Integer> owned = new TreeMap<>();
    /** A description of every resource, by id, to compare snapshots. */
    final Map<String, String> details = new TreeMap<>();

    static ResourceCensus take(ReferenceWorld w) {
        ResourceCensus c = new ResourceCensus();
        for (CertificateSummary s : w.acm.listCertificates(r -> {}).certificateSummaryList()) {
            var cert = w.acm.describeCertificate(r -> r.certificateArn(s.certificateArn()))
                    .certificate();
            List<String> names = new ArrayList<>(cert.subjectAlternativeNames());
            names.sort(null);
            Map<String, String> tags =
                    w.acm.listTagsForCertificate(r -> r.certificateArn(s.certificateArn())).tags().stream()
                            .collect(Collectors.toMap(
                                    t -> t.key(), t -> t.value() == null ? "" : t.value(), (a, b) -> b, TreeMap::new));
            c.add("certificate " + String.join(",", names), tags);
            c.details.put(
                    s.certificateArn(), cert.domainName() + " " + names + " " + tags + " inUseBy=" + cert.inUseBy());
        }
        for (TargetGroup g : w.elb.describeTargetGroups(r -> {}).targetGroups()) {
            Map<String, String> tags = elbTags(w, g.targetGroupArn());
            c.add("target group " + g.targetGroupName(), tags);
            List<String> targets = w
                    .elb
                    .describeTargetHealth(r -> r.targetGroupArn(g.targetGroupArn()))
                    .targetHealthDescriptions()
                    .stream()
                    .map(d -> d.target().id() + ":" + d.target().port())
                    .sorted()
                    .toList();
            Map<String, String> attributes =
                    w.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(g.targetGroupArn())).attributes().stream()
                            .collect(Collectors.toMap(
                                    a -> a.key(), a -> String.valueOf(a.value()), (a, b) -> b, TreeMap::new));
            c.details.put(
                    g.targetGroupArn(),
                    g.toBuilder().loadBalancerArns(List.of()).build() + " " + tags + " " + targets + " " + attributes);
        }
        for (LoadBalancer lb : w.elb.describeLoadBalancers(r -> {}).loadBalancers()) {
            Map<String, String> tags = elbTags(w, lb.loadBalancerArn());
            c.add("load balancer " + lb.loadBalancerName(), tags);
            Map<String, String> attributes = w
                    .elb
                    .describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                    .attributes()
                    .stream()
                    .collect(Collectors.toMap(a -> a.key(), a -> String.valueOf(a.value()), (a, b) -> b, TreeMap::new));
            // the provisioning → active state is AWS's progress, not a change anyone made
            c.details.put(
                    lb.loadBalancerArn(),
                    lb.toBuilder().state((LoadBalancerState) null).build() + " " + tags + " " + attributes);
            for (Listener l : w.elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                    .listeners()) {
                Map<String, String> listenerTags = elbTags(w, l.listenerArn());
                c.add("listener " + lb.loadBalancerName() + ":" + l.port(), listenerTags);
                c.details.put(l.listenerArn(), l + " " + listenerTags);
            }
        }
        for (SecurityGroup g : w.ec2.describeSecurityGroups(r -> {}).securityGroups()) {
            Map<String, String> tags = g.tags().stream()
                    .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b, TreeMap::new));
            c.add("security group " + g.groupName() + " in " + g.vpcId(), tags);
            c.details.put(
                    g.groupId(), g.groupName() + " " + tags + " " + g.ipPermissions() + " " + g.ipPermissionsEgress());
        }
        if (w.network != null) {
            var rules = w.ec2.describeSecurityGroupRules(r -> r.filters(Filter.builder()
                            .name("group-id")
                            .values(w.network.appSecurityGroupId())
                            .build()))
                    .securityGroupRules();
            Map<String, String> groupNames = w.ec2.describeSecurityGroups(r -> {}).securityGroups().stream()
                    .collect(Collectors.toMap(SecurityGroup::groupId, SecurityGroup::groupName));
            rules.stream()
                    .filter(rule -> !rule.isEgress() && rule.referencedGroupInfo() != null)
                    .forEach(rule -> {
                        String source = rule.referencedGroupInfo().groupId();
                        c.add(
                                "app ingress " + rule.fromPort() + " from "
                                        + groupNames.getOrDefault(source, "(deleted " + source + ")"),
                                Map.of());
                    });
        }
        if (w.zoneId != null) {
            List<ResourceRecordSet> records = new ArrayList<>();
            String start = null;
            String startType = null;
            while (true) {
                String s = start;
                String t = startType;
                var page = w.route53.listResourceRecordSets(
                        r -> r.hostedZoneId(w.zoneId).startRecordName(s).startRecordType(t));
                records.addAll(page.resourceRecordSets());
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    break;
                }
                start = page.nextRecordName();
                startType = page.nextRecordTypeAsString();
            }
            for (ResourceRecordSet r : records) {
                String key = "record " + r.typeAsString() + " " + r.name().toLowerCase();
                c.add(key, Map.of());
                c.details.merge(key, r.toString(), (a, b) -> a + " | " + b);
            }
        }
        return c;
    }

    private static Map<String, String> elbTags(ReferenceWorld w, String arn) {
        return w.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
                .flatMap(d -> d.tags().stream())
                .collect(Collectors.toMap(
                        t -> t.key(), t -> t.value() == null ? "" : t.value(), (a, b) -> b, TreeMap::new));
    }

    private void add(String key, Map<String, String> tags) {
        counts.merge(key, 1, Integer::sum);
        if (ReferenceWorld.STACK.equals(tags.get(HttpsSetup.OWNERSHIP_TAG))) {
            owned.merge(key, 1, Integer::sum);
        }
    }

    int count(String key) {
        return counts.getOrDefault(key, 0);
    }

    /** Things that exist more than once (the default VPC and every seeded VPC have their own "default" group). */
    Map<String, Integer> duplicates() {
        Map<String, Integer> d = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v > 1) {
                d.put(k, v);
            }
        });
        return d;
    }

    /** Keys starting with a prefix, with their counts. */
    Map<String, Integer> matching(String prefix) {
        Map<String, Integer> m = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                m.put(k, v);
            }
        });
        return m;
    }

    int ownedTotal() {
        return owned.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public String toString() {
        return "counts=" + counts + " owned=" + owned;
    }
}
