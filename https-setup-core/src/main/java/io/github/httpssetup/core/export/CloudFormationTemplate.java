package io.github.httpssetup.core.export;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A CloudFormation template of one stack, as {@link io.github.httpssetup.core.HttpsSetupExecutor#export} writes it:
 * an immutable tree of the template's sections (maps in their order, lists, strings, numbers and booleans), and
 * what the export left out or could not say in CloudFormation ({@link #warnings()}, also in the template's
 * {@code Metadata}).
 *
 * <pre>{@code
 * CloudFormationTemplate template = executor.export(setup);   // reads only, like plan
 * template.warnings().forEach(System.err::println);
 * Files.writeString(Path.of("cloudformation.json"), template.toJson());
 * }</pre>
 *
 * <p>Its parameters: {@code CertificateArn} (empty: the template requests the certificate and validates it
 * through DNS; an ARN: the listener uses that certificate and none is created), {@code SslPolicy} and
 * {@code HealthCheckPath} (the description's values by default). Its outputs: {@code Url},
 * {@code LoadBalancerArn}, {@code LoadBalancerDnsName}, {@code TargetGroupArn}, {@code CertificateArn},
 * {@code HostedZoneId} and, with {@code securityGroups: auto}, {@code LoadBalancerSecurityGroupId}.
 */
public final class CloudFormationTemplate {

    private final Map<String, Object> body;
    private final List<String> warnings;

    private CloudFormationTemplate(Map<String, Object> body, List<String> warnings) {
        this.body = freeze(body);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * A template from its sections.
     *
     * @param body     the template: {@code AWSTemplateFormatVersion}, {@code Resources}, ... (copied)
     * @param warnings what the export left out, one sentence each
     */
    public static CloudFormationTemplate of(Map<String, Object> body, List<String> warnings) {
        Objects.requireNonNull(body, "body");
        if (!(body.get("Resources") instanceof Map)) {
            throw new IllegalArgumentException("a CloudFormation template needs a Resources section");
        }
        return new CloudFormationTemplate(body, Objects.requireNonNull(warnings, "warnings"));
    }

    /** The template as a tree: unmodifiable maps (in the template's order), lists, strings, numbers, booleans. */
    public Map<String, Object> body() {
        return body;
    }

    /** The logical ids of the resources, in the template's order. */
    @SuppressWarnings("unchecked")
    public Set<String> logicalIds() {
        return ((Map<String, Object>) body.get("Resources")).keySet();
    }

    /** The resource with this logical id ({@code Type}, {@code Properties}, ...), or an empty map. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> resource(String logicalId) {
        Object resource = ((Map<String, Object>) body.get("Resources")).get(logicalId);
        return resource == null ? Map.of() : (Map<String, Object>) resource;
    }

    /** What the export left out or changed, one sentence each (empty when the template says everything). */
    public List<String> warnings() {
        return warnings;
    }

    /** The template as pretty-printed JSON, ending with a new line. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER));
            json.setPrettyPrinter(pretty);
            write(json, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out + "\n";
    }

    @SuppressWarnings("unchecked")
    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map) {
            json.writeStartObject();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
                json.writeFieldName(e.getKey());
                write(json, e.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List) {
            json.writeStartArray();
            for (Object item : (List<Object>) value) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Long) {
            json.writeNumber(((Number) value).longValue());
        } else if (value instanceof Boolean) {
            json.writeBoolean((Boolean) value);
        } else if (value instanceof String) {
            json.writeString((String) value);
        } else {
            throw new IllegalArgumentException("not a template value: " + value);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T freeze(Object value) {
        if (value instanceof Map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) value).forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), freeze(v)));
            return (T) Collections.unmodifiableMap(copy);
        }
        if (value instanceof List) {
            List<Object> copy = new ArrayList<>();
            ((List<Object>) value).forEach(v -> copy.add(freeze(v)));
            return (T) Collections.unmodifiableList(copy);
        }
        if (value instanceof String || value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return (T) value;
        }
        throw new IllegalArgumentException("not a template value: " + value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloudFormationTemplate
                && ((CloudFormationTemplate) o).body.equals(body)
                && ((CloudFormationTemplate) o).warnings.equals(warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(body, warnings);
    }

    @Override
    public String toString() {
        return "CloudFormationTemplate" + logicalIds();
    }
}
