package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** ACM's first name (the certificate's common name) holds at most 64 characters; alternative names more. */
class CommonNameLengthTest {

    /** A valid name of exactly {@code length} characters under example.com. */
    private static String name(int length) {
        String suffix = ".example.com";
        StringBuilder label = new StringBuilder();
        int remaining = length - suffix.length();
        StringBuilder name = new StringBuilder();
        while (remaining > 0) {
            int size = Math.min(remaining, 40);
            label.setLength(0);
            label.append("a".repeat(size));
            name.append(label);
            remaining -= size;
            if (remaining > 0) {
                name.append('.');
                remaining--;
            }
        }
        return name + suffix;
    }

    private static HttpsSetup.Builder spec(String domainName, String... alternatives) {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name(domainName).alternativeNames(alternatives))
                .targets(t -> t.instanceIds("i-0abc1234def567890"));
    }

    @Test
    void build_whenDomainNameIsLongerThan64Characters_reportsItWithHowToFix() {
        String longName = name(65);
        assertThat(longName).hasSize(65);

        InvalidSpecException e = catchThrowableOfType(
                InvalidSpecException.class, () -> spec(longName).build());

        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("domain.name");
            assertThat(v.message()).contains("65 characters", "at most 64", "alternative names", "certificate.arn");
        });
    }

    @Test
    void build_whenDomainNameHas64Characters_andAnAlternativeNameIsLonger_accepts() {
        HttpsSetup setup = spec(name(64), name(100)).build();

        assertThat(setup.domain().name()).hasSize(64);
    }

    @Test
    void build_whenDomainNameIsLongButTheCertificateIsGiven_accepts() {
        String arn = "arn:aws:acm:ap-northeast-2:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab";

        HttpsSetup setup = spec(name(80)).certificate(c -> c.arn(arn)).build();

        assertThat(setup.certificate().arn()).contains(arn);
    }
}
