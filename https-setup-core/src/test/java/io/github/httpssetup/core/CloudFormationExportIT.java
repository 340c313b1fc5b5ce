package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import io.github.httpssetup.core.internal.ApiCallCounter;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.CfnLint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The stack exported as a CloudFormation template: cfn-lint finds no error in any variant, and the emulator's
 * CloudFormation deploys it into the same resources {@code apply} creates for the same description.
 */
@AwsEmulatorTest
class CloudFormationExportIT {

    /**
     * What the emulator's CloudFormation (moto) leaves out when it creates the resources, so the deployed stack
     * cannot show it: each is checked in the template instead ({@link #assertIgnoredPropertiesInTemplate}).
     */
    static final List<String> IGNORED_BY_EMULATOR = List.of(
            "loadBalancer.ipAddressType", // LoadBalancer IpAddressType: always ipv4
            "loadBalancer.attributes", // LoadBalancer LoadBalancerAttributes
            "loadBalancer.tags", // LoadBalancer Tags
            "targetGroup.targets", // TargetGroup Targets: none registered
            "targetGroup.attributes", // TargetGroup TargetGroupAttributes
            "targetGroup.tags", // TargetGroup Tags
            "securityGroup.ingressDescriptions", // SecurityGroupIngress Description
            "records.aliasHostedZoneId"); // Fn::GetAtt LoadBalancer.CanonicalHostedZoneID left unresolved

    private static final Path OUT = Paths.get("target", "cloudformation-export");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceWorld fx;

    @BeforeEach
    void setUp(AwsEmulator aws) {
        fx = new ReferenceWorld(aws).seed(2, 3, true).withZone();
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void export_ofEveryVariant_readsOnlyAndPassesCfnLintWithoutError() throws IOException {
        Map<String, HttpsSetup> variants = new TreeMap<>();
        variants.put("reference", fx.spec().build());
        variants.put(
                "dualstack-forward",
                fx.spec()
                        .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .httpListener(HttpAction.FORWARD)
                        .build());
        variants.put(
                "tags",
                fx.spec()
                        .targets(t ->
                                t.instanceTags(Map.of("app", "shop")).port(8080).healthCheck(h -> h.path("/health")))
                        .build());
        Files.createDirectories(OUT);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, HttpsSetup> variant : variants.entrySet()) {
            ApiCallCounter calls = new ApiCallCounter();
            CloudFormationTemplate template = fx.executor(calls).export(variant.getValue());
            Path file = OUT.resolve(variant.getKey() + ".json");
            Files.writeString(file, template.toJson());
            files.add(file);
            assertThat(calls.snapshot().writes())
                    .as("writes made by export of %s", variant.getKey())
                    .isZero();
            assertThat(calls.snapshot().byOperation().keySet())
                    .as("calls of %s", variant.getKey())
                    .allSatisfy(op -> assertThat(op).containsPattern(":(Describe|List|Get)"));
            assertThat(template.resource("TargetGroup").toString()).contains(fx.network.instanceIds());
        }

        Map<Path, List<CfnLint.Finding>> findings = CfnLint.installed().check(files, ReferenceWorld.REGION);

        findings.forEach((file, found) -> assertThat(found)
                .as("cfn-lint errors in %s", file)
                .filteredOn(CfnLint.Finding::error)
                .isEmpty());
        findings.forEach((file, found) -> assertThat(found)
                .as("cfn-lint warnings in %s", file)
                .filteredOn(f -> f.rule().startsWith("W"))
                .isEmpty());
        JsonNode dualstack = JSON.readTree(OUT.resolve("dualstack-forward.json").toFile());
        assertThat(dualstack
                        .at("/Resources/AliasWwwExampleComAAAA/Properties/Type")
                        .asText())
                .isEqualTo("AAAA");
        assertThat(dualstack
                        .at("/Resources/HttpListener/Properties/DefaultActions/0/Type")
                        .asText())
                .isEqualTo("forward");
        assertThat(dualstack
                        .at("/Resources/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress")
                        .toString())
                .contains("\"CidrIpv6\":\"::/0\"");
        // plan's policy covers the export: every call it made is in it
        variants.values().forEach(fx::assertPolicyAllowsEveryCall);
    }

    @Test
    void deploy_ofTheExportedTemplate_createsWhatApplyCreates() throws IOException {
        HttpsSetup spec = fx.spec().build();
        // moto's CloudFormation has no ACM resource: the stack gets an issued certificate as its parameter
        String certificate = fx.acm
                .requestCertificate(r -> r.domainName(ReferenceWorld.DOMAIN)
                        .subjectAlternativeNames("www." + ReferenceWorld.DOMAIN)
                        .validationMethod("DNS"))
                .certificateArn();
        CloudFormationTemplate template = fx.executor().export(spec);

        ApplyResult applied = fx.executor().apply(spec);
        Map<String, String> byApply = snapshot(applied.outputs().certificateArn());
        fx.executor().destroy(spec);

        awaitIssued(certificate);
        Stack stack;
        try (CloudFormationClient cfn = fx.aws.client(CloudFormationClient.builder())) {
            cfn.createStack(r -> r.stackName("shop-export")
                    .templateBody(template.toJson())
                    .parameters(Parameter.builder()
                            .parameterKey("CertificateArn")
                            .parameterValue(certificate)
                            .build()));
            stack = cfn.describeStacks(r -> r.stackName("shop-export")).stacks().get(0);
            assertThat(stack.stackStatusAsString())
                    .as(stack.stackStatusReason())
                    .isEqualTo("CREATE_COMPLETE");
            Map<String, String> byCloudFormation = snapshot(certificate);

            assertThat(differences(byApply, byCloudFormation))
                    .as("properties where the deployed template differs from apply")
                    .isEmpty();
            assertThat(byApply.keySet())
                    .as("every ignored property is one apply sets")
                    .containsAll(IGNORED_BY_EMULATOR);
            assertIgnoredPropertiesInTemplate(JSON.readTree(template.toJson()), byApply);
            Map<String, String> outputs = stack.outputs().stream()
                    .collect(Collectors.toMap(o -> o.outputKey(), o -> o.outputValue() == null ? "" : o.outputValue()));
            assertThat(outputs)
                    .containsEntry("Url", "https://example.com")
                    .containsEntry("CertificateArn", certificate);
            // no delete-stack: moto deletes synchronously, before the strict profile lets the load balancer's group go
            // (S12); the next test's fixture resets the emulator
        }
    }

    /** What the emulator's CloudFormation does not model is in the template, as apply sets it. */
    private void assertIgnoredPropertiesInTemplate(JsonNode template, Map<String, String> byApply) {
        JsonNode lb = template.at("/Resources/LoadBalancer/Properties");
        assertThat(lb.get("IpAddressType").asText()).isEqualTo(byApply.get("loadBalancer.ipAddressType"));
        assertThat(templateKeyValues(lb.get("LoadBalancerAttributes")))
                .isEqualTo(byApply.get("loadBalancer.attributes"));
        assertThat(templateKeyValues(lb.get("Tags"))).isEqualTo(byApply.get("loadBalancer.tags"));
        JsonNode tg = template.at("/Resources/TargetGroup/Properties");
        List<String> targets = new ArrayList<>();
        tg.get("Targets")
                .forEach(t ->
                        targets.add(t.get("Id").asText() + ":" + t.get("Port").asInt()));
        assertThat(String.join(",", new TreeSet<>(targets))).isEqualTo(byApply.get("targetGroup.targets"));
        assertThat(templateKeyValues(tg.get("TargetGroupAttributes"))).isEqualTo(byApply.get("targetGroup.attributes"));
        assertThat(templateKeyValues(tg.get("Tags"))).isEqualTo(byApply.get("targetGroup.tags"));
        List<String> descriptions = new ArrayList<>();
        template.at("/Resources/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress")
                .forEach(r -> descriptions.add(r.get("Description").asText()));
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("InstanceIngress")) {
                descriptions.add(e.getValue().at("/Properties/Description").asText());
            }
        });
        assertThat(String.join(",", new TreeSet<>(descriptions)))
                .isEqualTo(byApply.get("securityGroup.ingressDescriptions"));
        template.get("Resources").fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("Alias")) {
                assertThat(e.getValue()
                                .at("/Properties/AliasTarget/HostedZoneId")
                                .toString())
                        .isEqualTo("{\"Fn::GetAtt\":[\"LoadBalancer\",\"CanonicalHostedZoneID\"]}");
            }
        });
        assertThat(byApply.get("records.aliasHostedZoneId")).isNotBlank();
    }

    // ---- what exists, by role, for the description's names ----

    /**
     * The stack's resources as AWS describes them, flattened to {@code resource.property → value}, with ids replaced
     * by the role of what they point at, so that two deployments of one description compare equal.
     */
    private Map<String, String> snapshot(String expectedCertificate) {
        Map<String, String> s = new TreeMap<>();
        SecurityGroup albGroup = fx.ec2
                .describeSecurityGroups(
                        r -> r.filters(filter("vpc-id", fx.network.vpcId()), filter("group-name", "shop-alb")))
                .securityGroups()
                .get(0);
        Map<String, String> roles = new TreeMap<>();
        roles.put(albGroup.groupId(), "<load balancer group>");
        s.put("securityGroup.description", albGroup.description());
        s.put("securityGroup.vpc", albGroup.vpcId());
        s.put(
                "securityGroup.ingress",
                albGroup.ipPermissions().stream()
                        .flatMap(p -> p.ipRanges().stream()
                                .map(range ->
                                        p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " " + range.cidrIp()))
                        .sorted()
                        .collect(Collectors.joining(",")));
        SecurityGroup app = fx.ec2
                .describeSecurityGroups(r -> r.groupIds(fx.network.appSecurityGroupId()))
                .securityGroups()
                .get(0);
        s.put(
                "instanceGroup.ingress",
                app.ipPermissions().stream()
                        .flatMap(p -> p.userIdGroupPairs().stream()
                                .map(pair -> p.ipProtocol() + " " + p.fromPort() + "-" + p.toPort() + " "
                                        + roles.getOrDefault(pair.groupId(), pair.groupId())))
                        .sorted()
                        .collect(Collectors.joining(",")));
        TreeSet<String> descriptions = new TreeSet<>();
        albGroup.ipPermissions()
                .forEach(p -> p.ipRanges().forEach(r -> descriptions.add(String.valueOf(r.description()))));
        app.ipPermissions()
                .forEach(p -> p.userIdGroupPairs().stream()
                        .filter(pair -> roles.containsKey(pair.groupId()))
                        .forEach(pair -> descriptions.add(String.valueOf(pair.description()))));
        s.put("securityGroup.ingressDescriptions", String.join(",", descriptions));

        TargetGroup tg = fx.elb.describeTargetGroups(r -> {}).targetGroups().stream()
                .filter(g -> g.targetGroupName().startsWith("shop-tg-"))
                .findFirst()
                .orElseThrow();
        roles.put(tg.targetGroupArn(), "<target group>");
        s.put("targetGroup.name", tg.targetGroupName());
        s.put("targetGroup.protocol", tg.protocolAsString());
        s.put("targetGroup.port", String.valueOf(tg.port()));
        s.put("targetGroup.vpc", tg.vpcId());
        s.put("targetGroup.targetType", tg.targetTypeAsString());
        s.put(
                "targetGroup.healthCheck",
                tg.healthCheckProtocolAsString() + " " + tg.healthCheckPort() + " "
                        + tg.healthCheckPath() + " " + tg.matcher().httpCode() + " every "
                        + tg.healthCheckIntervalSeconds() + " s, timeout "
                        + tg.healthCheckTimeoutSeconds() + " s, " + tg.healthyThresholdCount() + "/"
                        + tg.unhealthyThresholdCount());
        s.put(
                "targetGroup.targets",
                fx
                        .elb
                        .describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                        .targetHealthDescriptions()
                        .stream()
                        .map(d -> d.target().id() + ":" + d.target().port())
                        .sorted()
                        .collect(Collectors.joining(",")));
        Map<String, String> tgAttributes =
                fx.elb.describeTargetGroupAttributes(r -> r.targetGroupArn(tg.targetGroupArn())).attributes().stream()
                        .filter(a -> a.key().startsWith("deregistration_delay.timeout_seconds")
                                || a.key().startsWith("stickiness."))
                        .collect(Collectors.toMap(a -> a.key(), a -> a.value(), (a, b) -> b, TreeMap::new));
        if ("false".equals(tgAttributes.get("stickiness.enabled"))) { // ELB lists a type and duration even when off
            tgAttributes.keySet().removeIf(k -> k.startsWith("stickiness.") && !k.equals("stickiness.enabled"));
        }
        s.put("targetGroup.attributes", keyValues(tgAttributes));
        s.put("targetGroup.tags", userTags(tg.targetGroupArn()));

        LoadBalancer lb = fx.elb
                .describeLoadBalancers(r -> r.names("shop-https"))
                .loadBalancers()
                .get(0);
        s.put("loadBalancer.scheme", lb.schemeAsString());
        s.put(
                "loadBalancer.subnets",
                lb.availabilityZones().stream().map(z -> z.subnetId()).sorted().collect(Collectors.joining(",")));
        s.put(
                "loadBalancer.securityGroups",
                lb.securityGroups().stream()
                        .map(g -> roles.getOrDefault(g, g))
                        .sorted()
                        .collect(Collectors.joining(",")));
        s.put("loadBalancer.ipAddressType", lb.ipAddressTypeAsString());
        s.put(
                "loadBalancer.attributes",
                keyValues(
                        fx
                                .elb
                                .describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                                .attributes()
                                .stream()
                                .filter(a -> a.key().equals("idle_timeout.timeout_seconds")
                                        || a.key().equals("deletion_protection.enabled")
                                        || a.key().equals("access_logs.s3.enabled"))
                                .collect(Collectors.toMap(
                                        a -> a.key(),
                                        a -> a.value(),
                                        (a, b) -> b,
                                        // AWS's defaults: moto lists these only once they were set
                                        () -> new TreeMap<>(Map.of(
                                                "idle_timeout.timeout_seconds",
                                                "60",
                                                "access_logs.s3.enabled",
                                                "false"))))));
        s.put("loadBalancer.tags", userTags(lb.loadBalancerArn()));
        for (Listener l : fx.elb
                .describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                .listeners()) {
            String key = "listener." + l.port();
            s.put(key + ".protocol", l.protocolAsString());
            if ("HTTPS".equals(l.protocolAsString())) { // moto gives HTTP listeners a policy when the API creates them
                s.put(key + ".sslPolicy", String.valueOf(l.sslPolicy()));
            }
            s.put(
                    key + ".certificate",
                    l.certificates().stream()
                            .map(c -> c.certificateArn().equals(expectedCertificate)
                                    ? "<the stack's certificate>"
                                    : c.certificateArn())
                            .collect(Collectors.joining(",")));
            s.put(
                    key + ".defaultActions",
                    l.defaultActions().stream().map(a -> action(a, roles)).collect(Collectors.joining(",")));
        }
        for (ResourceRecordSet record : fx.route53
                .listResourceRecordSets(r -> r.hostedZoneId(fx.zoneId))
                .resourceRecordSets()) {
            if (record.aliasTarget() == null) {
                continue;
            }
            String key = "records." + record.name() + record.typeAsString();
            s.put(
                    key + ".dnsName",
                    record.aliasTarget()
                            .dnsName()
                            .toLowerCase()
                            .replace(lb.dnsName().toLowerCase(), "<load balancer>"));
            s.put(
                    key + ".evaluateTargetHealth",
                    String.valueOf(record.aliasTarget().evaluateTargetHealth()));
            s.put("records.aliasHostedZoneId", lb.canonicalHostedZoneId());
        }
        return s;
    }

    private static String action(Action a, Map<String, String> roles) {
        if (a.redirectConfig() != null) {
            var r = a.redirectConfig();
            return a.typeAsString() + " " + r.protocol() + ":" + r.port() + " " + r.host() + r.path() + "?" + r.query()
                    + " " + r.statusCodeAsString();
        }
        return a.typeAsString() + " " + roles.getOrDefault(a.targetGroupArn(), a.targetGroupArn());
    }

    /** The resource's tags without https-setup's and CloudFormation's own. */
    private String userTags(String arn) {
        return keyValues(fx.elb.describeTags(r -> r.resourceArns(arn)).tagDescriptions().stream()
                .flatMap(d -> d.tags().stream())
                .filter(t -> !t.key().startsWith("aws:") && !t.key().equals(HttpsSetup.OWNERSHIP_TAG))
                .collect(Collectors.toMap(t -> t.key(), t -> t.value(), (a, b) -> b, TreeMap::new)));
    }

    private static String keyValues(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .collect(Collectors.joining(","));
    }

    private static String templateKeyValues(JsonNode list) {
        Map<String, String> values = new TreeMap<>();
        if (list != null) {
            list.forEach(n -> values.put(n.get("Key").asText(), n.get("Value").asText()));
        }
        return keyValues(values);
    }

    /** Every property, but those the emulator ignores, whose values differ: "property: apply X, CloudFormation Y". */
    private static List<String> differences(Map<String, String> byApply, Map<String, String> byCloudFormation) {
        TreeSet<String> keys = new TreeSet<>(byApply.keySet());
        keys.addAll(byCloudFormation.keySet());
        keys.removeAll(IGNORED_BY_EMULATOR);
        return keys.stream()
                .filter(k -> !java.util.Objects.equals(byApply.get(k), byCloudFormation.get(k)))
                .map(k -> k + ": apply " + byApply.get(k) + ", CloudFormation " + byCloudFormation.get(k))
                .toList();
    }

    private void awaitIssued(String arn) {
        Instant limit = Instant.now().plus(Duration.ofSeconds(60));
        while (!issued(arn)) {
            assertThat(Instant.now()).as("certificate issued in time").isBefore(limit);
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private boolean issued(String arn) {
        try {
            return fx.acm
                            .describeCertificate(r -> r.certificateArn(arn))
                            .certificate()
                            .status()
                    == CertificateStatus.ISSUED;
        } catch (software.amazon.awssdk.services.acm.model.ResourceNotFoundException e) {
            return false; // ACM publishes a new certificate after a few seconds
        }
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }
}
