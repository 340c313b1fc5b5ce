/**
 * HTTPS in front of an application on EC2, declared once and converged idempotently: the API. Everything a user
 * touches is in this package; the engine ({@code io.github.httpssetup.core.internal}) is not part of it, and no
 * signature here names one of its types.
 *
 * <h2>Entry points</h2>
 * <ul>
 *   <li>{@link io.github.httpssetup.core.HttpsSetup} — the immutable description, made with
 *       {@link io.github.httpssetup.core.HttpsSetup#builder()}; its parts are
 *       {@link io.github.httpssetup.core.DomainSpec} (with {@link io.github.httpssetup.core.HostedZoneSpec} and
 *       {@link io.github.httpssetup.core.RegistrationSpec}), {@link io.github.httpssetup.core.CertificateSpec},
 *       {@link io.github.httpssetup.core.TargetsSpec} (with {@link io.github.httpssetup.core.HealthCheckSpec}),
 *       {@link io.github.httpssetup.core.LoadBalancerSpec}, {@link io.github.httpssetup.core.HttpsListenerSpec},
 *       {@link io.github.httpssetup.core.HttpListenerSpec} and {@link io.github.httpssetup.core.RecordsSpec};
 *       several sites on one load balancer are {@link io.github.httpssetup.core.SiteSpec}s (with
 *       {@link io.github.httpssetup.core.RouteSpec}s), added with
 *       {@link io.github.httpssetup.core.HttpsSetup.Builder#site(String, java.util.function.Consumer)}.
 *       {@link io.github.httpssetup.core.Durations} reads and writes durations as the YAML file and the command
 *       line do ({@code 30s}, {@code 1h30m}).</li>
 *   <li>{@link io.github.httpssetup.core.HttpsSetupExecutor} — runs a description against AWS:
 *       {@link io.github.httpssetup.core.HttpsSetupExecutor#plan plan} (reads only),
 *       {@link io.github.httpssetup.core.HttpsSetupExecutor#apply apply} (converges; a second apply changes
 *       nothing) and {@link io.github.httpssetup.core.HttpsSetupExecutor#destroy destroy} (removes what the stack
 *       owns). Made with {@link io.github.httpssetup.core.HttpsSetupExecutor#builder()}: credentials, endpoint,
 *       progress listener, parallelism.</li>
 *   <li>{@link io.github.httpssetup.core.IamPolicy} — the least-privilege IAM policy a description needs, as
 *       JSON.</li>
 * </ul>
 *
 * <h2>Results</h2>
 * {@link io.github.httpssetup.core.Plan} (what apply would do), {@link io.github.httpssetup.core.ApplyResult} and
 * {@link io.github.httpssetup.core.DestroyResult} (what was done), each made of
 * {@link io.github.httpssetup.core.Change}s ({@link io.github.httpssetup.core.ChangeAction},
 * {@link io.github.httpssetup.core.ResourceKind}, {@link io.github.httpssetup.core.AttributeChange});
 * {@link io.github.httpssetup.core.Outputs} (the URL, the load balancer, the certificate, the name servers) and
 * {@link io.github.httpssetup.core.ApiCalls} (the calls a run made).
 *
 * <h2>Errors</h2>
 * Unchecked, one type with a stable code and a message that says what to do:
 * {@link io.github.httpssetup.core.HttpsSetupException} and its
 * {@link io.github.httpssetup.core.ErrorCode}; {@link io.github.httpssetup.core.InvalidSpecException} (every
 * problem of a description at once, each a {@link io.github.httpssetup.core.Violation} with its property path;
 * thrown by {@code build()}, before any AWS call) and {@link io.github.httpssetup.core.ConflictException} (apply
 * stops before any write when a resource with the stack's names belongs to someone else).
 *
 * <h2>Events</h2>
 * A {@link io.github.httpssetup.core.ProgressListener} receives
 * {@link io.github.httpssetup.core.ProgressEvent}s while a run goes on (steps, writes, waits, retries, warnings),
 * each with the {@link io.github.httpssetup.core.ProgressEvent.Level} to log it at; the default logs through SLF4J.
 *
 * <h2>Example: plan, then apply</h2>
 * <pre>{@code
 * HttpsSetup setup = HttpsSetup.builder()
 *         .stack("shop")
 *         .region("ap-northeast-2")
 *         .domain(d -> d.name("example.com").alternativeNames("www.example.com"))
 *         .targets(t -> t.instanceTags(Map.of("app", "shop")).port(8080))
 *         .build(); // InvalidSpecException lists every problem, each with its path
 * HttpsSetupExecutor executor = HttpsSetupExecutor.builder()
 *         .profile("deploy") // optional: the SDK's default credentials otherwise
 *         .build();
 * Plan plan = executor.plan(setup); // reads only
 * System.out.println(plan.render());
 * if (plan.hasChanges() && !plan.hasConflicts()) {
 *     ApplyResult result = executor.apply(setup); // a second apply changes nothing
 *     System.out.println(result.url() + " " + result.outputs().nameServers());
 * }
 * System.out.println(IamPolicy.of(setup).toJson()); // what the credentials need
 * }</pre>
 */
package io.github.httpssetup.core;
