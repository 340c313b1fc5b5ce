package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes the CloudFormation template of a description from what {@link ExportReads} found: the same resources,
 * names and settings {@code apply} would create, owned by CloudFormation. Pure: no AWS call. The engine's side of
 * {@link io.github.httpssetup.core.HttpsSetupExecutor#export} ({@link Engine#export}).
 *
 * <p>What differs from {@code apply}, on purpose: no ownership TXT records, and no {@code https-setup:stack} tag
 * (the resources are CloudFormation's: {@code plan} and {@code apply} see them as conflicts and {@code destroy}
 * never touches them); listeners carry no tags (CloudFormation's listener has none).
 */
final class CloudFormationExport {

    static final String FORMAT_VERSION = "2010-09-09";
    static final String CERTIFICATE_ARN = "CertificateArn";
    static final String SSL_POLICY = "SslPolicy";
    static final String HEALTH_CHECK_PATH = "HealthCheckPath";
    static final String CREATE_CERTIFICATE = "CreateCertificate";
    static final String HOSTED_ZONE = "HostedZone";
    static final String CERTIFICATE = "Certificate";
    static final String LOAD_BALANCER_SECURITY_GROUP = "LoadBalancerSecurityGroup";
    static final String TARGET_GROUP = "TargetGroup";
    static final String LOAD_BALANCER = "LoadBalancer";
    static final String HTTPS_LISTENER = "HttpsListener";
    static final String WEB_ACL_ASSOCIATION = "WebAclAssociation";
    static final String HTTP_LISTENER = "HttpListener";

    private CloudFormationExport() {}

    /**
     * Refuses, before any AWS call, a description that uses what CloudFormation cannot express.
     *
     * @throws HttpsSetupException {@link ErrorCode#NOT_EXPORTABLE}, naming the key and what to do instead
     */
    static void checkExportable(HttpsSetup spec) {
        if (!spec.sites().isEmpty()) {
            throw new HttpsSetupException(
                    ErrorCode.NOT_EXPORTABLE,
                    "sites cannot be exported yet: the template writer knows one site per load balancer (its"
                            + " listener rules, SNI certificates and zones in other accounts are not written). Apply the"
                            + " file with https-setup, or export each site as a single-site stack of its own.");
        }
        if (spec.domain().registration().isPresent()) {
            throw new HttpsSetupException(
                    ErrorCode.NOT_EXPORTABLE,
                    "domain.registration cannot be exported:"
                            + " CloudFormation has no resource that registers a domain (Route 53 Domains is billed per year and"
                            + " is not managed by stacks). Register the domain once (https-setup apply with domain.registration,"
                            + " or the Route 53 console), then remove domain.registration from the file and export again: the"
                            + " template uses the hosted zone the registration created.");
        }
    }

    /** The template of {@code spec}, from what the export read. */
    static CloudFormationTemplate template(HttpsSetup spec, ExportReads.Facts facts) {
        checkExportable(spec);
        return new Writer(spec, facts).write();
    }

    /** One template being written. */
    private static final class Writer {
        private final HttpsSetup spec;
        private final ExportReads.Facts facts;
        private final List<String> warnings = new ArrayList<>();
        private final Map<String, Object> resources = new LinkedHashMap<>();
        private final Set<String> usedIds = new HashSet<>();

        Writer(HttpsSetup spec, ExportReads.Facts facts) {
            this.spec = spec;
            this.facts = facts;
        }

        CloudFormationTemplate write() {
            warnings.addAll(facts.notes());
            if (spec.adopt()) {
                warnings.add("adopt: true is not exported: CloudFormation does not take over resources by name. Delete"
                        + " the existing ones (https-setup destroy) before deploying, or bring them into the stack with a"
                        + " CloudFormation resource import using this template's logical ids.");
            }
            // targets.waitUntilHealthy is how apply ends, not a resource: a stack is complete without healthy targets,
            // as the README's export section says; nothing to write or warn about.
            Object zoneId = hostedZone();
            certificate(zoneId);
            Object securityGroups = securityGroups();
            targetGroup();
            loadBalancer(securityGroups);
            listeners();
            webAcl();
            records(zoneId);
            spec.loadBalancer()
                    .accessLogs()
                    .filter(logs -> logs.create())
                    .ifPresent(logs -> warnings.add(
                            "loadBalancer.accessLogs.create: true is not exported: the template turns access logs on to bucket "
                                    + logs.bucket()
                                    + " but does not create it. Create the bucket, with the policy that lets"
                                    + " Elastic Load Balancing write (mvn https-setup:plan prints it for an existing bucket),"
                                    + " before deploying."));

            Map<String, Object> template = new LinkedHashMap<>();
            template.put("AWSTemplateFormatVersion", FORMAT_VERSION);
            template.put("Description", description());
            template.put("Metadata", map("HttpsSetup", metadata()));
            template.put("Parameters", parameters());
            template.put("Conditions", map(CREATE_CERTIFICATE, map("Fn::Equals", List.of(ref(CERTIFICATE_ARN), ""))));
            template.put("Resources", resources);
            template.put("Outputs", outputs(zoneId));
            return CloudFormationTemplate.of(template, warnings);
        }

        private String description() {
            String text = "HTTPS for " + String.join(", ", spec.allNames()) + " in front of "
                    + spec.targets()
                            .autoScalingGroup()
                            .map(g -> "Auto Scaling group " + g)
                            .orElse(String.join(", ", facts.instanceIds()))
                    + " (https-setup stack " + spec.stack() + ", "
                    + spec.region() + ")";
            return text.length() <= 1024 ? text : text.substring(0, 1021) + "...";
        }

        private Map<String, Object> metadata() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Stack", spec.stack());
            m.put("Region", spec.region());
            m.put(
                    "ExportedFrom",
                    "https-setup: the resources, names and settings apply would create; reads made at"
                            + " export time: instances, subnets, hosted zone");
            m.put("NotExported", notExported());
            if (!warnings.isEmpty()) {
                m.put("Warnings", List.copyOf(warnings));
            }
            return m;
        }

        /** What apply does that the template does not, always. */
        private List<String> notExported() {
            List<String> not = new ArrayList<>();
            not.add("ownership TXT records (_https-setup.<name>) and the https-setup:stack tag: the stack owns these"
                    + " resources, not https-setup");
            not.add("waits and time limits (waitTimeout, certificate.validationTimeout): CloudFormation waits with its"
                    + " own timeouts");
            if (!spec.targets().instanceTags().isEmpty()) {
                not.add("targets.instanceTags: the running instances carrying the tags at export time are listed by id;"
                        + " export again when they change");
            }
            return not;
        }

        private Map<String, Object> parameters() {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put(
                    CERTIFICATE_ARN,
                    map(
                            "Type",
                            "String",
                            "Default",
                            spec.certificate().arn().orElse(""),
                            "Description",
                            "An issued ACM certificate for the listener; empty: the stack requests one and"
                                    + " validates it through DNS in the hosted zone"));
            p.put(
                    SSL_POLICY,
                    map(
                            "Type",
                            "String",
                            "Default",
                            spec.httpsListener().sslPolicy(),
                            "Description",
                            "The HTTPS listener's security policy"));
            p.put(
                    HEALTH_CHECK_PATH,
                    map(
                            "Type",
                            "String",
                            "Default",
                            spec.targets().healthCheck().path(),
                            "Description",
                            "The path the load balancer checks on each instance"));
            return p;
        }

        // ---- resources ----

        /** The zone's id: as found, or a reference to the zone the stack creates. */
        private Object hostedZone() {
            if (facts.hostedZoneId() != null) {
                return facts.hostedZoneId();
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("Name", facts.hostedZoneName());
            properties.put("HostedZoneConfig", map("Comment", "https-setup stack " + spec.stack()));
            if (!spec.tags().isEmpty()) {
                properties.put("HostedZoneTags", tags());
            }
            Map<String, Object> zone = resource("AWS::Route53::HostedZone", properties);
            // deleteOnDestroy: deleting the stack deletes the zone; otherwise the zone outlives it, as with destroy
            zone.put("DeletionPolicy", spec.domain().hostedZone().deleteOnDestroy() ? "Delete" : "Retain");
            zone.put("UpdateReplacePolicy", "Retain");
            add(HOSTED_ZONE, zone);
            return ref(HOSTED_ZONE);
        }

        private void certificate(Object zoneId) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("DomainName", spec.domain().name());
            if (!spec.domain().alternativeNames().isEmpty()) {
                properties.put(
                        "SubjectAlternativeNames", List.copyOf(spec.domain().alternativeNames()));
            }
            properties.put("ValidationMethod", "DNS");
            List<Object> validation = new ArrayList<>();
            for (String name : spec.allNames()) {
                validation.add(map("DomainName", name, "HostedZoneId", zoneId));
            }
            properties.put("DomainValidationOptions", validation);
            properties.put("KeyAlgorithm", spec.certificate().keyAlgorithm().awsName());
            if (!spec.tags().isEmpty()) {
                properties.put("Tags", tags());
            }
            Map<String, Object> certificate = resource("AWS::CertificateManager::Certificate", properties);
            certificate.put("Condition", CREATE_CERTIFICATE);
            add(CERTIFICATE, certificate);
        }

        /** The load balancer's groups: the one the stack creates, or the given ones. */
        private Object securityGroups() {
            if (!spec.loadBalancer().autoSecurityGroups()) {
                return List.copyOf(spec.loadBalancer().securityGroups());
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("GroupName", facts.albSecurityGroupName());
            // the same description and rule descriptions as apply's
            properties.put("GroupDescription", "https-setup " + spec.stack() + ": load balancer");
            properties.put("VpcId", facts.vpcId());
            List<Object> ingress = new ArrayList<>();
            for (ExportReads.Ingress rule : facts.albIngress()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("IpProtocol", "tcp");
                r.put("FromPort", rule.port());
                r.put("ToPort", rule.port());
                r.put(rule.prefixList() ? "SourcePrefixListId" : rule.ipv6() ? "CidrIpv6" : "CidrIp", rule.cidr());
                r.put("Description", "https-setup " + spec.stack() + ": clients");
                ingress.add(r);
            }
            properties.put("SecurityGroupIngress", ingress);
            if (!spec.tags().isEmpty()) {
                properties.put("Tags", tags());
            }
            add(LOAD_BALANCER_SECURITY_GROUP, resource("AWS::EC2::SecurityGroup", properties));
            for (String groupId : facts.instanceSecurityGroupIds()) {
                for (int port : facts.applicationPorts()) {
                    Map<String, Object> rule = new LinkedHashMap<>();
                    rule.put("GroupId", groupId);
                    rule.put("IpProtocol", "tcp");
                    rule.put("FromPort", port);
                    rule.put("ToPort", port);
                    rule.put("SourceSecurityGroupId", ref(LOAD_BALANCER_SECURITY_GROUP));
                    rule.put("Description", "https-setup " + spec.stack() + ": from load balancer");
                    add(
                            logicalId("InstanceIngress", groupId, "Port" + port),
                            resource("AWS::EC2::SecurityGroupIngress", rule));
                }
            }
            return List.of(ref(LOAD_BALANCER_SECURITY_GROUP));
        }

        private void targetGroup() {
            Map<String, String> hc = facts.healthCheck();
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("Name", facts.targetGroupName());
            properties.put("TargetType", "instance");
            properties.put("Protocol", spec.targets().protocol().name());
            properties.put("Port", spec.targets().port());
            properties.put("VpcId", facts.vpcId());
            properties.put("HealthCheckEnabled", true);
            properties.put("HealthCheckProtocol", hc.get("healthCheck.protocol"));
            properties.put("HealthCheckPort", hc.get("healthCheck.port"));
            properties.put("HealthCheckPath", ref(HEALTH_CHECK_PATH));
            properties.put("Matcher", map("HttpCode", hc.get("healthCheck.matcher")));
            properties.put("HealthCheckIntervalSeconds", Integer.valueOf(hc.get("healthCheck.interval")));
            properties.put("HealthCheckTimeoutSeconds", Integer.valueOf(hc.get("healthCheck.timeout")));
            properties.put("HealthyThresholdCount", Integer.valueOf(hc.get("healthCheck.healthyThreshold")));
            properties.put("UnhealthyThresholdCount", Integer.valueOf(hc.get("healthCheck.unhealthyThreshold")));
            properties.put("TargetGroupAttributes", keyValues(facts.targetGroupAttributes()));
            if (spec.targets().autoScalingGroup().isPresent()) {
                // the group's TargetGroupARNs belongs to the group's own template: not exported, said in a warning
                String group = spec.targets().autoScalingGroup().get();
                warnings.add("targets.autoScalingGroup: " + group + " is not exported: the Auto Scaling group is not"
                        + " the stack's, and which target groups it registers its instances in is its own property"
                        + " (TargetGroupARNs). After deploying, add this stack's output TargetGroupArn to the"
                        + " TargetGroupARNs of " + group + " in the group's own template (or aws autoscaling"
                        + " attach-load-balancer-target-groups --auto-scaling-group-name " + group + ").");
            } else {
                List<Object> targets = new ArrayList<>();
                facts.instanceIds()
                        .forEach(id ->
                                targets.add(map("Id", id, "Port", spec.targets().port())));
                properties.put("Targets", targets);
            }
            if (!spec.tags().isEmpty()) {
                properties.put("Tags", tags());
            }
            add(TARGET_GROUP, resource("AWS::ElasticLoadBalancingV2::TargetGroup", properties));
        }

        private void loadBalancer(Object securityGroups) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("Name", facts.loadBalancerName());
            properties.put("Type", "application");
            properties.put("Scheme", "internet-facing");
            properties.put("IpAddressType", spec.loadBalancer().ipAddressType().awsName());
            properties.put("Subnets", facts.subnetIds());
            properties.put("SecurityGroups", securityGroups);
            properties.put("LoadBalancerAttributes", keyValues(facts.loadBalancerAttributes()));
            if (!spec.tags().isEmpty()) {
                properties.put("Tags", tags());
            }
            add(LOAD_BALANCER, resource("AWS::ElasticLoadBalancingV2::LoadBalancer", properties));
        }

        private void listeners() {
            Map<String, Object> https = new LinkedHashMap<>();
            https.put("LoadBalancerArn", ref(LOAD_BALANCER));
            https.put("Protocol", "HTTPS");
            https.put("Port", spec.httpsListener().port());
            https.put("SslPolicy", ref(SSL_POLICY));
            https.put("Certificates", List.of(map("CertificateArn", certificateArn())));
            https.put("DefaultActions", List.of(forward()));
            if (!facts.httpsListenerAttributes().isEmpty()) { // security response headers
                https.put("ListenerAttributes", keyValues(facts.httpsListenerAttributes()));
            }
            add(HTTPS_LISTENER, resource("AWS::ElasticLoadBalancingV2::Listener", https));
            HttpAction action = spec.httpListener().action();
            if (action == HttpAction.NONE) {
                return;
            }
            Map<String, Object> http = new LinkedHashMap<>();
            http.put("LoadBalancerArn", ref(LOAD_BALANCER));
            http.put("Protocol", "HTTP");
            http.put("Port", spec.httpListener().port());
            http.put("DefaultActions", List.of(action == HttpAction.FORWARD ? forward() : redirect()));
            add(HTTP_LISTENER, resource("AWS::ElasticLoadBalancingV2::Listener", http));
        }

        /** {@code loadBalancer.webAcl}: the association with the existing web ACL (the ACL itself is not the stack's). */
        private void webAcl() {
            spec.loadBalancer()
                    .webAcl()
                    .ifPresent(arn -> add(
                            WEB_ACL_ASSOCIATION,
                            resource(
                                    "AWS::WAFv2::WebACLAssociation",
                                    map("ResourceArn", ref(LOAD_BALANCER), "WebACLArn", arn))));
        }

        private Map<String, Object> forward() {
            return map("Type", "forward", "TargetGroupArn", ref(TARGET_GROUP));
        }

        /** The redirect apply writes: 301 to HTTPS, the same host, path and query, every setting spelled out. */
        private Map<String, Object> redirect() {
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("Protocol", "HTTPS");
            config.put("Port", String.valueOf(spec.httpsListener().port()));
            config.put("Host", "#{host}");
            config.put("Path", "/#{path}");
            config.put("Query", "#{query}");
            config.put("StatusCode", "HTTP_301");
            return map("Type", "redirect", "RedirectConfig", config);
        }

        /** A (and AAAA for dualstack) alias records to the load balancer's {@code dualstack.} name, as apply writes them. */
        private void records(Object zoneId) {
            if (!spec.records().enabled()) {
                return;
            }
            List<String> types = spec.loadBalancer().ipAddressType() == IpAddressType.DUALSTACK
                    ? List.of("A", "AAAA")
                    : List.of("A");
            for (String name : spec.allNames()) {
                for (String type : types) {
                    Map<String, Object> properties = new LinkedHashMap<>();
                    properties.put("HostedZoneId", zoneId);
                    properties.put("Name", name + ".");
                    properties.put("Type", type);
                    properties.put(
                            "AliasTarget",
                            map(
                                    "DNSName", map("Fn::Sub", "dualstack.${" + LOAD_BALANCER + ".DNSName}"),
                                    "HostedZoneId", getAtt(LOAD_BALANCER, "CanonicalHostedZoneID"),
                                    "EvaluateTargetHealth", spec.records().evaluateTargetHealth()));
                    add(logicalId("Alias", name, type), resource("AWS::Route53::RecordSet", properties));
                }
            }
        }

        private Map<String, Object> outputs(Object zoneId) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Url", output(spec.url(), "The application's address"));
            o.put("LoadBalancerArn", output(ref(LOAD_BALANCER), "The load balancer"));
            o.put("LoadBalancerDnsName", output(getAtt(LOAD_BALANCER, "DNSName"), "The load balancer's DNS name"));
            o.put("TargetGroupArn", output(ref(TARGET_GROUP), "The target group"));
            o.put("CertificateArn", output(certificateArn(), "The HTTPS listener's certificate"));
            o.put("HostedZoneId", output(zoneId, "The hosted zone of the records"));
            if (spec.loadBalancer().autoSecurityGroups()) {
                o.put(
                        "LoadBalancerSecurityGroupId",
                        output(ref(LOAD_BALANCER_SECURITY_GROUP), "The load balancer's security group"));
            }
            return o;
        }

        private Object certificateArn() {
            return map("Fn::If", List.of(CREATE_CERTIFICATE, ref(CERTIFICATE), ref(CERTIFICATE_ARN)));
        }

        // ---- helpers ----

        private void add(String logicalId, Map<String, Object> resource) {
            if (!usedIds.add(logicalId)) {
                throw new IllegalStateException("duplicate logical id " + logicalId);
            }
            resources.put(logicalId, resource);
        }

        /**
         * A readable logical id from its parts: letters and digits only, each word capitalized ({@code Alias} +
         * {@code www.example.com} + {@code A} → {@code AliasWwwExampleComA}; {@code *} → {@code Wildcard}); a number
         * follows when two parts spell the same.
         */
        private String logicalId(String prefix, String name, String suffix) {
            StringBuilder id = new StringBuilder(prefix);
            for (String word : name.replace("*", "wildcard").split("[^A-Za-z0-9]+")) {
                if (!word.isEmpty()) {
                    id.append(Character.toUpperCase(word.charAt(0)))
                            .append(word.substring(1).toLowerCase(Locale.ROOT));
                }
            }
            id.append(suffix.substring(0, 1).toUpperCase(Locale.ROOT)).append(suffix.substring(1));
            String base = id.toString();
            String unique = base;
            for (int n = 2; usedIds.contains(unique); n++) {
                unique = base + n;
            }
            return unique;
        }

        private List<Object> tags() {
            List<Object> tags = new ArrayList<>();
            spec.tags().forEach((k, v) -> tags.add(map("Key", k, "Value", v)));
            return tags;
        }

        private static List<Object> keyValues(Map<String, String> values) {
            List<Object> list = new ArrayList<>();
            values.forEach((k, v) -> list.add(map("Key", k, "Value", v)));
            return list;
        }

        private static Map<String, Object> resource(String type, Map<String, Object> properties) {
            return map("Type", type, "Properties", properties);
        }

        private static Map<String, Object> output(Object value, String description) {
            return map("Description", description, "Value", value);
        }

        private static Map<String, Object> ref(String logicalId) {
            return map("Ref", logicalId);
        }

        private static Map<String, Object> getAtt(String logicalId, String attribute) {
            return map("Fn::GetAtt", List.of(logicalId, attribute));
        }

        /** An ordered, modifiable map of key-value pairs. */
        private static Map<String, Object> map(Object... keyValues) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
            return m;
        }
    }
}
