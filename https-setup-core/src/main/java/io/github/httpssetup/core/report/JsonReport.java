package io.github.httpssetup.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The machine-readable report of a {@code plan}, {@code apply} or {@code destroy}: one JSON document, versioned
 * ({@code "version": 1}), described by the JSON Schema {@value #SCHEMA_RESOURCE} on the class path. CI can gate on it:
 * {@code changed}, {@code summary}, {@code conflicts} and {@code errors} say whether AWS matches the description, and
 * {@code changes} lists each resource with the attributes that differ.
 *
 * <pre>{@code
 * Plan plan = executor.plan(setup);
 * String json = JsonReport.of(plan).withDuration(took).toJson();
 *
 * try {
 *     JsonReport.of(executor.apply(setup)).writeTo(Path.of("target/https-setup/apply.json"));
 * } catch (HttpsSetupException e) {
 *     JsonReport.failure(JsonReport.Command.APPLY, e).writeTo(Path.of("target/https-setup/apply.json"));
 *     throw e;
 * }
 * }</pre>
 *
 * <p>Version 1 only grows: later releases may add properties (readers must ignore those they do not know), and a
 * change that removes or retypes one raises {@code version}. Enumerated values are the lower-case names of
 * {@link ChangeAction}, {@link io.github.httpssetup.core.ResourceKind} and {@link ErrorCode}.
 */
public final class JsonReport {

    /** The version of the document this class writes. */
    public static final int VERSION = 1;

    /** The JSON Schema of the document, a class-path resource of this jar. */
    public static final String SCHEMA_RESOURCE = "io/github/httpssetup/core/report/https-setup-report.schema.json";

    private static final JsonFactory JSON = new JsonFactory();

    /** The run a report is about. */
    public enum Command {
        PLAN,
        APPLY,
        DESTROY;

        /** {@code plan}, {@code apply}, {@code destroy}: the command's name, as written in the report. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Why a run stopped, as the report writes it under {@code errors}.
     *
     * @param code    what kind of problem
     * @param message the message for people, as the exception says it
     * @param file    the file the problem is in, or {@code null}
     * @param line    its line (from 1), or 0 when unknown
     * @param column  its column (from 1), or 0 when unknown
     * @param path    the setting's path in the description ({@code targets.port}), or {@code null}
     */
    public record Problem(ErrorCode code, String message, String file, int line, int column, String path) {
        public Problem {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }

        /** A problem without a location. */
        public static Problem of(HttpsSetupException e) {
            return new Problem(e.code(), String.valueOf(e.getMessage()), null, 0, 0, null);
        }
    }

    private final Command command;
    private final String stack;
    private final String region;
    private final boolean changed;
    private final List<Change> changes;
    private final List<Change> conflicts;
    private final List<String> kept;
    private final Outputs outputs;
    private final ApiCalls apiCalls;
    private final Duration duration;
    private final List<Problem> errors;

    private JsonReport(
            Command command,
            String stack,
            String region,
            boolean changed,
            List<Change> changes,
            List<Change> conflicts,
            List<String> kept,
            Outputs outputs,
            ApiCalls apiCalls,
            Duration duration,
            List<Problem> errors) {
        this.command = command;
        this.stack = stack;
        this.region = region;
        this.changed = changed;
        this.changes = List.copyOf(changes);
        this.conflicts = List.copyOf(conflicts);
        this.kept = List.copyOf(kept);
        this.outputs = outputs;
        this.apiCalls = apiCalls;
        this.duration = duration;
        this.errors = List.copyOf(errors);
    }

    /**
     * The report of a plan: every resource of the chain with what apply would do, and the conflicts. A {@link Plan}
     * carries neither its duration nor its calls: add them with {@link #withDuration} and {@link #withApiCalls}
     * (an {@link ApiCallRecorder} on the executor counts them).
     */
    public static JsonReport of(Plan plan) {
        return new JsonReport(
                Command.PLAN,
                plan.stack(),
                plan.region(),
                plan.hasChanges(),
                plan.changes(),
                plan.conflicts(),
                List.of(),
                null,
                null,
                null,
                List.of());
    }

    /** The report of an apply: the changes made, the outputs, the calls and the duration. */
    public static JsonReport of(ApplyResult result) {
        return new JsonReport(
                Command.APPLY,
                null,
                null,
                result.changed(),
                result.changes(),
                List.of(),
                List.of(),
                result.outputs(),
                result.apiCalls(),
                result.duration(),
                List.of());
    }

    /** The report of a destroy: what was deleted, what was kept and why, the calls and the duration. */
    public static JsonReport of(DestroyResult result) {
        return new JsonReport(
                Command.DESTROY,
                null,
                null,
                !result.deleted().isEmpty(),
                result.deleted(),
                List.of(),
                result.kept(),
                null,
                result.apiCalls(),
                result.duration(),
                List.of());
    }

    /**
     * The report of a run that stopped: its error, the conflicts that stopped an apply
     * ({@link ConflictException#conflicts()}), and the changes an apply made before it stopped
     * ({@link HttpsSetupException#changesMade()}).
     */
    public static JsonReport failure(Command command, HttpsSetupException e) {
        return failure(command, e, List.of(Problem.of(e)));
    }

    /**
     * As {@link #failure(Command, HttpsSetupException)}, with the problems written out one by one (e.g. each problem
     * of a YAML file, with its line and column).
     */
    public static JsonReport failure(Command command, HttpsSetupException e, List<Problem> problems) {
        List<Change> conflicts = e instanceof ConflictException conflict ? conflict.conflicts() : List.of();
        List<Change> made = e.changesMade();
        return new JsonReport(
                command,
                null,
                null,
                !made.isEmpty(),
                made,
                conflicts,
                List.of(),
                null,
                null,
                null,
                problems.isEmpty() ? List.of(Problem.of(e)) : problems);
    }

    /** This report with the stack and region it is about (a plan knows them; results and failures do not). */
    public JsonReport withStack(String stack, String region) {
        return new JsonReport(
                command, stack, region, changed, changes, conflicts, kept, outputs, apiCalls, duration, errors);
    }

    /** This report with the run's wall time. */
    public JsonReport withDuration(Duration duration) {
        return new JsonReport(
                command, stack, region, changed, changes, conflicts, kept, outputs, apiCalls, duration, errors);
    }

    /** This report with the AWS calls the run made. */
    public JsonReport withApiCalls(ApiCalls apiCalls) {
        return new JsonReport(
                command, stack, region, changed, changes, conflicts, kept, outputs, apiCalls, duration, errors);
    }

    public Command command() {
        return command;
    }

    /** {@code ok}, {@code failed} (the run stopped) or {@code invalid} (the input was refused before any AWS call). */
    public String status() {
        if (errors.isEmpty()) {
            return "ok";
        }
        return errors.stream().allMatch(p -> p.code() == ErrorCode.INVALID_SPEC) ? "invalid" : "failed";
    }

    /** The document, indented, ending with a new line. */
    public String toJson() {
        StringWriter out = new StringWriter();
        writeTo(out);
        return out.toString();
    }

    /** Writes the document (UTF-8) to a file, creating its directory. */
    public void writeTo(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the JSON report to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the document (UTF-8) to a stream, which stays open. */
    public void writeTo(OutputStream out) {
        try {
            out.write(toJson().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the document to a writer, which stays open. */
    public void writeTo(Writer writer) {
        try (JsonGenerator json = JSON.createGenerator(writer)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            write(json);
            json.flush();
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeNumberField("version", VERSION);
        json.writeStringField("command", command.label());
        json.writeStringField("status", status());
        nullableString(json, "stack", stack);
        nullableString(json, "region", region);
        json.writeBooleanField("changed", changed);
        writeSummary(json);
        writeChanges(json, "changes", changes);
        writeChanges(json, "conflicts", conflicts);
        json.writeArrayFieldStart("kept");
        for (String k : kept) {
            json.writeString(k);
        }
        json.writeEndArray();
        writeOutputs(json);
        writeApiCalls(json);
        if (duration == null) {
            json.writeNullField("durationMs");
        } else {
            json.writeNumberField("durationMs", duration.toMillis());
        }
        json.writeArrayFieldStart("errors");
        for (Problem problem : errors) {
            json.writeStartObject();
            json.writeStringField("code", lower(problem.code()));
            json.writeStringField("message", problem.message());
            nullableString(json, "file", problem.file());
            nullableNumber(json, "line", problem.line());
            nullableNumber(json, "column", problem.column());
            nullableString(json, "path", problem.path());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private void writeSummary(JsonGenerator json) throws IOException {
        Map<ChangeAction, Integer> counts = new EnumMap<>(ChangeAction.class);
        for (ChangeAction action : ChangeAction.values()) {
            counts.put(action, 0);
        }
        changes.forEach(c -> counts.merge(c.action(), 1, Integer::sum));
        if (command != Command.PLAN) { // a plan lists its conflicts among its changes; a failed apply does not
            counts.merge(ChangeAction.CONFLICT, conflicts.size(), Integer::sum);
        }
        json.writeObjectFieldStart("summary");
        for (Map.Entry<ChangeAction, Integer> count : counts.entrySet()) {
            json.writeNumberField(lower(count.getKey()), count.getValue());
        }
        json.writeEndObject();
    }

    private static void writeChanges(JsonGenerator json, String field, List<Change> changes) throws IOException {
        json.writeArrayFieldStart(field);
        for (Change change : changes) {
            json.writeStartObject();
            json.writeStringField("action", lower(change.action()));
            json.writeStringField("kind", lower(change.kind()));
            json.writeStringField("name", change.name());
            nullableString(json, "id", change.id());
            json.writeStringField("reason", change.reason());
            json.writeArrayFieldStart("attributes");
            for (AttributeChange attribute : change.attributes()) {
                json.writeStartObject();
                json.writeStringField("attribute", attribute.attribute());
                nullableString(json, "before", attribute.before());
                nullableString(json, "after", attribute.after());
                json.writeBooleanField("knownAfterApply", AttributeChange.KNOWN_AFTER_APPLY.equals(attribute.after()));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private void writeOutputs(JsonGenerator json) throws IOException {
        if (outputs == null) {
            json.writeNullField("outputs");
            return;
        }
        json.writeObjectFieldStart("outputs");
        nullableString(json, "url", outputs.url());
        nullableString(json, "hostedZoneId", outputs.hostedZoneId());
        json.writeArrayFieldStart("nameServers");
        for (String ns : outputs.nameServers()) {
            json.writeString(ns);
        }
        json.writeEndArray();
        json.writeBooleanField("domainRegisteredInAccount", outputs.domainRegisteredInAccount());
        nullableString(json, "certificateArn", outputs.certificateArn());
        nullableString(json, "loadBalancerArn", outputs.loadBalancerArn());
        nullableString(json, "loadBalancerDnsName", outputs.loadBalancerDnsName());
        nullableString(json, "targetGroupArn", outputs.targetGroupArn());
        if (!outputs.siteUrls().isEmpty()) {
            json.writeObjectFieldStart("siteUrls");
            for (Map.Entry<String, String> site : outputs.siteUrls().entrySet()) {
                json.writeStringField(site.getKey(), site.getValue());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    private void writeApiCalls(JsonGenerator json) throws IOException {
        if (apiCalls == null) {
            json.writeNullField("apiCalls");
            return;
        }
        json.writeObjectFieldStart("apiCalls");
        json.writeNumberField("reads", apiCalls.reads());
        json.writeNumberField("writes", apiCalls.writes());
        json.writeNumberField("total", apiCalls.total());
        json.writeObjectFieldStart("byService");
        for (Map.Entry<String, ApiCalls.Count> service : apiCalls.byService().entrySet()) {
            json.writeObjectFieldStart(service.getKey());
            json.writeNumberField("reads", service.getValue().reads());
            json.writeNumberField("writes", service.getValue().writes());
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("byOperation");
        for (Map.Entry<String, Integer> operation : apiCalls.byOperation().entrySet()) {
            json.writeNumberField(operation.getKey(), operation.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void nullableString(JsonGenerator json, String field, String value) throws IOException {
        if (value == null) {
            json.writeNullField(field);
        } else {
            json.writeStringField(field, value);
        }
    }

    private static void nullableNumber(JsonGenerator json, String field, int value) throws IOException {
        if (value <= 0) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    /** The spelling of enumerated values in the report: {@code https_listener}, {@code create}, {@code invalid_spec}. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
