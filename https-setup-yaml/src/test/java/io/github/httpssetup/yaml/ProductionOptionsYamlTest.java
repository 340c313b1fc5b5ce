package io.github.httpssetup.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.httpssetup.core.HttpsSetup;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production options of issue 15 this file covers, in YAML: read into the builder, and a bad value reported at its
 * file, line and column before any AWS call.
 */
class ProductionOptionsYamlTest {

    private static final String BASE = "stack: shop\nregion: ap-northeast-2\ndomain: { name: example.com }\n"
            + "targets: { instanceIds: [i-0123456789abcdef0] }\n";
    private static final String ACL =
            "arn:aws:wafv2:ap-northeast-2:123456789012:regional/webacl/shop/" + "a1b2c3d4-5678-90ab-cdef-EXAMPLE11111";

    private static List<YamlProblem> problems(String content) {
        return HttpsSetupYaml.validate("https-setup.yaml", content, null, name -> null);
    }

    @Test
    void webAclAndAccessLogs_areReadIntoTheLoadBalancer() {
        HttpsSetup setup = HttpsSetupYaml.load(
                "https-setup.yaml",
                BASE + "loadBalancer:\n  webAcl: " + ACL + "\n"
                        + "  accessLogs: { bucket: shop-alb-logs, prefix: prod, create: true }\n",
                null,
                name -> null);

        assertThat(setup.loadBalancer().webAcl()).contains(ACL);
        assertThat(setup.loadBalancer().accessLogs()).hasValueSatisfying(l -> {
            assertThat(l.bucket()).isEqualTo("shop-alb-logs");
            assertThat(l.prefix()).contains("prod");
            assertThat(l.create()).isTrue();
        });
    }

    @Test
    void webAcl_ofAnotherRegion_isReportedAtItsLineAndColumn() {
        String other = ACL.replace("ap-northeast-2", "eu-west-1");

        List<YamlProblem> problems = problems(BASE + "loadBalancer:\n  webAcl: " + other + "\n");

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.column()).isEqualTo(11);
            assertThat(p.path()).isEqualTo("loadBalancer.webAcl");
            assertThat(p.message()).startsWith("the web ACL is in \"eu-west-1\", not in the load balancer's region");
        });
    }

    @Test
    void accessLogs_withABadBucketAndNoBucket_areReportedAtTheirLines() {
        List<YamlProblem> bad = problems(BASE + "loadBalancer:\n  accessLogs:\n    bucket: Shop_Logs\n");
        List<YamlProblem> missing = problems(BASE + "loadBalancer:\n  accessLogs:\n    prefix: prod\n");
        List<YamlProblem> typo = problems(BASE + "loadBalancer:\n  accessLogs:\n    bucket: logs-1\n    prefx: prod\n");

        assertThat(bad).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(7);
            assertThat(p.column()).isEqualTo(13);
            assertThat(p.message()).contains("\"Shop_Logs\" is not an S3 bucket name");
        });
        assertThat(missing).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.path()).isEqualTo("loadBalancer.accessLogs.bucket");
            assertThat(p.message()).startsWith("is required");
        });
        assertThat(typo).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).isEqualTo("unknown key 'prefx'; did you mean 'prefix'?");
        });
    }
}
