package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The merge rule of {@code environments:}: mappings key by key, everything else (lists too) whole, null removes. */
class EnvironmentsTest {
    private static final String BASE = ""
            + "stack: shop\n"
            + "region: ap-northeast-2\n"
            + "domain: { name: example.com, alternativeNames: [a.example.com, b.example.com] }\n"
            + "targets:\n"
            + "  instanceIds: [i-0123456789abcdef0]\n"
            + "  stickiness: 1h\n"
            + "loadBalancer: { subnets: auto }\n"
            + "tags: { team: web, env: base }\n";

    private static HttpsSetup load(String override) {
        return HttpsSetupYaml.load(
                "https-setup.yaml", BASE + "environments:\n  test:\n" + override, "test", name -> null);
    }

    @Test
    void aList_replacesTheBaseListWhole() {
        HttpsSetup setup = load("    domain: { alternativeNames: [c.example.com] }\n");

        assertThat(setup.domain().alternativeNames()).containsExactly("c.example.com");
        assertThat(setup.domain().name()).isEqualTo("example.com");
    }

    @Test
    void aList_replacesAScalar_andAScalarReplacesAList() {
        HttpsSetup lists =
                load("    loadBalancer: { subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210] }\n");
        HttpsSetup auto = HttpsSetupYaml.load(
                "https-setup.yaml",
                BASE.replace("subnets: auto", "subnets: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]")
                        + "environments:\n  test:\n    loadBalancer: { subnets: auto }\n",
                "test",
                name -> null);

        assertThat(lists.loadBalancer().subnets()).hasSize(2);
        assertThat(auto.loadBalancer().autoSubnets()).isTrue();
    }

    @Test
    void aMapping_mergesKeyByKey() {
        HttpsSetup setup = load("    tags: { env: test, owner: ops }\n");

        assertThat(setup.tags())
                .containsExactly(Map.entry("team", "web"), Map.entry("env", "test"), Map.entry("owner", "ops"));
    }

    @Test
    void null_removesAKey_restoringItsDefault() {
        HttpsSetup setup = load("    targets: { stickiness: null }\n    tags: { env: ~ }\n");

        assertThat(setup.targets().stickiness()).isEmpty();
        assertThat(setup.targets().instanceIds()).containsExactly("i-0123456789abcdef0");
        assertThat(setup.tags()).containsOnlyKeys("team");
    }

    @Test
    void null_switchesFromInstanceIdsToInstanceTags() {
        HttpsSetup setup = load("    targets: { instanceIds: null, instanceTags: { app: shop } }\n");

        assertThat(setup.targets().instanceIds()).isEmpty();
        assertThat(setup.targets().instanceTags()).containsEntry("app", "shop");
        assertThat(setup.targets().stickiness()).contains(Duration.ofHours(1));
    }

    @Test
    void aPartAbsentFromTheBase_isTakenFromTheOverride() {
        HttpsSetup setup = load("    certificate: { validationTimeout: 1h, arn: null }\n");

        assertThat(setup.certificate().validationTimeout()).isEqualTo(Duration.ofHours(1));
        assertThat(setup.certificate().arn()).isEmpty();
    }
}
