package io.github.httpssetup.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.LoadBalancerSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadBalancersTest {

    @Test
    void attributeChanges_whenTheDescriptionKeepsAwsDefaults_andAwsListsNone_isEmpty() {
        assertThat(LoadBalancers.attributeChanges(
                        Map.of(),
                        LoadBalancers.wantedAttributes(
                                LoadBalancerSpec.builder().build())))
                .isEmpty();
    }

    @Test
    void attributeChanges_givesOnlyTheKeysThatDiffer() {
        LoadBalancerSpec spec = LoadBalancerSpec.builder()
                .idleTimeout(Duration.ofSeconds(120))
                .deletionProtection(false)
                .build();
        Map<String, String> current = Map.of(
                "idle_timeout.timeout_seconds",
                "60",
                "deletion_protection.enabled",
                "false",
                "access_logs.s3.enabled",
                "false");

        assertThat(LoadBalancers.attributeChanges(current, LoadBalancers.wantedAttributes(spec)))
                .containsExactly(Map.entry("idle_timeout.timeout_seconds", "120"));
    }

    @Test
    void attributeChanges_comparesBooleansIgnoringCase() {
        LoadBalancerSpec spec =
                LoadBalancerSpec.builder().deletionProtection(true).build();

        assertThat(LoadBalancers.attributeChanges(
                        Map.of("deletion_protection.enabled", "TRUE"), LoadBalancers.wantedAttributes(spec)))
                .isEmpty();
        assertThat(LoadBalancers.attributeChanges(Map.of(), LoadBalancers.wantedAttributes(spec)))
                .containsExactly(Map.entry("deletion_protection.enabled", "true"));
    }

    @Test
    void name_isTheGivenOne_orDerivedFromTheStack() {
        HttpsSetup.Builder spec = HttpsSetup.builder()
                .stack("shop")
                .region("eu-west-1")
                .domain(d -> d.name("example.com"))
                .targets(t -> t.instanceIds("i-0123456789abcdef0"));

        assertThat(LoadBalancers.name(spec.build())).isEqualTo("shop-https");
        assertThat(LoadBalancers.name(spec.loadBalancer(lb -> lb.name("front")).build()))
                .isEqualTo("front");
    }
}
