package io.github.httpssetup.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.yaml.HttpsSetupYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Every example file is valid and means what its comments say. */
class ExamplesTest {

    private static final Function<String, String> NO_VARIABLES = name -> null;

    private static HttpsSetup load(String file, String environment) throws IOException {
        Path path = Paths.get(file);
        return HttpsSetupYaml.load(path.toString(), Files.readString(path), environment, NO_VARIABLES);
    }

    @Test
    void sampleApp_describesTheShopBehindTagSelectedInstances() throws IOException {
        HttpsSetup setup = load("sample-app/https-setup.yaml", null);

        assertThat(setup.stack()).isEqualTo("shop");
        assertThat(setup.region()).isEqualTo("ap-northeast-2");
        assertThat(setup.allNames()).containsExactly("example.com", "www.example.com");
        assertThat(setup.targets().instanceTags()).isEqualTo(Map.of("app", "shop"));
        assertThat(setup.targets().port()).isEqualTo(8080);
        assertThat(setup.httpListener().action()).isEqualTo(HttpAction.REDIRECT);
    }

    @Test
    void minimal_needsOnlyStackRegionDomainAndTargets() throws IOException {
        HttpsSetup setup = load("yaml/minimal.yaml", null);

        assertThat(setup)
                .isEqualTo(HttpsSetup.builder()
                        .stack("shop")
                        .region("ap-northeast-2")
                        .domain(d -> d.name("example.com"))
                        .targets(t -> t.instanceIds("i-0123456789abcdef0").port(8080))
                        .build());
    }

    @Test
    void full_setsEveryKey_andSurvivesTheRoundTrip() throws IOException {
        HttpsSetup setup = load("yaml/full.yaml", null);

        assertThat(setup.domain().registration()).isPresent();
        assertThat(setup.loadBalancer().ipAddressType()).isEqualTo(IpAddressType.DUALSTACK);
        assertThat(setup.targets().stickiness()).isPresent();
        assertThat(setup.loadBalancer().allowFrom()).contains("203.0.113.0/24", "pl-0123456789abcdef0");
        assertThat(HttpsSetupYaml.load("full.yaml", HttpsSetupYaml.write(setup), null, NO_VARIABLES))
                .isEqualTo(setup);
    }

    @Test
    void multiEnvironment_prodOverridesTheBase_keyByKey() throws IOException {
        HttpsSetup staging = load("yaml/multi-environment.yaml", null);
        HttpsSetup prod = load("yaml/multi-environment.yaml", "prod");

        assertThat(staging.stack()).isEqualTo("shop-staging");
        assertThat(staging.domain().name()).isEqualTo("staging.example.com");
        assertThat(prod.stack()).isEqualTo("shop-prod");
        assertThat(prod.region()).isEqualTo("eu-west-1");
        assertThat(prod.targets().instanceTags()).isEqualTo(Map.of("app", "shop", "env", "prod"));
        assertThat(prod.targets().port()).isEqualTo(8080);
        assertThat(prod.loadBalancer().deletionProtection()).isTrue();
    }

    @Test
    void multiSite_describesTwoSites_oneInAZoneReachedThroughARole_withARoute() throws IOException {
        HttpsSetup setup = load("yaml/multi-site.yaml", null);

        assertThat(setup.sites()).containsOnlyKeys("shop", "blog");
        assertThat(setup.defaultSite()).contains("shop");
        assertThat(setup.sites().get("blog").domain().hostedZone().roleArn())
                .contains("arn:aws:iam::222233334444:role/dns");
        assertThat(setup.sites().get("blog").routes())
                .singleElement()
                .satisfies(route -> assertThat(route.paths()).containsExactly("/api/*"));
        assertThat(setup.allNames()).containsExactly("example.com", "www.example.com", "blog.example.org");
        assertThat(setup.url()).isEqualTo("https://example.com");
        assertThat(HttpsSetupYaml.load("multi-site.yaml", HttpsSetupYaml.write(setup), null, NO_VARIABLES))
                .isEqualTo(setup);
    }

    @Test
    void programmaticExample_describesAValidSetup() {
        HttpsSetup setup = ProgrammaticExample.describe("eu-west-1", "i-0123456789abcdef0");

        assertThat(setup.url()).isEqualTo("https://example.com");
    }
}
