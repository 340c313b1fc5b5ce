package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.KeyAlgorithm;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.model.FailureReason;

/** The certificate's pure decisions: ACM's spellings, and what its failure reasons tell the user. */
class CertificatesTest {

    @Test
    void sameKey_acceptsAcmsHyphenatedSpelling_andTheRequestSpelling() {
        assertThat(Certificates.sameKey(KeyAlgorithm.RSA_2048, "RSA-2048")).isTrue();
        assertThat(Certificates.sameKey(KeyAlgorithm.RSA_2048, "RSA_2048")).isTrue();
        assertThat(Certificates.sameKey(KeyAlgorithm.EC_PRIME256V1, "EC-prime256v1"))
                .isTrue();
        assertThat(Certificates.sameKey(KeyAlgorithm.EC_SECP384R1, "EC-secp384r1"))
                .isTrue();
        assertThat(Certificates.sameKey(KeyAlgorithm.RSA_2048, null))
                .as("an answer without a key algorithm")
                .isTrue();
    }

    @Test
    void sameKey_rejectsAnotherAlgorithm() {
        assertThat(Certificates.sameKey(KeyAlgorithm.RSA_2048, "EC-prime256v1")).isFalse();
        assertThat(Certificates.sameKey(KeyAlgorithm.EC_PRIME256V1, "EC-secp384r1"))
                .isFalse();
        assertThat(Certificates.sameKey(KeyAlgorithm.RSA_2048, "RSA-4096")).isFalse();
    }

    @Test
    void failureHint_forCaaError_saysWhichCaaRecordAllowsAmazon() {
        assertThat(Certificates.failureHint(FailureReason.CAA_ERROR.toString()))
                .contains("CAA", "0 issue \"amazon.com\"", "dig CAA");
    }

    @Test
    void failureHint_forEachReasonAPublicCertificateCanHave_saysWhatToDo() {
        for (String reason : new String[] {
            "ADDITIONAL_VERIFICATION_REQUIRED",
            "DOMAIN_NOT_ALLOWED",
            "INVALID_PUBLIC_DOMAIN",
            "DOMAIN_VALIDATION_DENIED",
            "NO_AVAILABLE_CONTACTS",
            "SLR_NOT_FOUND",
            "PCA_INVALID_ARN"
        }) {
            assertThat(Certificates.failureHint(reason)).as(reason).isNotBlank();
        }
    }

    @Test
    void failureHint_forOtherOrNoReason_isNone_soTheDelegationHintApplies() {
        assertThat(Certificates.failureHint("OTHER")).isNull();
        assertThat(Certificates.failureHint(null)).isNull();
    }

    @Test
    void covers_matchesExactNamesAndOneLabelWildcards() {
        Set<String> names = Set.of("example.com", "*.example.com");

        assertThat(Certificates.covers(names, "example.com")).isTrue();
        assertThat(Certificates.covers(names, "www.example.com")).isTrue();
        assertThat(Certificates.covers(names, "a.b.example.com")).isFalse();
        assertThat(Certificates.covers(Set.of("example.com"), "www.example.com"))
                .isFalse();
    }
}
