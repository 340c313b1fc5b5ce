package io.github.httpssetup.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.github.httpssetup.core.ApiCalls;
import io.github.httpssetup.core.ApplyResult;
import io.github.httpssetup.core.AttributeChange;
import io.github.httpssetup.core.Change;
import io.github.httpssetup.core.ChangeAction;
import io.github.httpssetup.core.ConflictException;
import io.github.httpssetup.core.DestroyResult;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.Outputs;
import io.github.httpssetup.core.Plan;
import io.github.httpssetup.core.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Change CERTIFICATE = new Change(
            ChangeAction.CREATE,
            ResourceKind.CERTIFICATE,
            "example.com",
            null,
            List.of(
                    new AttributeChange("names", null, "example.com, www.example.com"),
                    new AttributeChange("arn", null, AttributeChange.KNOWN_AFTER_APPLY)),
            "");
    private static final Change ZONE =
            Change.of(ChangeAction.UNCHANGED, ResourceKind.HOSTED_ZONE, "example.com", "Z0123", null);
    private static final Change HEALTH = new Change(
            ChangeAction.UPDATE,
            ResourceKind.TARGET_GROUP,
            "shop-tg-1a2b",
            "arn:tg",
            List.of(new AttributeChange("healthCheck.path", "/", "/health")),
            "health check path changed");
    private static final Change FOREIGN = Change.of(
            ChangeAction.CONFLICT,
            ResourceKind.LOAD_BALANCER,
            "shop-https",
            "arn:lb",
            "exists, not owned by the stack");
    private static final ApiCalls CALLS = new ApiCalls(
            Map.of("ACM", new ApiCalls.Count(3, 1)), Map.of("ACM:DescribeCertificate", 3, "ACM:RequestCertificate", 1));

    static Schema schema() throws IOException {
        try (InputStream in = JsonReport.class.getClassLoader().getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            assertThat(in).as(JsonReport.SCHEMA_RESOURCE).isNotNull();
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(MAPPER.readTree(in));
        }
    }

    private static JsonNode valid(JsonReport report) throws IOException {
        String json = report.toJson();
        List<Error> errors = schema().validate(MAPPER.readTree(json));
        assertThat(errors).as(json).isEmpty();
        return MAPPER.readTree(json);
    }

    @Test
    void plan_listsEveryChangeWithItsAttributes_andCountsThem() throws IOException {
        Plan plan = new Plan("shop", "eu-west-1", List.of(ZONE, CERTIFICATE, HEALTH));

        JsonNode json =
                valid(JsonReport.of(plan).withDuration(Duration.ofMillis(1234)).withApiCalls(CALLS));

        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("command").asText()).isEqualTo("plan");
        assertThat(json.get("status").asText()).isEqualTo("ok");
        assertThat(json.get("stack").asText()).isEqualTo("shop");
        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("summary").get("create").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("update").asInt()).isEqualTo(1);
        assertThat(json.get("summary").get("unchanged").asInt()).isEqualTo(1);
        JsonNode certificate = json.get("changes").get(1);
        assertThat(certificate.get("action").asText()).isEqualTo("create");
        assertThat(certificate.get("kind").asText()).isEqualTo("certificate");
        assertThat(certificate.get("id").isNull()).isTrue();
        assertThat(certificate.get("attributes").get(1).get("knownAfterApply").asBoolean())
                .isTrue();
        assertThat(json.get("changes")
                        .get(2)
                        .get("attributes")
                        .get(0)
                        .get("before")
                        .asText())
                .isEqualTo("/");
        assertThat(json.get("durationMs").asLong()).isEqualTo(1234);
        assertThat(json.get("apiCalls")
                        .get("byOperation")
                        .get("ACM:DescribeCertificate")
                        .asInt())
                .isEqualTo(3);
        assertThat(json.get("apiCalls").get("writes").asInt()).isEqualTo(1);
        assertThat(json.get("outputs").isNull()).isTrue();
    }

    @Test
    void plan_withAConflict_listsItUnderConflicts() throws IOException {
        JsonNode json = valid(JsonReport.of(new Plan("shop", "eu-west-1", List.of(ZONE, FOREIGN))));

        assertThat(json.get("changed").asBoolean()).isFalse();
        assertThat(json.get("conflicts")).hasSize(1);
        assertThat(json.get("conflicts").get(0).get("name").asText()).isEqualTo("shop-https");
        assertThat(json.get("summary").get("conflict").asInt()).isEqualTo(1);
        assertThat(json.get("apiCalls").isNull()).isTrue();
    }

    @Test
    void apply_carriesTheOutputs() throws IOException {
        Outputs outputs = new Outputs(
                "https://example.com",
                "Z0123",
                List.of("ns-1.awsdns-01.com"),
                false,
                "arn:cert",
                "arn:lb",
                "shop-https-1.eu-west-1.elb.amazonaws.com",
                "arn:tg");
        ApplyResult result = new ApplyResult(List.of(CERTIFICATE), outputs, Duration.ofSeconds(5), CALLS);

        JsonNode json = valid(JsonReport.of(result).withStack("shop", "eu-west-1"));

        assertThat(json.get("command").asText()).isEqualTo("apply");
        assertThat(json.get("region").asText()).isEqualTo("eu-west-1");
        assertThat(json.get("outputs").get("url").asText()).isEqualTo("https://example.com");
        assertThat(json.get("outputs").get("nameServers").get(0).asText()).isEqualTo("ns-1.awsdns-01.com");
        assertThat(json.get("durationMs").asLong()).isEqualTo(5000);
    }

    @Test
    void destroy_listsWhatWasDeletedAndKept() throws IOException {
        DestroyResult result = new DestroyResult(
                List.of(Change.of(ChangeAction.DELETE, ResourceKind.LOAD_BALANCER, "shop-https", "arn:lb", null)),
                List.of("hosted zone example.com (not created by the stack)"),
                Duration.ofSeconds(2),
                CALLS);

        JsonNode json = valid(JsonReport.of(result));

        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("summary").get("delete").asInt()).isEqualTo(1);
        assertThat(json.get("kept").get(0).asText()).startsWith("hosted zone example.com");
    }

    @Test
    void failure_ofAConflict_listsTheConflicts_andTheError() throws IOException {
        JsonNode json = valid(JsonReport.failure(JsonReport.Command.APPLY, new ConflictException(List.of(FOREIGN))));

        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("errors").get(0).get("code").asText()).isEqualTo("conflict");
        assertThat(json.get("conflicts").get(0).get("kind").asText()).isEqualTo("load_balancer");
        assertThat(json.get("summary").get("conflict").asInt()).isEqualTo(1);
    }

    @Test
    void failure_afterChanges_listsTheChangesMade() throws IOException {
        HttpsSetupException stopped = new HttpsSetupException(
                new HttpsSetupException(ErrorCode.WAIT_TIMEOUT, "the load balancer did not become active within 15m"),
                List.of(CERTIFICATE));

        JsonNode json = valid(JsonReport.failure(JsonReport.Command.APPLY, stopped));

        assertThat(json.get("changed").asBoolean()).isTrue();
        assertThat(json.get("changes").get(0).get("kind").asText()).isEqualTo("certificate");
        assertThat(json.get("errors").get(0).get("code").asText()).isEqualTo("wait_timeout");
    }

    @Test
    void failure_ofInvalidInput_isInvalid_withEachProblemsLocation() throws IOException {
        HttpsSetupException invalid = new HttpsSetupException(ErrorCode.INVALID_SPEC, "bad port");
        JsonReport report = JsonReport.failure(
                JsonReport.Command.PLAN,
                invalid,
                List.of(new JsonReport.Problem(
                        ErrorCode.INVALID_SPEC,
                        "targets.port: 80800 is not a port (1-65535)",
                        "https-setup.yaml",
                        8,
                        9,
                        "targets.port")));

        JsonNode json = valid(report);

        assertThat(json.get("status").asText()).isEqualTo("invalid");
        JsonNode error = json.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("https-setup.yaml");
        assertThat(error.get("line").asInt()).isEqualTo(8);
        assertThat(error.get("column").asInt()).isEqualTo(9);
        assertThat(error.get("path").asText()).isEqualTo("targets.port");
    }

    @Test
    void schema_namesEveryValueOfTheEnumsTheReportWrites() throws IOException {
        JsonNode schema;
        try (InputStream in = JsonReport.class.getClassLoader().getResourceAsStream(JsonReport.SCHEMA_RESOURCE)) {
            schema = MAPPER.readTree(in);
        }
        JsonNode change = schema.get("$defs").get("change").get("properties");

        assertThat(texts(change.get("action").get("enum"))).containsExactlyElementsOf(lower(ChangeAction.values()));
        assertThat(texts(change.get("kind").get("enum"))).containsExactlyElementsOf(lower(ResourceKind.values()));
        assertThat(texts(schema.get("properties")
                        .get("errors")
                        .get("items")
                        .get("properties")
                        .get("code")
                        .get("enum")))
                .containsExactlyElementsOf(lower(ErrorCode.values()));
        assertThat(texts(schema.get("properties").get("command").get("enum")))
                .containsExactlyElementsOf(Arrays.stream(JsonReport.Command.values())
                        .map(JsonReport.Command::label)
                        .toList());
        assertThat(texts(schema.get("properties").get("summary").get("required")))
                .containsExactlyElementsOf(lower(ChangeAction.values()));
        assertThat(schema.get("properties").get("version").get("const").asInt()).isEqualTo(JsonReport.VERSION);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> lower(Enum<?>[] values) {
        return Arrays.stream(values).map(JsonReport::lower).toList();
    }
}
