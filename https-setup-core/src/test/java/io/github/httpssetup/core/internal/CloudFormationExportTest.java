package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.export.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template writer, from facts as an export reads them: no AWS. */
class CloudFormationExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpsSetup.Builder spec() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t ->
                        t.instanceIds("i-0aaa1111", "i-0bbb2222").port(8080).healthCheck(h -> h.path("/health")))
                .addTag("team", "web");
    }

    private static ExportReads.Facts facts(String zoneId, List<ExportReads.Ingress> ingress) {
        return facts(zoneId, ingress, Map.of());
    }

    private static ExportReads.Facts facts(
            String zoneId, List<ExportReads.Ingress> ingress, Map<String, String> listenerAttributes) {
        Map<String, String> healthCheck = new LinkedHashMap<>();
        healthCheck.put("healthCheck.protocol", "HTTP");
        healthCheck.put("healthCheck.port", "traffic-port");
        healthCheck.put("healthCheck.path", "/health");
        healthCheck.put("healthCheck.matcher", "200");
        healthCheck.put("healthCheck.interval", "30");
        healthCheck.put("healthCheck.timeout", "5");
        healthCheck.put("healthCheck.healthyThreshold", "5");
        healthCheck.put("healthCheck.unhealthyThreshold", "2");
        return new ExportReads.Facts(
                "vpc-1",
                List.of("i-0aaa1111", "i-0bbb2222"),
                List.of("sg-0app"),
                List.of("subnet-a", "subnet-b"),
                zoneId,
                "example.com",
                "shop-https",
                "shop-tg-abc123",
                "shop-alb",
                ingress,
                List.of(8080),
                healthCheck,
                Map.of("deregistration_delay.timeout_seconds", "300", "stickiness.enabled", "false"),
                Map.of("idle_timeout.timeout_seconds", "60", "deletion_protection.enabled", "false"),
                listenerAttributes,
                List.of());
    }

    private static ExportReads.Facts facts() {
        return facts(
                "Z123", List.of(new ExportReads.Ingress(443, "0.0.0.0/0"), new ExportReads.Ingress(80, "0.0.0.0/0")));
    }

    private static JsonNode json(CloudFormationTemplate template) throws Exception {
        return JSON.readTree(template.toJson());
    }

    @Test
    void template_ofTheReferenceStack_hasTheChainWithReadableLogicalIds() {
        CloudFormationTemplate template = CloudFormationExport.template(spec().build(), facts());

        assertThat(template.logicalIds())
                .containsExactly(
                        "Certificate",
                        "LoadBalancerSecurityGroup",
                        "InstanceIngressSg0appPort8080",
                        "TargetGroup",
                        "LoadBalancer",
                        "HttpsListener",
                        "HttpListener",
                        "AliasExampleComA",
                        "AliasWwwExampleComA");
        assertThat(template.warnings()).isEmpty();
    }

    @Test
    void certificate_isValidatedThroughTheZoneForEveryName_andCreatedOnlyWithoutAGivenArn() throws Exception {
        JsonNode t = json(CloudFormationExport.template(
                spec().certificate(c -> c.keyAlgorithm(KeyAlgorithm.EC_PRIME256V1))
                        .build(),
                facts()));

        JsonNode certificate = t.at("/Resources/Certificate");
        assertThat(certificate.get("Condition").asText()).isEqualTo("CreateCertificate");
        assertThat(certificate.at("/Properties/DomainName").asText()).isEqualTo("example.com");
        assertThat(certificate.at("/Properties/SubjectAlternativeNames").toString())
                .isEqualTo("[\"www.example.com\"]");
        assertThat(certificate.at("/Properties/ValidationMethod").asText()).isEqualTo("DNS");
        assertThat(certificate.at("/Properties/KeyAlgorithm").asText()).isEqualTo("EC_prime256v1");
        assertThat(certificate.at("/Properties/DomainValidationOptions").toString())
                .isEqualTo("[{\"DomainName\":\"example.com\",\"HostedZoneId\":\"Z123\"},"
                        + "{\"DomainName\":\"www.example.com\",\"HostedZoneId\":\"Z123\"}]");
        assertThat(t.at("/Conditions/CreateCertificate").toString())
                .isEqualTo("{\"Fn::Equals\":[{\"Ref\":\"CertificateArn\"},\"\"]}");
        assertThat(t.at("/Parameters/CertificateArn/Default").asText()).isEmpty();
        assertThat(t.at("/Resources/HttpsListener/Properties/Certificates/0/CertificateArn")
                        .toString())
                .isEqualTo(
                        "{\"Fn::If\":[\"CreateCertificate\",{\"Ref\":\"Certificate\"},{\"Ref\":\"CertificateArn\"}]}");
    }

    @Test
    void securityHeaders_becomeTheHttpsListenersAttributes_onlyWhenSet() throws Exception {
        JsonNode plain = json(CloudFormationExport.template(spec().build(), facts()));
        JsonNode headers = json(CloudFormationExport.template(
                spec().build(),
                facts(
                        "Z123",
                        List.of(new ExportReads.Ingress(443, "0.0.0.0/0")),
                        Map.of("routing.http.response.server.enabled", "false"))));

        assertThat(plain.at("/Resources/HttpsListener/Properties/ListenerAttributes")
                        .isMissingNode())
                .isTrue();
        assertThat(headers.at("/Resources/HttpsListener/Properties/ListenerAttributes")
                        .toString())
                .isEqualTo("[{\"Key\":\"routing.http.response.server.enabled\",\"Value\":\"false\"}]");
    }

    @Test
    void webAcl_isAssociated_andACreatedAccessLogBucket_isAWarning() throws Exception {
        String acl =
                "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";
        CloudFormationTemplate template = CloudFormationExport.template(
                spec().loadBalancer(lb -> lb.webAcl(acl)
                                .accessLogs(l -> l.bucket("shop-alb-logs").create(true)))
                        .build(),
                facts());
        JsonNode t = json(template);

        assertThat(t.at("/Resources/WebAclAssociation/Type").asText()).isEqualTo("AWS::WAFv2::WebACLAssociation");
        assertThat(t.at("/Resources/WebAclAssociation/Properties/WebACLArn").asText())
                .isEqualTo(acl);
        assertThat(t.at("/Resources/WebAclAssociation/Properties/ResourceArn/Ref")
                        .asText())
                .isEqualTo("LoadBalancer");
        assertThat(template.warnings()).anySatisfy(w -> assertThat(w).contains("accessLogs.create", "shop-alb-logs"));
    }

    @Test
    void allowFrom_prefixLists_becomeSourcePrefixListIds_andBlocksCidrs() throws Exception {
        JsonNode t = json(CloudFormationExport.template(
                spec().build(),
                facts(
                        "Z123",
                        List.of(
                                new ExportReads.Ingress(443, "pl-0123456789abcdef0"),
                                new ExportReads.Ingress(443, "203.0.113.0/24"),
                                new ExportReads.Ingress(443, "2001:db8::/32")))));

        JsonNode rules = t.at("/Resources/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress");
        assertThat(rules.get(0).get("SourcePrefixListId").asText()).isEqualTo("pl-0123456789abcdef0");
        assertThat(rules.get(0).has("CidrIp")).isFalse();
        assertThat(rules.get(1).get("CidrIp").asText()).isEqualTo("203.0.113.0/24");
        assertThat(rules.get(2).get("CidrIpv6").asText()).isEqualTo("2001:db8::/32");
    }

    @Test
    void givenCertificateArn_becomesTheParameterDefault() throws Exception {
        String arn = "arn:aws:acm:ap-northeast-2:123456789012:certificate/abc";
        JsonNode t = json(CloudFormationExport.template(
                spec().certificate(c -> c.arn(arn)).build(), facts()));

        assertThat(t.at("/Parameters/CertificateArn/Default").asText()).isEqualTo(arn);
    }

    @Test
    void resources_carryTheUsersTags_butNotTheOwnershipTag() throws Exception {
        JsonNode t = json(CloudFormationExport.template(spec().build(), facts()));

        for (String id : List.of("Certificate", "LoadBalancerSecurityGroup", "TargetGroup", "LoadBalancer")) {
            assertThat(t.at("/Resources/" + id + "/Properties/Tags").toString())
                    .as(id)
                    .isEqualTo("[{\"Key\":\"team\",\"Value\":\"web\"}]");
        }
        assertThat(t.get("Resources").toString())
                .doesNotContain(HttpsSetup.OWNERSHIP_TAG)
                .doesNotContain("_https-setup");
    }

    @Test
    void targetGroup_hasTheInstancesHealthCheckAndAttributes() throws Exception {
        JsonNode tg =
                json(CloudFormationExport.template(spec().build(), facts())).at("/Resources/TargetGroup/Properties");

        assertThat(tg.get("Name").asText()).isEqualTo("shop-tg-abc123");
        assertThat(tg.get("Targets").toString())
                .isEqualTo("[{\"Id\":\"i-0aaa1111\",\"Port\":8080},{\"Id\":\"i-0bbb2222\",\"Port\":8080}]");
        assertThat(tg.get("HealthCheckPath").toString()).isEqualTo("{\"Ref\":\"HealthCheckPath\"}");
        assertThat(tg.get("HealthCheckPort").asText()).isEqualTo("traffic-port");
        assertThat(tg.get("Matcher").toString()).isEqualTo("{\"HttpCode\":\"200\"}");
        assertThat(tg.get("HealthCheckIntervalSeconds").asInt()).isEqualTo(30);
        assertThat(tg.get("TargetGroupAttributes").toString()).contains("deregistration_delay.timeout_seconds");
    }

    @Test
    void securityGroups_admitTheListenerPortsAndLetTheLoadBalancerReachTheApp() throws Exception {
        JsonNode t = json(CloudFormationExport.template(
                spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .build(),
                facts(
                        "Z123",
                        List.of(new ExportReads.Ingress(443, "0.0.0.0/0"), new ExportReads.Ingress(443, "::/0")))));

        assertThat(t.at("/Resources/LoadBalancerSecurityGroup/Properties/SecurityGroupIngress")
                        .toString())
                .contains("\"CidrIp\":\"0.0.0.0/0\"")
                .contains("\"CidrIpv6\":\"::/0\"");
        JsonNode rule = t.at("/Resources/InstanceIngressSg0appPort8080/Properties");
        assertThat(rule.get("GroupId").asText()).isEqualTo("sg-0app");
        assertThat(rule.get("SourceSecurityGroupId").toString()).isEqualTo("{\"Ref\":\"LoadBalancerSecurityGroup\"}");
        assertThat(t.at("/Resources/LoadBalancer/Properties/SecurityGroups").toString())
                .isEqualTo("[{\"Ref\":\"LoadBalancerSecurityGroup\"}]");
    }

    @Test
    void givenSecurityGroups_areUsedAsTheyAre() {
        CloudFormationTemplate template = CloudFormationExport.template(
                spec().loadBalancer(lb -> lb.securityGroups("sg-0123abcd")).build(), facts());

        assertThat(template.logicalIds())
                .doesNotContain("LoadBalancerSecurityGroup")
                .noneMatch(id -> id.startsWith("Instance"));
        assertThat(template.resource("LoadBalancer").toString()).contains("SecurityGroups=[sg-0123abcd]");
    }

    @Test
    void dualstack_addsAaaaRecords_toTheLoadBalancersDualstackName() throws Exception {
        CloudFormationTemplate template = CloudFormationExport.template(
                spec().loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                        .build(),
                facts());
        JsonNode t = json(template);

        assertThat(template.logicalIds()).contains("AliasExampleComA", "AliasExampleComAAAA", "AliasWwwExampleComAAAA");
        JsonNode alias = t.at("/Resources/AliasWwwExampleComAAAA/Properties");
        assertThat(alias.get("Name").asText()).isEqualTo("www.example.com.");
        assertThat(alias.get("HostedZoneId").asText()).isEqualTo("Z123");
        assertThat(alias.at("/AliasTarget/DNSName").toString())
                .isEqualTo("{\"Fn::Sub\":\"dualstack.${LoadBalancer.DNSName}\"}");
        assertThat(alias.at("/AliasTarget/HostedZoneId").toString())
                .isEqualTo("{\"Fn::GetAtt\":[\"LoadBalancer\",\"CanonicalHostedZoneID\"]}");
        assertThat(t.at("/Resources/LoadBalancer/Properties/IpAddressType").asText())
                .isEqualTo("dualstack");
    }

    @Test
    void httpListener_redirectsForwardsOrIsLeftOut() throws Exception {
        JsonNode redirect = json(CloudFormationExport.template(spec().build(), facts()))
                .at("/Resources/HttpListener/Properties/DefaultActions/0");
        JsonNode forward = json(CloudFormationExport.template(
                        spec().httpListener(HttpAction.FORWARD).build(), facts()))
                .at("/Resources/HttpListener/Properties/DefaultActions/0");
        CloudFormationTemplate none = CloudFormationExport.template(
                spec().httpListener(HttpAction.NONE).build(), facts());

        assertThat(redirect.toString())
                .isEqualTo(
                        "{\"Type\":\"redirect\",\"RedirectConfig\":{\"Protocol\":\"HTTPS\","
                                + "\"Port\":\"443\",\"Host\":\"#{host}\",\"Path\":\"/#{path}\",\"Query\":\"#{query}\",\"StatusCode\":\"HTTP_301\"}}");
        assertThat(forward.toString()).isEqualTo("{\"Type\":\"forward\",\"TargetGroupArn\":{\"Ref\":\"TargetGroup\"}}");
        assertThat(none.logicalIds()).contains("HttpsListener").doesNotContain("HttpListener");
    }

    @Test
    void records_disabled_leavesTheAliasesOut() {
        CloudFormationTemplate template = CloudFormationExport.template(
                spec().records(r -> r.enabled(false)).build(), facts());

        assertThat(template.logicalIds()).noneMatch(id -> id.startsWith("Alias"));
    }

    @Test
    void wildcardNames_getReadableDistinctLogicalIds() {
        CloudFormationTemplate template = CloudFormationExport.template(
                spec().domain(d -> d.name("example.com").alternativeNames("*.example.com"))
                        .build(),
                facts());

        assertThat(template.logicalIds()).contains("AliasExampleComA", "AliasWildcardExampleComA");
    }

    @Test
    void aZoneTheStackCreates_isInTheTemplate_andKeptUnlessDeleteOnDestroy() throws Exception {
        ExportReads.Facts noZone = facts(null, facts().albIngress());
        JsonNode kept = json(CloudFormationExport.template(
                spec().domain(d -> d.name("example.com").hostedZone(z -> z.create(true)))
                        .build(),
                noZone));
        JsonNode deleted = json(CloudFormationExport.template(
                spec().domain(d -> d.name("example.com")
                                .hostedZone(z -> z.create(true).deleteOnDestroy(true)))
                        .build(),
                noZone));

        assertThat(kept.at("/Resources/HostedZone/Properties/Name").asText()).isEqualTo("example.com");
        assertThat(kept.at("/Resources/HostedZone/DeletionPolicy").asText()).isEqualTo("Retain");
        assertThat(deleted.at("/Resources/HostedZone/DeletionPolicy").asText()).isEqualTo("Delete");
        assertThat(kept.at("/Resources/Certificate/Properties/DomainValidationOptions/0/HostedZoneId")
                        .toString())
                .isEqualTo("{\"Ref\":\"HostedZone\"}");
        assertThat(kept.at("/Resources/AliasExampleComA/Properties/HostedZoneId")
                        .toString())
                .isEqualTo("{\"Ref\":\"HostedZone\"}");
    }

    @Test
    void registration_isRefused_namingTheKey() {
        HttpsSetup withRegistration = spec().domain(d -> d.name("example.com")
                        .registration(r -> r.contact(c -> c.firstName("Ada")
                                .lastName("Lovelace")
                                .email("ada@example.com")
                                .phoneNumber("+1.2065550100")
                                .addressLine1("1 Main St")
                                .city("Seattle")
                                .state("WA")
                                .countryCode("US")
                                .zipCode("98101"))))
                .build();

        assertThatThrownBy(() -> CloudFormationExport.checkExportable(withRegistration))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_EXPORTABLE))
                .hasMessageStartingWith("domain.registration cannot be exported")
                .hasMessageContaining("remove domain.registration");
    }

    @Test
    void checkExportable_withSites_refusesBeforeAnyCall() {
        HttpsSetup sites = HttpsSetup.builder()
                .stack("web")
                .region("eu-west-1")
                .site(
                        "shop",
                        s -> s.domain(d -> d.name("example.com")).targets(t -> t.instanceIds("i-0123456789abcdef0")))
                .build();

        assertThatThrownBy(() -> CloudFormationExport.checkExportable(sites))
                .isInstanceOfSatisfying(
                        HttpsSetupException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_EXPORTABLE))
                .hasMessageStartingWith("sites cannot be exported yet");
    }

    @Test
    void adopt_isLeftOut_withAWarningInTheTemplate() throws Exception {
        CloudFormationTemplate template =
                CloudFormationExport.template(spec().adopt(true).build(), facts());

        assertThat(template.warnings()).singleElement().asString().startsWith("adopt: true is not exported");
        assertThat(json(template).at("/Metadata/HttpsSetup/Warnings/0").asText())
                .startsWith("adopt: true is not exported");
    }

    @Test
    void toJson_isTheTree_andTheSameForTheSameInputs() throws Exception {
        CloudFormationTemplate template = CloudFormationExport.template(spec().build(), facts());

        assertThat(JSON.convertValue(json(template), Map.class)).isEqualTo(template.body());
        assertThat(CloudFormationExport.template(spec().build(), facts()).toJson())
                .isEqualTo(template.toJson());
        assertThat(template.toJson()).startsWith("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",");
    }

    @Test
    void body_isImmutable() {
        CloudFormationTemplate template = CloudFormationExport.template(spec().build(), facts());
        Map<String, Object> body = template.body();

        assertThatThrownBy(() -> body.put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> targets = (List<Object>)
                ((Map<String, Object>) template.resource("TargetGroup").get("Properties")).get("Targets");
        assertThatThrownBy(() -> targets.add("i-0ccc3333")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> CloudFormationTemplate.of(Map.of("Outputs", Map.of()), new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Resources");
    }
}
