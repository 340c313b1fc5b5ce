package io.github.httpssetup.examples.demo;

import io.github.httpssetup.testing.AwsEmulator;
import io.github.httpssetup.testing.Ec2Fixture;
import io.github.httpssetup.testing.Ec2World;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * The local demo: the whole chain against a local AWS emulator, driven by the real Maven goals on the
 * sample application, with one call of the command-line jar beside them. Run it with {@code examples/demo/run} ({@code --keep} leaves the stack up).
 */
public final class LocalDemo {

    static final String REGION = "ap-northeast-2";
    static final String DOMAIN = "example.com";

    private final Path root;
    private final AwsEmulator aws;
    private int step;

    private LocalDemo(Path root, AwsEmulator aws) {
        this.root = root;
        this.aws = aws;
    }

    public static void main(String[] args) throws Exception {
        boolean keep = List.of(args).contains("--keep");
        Path root = findRoot();
        say("https-setup local demo: HTTPS in front of an EC2 app, against a local AWS emulator.");
        say("No AWS account is used; nothing leaves this machine.");
        AwsEmulator aws = AwsEmulator.shared().withRegion(REGION);
        say("AWS emulator: " + aws.kind() + " at " + aws.endpoint());
        LocalDemo demo = new LocalDemo(root, aws);
        int exit = demo.run(keep);
        System.exit(exit);
    }

    private int run(boolean keep) throws IOException, InterruptedException {
        long started = System.nanoTime();
        section("The starting point: a VPC with the app running on an EC2 instance, and the domain's hosted zone");
        aws.reset();
        Ec2World world;
        try (Ec2Client ec2 = aws.client(Ec2Client.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            world = Ec2Fixture.builder()
                    .name("demo")
                    .instances(1)
                    .instanceTags(Map.of("app", "shop"))
                    .build()
                    .seed(ec2);
            route53.createHostedZone(r -> r.name(DOMAIN).callerReference("demo-" + System.nanoTime()));
        }
        say("  VPC " + world.vpcId() + " with public subnets in "
                + String.join(", ", world.publicSubnetIds().keySet()));
        say("  instance " + world.instanceIds().get(0) + " (tag app=shop) in " + world.instanceZone()
                + ", serving plain HTTP on 8080");
        say("  public hosted zone " + DOMAIN + " (as if the domain were bought through Route 53)");
        say("  the description: examples/sample-app/https-setup.yaml");
        show(root.resolve("examples/sample-app/https-setup.yaml"));

        if (!goal("Plan: what apply would do (read-only)", "https-setup:plan")) {
            return 1;
        }
        if (!cli(
                "The same plan from the command line, as JSON for CI (the first lines)",
                15,
                "plan",
                "--output",
                "json")) {
            return 1;
        }
        if (!goal("Apply: converge the whole chain", "https-setup:apply")) {
            return 1;
        }
        section("What now exists in AWS");
        listing();
        if (!goal("Apply again: nothing to change", "https-setup:apply")) {
            return 1;
        }
        if (keep) {
            section("--keep: the stack stays up");
            say("The emulator answers at " + aws.endpoint() + " (region " + REGION + ", any credentials), e.g.");
            say("  aws --endpoint-url " + aws.endpoint() + " --region " + REGION + " elbv2 describe-load-balancers");
            say("Press Enter to stop the emulator.");
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            return 0;
        }
        if (!goal(
                "Destroy: remove what the stack owns (the hosted zone stays)",
                "https-setup:destroy",
                "-Dhttps-setup.confirm=shop")) {
            return 1;
        }
        section("After destroy");
        listing();
        say("");
        say("Demo finished in " + (System.nanoTime() - started) / 1_000_000_000 + " s. The emulator stops now.");
        return 0;
    }

    /** Runs a goal of the real Maven plugin on the sample application, its output shown as it comes. */
    private boolean goal(String title, String... goal) throws IOException, InterruptedException {
        section(title);
        List<String> command = new ArrayList<>();
        boolean windows = System.getProperty("os.name", "").toLowerCase().startsWith("windows");
        command.add(root.resolve(windows ? "mvnw.cmd" : "mvnw").toString());
        command.addAll(List.of(
                "-B", "-ntp", "-f", root.resolve("examples/sample-app/pom.xml").toString()));
        command.addAll(List.of(goal));
        command.add("-Dhttps-setup.endpoint=" + aws.endpoint());
        say("$ mvn " + String.join(" ", goal));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve("examples/sample-app").toFile())
                .redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "demo");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "demo");
        builder.environment().put("AWS_REGION", REGION);
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String shown = pluginLine(line);
                if (shown != null) {
                    System.out.println("  " + shown);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0) {
            say("mvn " + String.join(" ", goal) + " failed with exit code " + exit);
        }
        return exit == 0;
    }

    /**
     * Runs the command-line jar (built by examples/demo/run) on the sample application's file: its progress (standard
     * error) as it comes, then the first lines of what it prints (standard output), as {@code | head} would.
     */
    private boolean cli(String title, int lines, String... args) throws IOException, InterruptedException {
        section(title);
        Path jar;
        try (var jars = Files.list(root.resolve("https-setup-cli/target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("https-setup-cli-.*\\.jar"))
                    .findFirst()
                    .orElse(null);
        }
        if (jar == null) {
            say(
                    "No https-setup-cli jar in https-setup-cli/target: build it with ./mvnw -pl https-setup-cli -am package -DskipTests");
            return false;
        }
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint", aws.endpoint().toString()));
        say("$ java -jar " + root.relativize(jar) + " " + String.join(" ", args) + " | head -" + lines
                + "   (in examples/sample-app)");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve("examples/sample-app").toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("AWS_ACCESS_KEY_ID", "demo");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "demo");
        builder.environment().put("AWS_REGION", REGION);
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        List<String> out = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.add(line);
            }
        }
        int exit = process.waitFor();
        out.stream().limit(lines).forEach(line -> say("  " + line));
        if (out.size() > lines) {
            say("  ... (" + (out.size() - lines) + " more lines: changes with their attributes, API calls, duration)");
        }
        if (exit != 0) {
            say("https-setup " + String.join(" ", args) + " failed with exit code " + exit);
        }
        return exit == 0;
    }

    /** The plugin's own lines, without Maven's banner around them; warnings and errors always. */
    static String pluginLine(String line) {
        if (line.startsWith("[WARNING]") || line.startsWith("[ERROR]")) {
            return line;
        }
        if (!line.startsWith("[INFO]")) {
            return line.isBlank() ? null : line;
        }
        String text = line.substring("[INFO]".length()).stripLeading();
        if (text.isEmpty()
                || text.startsWith("Scanning for projects")
                || text.startsWith("---")
                || text.startsWith("Building ")
                || text.startsWith("BUILD ")
                || text.startsWith("Total time")
                || text.startsWith("Finished at")
                || text.matches("-+")
                || text.startsWith("from pom.xml")
                || text.matches("-*< .* >-*")
                || text.matches("-*\\[ .* \\]-*")) {
            return null;
        }
        return line.substring("[INFO]".length() + 1);
    }

    private void listing() {
        try (ElasticLoadBalancingV2Client elb = aws.client(ElasticLoadBalancingV2Client.builder());
                AcmClient acm = aws.client(AcmClient.builder());
                Route53Client route53 = aws.client(Route53Client.builder())) {
            List<LoadBalancer> lbs = elb.describeLoadBalancers().loadBalancers();
            say("  load balancers: " + lbs.size());
            for (LoadBalancer lb : lbs) {
                say("    " + lb.loadBalancerName() + "  " + lb.schemeAsString() + "  " + lb.ipAddressTypeAsString()
                        + "  " + lb.state().codeAsString() + "  " + lb.dnsName());
                for (Listener l : elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn()))
                        .listeners()) {
                    String action = l.defaultActions().get(0).typeAsString()
                            + (l.defaultActions().get(0).redirectConfig() != null
                                    ? " → "
                                            + l.defaultActions()
                                                    .get(0)
                                                    .redirectConfig()
                                                    .protocol() + ":"
                                            + l.defaultActions()
                                                    .get(0)
                                                    .redirectConfig()
                                                    .port()
                                    : "");
                    say("      listener " + l.protocolAsString() + ":" + l.port() + "  " + action
                            + (l.certificates().isEmpty() ? "" : "  " + l.sslPolicy()));
                }
            }
            List<TargetGroup> groups = elb.describeTargetGroups().targetGroups();
            say("  target groups: " + groups.size());
            for (TargetGroup tg : groups) {
                say("    " + tg.targetGroupName() + "  " + tg.protocolAsString() + ":" + tg.port() + "  health "
                        + tg.healthCheckPath());
                elb.describeTargetHealth(r -> r.targetGroupArn(tg.targetGroupArn()))
                        .targetHealthDescriptions()
                        .forEach(d -> say("      target " + d.target().id() + ":"
                                + d.target().port() + "  " + d.targetHealth().stateAsString()));
            }
            var certificates = acm.listCertificates().certificateSummaryList();
            say("  certificates: " + certificates.size());
            certificates.forEach(
                    c -> say("    " + c.domainName() + "  " + c.statusAsString() + "  " + c.certificateArn()));
            String zoneId = route53.listHostedZonesByName(r -> r.dnsName(DOMAIN + "."))
                    .hostedZones()
                    .get(0)
                    .id()
                    .replace("/hostedzone/", "");
            List<ResourceRecordSet> records =
                    route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets();
            long zoneRecords = records.stream()
                    .filter(r -> r.typeAsString().matches("NS|SOA"))
                    .count();
            say("  records in " + DOMAIN + ": " + records.size() + " (" + zoneRecords
                    + " of them the zone's own NS and SOA)");
            for (ResourceRecordSet r : records) {
                if (r.typeAsString().matches("NS|SOA")) {
                    continue;
                }
                String value = r.aliasTarget() != null
                        ? "alias → " + r.aliasTarget().dnsName()
                        : r.resourceRecords().isEmpty()
                                ? ""
                                : r.resourceRecords().get(0).value();
                say("    " + r.name() + "  " + r.typeAsString() + "  "
                        + (value.length() > 70 ? value.substring(0, 67) + "..." : value));
            }
        }
    }

    private void section(String title) {
        step++;
        say("");
        say("== " + step + ". " + title);
    }

    private static void show(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith("#")) {
                say("    " + line);
            }
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static Path findRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("Run the demo from the https-setup repository (examples/demo/run)");
        }
        return dir;
    }
}
