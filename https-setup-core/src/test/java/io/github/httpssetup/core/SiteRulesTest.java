package io.github.httpssetup.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SiteRulesTest {

    private static final String INSTANCE = "i-0abc1234def567890";

    private static HttpsSetup.Builder twoSites() {
        return HttpsSetup.builder()
                .stack("web")
                .region("ap-northeast-2")
                .site(
                        "shop",
                        s -> s.domain(d -> d.name("example.com").alternativeNames("www.example.com"))
                                .targets(t -> t.instanceIds(INSTANCE).port(8080)))
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog.example.org")
                                        .hostedZone(z -> z.roleArn("arn:aws:iam::222233334444:role/dns")))
                                .targets(t -> t.instanceIds(INSTANCE).port(3000))
                                .addRoute(r -> r.paths("/api/*")
                                        .targets(t -> t.instanceIds(INSTANCE).port(9000))))
                .defaultSite("shop");
    }

    private static List<String> violations(HttpsSetup.Builder builder) {
        InvalidSpecException e = catchThrowableOfType(InvalidSpecException.class, builder::build);
        assertThat(e).as("build() should reject the description").isNotNull();
        return e.violations().stream().map(Violation::toString).collect(Collectors.toList());
    }

    private static SiteSpec.Builder site(String name) {
        return SiteSpec.builder().domain(d -> d.name(name)).targets(t -> t.instanceIds(INSTANCE));
    }

    @Test
    void build_withTwoSitesAndARoute_keepsThemInOrder() {
        HttpsSetup setup = twoSites().build();

        assertThat(setup.sites()).containsOnlyKeys("shop", "blog");
        assertThat(setup.sites().keySet()).containsExactly("shop", "blog");
        assertThat(setup.defaultSite()).contains("shop");
        assertThat(setup.domain()).isNull();
        assertThat(setup.allNames()).containsExactly("example.com", "www.example.com", "blog.example.org");
        assertThat(setup.url()).isEqualTo("https://example.com");
        assertThat(setup.siteUrl("blog")).isEqualTo("https://blog.example.org");
        assertThat(setup.sites().get("blog").domain().hostedZone().roleArn())
                .contains("arn:aws:iam::222233334444:role/dns");
        assertThat(setup.toBuilder().build()).isEqualTo(setup);
    }

    @Test
    void build_withoutDefaultSite_isValid_andTheFirstSiteGivesTheUrl() {
        HttpsSetup setup = twoSites().defaultSite(null).build();

        assertThat(setup.defaultSite()).isEmpty();
        assertThat(setup.url()).isEqualTo("https://example.com");
    }

    @Test
    void build_withTopLevelDomainTargetsOrCertificateArn_refusesThemNextToSites() {
        assertThat(violations(twoSites()
                        .domain(d -> d.name("example.net"))
                        .targets(t -> t.instanceIds(INSTANCE))
                        .certificate(c -> c.arn("arn:aws:acm:ap-northeast-2:111122223333:certificate/abc"))))
                .extracting(v -> v.substring(0, v.indexOf(':')))
                .containsExactly("domain", "targets", "certificate.arn");
    }

    @Test
    void build_withBadSiteName_namesIt() {
        assertThat(violations(twoSites().site("Blog_1", site("x.example.net").build())))
                .singleElement()
                .asString()
                .startsWith("sites.Blog_1: \"Blog_1\" is not a valid site name");
    }

    @Test
    void build_withANameInTwoSites_reportsTheSecond() {
        assertThat(violations(twoSites()
                        .site(
                                "docs",
                                s -> s.domain(d -> d.name("docs.example.com").alternativeNames("www.example.com"))
                                        .targets(t -> t.instanceIds(INSTANCE)))))
                .containsExactly("sites.docs.domain.alternativeNames[0]: \"www.example.com\" is already served by site"
                        + " \"shop\": a name can belong to one site only; remove it from one of them");
    }

    @Test
    void build_withBadPathPatterns_reportsEachWithItsIndex() {
        HttpsSetup.Builder builder = twoSites()
                .site(
                        "blog",
                        site("blog.example.org")
                                .addRoute(r -> r.paths("/ok/*", "/a b", "x".repeat(129), "", "/ok/*")
                                        .targets(t -> t.instanceIds(INSTANCE)))
                                .build());

        assertThat(violations(builder))
                .containsExactly(
                        "sites.blog.routes[0].paths: has 5 patterns; at most 4 are allowed, since a load balancer rule"
                                + " holds at most 5 condition values and one is the site's name: split them across two"
                                + " routes",
                        "sites.blog.routes[0].paths[1]: \"/a b\" has characters a load balancer does not take in a"
                                + " path pattern: use letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and"
                                + " ?",
                        "sites.blog.routes[0].paths[2]: is 129 characters long; a load balancer takes path patterns"
                                + " of at most 128",
                        "sites.blog.routes[0].paths[3]: is empty; give a path pattern such as \"/api/*\", or remove"
                                + " the entry",
                        "sites.blog.routes[0].paths[4]: \"/ok/*\" is already listed at sites.blog.routes[0].paths[0];"
                                + " remove one of them");
    }

    @Test
    void build_withARouteWithoutPathsOrTargets_reportsBoth() {
        assertThat(violations(twoSites()
                        .site("blog", site("blog.example.org").addRoute(r -> {}).build())))
                .extracting(v -> v.substring(0, v.indexOf(':')))
                .containsExactly("sites.blog.routes[0].paths", "sites.blog.routes[0].targets");
    }

    @Test
    void build_withNestedProblems_reportsThemUnderTheSitesPath() {
        HttpsSetup.Builder builder = twoSites()
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("blog..example.org"))
                                .targets(t -> t.instanceIds(INSTANCE).port(0)));

        assertThat(violations(builder))
                .extracting(v -> v.substring(0, v.indexOf(':')))
                .containsExactly("sites.blog.domain.name", "sites.blog.targets.port");
    }

    @Test
    void build_withAnUnknownDefaultSite_orDefaultSiteWithoutSites_refusesIt() {
        assertThat(violations(twoSites().defaultSite("docs")))
                .containsExactly("defaultSite: \"docs\" is not a site: use one of [shop, blog], or remove it to answer"
                        + " unknown hosts with 404");
        assertThat(violations(HttpsSetup.builder()
                        .stack("web")
                        .region("ap-northeast-2")
                        .domain(d -> d.name("example.com"))
                        .targets(t -> t.instanceIds(INSTANCE))
                        .defaultSite("shop")))
                .containsExactly("defaultSite: is set to \"shop\" but there are no sites: add sites, or remove"
                        + " defaultSite");
    }

    @Test
    void build_withMoreSitesThanTheListenerHoldsCertificates_refusesThem() {
        HttpsSetup.Builder builder = HttpsSetup.builder().stack("web").region("ap-northeast-2");
        IntStream.rangeClosed(1, HttpsSetup.MAX_SITES + 1)
                .forEach(i ->
                        builder.site("s" + i, site("s" + i + ".example.com").build()));

        assertThat(violations(builder))
                .containsExactly("sites: has 27 sites; at most 26 are allowed, since the HTTPS listener holds one"
                        + " default certificate and at most 25 more (Elastic Load Balancing's quota); split the sites"
                        + " across two stacks");
    }

    @Test
    void build_withTheMostSites_isValid() {
        HttpsSetup.Builder builder = HttpsSetup.builder().stack("web").region("ap-northeast-2");
        IntStream.rangeClosed(1, HttpsSetup.MAX_SITES)
                .forEach(i ->
                        builder.site("s" + i, site("s" + i + ".example.com").build()));

        assertThat(builder.build().sites()).hasSize(HttpsSetup.MAX_SITES);
    }

    @Test
    void build_withMoreThanTenNamesInASite_refusesThem() {
        HttpsSetup.Builder builder = twoSites()
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("example.org")
                                        .alternativeNames(IntStream.rangeClosed(1, 10)
                                                .mapToObj(i -> "n" + i + ".example.org")
                                                .toList()))
                                .targets(t -> t.instanceIds(INSTANCE)));

        assertThat(violations(builder))
                .singleElement()
                .asString()
                .startsWith("sites.blog.domain.alternativeNames: gives the site 11 names; at most 10 are allowed");
    }

    @Test
    void build_withMoreRulesThanALoadBalancerHolds_refusesThem() {
        // 20 sites of 10 names = 2 host rules each, and 3 routes of 4 paths = 10 rules each: 240 rules.
        HttpsSetup.Builder builder = HttpsSetup.builder().stack("web").region("ap-northeast-2");
        for (int i = 1; i <= 20; i++) {
            String apex = "s" + i + ".example.com";
            SiteSpec.Builder site = SiteSpec.builder()
                    .domain(d -> d.name(apex)
                            .alternativeNames(IntStream.rangeClosed(1, 9)
                                    .mapToObj(n -> "n" + n + "." + apex)
                                    .toList()))
                    .targets(t -> t.instanceIds(INSTANCE));
            for (int r = 0; r < 3; r++) {
                int route = r;
                site.addRoute(x -> x.paths("/a" + route, "/b" + route, "/c" + route, "/d" + route)
                        .targets(t -> t.instanceIds(INSTANCE)));
            }
            builder.site("s" + i, site.build());
        }

        assertThat(violations(builder)).singleElement().asString().startsWith("sites: need 640 listener rules");
    }

    @Test
    void build_withABadRoleArn_refusesIt() {
        assertThat(violations(twoSites()
                        .site(
                                "blog",
                                s -> s.domain(d -> d.name("blog.example.org")
                                                .hostedZone(z -> z.roleArn("arn:aws:iam::2222:user/dns")))
                                        .targets(t -> t.instanceIds(INSTANCE)))))
                .containsExactly("sites.blog.domain.hostedZone.roleArn: \"arn:aws:iam::2222:user/dns\" is not an IAM"
                        + " role's ARN: use one such as \"arn:aws:iam::222233334444:role/dns\"");
    }

    @Test
    void build_withRegistrationInASite_refusesIt() {
        HttpsSetup.Builder builder = twoSites()
                .site(
                        "blog",
                        s -> s.domain(d -> d.name("example.org")
                                        .registration(r -> r.contact(c -> c.firstName("A")
                                                .lastName("B")
                                                .email("a@example.org")
                                                .phoneNumber("+1.2065550100")
                                                .addressLine1("1 Main St")
                                                .city("Seattle")
                                                .countryCode("US")
                                                .zipCode("98101"))))
                                .targets(t -> t.instanceIds(INSTANCE)));

        assertThat(violations(builder))
                .singleElement()
                .asString()
                .startsWith("sites.blog.domain.registration: is not available for a site");
    }

    @Test
    void sites_areUnmodifiable_andCopiedOnTheWayIn() {
        Map<String, SiteSpec> given = new java.util.LinkedHashMap<>();
        given.put("a", site("a.example.com").build());
        HttpsSetup setup = HttpsSetup.builder()
                .stack("web")
                .region("us-east-1")
                .sites(given)
                .build();
        given.put("b", site("b.example.com").build());

        assertThat(setup.sites()).containsOnlyKeys("a");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> setup.sites().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void build_withTheHttpListenerForwarding_refusesIt_asItHasNoRulesToTellTheSitesApart() {
        assertThat(violations(twoSites().httpListener(HttpAction.FORWARD)))
                .containsExactly(
                        "listeners.http.action: cannot be forward with sites: the HTTP listener has no rules to"
                                + " tell the sites apart; use redirect (the default) or none");
        assertThat(twoSites()
                        .httpListener(HttpAction.NONE)
                        .build()
                        .httpListener()
                        .action())
                .isEqualTo(HttpAction.NONE);
    }
}
