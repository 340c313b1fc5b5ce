package io.github.httpssetup.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.httpssetup.core.report.JsonReport;
import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.AwsEmulatorTest;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The built jar, run as a process ({@code java -jar}) against the emulator: the whole lifecycle with its exit codes and
 * JSON reports, each report validated against the schema, and invalid input refused before any call.
 */
@AwsEmulatorTest
class CliJarIT {

    private static final String REGION = "eu-west-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private AwsEmulator aws;
    private Ec2World world;

    record Result(int exit, String out, String err) {}

    @BeforeEach
    void setUp(AwsEmulator emulator) {
        emulator.reset();
        aws = emulator.withRegion(REGION);
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder().instances(1).build().seed(ec2);
            route53.createHostedZone(r -> r.name("example.com").callerReference("cli-it-" + System.nanoTime()));
        }
    }

    private String yaml() {
        return "stack: shop\n"
                + "region: " + REGION + "\n"
                + "domain:\n"
                + "  name: example.com\n"
                + "  alternativeNames: [www.example.com]\n"
                + "targets:\n"
                + "  instanceIds: [" + world.instanceIds().get(0) + "]\n"
                + "  port: 8080\n"
                + "  healthCheck: { path: /health }\n";
    }

    @Test
    void plan_apply_planWithDetailedExitCode_destroy_theWholeLifecycle() throws Exception {
        Files.writeString(dir.resolve("https-setup.yaml"), yaml());

        Result plan = cli("plan", "--detailed-exitcode", "--output", "json");
        assertThat(plan.exit()).as(plan.err()).isEqualTo(ExitCode.CHANGES);
        JsonNode planned = valid(plan.out());
        assertThat(planned.get("command").asText()).isEqualTo("plan");
        assertThat(planned.get("changed").asBoolean()).isTrue();
        assertThat(planned.get("summary").get("create").asInt()).isPositive();
        assertThat(planned.get("apiCalls").get("reads").asInt()).isPositive();
        assertThat(planned.get("apiCalls").get("writes").asInt()).isZero();
        assertThat(plan.err()).contains("Plan: ");

        Result apply = cli("apply", "--output", "json");
        assertThat(apply.exit()).as(apply.err()).isZero();
        JsonNode applied = valid(apply.out());
        assertThat(applied.get("outputs").get("url").asText()).isEqualTo("https://example.com");
        assertThat(applied.get("outputs").get("loadBalancerDnsName").asText()).startsWith("shop-https-");
        assertThat(applied.get("apiCalls").get("writes").asInt()).isPositive();
        assertThat(apply.err())
                .contains("] waiting for ", " of 15 min)")
                .doesNotContain("\r", "\u001b"); // not a terminal: plain lines

        Result export = cli("export", "--format", "cloudformation");
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(export.out())
                        .get("Resources")
                        .get("LoadBalancer")
                        .get("Type")
                        .asText())
                .isEqualTo("AWS::ElasticLoadBalancingV2::LoadBalancer");
        assertThat(export.out()).contains(world.instanceIds().get(0));

        Result again = cli("plan", "--detailed-exitcode");
        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCode.OK);
        assertThat(again.out()).contains("No changes. AWS matches the description.");

        Result destroy = cli("destroy", "--confirm", "shop", "--output", "json");
        assertThat(destroy.exit()).as(destroy.err()).isZero();
        JsonNode destroyed = valid(destroy.out());
        assertThat(destroyed.get("summary").get("delete").asInt()).isPositive();
        assertThat(destroyed.get("kept").toString()).contains("example.com");
        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder())) {
            assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
        }
    }

    @Test
    void invalidInput_exits64_withTheLocation_beforeAnyCall() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), yaml().replace("port: 8080", "port: 80800"));

        // Nothing listens there: a call would fail with exit code 1; 64 means none was made.
        Result invalid = cli("plan", "-f", "bad.yaml", "--endpoint", "http://127.0.0.1:9", "--output", "json");

        assertThat(invalid.exit()).as(invalid.err()).isEqualTo(ExitCode.INVALID_INPUT);
        assertThat(invalid.err()).startsWith("bad.yaml:8:9: targets.port: 80800 is not a port (1-65535)");
        JsonNode report = valid(invalid.out());
        assertThat(report.get("status").asText()).isEqualTo("invalid");
        assertThat(report.get("errors").get(0).get("line").asInt()).isEqualTo(8);
    }

    /** Runs the jar in {@link #dir} with the emulator's endpoint (unless given) and test credentials. */
    private Result cli(String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("cli.jar");
        assertThat(jar).as("the cli.jar system property (set by the pom)").isNotNull();
        assertThat(Path.of(jar)).exists();
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        command.addAll(List.of(args));
        if (!List.of(args).contains("--endpoint")) {
            command.addAll(List.of("--endpoint", aws.endpoint().toString()));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_REGION", REGION);
        env.remove("AWS_PROFILE");
        env.remove("AWS_SESSION_TOKEN");
        env.remove("AWS_ENDPOINT_URL");
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES))
                .as("https-setup " + String.join(" ", args) + " finished")
                .isTrue();
        return new Result(
                process.exitValue(),
                Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static JsonNode valid(String json) throws IOException {
        Schema schema;
        try (InputStream in = JsonReport.class.getClassLoader().getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(MAPPER.readTree(in));
        }
        JsonNode document = MAPPER.readTree(json);
        assertThat(schema.validate(document)).as(json).isEmpty();
        return document;
    }
}
