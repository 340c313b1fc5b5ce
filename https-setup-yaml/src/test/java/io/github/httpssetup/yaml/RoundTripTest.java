package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code load(write(x))} equals {@code x}, and {@code write} leaves defaults out. */
class RoundTripTest {

    private static HttpsSetup roundTrip(HttpsSetup setup) {
        return HttpsSetupYaml.load("written.yaml", HttpsSetupYaml.write(setup), null, name -> null);
    }

    private static HttpsSetup.Builder minimal() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"));
    }

    @Test
    void write_ofTheMinimalSetup_writesOnlyWhatIsRequired() {
        assertThat(HttpsSetupYaml.write(minimal().build()))
                .isEqualTo(""
                        + "stack: shop\n"
                        + "region: ap-northeast-2\n"
                        + "domain:\n"
                        + "  name: example.com\n"
                        + "targets:\n"
                        + "  instanceIds:\n"
                        + "    - i-0123456789abcdef0\n");
    }

    @Test
    void write_ofTheFullSetup_loadsBackEqual() {
        HttpsSetup full = ValidFilesTest.full();

        assertThat(roundTrip(full)).isEqualTo(full);
    }

    @Test
    void write_quotesStringsThatWouldReadAsSomethingElse_andEscapesVariables() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("flag", "true");
        tags.put("number", "8080");
        tags.put("empty", "");
        tags.put("null", "null");
        tags.put("yes", "yes");
        tags.put("spaced", " padded ");
        tags.put("colon", "a: b");
        tags.put("unicode", "café 東京");
        tags.put("float", "1.5");
        tags.put("true", "a key that reads as a boolean");
        HttpsSetup setup = minimal()
                .domain(d -> d.name("example.com")
                        .registration(r -> r.contact(c -> c.firstName("${HOME}")
                                .lastName("$${HOME}")
                                .email("a#b@example.com")
                                .phoneNumber("+1.2065550100")
                                .addressLine1("~")
                                .addressLine2("- item")
                                .city("'quoted'")
                                .state("\"double\"")
                                .countryCode("US")
                                .zipCode("00501"))))
                .targets(t -> t.instanceIds("i-0123456789abcdef0").healthCheck(h -> h.path("/health?a=$5 #b")))
                .tags(tags)
                .build();

        HttpsSetup loaded = roundTrip(setup);

        assertThat(loaded).isEqualTo(setup);
        assertThat(loaded.tags()).containsExactlyEntriesOf(tags);
        assertThat(loaded.domain().registration().orElseThrow().contact().firstName())
                .isEqualTo("${HOME}");
    }

    @Test
    void write_keepsEveryDurationExactly() {
        HttpsSetup setup = minimal()
                .certificate(c -> c.validationTimeout(Duration.ofSeconds(1).plusNanos(1)))
                .targets(t -> t.instanceIds("i-0123456789abcdef0")
                        .healthCheck(h -> h.interval(Duration.ofSeconds(90)).timeout(Duration.ofSeconds(2)))
                        .deregistrationDelay(Duration.ZERO)
                        .stickiness(Duration.ofDays(7)))
                .loadBalancer(lb -> lb.idleTimeout(Duration.ofSeconds(4000)))
                .waitTimeout(Duration.ofMillis(1500))
                .build();

        assertThat(roundTrip(setup)).isEqualTo(setup);
    }

    @Test
    void write_ofInstanceTagsAndAnOptionalPartWithDefaults_loadsBackEqual() {
        HttpsSetup setup = minimal()
                .domain(d -> d.name("example.com")
                        .registration(r -> r.contact(c -> c.firstName("Ada")
                                .lastName("Lovelace")
                                .email("ada@example.com")
                                .phoneNumber("+44.2071234567")
                                .addressLine1("12 St James's Square")
                                .city("London")
                                .countryCode("GB")
                                .zipCode("SW1Y 4LB"))))
                .targets(t -> t.instanceTags(Map.of("app", "shop")).healthCheck(h -> h.port(8081)))
                .loadBalancer(lb -> lb.ipAddressType(IpAddressType.DUALSTACK))
                .certificate(c -> c.keyAlgorithm(KeyAlgorithm.EC_SECP384R1))
                .records(r -> r.enabled(false))
                .build();

        String written = HttpsSetupYaml.write(setup);

        assertThat(roundTrip(setup)).isEqualTo(setup);
        assertThat(written)
                .contains("ipAddressType: dualstack", "keyAlgorithm: ec_secp384r1", "enabled: false")
                .doesNotContain("durationInYears", "subnets", "listeners", "adopt", "waitTimeout");
    }
}
