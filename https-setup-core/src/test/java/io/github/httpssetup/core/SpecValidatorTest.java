package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {

    private static final String INSTANCE = "i-0abc1234def567890";

    private static HttpsSetup.Builder valid() {
        return HttpsSetup.builder()
                .stack("shop")
                .region("ap-northeast-2")
                .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                .targets(t -> t.instanceIds(INSTANCE));
    }

    private static DomainSpec.Builder domain() {
        return DomainSpec.builder().name("example.com");
    }

    private static TargetsSpec.Builder targets() {
        return TargetsSpec.builder().instanceIds(INSTANCE);
    }

    private static ContactSpec.Builder contact() {
        return ContactSpec.builder()
                .firstName("Ada")
                .lastName("Lovelace")
                .email("ada@example.com")
                .phoneNumber("+1.2065550100")
                .addressLine1("1 Main St")
                .city("Seattle")
                .countryCode("US")
                .zipCode("98101");
    }

    private static InvalidSpecException rejected(HttpsSetup.Builder builder) {
        Throwable thrown = catchThrowable(builder::build);
        assertThat(thrown).as("build() should reject the description").isInstanceOf(InvalidSpecException.class);
        return (InvalidSpecException) thrown;
    }

    private static List<String> violations(HttpsSetup.Builder builder) {
        InvalidSpecException e = rejected(builder);
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SPEC);
        return e.violations().stream().map(Violation::toString).collect(Collectors.toList());
    }

    private static void assertViolations(HttpsSetup.Builder builder, String... expected) {
        assertThat(violations(builder)).containsExactly(expected);
    }

    private static HttpsSetup.Builder withTargets(Consumer<TargetsSpec.Builder> change) {
        TargetsSpec.Builder builder = targets();
        change.accept(builder);
        return valid().targets(builder.build());
    }

    private static HttpsSetup.Builder withHealthCheck(Consumer<HealthCheckSpec.Builder> change) {
        return valid().targets(targets().healthCheck(change).build());
    }

    private static HttpsSetup.Builder withDomain(Consumer<DomainSpec.Builder> change) {
        DomainSpec.Builder builder = domain();
        change.accept(builder);
        return valid().domain(builder.build());
    }

    private static HttpsSetup.Builder withContact(Consumer<ContactSpec.Builder> change) {
        ContactSpec.Builder builder = contact();
        change.accept(builder);
        return valid().domain(
                        domain().registration(r -> r.contact(builder.build())).build());
    }

    @Test
    void build_whenValid_reportsNothing() {
        assertThat(valid().build().stack()).isEqualTo("shop");
    }

    @Test
    void build_whenNothingIsSet_reportsEveryRequiredProperty() {
        assertViolations(
                HttpsSetup.builder(),
                "stack: is required; set it to a short name such as \"shop\"",
                "region: is required; set it to the region of the instances, such as \"us-east-1\"",
                "domain: is required; set at least its name, such as \"example.com\"",
                "targets: is required; set instanceIds, such as [\"i-0abc1234def567890\"], instanceTags, such as"
                        + " {app: shop}, or autoScalingGroup, such as shop-asg");
    }

    @Test
    void build_whenFiveThingsAreWrong_reportsAllFiveInPropertyOrder() {
        InvalidSpecException e = rejected(valid().waitTimeout(Duration.ZERO)
                .addTag("aws:owner", "ada")
                .targets(t -> t.instanceIds(INSTANCE).port(80800))
                .domain(d -> d.name("example.com").alternativeNames("www.example.com", "www.example.com"))
                .stack("Shop_1"));

        assertThat(e.violations())
                .extracting(Violation::path)
                .containsExactly(
                        "stack", "domain.alternativeNames[1]", "targets.port", "tags.aws:owner", "waitTimeout");
        assertThat(e.getMessage())
                .isEqualTo("Invalid https-setup description (5 problems):\n"
                        + "  stack: \"Shop_1\" is not a valid stack name: use 1-20 lower-case letters, digits and hyphens,"
                        + " starting and ending with a letter or digit\n"
                        + "  domain.alternativeNames[1]: \"www.example.com\" is already listed at domain.alternativeNames[0];"
                        + " remove one of them\n"
                        + "  targets.port: 80800 is not a port (1-65535)\n"
                        + "  tags.aws:owner: key \"aws:owner\" is reserved: AWS keeps keys starting with \"aws:\" for itself;"
                        + " choose another key\n"
                        + "  waitTimeout: 0s is out of range (1s-2h)");
    }

    // ----------------------------------------------------------------------------------------------------- stack

    @Test
    void build_whenStackHasInvalidCharacters_reportsStack() {
        assertViolations(
                valid().stack("Shop_1"),
                "stack: \"Shop_1\" is not a valid stack name: use 1-20 lower-case letters, digits and hyphens,"
                        + " starting and ending with a letter or digit");
        assertViolations(
                valid().stack("shop-"),
                "stack: \"shop-\" is not a valid stack name: use 1-20 lower-case letters, digits and hyphens,"
                        + " starting and ending with a letter or digit");
    }

    @Test
    void build_whenStackIsBlank_reportsStackRequired() {
        assertViolations(valid().stack(" "), "stack: is required; set it to a short name such as \"shop\"");
    }

    @Test
    void build_whenStackIsLongerThan20_reportsStack() {
        assertThat(valid().stack("a".repeat(20)).build().stack()).hasSize(20);
        assertViolations(
                valid().stack("a".repeat(21)),
                "stack: \"aaaaaaaaaaaaaaaaaaaaa\" is too long (21 characters): use at most 20, so that the load"
                        + " balancer and target group names derived from it stay within AWS's 32 characters");
    }

    @Test
    void build_whenStackStartsWithInternal_reportsStack() {
        assertViolations(
                valid().stack("internal-shop"),
                "stack: \"internal-shop\" must not start with \"internal\": AWS reserves load balancer names that"
                        + " begin with \"internal-\"; choose another name");
    }

    // ---------------------------------------------------------------------------------------------------- region

    @Test
    void build_whenRegionIsNotARegionCode_reportsRegion() {
        assertViolations(
                valid().region("US-East-1"),
                "region: \"US-East-1\" is not an AWS region code: use one such as \"us-east-1\" or \"ap-northeast-2\"");
        assertViolations(
                valid().region("seoul"),
                "region: \"seoul\" is not an AWS region code: use one such as \"us-east-1\" or \"ap-northeast-2\"");
    }

    @Test
    void build_withGovCloudAndIsolatedRegions_acceptsThem() {
        assertThat(valid().region("us-gov-west-1").build().region()).isEqualTo("us-gov-west-1");
        assertThat(valid().region("us-isob-east-1").build().region()).isEqualTo("us-isob-east-1");
        assertThat(valid().region("cn-north-1").build().region()).isEqualTo("cn-north-1");
    }

    // ----------------------------------------------------------------------------------------------- domain.name

    @Test
    void build_whenDomainNameIsMissing_reportsDomainName() {
        assertViolations(
                valid().domain(d -> d.alternativeNames("www.example.com")),
                "domain.name: is required; set it to the domain to serve, such as \"example.com\"");
    }

    @Test
    void build_whenDomainNameIsNotADomainName_reportsWhy() {
        assertViolations(
                withDomain(d -> d.name("localhost")),
                "domain.name: \"localhost\" is not a valid domain name: use at least two labels, such as"
                        + " \"example.com\"");
        assertViolations(
                withDomain(d -> d.name("ex_ample.com")),
                "domain.name: \"ex_ample.com\" is not a valid domain name: label \"ex_ample\" may only contain"
                        + " letters, digits and hyphens, and cannot start or end with a hyphen");
        assertViolations(
                withDomain(d -> d.name("-shop.example.com")),
                "domain.name: \"-shop.example.com\" is not a valid domain name: label \"-shop\" may only contain"
                        + " letters, digits and hyphens, and cannot start or end with a hyphen");
        assertViolations(
                withDomain(d -> d.name("shop..example.com")),
                "domain.name: \"shop..example.com\" is not a valid domain name: it has an empty label");
        assertViolations(
                withDomain(d -> d.name("10.0.0.1")),
                "domain.name: \"10.0.0.1\" is not a valid domain name: its last label \"1\" cannot be all digits");
    }

    @Test
    void build_whenALabelIsLongerThan63_reportsDomainName() {
        String label = "a".repeat(64);
        assertViolations(
                withDomain(d -> d.name(label + ".com")),
                "domain.name: \"" + label.substring(0, 61) + "...\" is not a valid domain name: label \"" + label
                        + "\" is 64 characters long; at most 63 are allowed");
        // valid as a name; a certificate of its own would need a first name of at most 64 (see CommonNameLengthTest)
        assertThat(withDomain(d -> d.name("a".repeat(63) + ".com"))
                        .certificate(
                                c -> c.arn(
                                        "arn:aws:acm:ap-northeast-2:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab"))
                        .build()
                        .domain()
                        .name())
                .hasSize(67);
    }

    @Test
    void build_whenDomainNameIsLongerThan253_reportsDomainName() {
        String name = String.join(".", Collections.nCopies(4, "a".repeat(63))) + ".com";
        assertThat(name).hasSize(259);

        assertThat(violations(withDomain(d -> d.name(name))))
                .containsExactly("domain.name: \"" + name.substring(0, 61)
                        + "...\" is not a valid domain name: it is 259 characters" + " long; at most 253 are allowed");
    }

    @Test
    void build_whenDomainNameIsAWildcard_suggestsAlternativeNames() {
        assertViolations(
                withDomain(d -> d.name("*.example.com")),
                "domain.name: \"*.example.com\" is a wildcard, which the domain name cannot be: set name to"
                        + " \"example.com\" and put \"*.example.com\" in alternativeNames");
    }

    @Test
    void build_whenDomainNameIsInternationalized_suggestsItsPunycode() {
        assertViolations(
                withDomain(d -> d.name("bücher.example")),
                "domain.name: \"bücher.example\" is an internationalized name: use its punycode form"
                        + " \"xn--bcher-kva.example\"");
        assertThat(withDomain(d -> d.name("xn--bcher-kva.example"))
                        .build()
                        .domain()
                        .name())
                .isEqualTo("xn--bcher-kva.example");
    }

    // ----------------------------------------------------------------------------------- domain.alternativeNames

    @Test
    void build_whenAnAlternativeNameIsInvalid_reportsItsIndex() {
        assertViolations(
                withDomain(d -> d.alternativeNames("www.example.com", "shop..example.com")),
                "domain.alternativeNames[1]: \"shop..example.com\" is not a valid domain name: it has an empty label");
        assertViolations(
                withDomain(d -> d.alternativeNames("www.example.com", null)),
                "domain.alternativeNames[1]: is empty; give a name such as \"www.example.com\", or remove the entry");
    }

    @Test
    void build_whenAWildcardIsNotTheWholeFirstLabel_reportsAlternativeName() {
        assertThat(withDomain(d -> d.alternativeNames("*.example.com"))
                        .build()
                        .domain()
                        .alternativeNames())
                .containsExactly("*.example.com");
        assertViolations(
                withDomain(d -> d.alternativeNames("a.*.example.com", "*foo.example.com", "*.com")),
                "domain.alternativeNames[0]: \"a.*.example.com\" is not a valid domain name: \"*\" may only be the"
                        + " entire first label, as in \"*.example.com\"",
                "domain.alternativeNames[1]: \"*foo.example.com\" is not a valid domain name: \"*\" may only be the"
                        + " entire first label, as in \"*.example.com\"",
                "domain.alternativeNames[2]: \"*.com\" is not a valid domain name: \"*.\" must be followed by at"
                        + " least two labels, as in \"*.example.com\"");
    }

    @Test
    void build_whenAlternativeNamesRepeat_reportsTheRepetitions() {
        assertViolations(
                withDomain(d -> d.alternativeNames("www.example.com", "WWW.example.com.", "Example.com")),
                "domain.alternativeNames[1]: \"www.example.com\" is already listed at domain.alternativeNames[0];"
                        + " remove one of them",
                "domain.alternativeNames[2]: \"example.com\" is already the domain name; remove it from"
                        + " alternativeNames");
    }

    @Test
    void build_whenThereAreMoreThan99AlternativeNames_reportsAlternativeNames() {
        List<String> names =
                IntStream.range(0, 100).mapToObj(i -> "n" + i + ".example.com").collect(Collectors.toList());

        assertThat(withDomain(d -> d.alternativeNames(names.subList(0, 99)))
                        .build()
                        .allNames())
                .hasSize(100);
        assertViolations(
                withDomain(d -> d.alternativeNames(names)),
                "domain.alternativeNames: has 100 names; at most 99 are allowed, as an ACM certificate covers at most"
                        + " 100 names with the domain name");
    }

    @Test
    void build_whenNamesAreOutsideTheHostedZone_reportsEachName() {
        assertThat(withDomain(d -> d.name("shop.example.com")
                                .alternativeNames("*.shop.example.com")
                                .hostedZone(z -> z.name("shop.example.com")))
                        .build()
                        .domain()
                        .hostedZone()
                        .name())
                .contains("shop.example.com");
        assertViolations(
                withDomain(d -> d.name("example.com")
                        .alternativeNames("www.example.com", "www.example.org", "badexample.com")
                        .hostedZone(z -> z.name("example.com"))),
                "domain.alternativeNames[1]: \"www.example.org\" is not in the hosted zone \"example.com\": use a"
                        + " name ending in \".example.com\", or change domain.hostedZone.name",
                "domain.alternativeNames[2]: \"badexample.com\" is not in the hosted zone \"example.com\": use a"
                        + " name ending in \".example.com\", or change domain.hostedZone.name");
        assertViolations(
                withDomain(d -> d.name("example.com").hostedZone(z -> z.name("shop.example.com"))),
                "domain.name: \"example.com\" is not in the hosted zone \"shop.example.com\": use a name ending in"
                        + " \".shop.example.com\", or change domain.hostedZone.name");
    }

    // ---------------------------------------------------------------------------------------- domain.hostedZone

    @Test
    void build_whenHostedZoneIdIsMalformed_reportsHostedZoneId() {
        assertThat(withDomain(d -> d.hostedZone(z -> z.id("/hostedzone/Z0123456789ABCDEFGHIJ")))
                        .build()
                        .domain()
                        .hostedZone()
                        .id())
                .contains("Z0123456789ABCDEFGHIJ");
        assertViolations(
                withDomain(d -> d.hostedZone(z -> z.id("z123"))),
                "domain.hostedZone.id: \"z123\" is not a hosted zone id: use the id Route 53 shows for the zone, such"
                        + " as \"Z0123456789ABCDEFGHIJ\"");
    }

    @Test
    void build_whenHostedZoneNameIsInvalid_reportsHostedZoneName() {
        assertViolations(
                withDomain(d -> d.hostedZone(z -> z.name("*.example.com"))),
                "domain.hostedZone.name: \"*.example.com\" is not a valid hosted zone name: it cannot contain a"
                        + " wildcard \"*\"");
    }

    @Test
    void build_whenHostedZoneHasIdAndCreate_saysWhichToRemove() {
        assertViolations(
                withDomain(d -> d.hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ").create(true))),
                "domain.hostedZone.create: cannot be true when id is given: remove create to use the existing zone"
                        + " \"Z0123456789ABCDEFGHIJ\", or remove id to create a new zone");
    }

    // -------------------------------------------------------------------------------------- domain.registration

    @Test
    void build_withACompleteRegistration_acceptsIt() {
        HttpsSetup setup = withContact(c -> c.state("WA")).build();

        assertThat(setup.domain().registration()).isPresent();
    }

    @Test
    void build_whenRegistrationHasNoContact_reportsContact() {
        assertViolations(
                valid().domain(domain().registration(r -> r.durationInYears(2)).build()),
                "domain.registration.contact: is required; registering a domain needs the registrant's name,"
                        + " address, email and phone number");
    }

    @Test
    void build_whenContactFieldsAreMissing_reportsEachInOrder() {
        assertViolations(
                valid().domain(domain().registration(r -> r.contact(c -> c.lastName(" ")))
                        .build()),
                "domain.registration.contact.firstName: is required to register the domain",
                "domain.registration.contact.lastName: is required to register the domain",
                "domain.registration.contact.email: is required to register the domain",
                "domain.registration.contact.phoneNumber: is required to register the domain",
                "domain.registration.contact.addressLine1: is required to register the domain",
                "domain.registration.contact.city: is required to register the domain",
                "domain.registration.contact.countryCode: is required to register the domain",
                "domain.registration.contact.zipCode: is required to register the domain");
    }

    @Test
    void build_whenContactDetailsAreMalformed_reportsEach() {
        assertViolations(
                withContact(c -> c.email("ada.example.com")
                        .phoneNumber("+1 206 555 0100")
                        .countryCode("us")),
                "domain.registration.contact.email: \"ada.example.com\" is not an email address: use one such as"
                        + " \"admin@example.com\"",
                "domain.registration.contact.phoneNumber: \"+1 206 555 0100\" is not a phone number as Route 53"
                        + " Domains takes it: use \"+\", the country code, a dot and the number, digits only, such as"
                        + " \"+1.2065550100\"",
                "domain.registration.contact.countryCode: \"us\" is not a country code: use the two upper-case"
                        + " letters of ISO 3166, such as \"US\"");
        assertViolations(
                withContact(c -> c.email("ada@@example.com").countryCode("USA")),
                "domain.registration.contact.email: \"ada@@example.com\" is not an email address: use one such as"
                        + " \"admin@example.com\"",
                "domain.registration.contact.countryCode: \"USA\" is not a country code: use the two upper-case"
                        + " letters of ISO 3166, such as \"US\"");
        assertViolations(
                withContact(c -> c.email("ada@localhost")),
                "domain.registration.contact.email: \"ada@localhost\" is not an email address: use one such as"
                        + " \"admin@example.com\"");
    }

    @Test
    void build_whenRegistrationPeriodIsOutOfRange_reportsDurationInYears() {
        assertViolations(
                valid().domain(domain().registration(
                                r -> r.contact(contact().build()).durationInYears(11))
                        .build()),
                "domain.registration.durationInYears: 11 is out of range (1-10 years)");
        assertViolations(
                valid().domain(domain().registration(
                                r -> r.contact(contact().build()).durationInYears(0))
                        .build()),
                "domain.registration.durationInYears: 0 is out of range (1-10 years)");
    }

    @Test
    void build_whenRegistrationComesWithAHostedZoneId_acceptsIt_toDelegateTheDomainToThatZone() {
        HttpsSetup setup = valid().domain(domain().hostedZone(z -> z.id("Z0123456789ABCDEFGHIJ"))
                        .registration(r -> r.contact(contact().build()).durationInYears(2))
                        .build())
                .build();

        assertThat(setup.domain().hostedZone().id()).contains("Z0123456789ABCDEFGHIJ");
    }

    @Test
    void build_whenRegistrationNamesASubDomain_namesTheRegistrableDomainAndHowToRegisterIt() {
        assertViolations(
                valid().domain(DomainSpec.builder()
                        .name("app.example.co.uk")
                        .registration(r -> r.contact(contact().build()).durationInYears(2))
                        .build()),
                "domain.registration: \"app.example.co.uk\" is not a registrable domain: Route 53 Domains registers"
                        + " \"example.co.uk\", whose sub-domains then need no registration. Set domain.hostedZone.name to"
                        + " \"example.co.uk\" to register it (the certificate still covers \"app.example.co.uk\"), or"
                        + " remove registration if \"example.co.uk\" is already registered");
    }

    @Test
    void build_whenRegistrationNamesAPublicSuffix_saysItCannotBeRegistered() {
        assertViolations(
                valid().domain(DomainSpec.builder()
                        .name("app.co.uk")
                        .hostedZone(z -> z.name("co.uk"))
                        .registration(r -> r.contact(contact().build()).durationInYears(2))
                        .build()),
                "domain.registration: \"co.uk\" is a public suffix (like \"com\" or \"co.uk\"), which cannot be"
                        + " registered: register a name directly below it, such as \"example.co.uk\"");
    }

    @Test
    void registrableDomain_isOneLabelBelowThePublicSuffix() {
        assertThat(DomainNames.registrableDomain("example.com")).isEqualTo("example.com");
        assertThat(DomainNames.registrableDomain("www.shop.example.com")).isEqualTo("example.com");
        assertThat(DomainNames.registrableDomain("a.b.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(DomainNames.registrableDomain("co.uk")).isNull();
    }

    // ------------------------------------------------------------------------------------------------ certificate

    @Test
    void build_whenCertificateArnIsMalformed_reportsCertificateArn() {
        assertViolations(
                valid().certificate(c -> c.arn("arn:aws:acm:ap-northeast-2:1234:certificate/abc")),
                "certificate.arn: \"arn:aws:acm:ap-northeast-2:1234:certificate/abc\" is not an ACM certificate ARN:"
                        + " use one such as \"arn:aws:acm:ap-northeast-2:123456789012:certificate/"
                        + "1234abcd-12ab-34cd-56ef-1234567890ab\"");
    }

    @Test
    void build_whenCertificateIsInAnotherRegion_reportsCertificateArn() {
        String arn = "arn:aws:acm:us-east-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(valid().region("us-east-1")
                        .certificate(c -> c.arn(arn))
                        .build()
                        .certificate()
                        .arn())
                .contains(arn);
        assertViolations(
                valid().certificate(c -> c.arn(arn)),
                "certificate.arn: the certificate is in \"us-east-1\", not in the load balancer's region"
                        + " \"ap-northeast-2\": an ALB only uses certificates of its own region; give a certificate"
                        + " from ap-northeast-2, or remove arn to have one requested");
    }

    @Test
    void build_whenKeyAlgorithmCannotBeRequested_reportsKeyAlgorithm() {
        assertViolations(
                valid().certificate(c -> c.keyAlgorithm(KeyAlgorithm.RSA_4096)),
                "certificate.keyAlgorithm: RSA_4096 cannot be requested from ACM: use RSA_2048, EC_PRIME256V1 or"
                        + " EC_SECP384R1, or import a certificate with this key and give its arn");
        assertThat(valid().region("us-east-1")
                        .certificate(c -> c.keyAlgorithm(KeyAlgorithm.RSA_4096)
                                .arn("arn:aws:acm:us-east-1:123456789012:certificate/abc"))
                        .build()
                        .certificate()
                        .keyAlgorithm())
                .isEqualTo(KeyAlgorithm.RSA_4096);
    }

    @Test
    void build_whenValidationTimeoutIsOutOfRange_reportsValidationTimeout() {
        assertViolations(
                valid().certificate(c -> c.validationTimeout(Duration.ZERO)),
                "certificate.validationTimeout: 0s is out of range (1s-72h): ACM gives up a pending DNS validation"
                        + " after 72 hours");
        assertViolations(
                valid().certificate(c -> c.validationTimeout(Duration.ofHours(73))),
                "certificate.validationTimeout: 73h is out of range (1s-72h): ACM gives up a pending DNS validation"
                        + " after 72 hours");
    }

    // ---------------------------------------------------------------------------------------------------- targets

    @Test
    void build_whenTargetsHaveNoInstances_explainsEveryWay() {
        assertViolations(
                valid().targets(t -> t.port(8080)),
                "targets: has no instances: set instanceIds to name them, such as [\"i-0abc1234def567890\"],"
                        + " instanceTags to select them by tag, such as {app: shop}, or autoScalingGroup to serve the"
                        + " instances of an Auto Scaling group, such as shop-asg");
    }

    @Test
    void build_whenTheTargetIsAnAutoScalingGroup_needsNoInstances() {
        HttpsSetup setup =
                valid().targets(t -> t.autoScalingGroup("shop-asg").port(8080)).build();

        assertThat(setup.targets().autoScalingGroup()).contains("shop-asg");
        assertThat(setup.targets().instanceIds()).isEmpty();
    }

    @Test
    void build_whenAnAutoScalingGroupComesWithInstanceIdsOrTags_reportsTheGroup() {
        assertViolations(
                withTargets(t -> t.autoScalingGroup("shop-asg")),
                "targets.autoScalingGroup: cannot be combined with instanceIds: the Auto Scaling group registers its"
                        + " own instances in the target group; use autoScalingGroup alone, or name or tag the instances"
                        + " without it");
        assertViolations(
                valid().targets(t -> t.addInstanceTag("app", "shop").autoScalingGroup("shop-asg")),
                "targets.autoScalingGroup: cannot be combined with instanceTags: the Auto Scaling group registers its"
                        + " own instances in the target group; use autoScalingGroup alone, or name or tag the instances"
                        + " without it");
    }

    @Test
    void build_whenTheAutoScalingGroupNameIsNotOne_saysWhatANameIs() {
        assertViolations(
                valid().targets(t -> t.autoScalingGroup("shop:asg")),
                "targets.autoScalingGroup: \"shop:asg\" is not an Auto Scaling group name: 1 to 255 visible ASCII"
                        + " characters without spaces or colons, such as \"shop-asg\"");
        assertViolations(
                valid().targets(t -> t.autoScalingGroup("")),
                "targets.autoScalingGroup: \"\" is not an Auto Scaling group name: 1 to 255 visible ASCII"
                        + " characters without spaces or colons, such as \"shop-asg\"");
        assertViolations(
                valid().targets(t -> t.autoScalingGroup("a".repeat(256))),
                "targets.autoScalingGroup: " + Rules.quote("a".repeat(256))
                        + " is not an Auto Scaling group name: 1 to 255 visible ASCII characters without spaces or"
                        + " colons, such as \"shop-asg\"");
        String arn = "arn:aws:autoscaling:eu-west-1:123456789012:autoScalingGroup:uuid:autoScalingGroupName/shop";
        assertViolations(
                valid().targets(t -> t.autoScalingGroup(arn)),
                "targets.autoScalingGroup: " + Rules.quote(arn)
                        + " is an ARN: give the Auto Scaling group's name, such as \"shop-asg\"");
    }

    @Test
    void build_whenTargetsHaveIdsAndTags_reportsInstanceTags() {
        assertViolations(
                withTargets(t -> t.addInstanceTag("app", "shop")),
                "targets.instanceTags: cannot be combined with instanceIds: use instanceIds to name the instances, or"
                        + " instanceTags to select them by tag, not both");
    }

    @Test
    void build_whenInstanceIdsAreMalformedOrRepeated_reportsEach() {
        assertViolations(
                withTargets(t -> t.instanceIds(INSTANCE, "i-123", "", INSTANCE, "i-0123abcd")),
                "targets.instanceIds[1]: \"i-123\" is not an EC2 instance id: use \"i-\" and 8 or 17 hexadecimal"
                        + " digits, such as \"i-0abc1234def567890\"",
                "targets.instanceIds[2]: is empty; give an EC2 instance id, or remove the entry",
                "targets.instanceIds[3]: \"i-0abc1234def567890\" is already listed at targets.instanceIds[0]; remove"
                        + " one of them");
    }

    @Test
    void build_whenThereAreMoreThan500Instances_reportsInstanceIds() {
        List<String> ids = IntStream.range(0, 501)
                .mapToObj(i -> String.format("i-%08x", i))
                .collect(Collectors.toList());

        assertViolations(
                withTargets(t -> t.instanceIds(ids)),
                "targets.instanceIds: has 501 instances; at most 500 are allowed");
    }

    @Test
    void build_whenInstanceTagsBreakTagRules_reportsEachTag() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("aws:autoscaling:groupName", "shop-asg");
        tags.put("app#1", "shop");
        tags.put("env", null);
        assertViolations(
                valid().targets(t -> t.instanceTags(tags)),
                "targets.instanceTags.app#1: key \"app#1\" has characters AWS does not allow in tags: use letters,"
                        + " digits, spaces and _ . : / = + - @",
                "targets.instanceTags.env: has no value; give one, or \"\" for an empty value");
    }

    @Test
    void build_whenPortOutOfRange_reportsTargetsPort() {
        assertViolations(withTargets(t -> t.port(80800)), "targets.port: 80800 is not a port (1-65535)");
        assertViolations(withTargets(t -> t.port(0)), "targets.port: 0 is not a port (1-65535)");
    }

    @Test
    void build_whenDeregistrationDelayIsOutOfRangeOrFractional_reportsDeregistrationDelay() {
        assertViolations(
                withTargets(t -> t.deregistrationDelay(Duration.ofSeconds(3601))),
                "targets.deregistrationDelay: 3601s is out of range (0s-3600s)");
        assertViolations(
                withTargets(t -> t.deregistrationDelay(Duration.ofSeconds(-1))),
                "targets.deregistrationDelay: -1s is out of range (0s-3600s)");
        assertViolations(
                withTargets(t -> t.deregistrationDelay(Duration.ofMillis(1500))),
                "targets.deregistrationDelay: 1500ms is not a whole number of seconds: use 1s or 2s (AWS takes this"
                        + " setting in seconds)");
        assertThat(withTargets(t -> t.deregistrationDelay(Duration.ZERO))
                        .build()
                        .targets()
                        .deregistrationDelay())
                .isZero();
    }

    @Test
    void build_whenStickinessIsOutOfRange_reportsStickiness() {
        assertViolations(
                withTargets(t -> t.stickiness(Duration.ofDays(8))),
                "targets.stickiness: 192h is out of range (1s-604800s): a load-balancer cookie lasts at most 7 days");
        assertViolations(
                withTargets(t -> t.stickiness(Duration.ZERO)),
                "targets.stickiness: 0s is out of range (1s-604800s): a load-balancer cookie lasts at most 7 days");
        assertThat(withTargets(t -> t.stickiness(Duration.ofDays(7)))
                        .build()
                        .targets()
                        .stickiness())
                .contains(Duration.ofDays(7));
    }

    // ------------------------------------------------------------------------------------- targets.healthCheck

    @Test
    void build_whenHealthCheckPathIsNotAPath_reportsPath() {
        assertViolations(
                withHealthCheck(h -> h.path("health")),
                "targets.healthCheck.path: \"health\" is not a path: start it with \"/\", such as \"/health\"");
        assertViolations(
                withHealthCheck(h -> h.path("/" + "a".repeat(1024))),
                "targets.healthCheck.path: is 1025 characters long; at most 1024 are allowed");
    }

    @Test
    void build_whenHealthCheckPortOutOfRange_reportsHealthCheckPort() {
        assertViolations(
                withHealthCheck(h -> h.port(70000)), "targets.healthCheck.port: 70000 is not a port (1-65535)");
    }

    @Test
    void build_whenMatcherIsInvalid_reportsMatcher() {
        assertThat(withHealthCheck(h -> h.matcher("200,204,301"))
                        .build()
                        .targets()
                        .healthCheck()
                        .matcher())
                .isEqualTo("200,204,301");
        assertThat(withHealthCheck(h -> h.matcher("200-399"))
                        .build()
                        .targets()
                        .healthCheck()
                        .matcher())
                .isEqualTo("200-399");
        assertViolations(
                withHealthCheck(h -> h.matcher("2xx")),
                "targets.healthCheck.matcher: \"2xx\" is not a list of HTTP codes: use codes from 200 to 499"
                        + " separated by commas, such as \"200,204\", or a range, such as \"200-299\"");
        assertViolations(
                withHealthCheck(h -> h.matcher("200,500")),
                "targets.healthCheck.matcher: \"200,500\" has code 500, outside the 200-499 an ALB health check"
                        + " accepts");
        assertViolations(
                withHealthCheck(h -> h.matcher("100-299")),
                "targets.healthCheck.matcher: \"100-299\" has code 100, outside the 200-499 an ALB health check"
                        + " accepts");
        assertViolations(
                withHealthCheck(h -> h.matcher("299-200")),
                "targets.healthCheck.matcher: \"299-200\" is not a valid range: put the lower code first, as in"
                        + " \"200-299\"");
    }

    @Test
    void build_whenHealthCheckTimingIsOutOfRange_reportsEach() {
        assertViolations(
                withHealthCheck(h -> h.interval(Duration.ofSeconds(4))
                        .timeout(Duration.ofSeconds(121))
                        .healthyThreshold(1)
                        .unhealthyThreshold(11)),
                "targets.healthCheck.interval: 4s is out of range (5s-300s)",
                "targets.healthCheck.timeout: 121s is out of range (2s-120s)",
                "targets.healthCheck.healthyThreshold: 1 is out of range (2-10)",
                "targets.healthCheck.unhealthyThreshold: 11 is out of range (2-10)");
    }

    @Test
    void build_whenHealthCheckDurationsAreFractional_saysTheyMustBeWholeSeconds() {
        assertViolations(
                withHealthCheck(h -> h.interval(Duration.ofMillis(15500))),
                "targets.healthCheck.interval: 15500ms is not a whole number of seconds: use 15s or 16s (AWS takes"
                        + " this setting in seconds)");
    }

    @Test
    void build_whenTimeoutIsNotLessThanInterval_reportsTimeout() {
        assertViolations(
                withHealthCheck(h -> h.interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(10))),
                "targets.healthCheck.timeout: 10s is not less than the interval (10s): a check must time out before"
                        + " the next one starts; shorten timeout or lengthen interval");
    }

    // --------------------------------------------------------------------------------------------- loadBalancer

    @Test
    void build_whenLoadBalancerNameIsInvalid_reportsName() {
        assertViolations(
                valid().loadBalancer(lb -> lb.name("shop_lb")),
                "loadBalancer.name: \"shop_lb\" is not a valid load balancer name: use 1-32 letters, digits and"
                        + " hyphens, starting and ending with a letter or digit");
        assertViolations(
                valid().loadBalancer(lb -> lb.name("a".repeat(33))),
                "loadBalancer.name: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is too long (33 characters): a load"
                        + " balancer name has at most 32");
        assertViolations(
                valid().loadBalancer(lb -> lb.name("Internal-shop")),
                "loadBalancer.name: \"Internal-shop\" must not start with \"internal-\", which AWS reserves for"
                        + " internal load balancers; choose another name");
    }

    @Test
    void build_whenSubnetsAreWrong_reportsSubnets() {
        assertViolations(
                valid().loadBalancer(lb -> lb.subnets("subnet-0123456789abcdef0")),
                "loadBalancer.subnets: has only one subnet; an application load balancer needs at least two, in"
                        + " different availability zones: add one, or remove subnets to have them chosen"
                        + " automatically");
        assertViolations(
                valid().loadBalancer(
                                lb -> lb.subnets("subnet-0123456789abcdef0", "subnet-xyz", "subnet-0123456789abcdef0")),
                "loadBalancer.subnets[1]: \"subnet-xyz\" is not a subnet id: use \"subnet-\" and 8 to 17 hexadecimal"
                        + " digits, such as \"subnet-0123456789abcdef0\"",
                "loadBalancer.subnets[2]: \"subnet-0123456789abcdef0\" is already listed at loadBalancer.subnets[0];"
                        + " remove one of them");
    }

    @Test
    void build_whenSecurityGroupsAreWrong_reportsSecurityGroups() {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            groups.add("sg-0123456" + i);
        }
        assertViolations(
                valid().loadBalancer(lb -> lb.securityGroups(groups)),
                "loadBalancer.securityGroups: has 6 security groups; a load balancer takes at most 5");
        assertViolations(
                valid().loadBalancer(lb -> lb.securityGroups("default")),
                "loadBalancer.securityGroups[0]: \"default\" is not a security group id: use \"sg-\" and 8 to 17"
                        + " hexadecimal digits, such as \"sg-0123456789abcdef0\"");
    }

    @Test
    void build_whenIdleTimeoutIsOutOfRange_reportsIdleTimeout() {
        assertViolations(
                valid().loadBalancer(lb -> lb.idleTimeout(Duration.ofSeconds(4001))),
                "loadBalancer.idleTimeout: 4001s is out of range (1s-4000s)");
    }

    // ------------------------------------------------------------------------------------------------ listeners

    @Test
    void build_whenListenerPortsAreOutOfRange_reportsListenersPaths() {
        assertViolations(
                valid().httpsListener(l -> l.port(0)).httpListener(l -> l.port(65536)),
                "listeners.https.port: 0 is not a port (1-65535)",
                "listeners.http.port: 65536 is not a port (1-65535)");
    }

    @Test
    void build_whenHttpAndHttpsShareAPort_reportsHttpPort() {
        assertViolations(
                valid().httpListener(l -> l.port(443)),
                "listeners.http.port: 443 is already the HTTPS listener's port: give the HTTP listener another port,"
                        + " or set its action to none");
        assertThat(valid().httpListener(l -> l.port(443).action(HttpAction.NONE))
                        .build()
                        .httpListener()
                        .port())
                .isEqualTo(443);
    }

    @Test
    void build_whenSslPolicyIsInvalid_reportsSslPolicy() {
        assertViolations(
                valid().httpsListener(l -> l.sslPolicy("TLS 1.3 only")),
                "listeners.https.sslPolicy: \"TLS 1.3 only\" is not a security policy name: use at most 128 letters,"
                        + " digits and hyphens, such as \"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\"");
        assertViolations(
                valid().httpsListener(l -> l.sslPolicy("")),
                "listeners.https.sslPolicy: is empty; give an ELB security policy name, or remove it to use"
                        + " \"ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\"");
    }

    // ----------------------------------------------------------------------------------------------------- tags

    @Test
    void build_whenTagsUseReservedPrefixes_reportsEachKey() {
        assertViolations(
                valid().addTag("AWS:team", "web").addTag("https-setup:stack", "blog"),
                "tags.AWS:team: key \"AWS:team\" is reserved: AWS keeps keys starting with \"aws:\" for itself;"
                        + " choose another key",
                "tags.https-setup:stack: key \"https-setup:stack\" is reserved: https-setup sets"
                        + " \"https-setup:stack\" itself and keeps keys starting with \"https-setup:\"; choose"
                        + " another key");
    }

    @Test
    void build_whenTagsBreakLengthOrCharacterRules_reportsEachKey() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("k".repeat(129), "v");
        tags.put("team", "v".repeat(257));
        tags.put("cost center", "R&D");
        tags.put("", "x");
        tags.put("empty", "");
        tags.put("팀", "웹 서비스");
        assertViolations(
                valid().tags(tags),
                "tags." + "k".repeat(129) + ": key is 129 characters long; at most 128 are allowed",
                "tags.team: value is 257 characters long; at most 256 are allowed",
                "tags.cost center: value \"R&D\" has characters AWS does not allow in tags: use letters, digits,"
                        + " spaces and _ . : / = + - @",
                "tags: has a tag without a key; give every tag a key of 1-128 characters");
    }

    @Test
    void build_whenThereAreMoreThan40Tags_reportsTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < 41; i++) {
            tags.put("k" + i, "v");
        }
        assertThat(valid().tags(Map.of("a", "b")).build().tags()).hasSize(1);
        assertViolations(
                valid().tags(tags),
                "tags: has 41 tags; at most 40 are allowed, since AWS allows 50 per resource and https-setup adds its"
                        + " own");
    }

    // ---------------------------------------------------------------------------------------------- waitTimeout

    @Test
    void build_whenWaitTimeoutIsOutOfRange_reportsWaitTimeout() {
        assertViolations(valid().waitTimeout(Duration.ofSeconds(-1)), "waitTimeout: -1s is out of range (1s-2h)");
        assertViolations(valid().waitTimeout(Duration.ofMinutes(121)), "waitTimeout: 121m is out of range (1s-2h)");
        assertThat(valid().waitTimeout(Duration.ofMillis(1500)).build().waitTimeout())
                .hasMillis(1500);
    }
}
