package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupExecutor;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.ProgressEvent;
import io.github.httpssetup.core.ReferenceWorld;
import io.github.httpssetup.core.ResourceKind;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.EmulatorProfile;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.CertificateSummary;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The certificate against ACM as the strict profile makes it answer (hyphenated key algorithms, certificates
 * unknown for seconds after the request, "in use" after detach, idempotency tokens that outlive the
 * certificate, validation records shared by the account), through the whole chain.
 */
@AwsEmulatorTest
class CertificatesStrictIT {

    private static final String REGION = "ap-northeast-2";
    private static final String DOMAIN = "example.com";
    /** Short, so that a certificate ACM never shows (a stale idempotency answer) is given up on quickly. */
    private static final Duration WAIT = Duration.ofSeconds(12);

    private ReferenceWorld w;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        assertThat(emulator.profile())
                .as("these tests need HTTPS_SETUP_EMULATOR_PROFILE=strict")
                .isEqualTo(EmulatorProfile.STRICT);
        w = new ReferenceWorld(emulator).seed(1, 3, false).withZone();
    }

    @AfterEach
    void tearDown() {
        w.close();
    }

    // ---- 1 and 7: the key algorithm's spelling; a certificate unknown for seconds ----

    @Test
    void apply_onConvergedStack_whenAcmSpellsKeyAlgorithmWithHyphen_makesNoWrite() {
        HttpsSetup spec = spec(b -> b).build();
        executor(new ApiCallCounter()).apply(spec);
        assertThat(certificate(onlyOwned()).keyAlgorithmAsString()).isEqualTo("RSA-2048");

        ApplyResult second = executor(new ApiCallCounter()).apply(spec);

        assertThat(second.apiCalls().writes()).as(second.apiCalls().toString()).isZero();
        assertThat(second.changes()).allSatisfy(c -> assertThat(c.action()).isEqualTo(ChangeAction.UNCHANGED));
    }

    @Test
    void apply_onConvergedStack_withAnEcKey_whenAcmSpellsItWithHyphen_makesNoWrite() {
        HttpsSetup spec = spec(b -> b.certificate(c -> c.keyAlgorithm(KeyAlgorithm.EC_PRIME256V1)))
                .build();
        executor(new ApiCallCounter()).apply(spec);
        assertThat(certificate(onlyOwned()).keyAlgorithmAsString()).isEqualTo("EC-prime256v1");

        ApplyResult second = executor(new ApiCallCounter()).apply(spec);

        assertThat(second.apiCalls().writes()).as(second.apiCalls().toString()).isZero();
    }

    @Test
    void apply_whenAcmDoesNotKnowTheNewCertificateForSeconds_keepsPolling_andTheListenerUsesTheIssuedCertificate() {
        ApplyResult result = executor(new ApiCallCounter()).apply(spec(b -> b).build());

        CertificateDetail detail = certificate(result.outputs().certificateArn());
        assertThat(detail.status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(httpsListener(result).certificates().get(0).certificateArn()).isEqualTo(detail.certificateArn());
    }

    // ---- 8: idempotency tokens outlive the certificate ----

    @Test
    void apply_afterDestroy_ofTheSameNamesAtOnce_convergesWithANewCertificate() {
        HttpsSetup spec = spec(b -> b).build();
        String first = executor(new ApiCallCounter()).apply(spec).outputs().certificateArn();
        executor(new ApiCallCounter()).destroy(spec);

        ApplyResult again = executor(new ApiCallCounter()).apply(spec);

        String second = again.outputs().certificateArn();
        assertThat(second).isNotEqualTo(first);
        assertThat(certificate(second).status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(httpsListener(again).certificates().get(0).certificateArn()).isEqualTo(second);
        assertThat(executor(new ApiCallCounter()).apply(spec).apiCalls().writes())
                .isZero();
    }

    @Test
    void apply_whenNamesGoBackWithinTheHour_requestsANewCertificate_andConverges() {
        HttpsSetup a = spec(b -> b).build();
        HttpsSetup b2 = spec(b -> b.domain(d -> d.name(DOMAIN).alternativeNames("www." + DOMAIN, "api." + DOMAIN)))
                .build();
        String first = executor(new ApiCallCounter()).apply(a).outputs().certificateArn();
        executor(new ApiCallCounter()).apply(b2);

        ApplyResult back = executor(new ApiCallCounter()).apply(a);

        String third = back.outputs().certificateArn();
        assertThat(third).isNotEqualTo(first);
        assertThat(onlyOwned()).isEqualTo(third);
        assertThat(certificate(third).status()).isEqualTo(CertificateStatus.ISSUED);
        assertThat(httpsListener(back).certificates().get(0).certificateArn()).isEqualTo(third);
    }

    // ---- 9: deleting a certificate ACM still sees in use ----

    @Test
    void apply_whenNamesChange_deletesTheOldCertificate_onceAcmNoLongerSeesItInUse() {
        HttpsSetup a = spec(b -> b).build();
        String first = executor(new ApiCallCounter()).apply(a).outputs().certificateArn();

        ApplyResult changed = executor(new ApiCallCounter())
                .apply(spec(b -> b.domain(d -> d.name(DOMAIN).alternativeNames("api." + DOMAIN)))
                        .build());

        assertThat(changed.changes()).anySatisfy(c -> {
            assertThat(c.kind()).isEqualTo(ResourceKind.CERTIFICATE);
            assertThat(c.action()).isEqualTo(ChangeAction.DELETE);
            assertThat(c.id()).isEqualTo(first);
        });
        assertThat(gone(first)).isTrue();
    }

    @Test
    void destroy_whenALoadBalancerTheStackDoesNotOwnUsesTheCertificate_keepsItWithAWarning_andDeletesTheRest() {
        HttpsSetup spec = spec(b -> b).build();
        ApplyResult applied = executor(new ApiCallCounter()).apply(spec);
        String certificate = applied.outputs().certificateArn();
        String foreign = w.elb.createLoadBalancer(r -> r.name("someone-else")
                        .subnets(w.network.publicSubnetIds().values())
                        .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                        .type(LoadBalancerTypeEnum.APPLICATION)
                        .tags(t -> t.key("owner").value("someone-else")))
                .loadBalancers()
                .get(0)
                .loadBalancerArn();
        w.elb.createListener(r -> r.loadBalancerArn(foreign)
                .protocol(ProtocolEnum.HTTPS)
                .port(443)
                .certificates(c -> c.certificateArn(certificate))
                .defaultActions(
                        a -> a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200"))));
        long started = System.nanoTime();

        DestroyResult destroyed = executor(new ApiCallCounter()).destroy(spec);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
        assertThat(certificate(certificate).inUseBy()).contains(foreign);
        assertThat(w.events).anySatisfy(e -> {
            assertThat(e.type()).isEqualTo(ProgressEvent.Type.WARNING);
            assertThat(e.message()).contains(certificate).contains(foreign);
        });
        assertThat(destroyed.deleted())
                .extracting(c -> c.kind())
                .contains(ResourceKind.LOAD_BALANCER)
                .doesNotContain(ResourceKind.CERTIFICATE);
    }

    // ---- 12: validation records are shared by every certificate of the account ----

    @Test
    void destroy_keepsTheValidationRecords_thatACertificateOfTheAccountInAnotherRegionUses() {
        HttpsSetup spec = spec(b -> b).build();
        executor(new ApiCallCounter()).apply(spec);
        List<ResourceRecordSet> before = validationRecords();
        assertThat(before).hasSize(2);
        try (AcmClient virginia = w.aws.withRegion("us-east-1").client(AcmClient.builder())) {
            virginia.requestCertificate(r -> r.domainName(DOMAIN)
                    .subjectAlternativeNames("www." + DOMAIN)
                    .validationMethod(ValidationMethod.DNS));
        }

        executor(new ApiCallCounter()).destroy(spec);

        assertThat(validationRecords()).containsExactlyInAnyOrderElementsOf(before);
    }

    @Test
    void destroy_withAZoneTheStackCreatedAndDeletes_removesTheValidationRecordsWithTheZone() {
        w.route53.deleteHostedZone(r -> r.id(w.zoneId));
        HttpsSetup spec = spec(b -> b.domain(d -> d.name(DOMAIN)
                        .alternativeNames("www." + DOMAIN)
                        .hostedZone(z -> z.create(true).deleteOnDestroy(true))))
                .build();
        executor(new ApiCallCounter()).apply(spec);

        DestroyResult destroyed = executor(new ApiCallCounter()).destroy(spec);

        assertThat(destroyed.deleted())
                .extracting(c -> c.kind())
                .contains(ResourceKind.HOSTED_ZONE, ResourceKind.VALIDATION_RECORD);
        assertThat(w.route53.listHostedZonesByName(r -> r.dnsName(DOMAIN)).hostedZones())
                .noneSatisfy(z -> assertThat(z.name()).isEqualTo(DOMAIN + "."));
    }

    // ---- helpers ----

    private HttpsSetup.Builder spec(UnaryOperator<HttpsSetup.Builder> customise) {
        return customise.apply(w.spec().waitTimeout(WAIT));
    }

    private HttpsSetupExecutor executor(ApiCallCounter counter) {
        return w.executor(counter);
    }

    private CertificateDetail certificate(String arn) {
        return w.acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
    }

    private boolean gone(String arn) {
        try {
            certificate(arn);
            return false;
        } catch (ResourceNotFoundException e) {
            return true;
        }
    }

    /** The ARN of the only certificate in the region. */
    private String onlyOwned() {
        List<CertificateSummary> all = w.acm.listCertificates(
                        r -> r.includes(i -> i.keyTypesWithStrings("RSA_2048", "EC_prime256v1")))
                .certificateSummaryList();
        assertThat(all).hasSize(1);
        return all.get(0).certificateArn();
    }

    private Listener httpsListener(ApplyResult result) {
        return w.elb.describeListeners(r -> r.loadBalancerArn(result.outputs().loadBalancerArn())).listeners().stream()
                .filter(l -> l.protocol() == ProtocolEnum.HTTPS)
                .findFirst()
                .orElseThrow();
    }

    private List<ResourceRecordSet> validationRecords() {
        return w.route53.listResourceRecordSets(r -> r.hostedZoneId(w.zoneId)).resourceRecordSets().stream()
                .filter(s -> s.type() == RRType.CNAME && s.name().startsWith("_"))
                .toList();
    }
}
