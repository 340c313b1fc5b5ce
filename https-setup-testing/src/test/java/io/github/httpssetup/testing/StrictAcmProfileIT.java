package io.github.httpssetup.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateStatus;
import software.amazon.awssdk.services.acm.model.DomainValidation;
import software.amazon.awssdk.services.acm.model.KeyAlgorithm;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.acm.model.ResourceNotFoundException;
import software.amazon.awssdk.services.acm.model.ResourceRecord;
import software.amazon.awssdk.services.acm.model.ValidationMethod;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CertificateNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerSchemeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ProtocolEnum;

/** The strict profile's ACM behaviours (S1-S5, S8), each asserted directly through the SDK. */
@AwsEmulatorTest
class StrictAcmProfileIT {

    private static final String REGION = "eu-west-1";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private AwsEmulator aws;
    private AcmClient acm;

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        assertThat(emulator.profile())
                .as("these tests need HTTPS_SETUP_EMULATOR_PROFILE=strict")
                .isEqualTo(EmulatorProfile.STRICT);
        emulator.reset();
        aws = emulator.withRegion(REGION);
        acm = aws.client(AcmClient.builder());
    }

    @AfterEach
    void tearDown() {
        acm.close();
    }

    @Test
    void s1_describeCertificate_spellsTheRequestedKeyAlgorithmWithAHyphen() {
        String rsa = request(acm, "example.com", null, null);
        String ec = request(acm, "example.org", KeyAlgorithm.EC_PRIME256_V1, null);
        String ec384 = request(acm, "example.net", KeyAlgorithm.EC_SECP384_R1, null);

        assertThat(visible(acm, rsa).keyAlgorithmAsString()).isEqualTo("RSA-2048");
        assertThat(visible(acm, ec).keyAlgorithmAsString()).isEqualTo("EC-prime256v1");
        assertThat(visible(acm, ec384).keyAlgorithmAsString()).isEqualTo("EC-secp384r1");
        // ListCertificates filters with the underscore spelling and answers with the hyphen
        assertThat(acm.listCertificates(r -> r.includes(i -> i.keyTypesWithStrings("EC_prime256v1")))
                        .certificateSummaryList())
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.certificateArn()).isEqualTo(ec);
                    assertThat(s.keyAlgorithmAsString()).isEqualTo("EC-prime256v1");
                });
        assertThatThrownBy(() -> request(acm, "example.com", KeyAlgorithm.RSA_4096, null))
                .isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("keyAlgorithm");
    }

    @Test
    void s2_describeCertificate_isNotFoundAtFirst_thenHasNoRecords_thenHasThem() {
        String arn = request(acm, "example.com", null, null);

        assertThatThrownBy(() -> acm.describeCertificate(r -> r.certificateArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> acm.listTagsForCertificate(r -> r.certificateArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(acm.listCertificates(r -> {}).certificateSummaryList()).isEmpty();
        CertificateDetail first = visible(acm, arn);
        assertThat(first.domainValidationOptions())
                .extracting(DomainValidation::domainName)
                .containsExactly("example.com");
        assertThat(first.domainValidationOptions())
                .extracting(DomainValidation::resourceRecord)
                .containsOnlyNulls();
        CertificateDetail later = await("validation records of " + arn, () -> {
            CertificateDetail d =
                    acm.describeCertificate(r -> r.certificateArn(arn)).certificate();
            return d.domainValidationOptions().get(0).resourceRecord() == null ? null : d;
        });
        assertThat(later.domainValidationOptions().get(0).resourceRecord().name())
                .endsWith(".example.com.");
        assertThat(acm.listCertificates(r -> {}).certificateSummaryList())
                .extracting(s -> s.certificateArn())
                .containsExactly(arn);
    }

    @Test
    void s3_deleteCertificate_isRefusedWhileAListenerUsesIt_andForAWhileAfterItWasDetached() {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            Ec2World world = Ec2Fixture.builder().build().seed(ec2);
            String lb = elb.createLoadBalancer(r -> r.name("strict-acm")
                            .subnets(world.publicSubnetIds().values())
                            .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                            .type(LoadBalancerTypeEnum.APPLICATION))
                    .loadBalancers()
                    .get(0)
                    .loadBalancerArn();
            String certificate = issued(acm, request(acm, "example.com", null, null));
            String listener = await("a listener with " + certificate, () -> createHttpsListener(elb, lb, certificate));

            assertThat(acm.describeCertificate(r -> r.certificateArn(certificate))
                            .certificate()
                            .inUseBy())
                    .containsExactly(lb);
            assertThat(acm.listCertificates(r -> {})
                            .certificateSummaryList()
                            .get(0)
                            .inUse())
                    .isTrue();
            assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(certificate)))
                    .isInstanceOf(ResourceInUseException.class);

            elb.deleteListener(r -> r.listenerArn(listener));
            Instant detached = Instant.now();
            assertThatThrownBy(() -> acm.deleteCertificate(r -> r.certificateArn(certificate)))
                    .as("ACM still sees the certificate in use right after the listener let go of it")
                    .isInstanceOf(ResourceInUseException.class);
            await("deleting " + certificate, () -> {
                try {
                    acm.deleteCertificate(r -> r.certificateArn(certificate));
                    return Boolean.TRUE;
                } catch (ResourceInUseException e) {
                    return null;
                }
            });
            assertThat(Duration.between(detached, Instant.now())).isGreaterThan(Duration.ofMillis(500));
            assertThatThrownBy(() -> acm.describeCertificate(r -> r.certificateArn(certificate)))
                    .isInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void s4_requestCertificate_withATokenUsedWithinTheHour_returnsTheEarlierArn_evenAfterItWasDeleted() {
        String first = request(acm, "example.com", null, "token-1");
        assertThat(request(acm, "example.com", null, "token-1")).isEqualTo(first);
        assertThat(request(acm, "other.example.com", KeyAlgorithm.EC_PRIME256_V1, "token-1"))
                .as("the token alone counts")
                .isEqualTo(first);
        visible(acm, first);
        acm.deleteCertificate(r -> r.certificateArn(first));

        String again = request(acm, "example.com", null, "token-1");

        assertThat(again).isEqualTo(first);
        assertThatThrownBy(() -> acm.describeCertificate(r -> r.certificateArn(again)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(request(acm, "example.com", null, "token-2")).isNotEqualTo(first);
    }

    @Test
    void s5_validationRecord_isTheSameForADomainInEveryCertificateAndRegion_andDiffersBetweenDomains() {
        try (AcmClient virginia = aws.withRegion("us-east-1").client(AcmClient.builder())) {
            String here = request(acm, "example.com", null, null);
            String wildcard = request(acm, "*.example.com", null, null);
            String there = request(virginia, "example.com", null, null);
            String other = request(acm, "www.example.com", null, null);

            ResourceRecord record = record(acm, here);
            assertThat(record(acm, wildcard)).isEqualTo(record);
            assertThat(record(virginia, there)).isEqualTo(record);
            ResourceRecord otherRecord = record(acm, other);
            assertThat(otherRecord.name()).isNotEqualTo(record.name()).endsWith(".www.example.com.");
            assertThat(otherRecord.value()).isNotEqualTo(record.value()).endsWith(".acm-validations.aws.");
        }
    }

    @Test
    void s8_createListener_withAJustIssuedCertificate_answersCertificateNotFound_thenAcceptsIt() {
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            Ec2World world = Ec2Fixture.builder().build().seed(ec2);
            String lb = elb.createLoadBalancer(r -> r.name("strict-acm")
                            .subnets(world.publicSubnetIds().values())
                            .scheme(LoadBalancerSchemeEnum.INTERNET_FACING)
                            .type(LoadBalancerTypeEnum.APPLICATION))
                    .loadBalancers()
                    .get(0)
                    .loadBalancerArn();
            String certificate = issued(acm, request(acm, "example.com", null, null));

            assertThatThrownBy(() -> createHttpsListener(elb, lb, certificate))
                    .isInstanceOf(CertificateNotFoundException.class);
            String listener = await("a listener with " + certificate, () -> createHttpsListener(elb, lb, certificate));

            String next = issued(acm, request(acm, "www.example.com", null, null));
            assertThatThrownBy(() ->
                            elb.modifyListener(r -> r.listenerArn(listener).certificates(c -> c.certificateArn(next))))
                    .isInstanceOf(CertificateNotFoundException.class);
            await(
                    "the listener on " + next,
                    () -> elb.modifyListener(r -> r.listenerArn(listener).certificates(c -> c.certificateArn(next))));
        }
    }

    // ---- helpers ----

    private static String request(AcmClient client, String name, KeyAlgorithm key, String token) {
        return client.requestCertificate(r -> r.domainName(name)
                        .validationMethod(ValidationMethod.DNS)
                        .keyAlgorithm(key)
                        .idempotencyToken(token))
                .certificateArn();
    }

    /** The certificate's details, once ACM knows it. */
    private static CertificateDetail visible(AcmClient client, String arn) {
        return await("ACM to know " + arn, () -> {
            try {
                return client.describeCertificate(r -> r.certificateArn(arn)).certificate();
            } catch (ResourceNotFoundException e) {
                return null;
            }
        });
    }

    private static String issued(AcmClient client, String arn) {
        visible(client, arn);
        return await(
                arn + " ISSUED",
                () -> client.describeCertificate(r -> r.certificateArn(arn))
                                        .certificate()
                                        .status()
                                == CertificateStatus.ISSUED
                        ? arn
                        : null);
    }

    private static ResourceRecord record(AcmClient client, String arn) {
        visible(client, arn);
        return await(
                "the validation record of " + arn,
                () -> client.describeCertificate(r -> r.certificateArn(arn))
                        .certificate()
                        .domainValidationOptions()
                        .get(0)
                        .resourceRecord());
    }

    private static String createHttpsListener(ElasticLoadBalancingV2Client elb, String lb, String certificate) {
        return elb.createListener(r -> r.loadBalancerArn(lb)
                        .protocol(ProtocolEnum.HTTPS)
                        .port(443)
                        .certificates(c -> c.certificateArn(certificate))
                        .defaultActions(a ->
                                a.type(ActionTypeEnum.FIXED_RESPONSE).fixedResponseConfig(f -> f.statusCode("200"))))
                .listeners()
                .get(0)
                .listenerArn();
    }

    /** Polls until {@code poll} returns non-null (a CertificateNotFound from ELB counts as "not yet"). */
    private static <T> T await(String what, Supplier<T> poll) {
        Instant deadline = Instant.now().plus(LIMIT);
        while (true) {
            try {
                T value = poll.get();
                if (value != null) {
                    return value;
                }
            } catch (CertificateNotFoundException e) {
                // not yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what + " after " + LIMIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
