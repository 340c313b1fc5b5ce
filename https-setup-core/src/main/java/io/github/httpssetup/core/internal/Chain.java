package io.github.httpssetup.core.internal;

import static io.github.httpssetup.core.internal.StepGraph.read;
import static io.github.httpssetup.core.internal.StepGraph.step;

import java.util.List;

/**
 * The chain: every step of a plan or apply, what it needs, the early reads it uses and what it yields;
 * what destroy deletes for each, in reverse. Independent branches (DNS and certificate on one side, EC2,
 * security groups, target group and load balancer on the other) run at once; the listeners wait for the
 * certificate, target group and load balancer; the alias records for the listeners.
 *
 * <p>The order of the list is the order the engine starts the steps in (on a bounded pool, the first
 * ones get the threads first) and, reversed, the order destroy deletes in.
 */
final class Chain {

    static final String READ_LOAD_BALANCER = "read-load-balancer";
    static final String READ_TARGET_GROUPS = "read-target-groups";
    static final String READ_CERTIFICATES = "read-certificates";
    static final String ZONE = "zone";
    static final String READ_RECORDS = "read-records";
    static final String TARGETS = "targets";
    static final String READ_ROUTE_TABLES = "read-route-tables";
    static final String NETWORK = "network";
    static final String CERTIFICATE = "certificate";
    static final String SECURITY_GROUPS = "security-groups";
    static final String TARGET_GROUP = "target-group";
    static final String LOAD_BALANCER = "load-balancer";
    static final String HTTP_LISTENER = "http-listener";
    static final String LISTENERS = "listeners";
    static final String LISTENER_RULES = "listener-rules";
    static final String RECORDS = "records";
    static final String READINESS = "readiness";
    static final String CLEANUP = "cleanup";

    static final StepGraph GRAPH = new StepGraph(List.of(
            // Reads that depend on nothing start at once; the steps that need them find them done or in flight.
            read(
                    READ_LOAD_BALANCER,
                    List.of(),
                    "the load balancer by name; if the stack may change it, its attributes;" + " its listeners",
                    (run, in) -> {
                        LoadBalancers loadBalancer = new LoadBalancers(run);
                        loadBalancer.find().ifPresent(lb -> {
                            if (run.owns(lb.tags()) || run.spec().adopt()) {
                                loadBalancer.attributes(lb.arn());
                            }
                            new Listeners(run).observe(lb.arn());
                        });
                        return null;
                    }),
            read(
                    READ_TARGET_GROUPS,
                    List.of(),
                    "the target groups by name",
                    (run, in) -> new TargetGroups(run).observed()),
            read(
                    READ_CERTIFICATES,
                    List.of(),
                    "the stack's certificates (with sites, each site reads its own)",
                    (run, in) -> run.sites() == null ? new Certificates(run).owned() : null),
            step(
                    ZONE,
                    List.of(),
                    List.of(),
                    "the hosted zone, after the domain registration; names it cannot hold fail"
                            + " here, before any certificate",
                    (run, in) -> {
                        if (run.sites() != null) { // each site's zone; a site cannot register its domain
                            run.sites().zones();
                            return null;
                        }
                        DomainRegistration registration = new DomainRegistration(run);
                        registration.converge();
                        States.Zone z = new HostedZones(run).converge();
                        new ZoneScope(run).check(z); // before the certificate: names the zone cannot hold fail the plan
                        registration.convergeNameServers(z);
                        if (z.id() == null) { // a plan that creates the zone: a registered domain delegates elsewhere
                            registration.checkDelegation(
                                    z, "ACM cannot validate the certificate and the name does not reach the site");
                        }
                        return z;
                    },
                    (run, zone, kept) -> {
                        if (run.sites() != null) {
                            run.sites().destroyZones(kept);
                            return;
                        }
                        new HostedZones(run).destroy(zone, kept);
                        new DomainRegistration(run).destroy(kept);
                    }),
            // The zone's records are needed by the validation records and the alias records: read them as soon
            // as the zone is known (a zone still to be created has none).
            read(READ_RECORDS, List.of(ZONE), "the zone's record sets", (run, in) -> {
                States.Zone z = in.get(ZONE, States.Zone.class);
                if (z != null && z.id() != null) { // with sites, each site read its zone's records
                    run.zoneRecords(z.id());
                }
                return null;
            }),
            step(
                    TARGETS,
                    List.of(),
                    List.of(),
                    "the instances: VPC, zones, subnets, security groups",
                    (run, in) -> run.sites() != null ? run.sites().targets() : new Network(run).targets(),
                    null),
            read(
                    READ_ROUTE_TABLES,
                    List.of(TARGETS),
                    "the VPC's route tables",
                    (run, in) -> new Network(run)
                            .routeTables(in.get(TARGETS, States.Targets.class).vpcId())),
            step(
                    NETWORK,
                    List.of(TARGETS),
                    List.of(READ_ROUTE_TABLES),
                    "the load balancer's subnets",
                    (run, in) -> new Network(run).resolve(in.get(TARGETS, States.Targets.class)),
                    null),
            step(
                    CERTIFICATE,
                    List.of(ZONE),
                    List.of(READ_CERTIFICATES, READ_RECORDS),
                    "the certificate, issued (its" + " validation records written and waited for)",
                    (run, in) -> run.sites() != null
                            ? run.sites().certificates()
                            : new Certificates(run).converge(in.get(ZONE, States.Zone.class)),
                    (run, zone, kept) -> {
                        if (run.sites() != null) {
                            run.sites().destroyCertificates();
                        } else {
                            new Certificates(run).destroy(zone);
                        }
                    }),
            step(
                    SECURITY_GROUPS,
                    List.of(TARGETS),
                    List.of(),
                    "the load balancer's security groups and the rules on" + " the instances' groups",
                    (run, in) -> new SecurityGroups(run).converge(in.get(TARGETS, States.Targets.class)),
                    (run, zone, kept) -> new SecurityGroups(run).destroy()),
            step(
                    TARGET_GROUP,
                    List.of(TARGETS),
                    List.of(READ_TARGET_GROUPS),
                    "the target group with its targets",
                    (run, in) -> run.sites() != null
                            ? run.sites().targetGroups()
                            : new TargetGroups(run).converge(in.get(TARGETS, States.Targets.class)),
                    (run, zone, kept) -> {
                        if (run.sites() != null) {
                            run.sites().destroyTargetGroups();
                        } else {
                            new TargetGroups(run).destroy();
                        }
                    }),
            step(
                    LOAD_BALANCER,
                    List.of(NETWORK, SECURITY_GROUPS),
                    List.of(READ_LOAD_BALANCER),
                    "the load balancer",
                    (run, in) -> new LoadBalancers(run)
                            .converge(
                                    in.get(NETWORK, States.Network.class),
                                    in.get(SECURITY_GROUPS, States.SecurityGroups.class)
                                            .ids()),
                    (run, zone, kept) -> new LoadBalancers(run).destroy(kept)),
            // The HTTP listener needs no certificate: it is in place while ACM validates.
            step(
                    HTTP_LISTENER,
                    List.of(TARGET_GROUP, LOAD_BALANCER),
                    List.of(READ_LOAD_BALANCER),
                    "the HTTP listener," + " and the load balancer's listeners as read",
                    (run, in) -> new Listeners(run)
                            .convergeHttp(
                                    in.get(TARGET_GROUP, States.TargetGroup.class),
                                    in.get(LOAD_BALANCER, States.LoadBalancer.class)),
                    null),
            step(
                    LISTENERS,
                    List.of(CERTIFICATE, HTTP_LISTENER),
                    List.of(),
                    "the HTTPS listener; listeners no longer" + " described deleted",
                    (run, in) -> {
                        @SuppressWarnings("unchecked")
                        List<Listeners.Observed> existing = in.get(HTTP_LISTENER, List.class);
                        new Listeners(run)
                                .convergeHttps(
                                        in.get(CERTIFICATE, States.Certificate.class),
                                        in.get(TARGET_GROUP, States.TargetGroup.class),
                                        in.get(LOAD_BALANCER, States.LoadBalancer.class),
                                        existing);
                        return null;
                    },
                    (run, zone, kept) -> {
                        if (run.sites() != null) { // the rules first, though the listener would take them along
                            new ListenerRules(run)
                                    .destroy(
                                            run.sites(),
                                            new LoadBalancers(run)
                                                    .find()
                                                    .map(LoadBalancers.Found::state)
                                                    .orElse(null));
                        }
                        new Listeners(run).destroy(); // both listeners
                    }),
            // With sites: each site's certificate on the HTTPS listener (SNI), then the rules that send its names
            // there.
            step(
                    LISTENER_RULES,
                    List.of(LISTENERS),
                    List.of(),
                    "with sites, each site's certificate on the HTTPS listener (SNI), then its host and path rules;"
                            + " the rules of removed sites deleted",
                    (run, in) -> {
                        if (run.sites() != null) {
                            States.LoadBalancer loadBalancer = in.get(LOAD_BALANCER, States.LoadBalancer.class);
                            new ListenerCertificates(run)
                                    .converge(
                                            loadBalancer,
                                            run.sites().certificates,
                                            run.sites().defaultCertificateSite());
                            new ListenerRules(run).converge(loadBalancer, run.sites());
                        }
                        return null;
                    },
                    null),
            // After the rules: a new site's names reach the load balancer once its certificate and rules are there.
            step(
                    RECORDS,
                    List.of(LISTENER_RULES),
                    List.of(READ_RECORDS),
                    "the alias records",
                    (run, in) -> {
                        if (run.sites() != null) {
                            run.sites().records(in.get(LOAD_BALANCER, States.LoadBalancer.class));
                            return null;
                        }
                        new AliasRecords(run)
                                .converge(
                                        in.get(ZONE, States.Zone.class),
                                        in.get(LOAD_BALANCER, States.LoadBalancer.class));
                        return null;
                    },
                    (run, zone, kept) -> {
                        if (run.sites() != null) {
                            run.sites().destroyRecords();
                            return;
                        }
                        new Listeners(run).refuseIfServingSites(); // the first teardown: before anything is deleted
                        if (zone != null) {
                            new AliasRecords(run).destroy(zone);
                        }
                    }),
            // Targets are checked once a listener forwards to them (until then ELB reports them unused), and after the
            // records: when a target fails, everything else is in place. ELB checks the targets from the listener's
            // creation on, so waiting for the records first costs no time.
            step(
                    READINESS,
                    List.of(RECORDS),
                    List.of(),
                    "the targets healthy (waited for while initial); an unhealthy one fails with its reason",
                    (run, in) -> {
                        if (run.sites() != null) {
                            run.sites().readiness(in.get(SECURITY_GROUPS, States.SecurityGroups.class));
                            return null;
                        }
                        new TargetReadiness(run)
                                .converge(
                                        in.get(TARGET_GROUP, States.TargetGroup.class),
                                        in.get(TARGETS, States.Targets.class),
                                        in.get(SECURITY_GROUPS, States.SecurityGroups.class));
                        return null;
                    },
                    null),
            step(
                    CLEANUP,
                    List.of(LISTENER_RULES),
                    List.of(),
                    "what the listeners no longer use deleted: replaced target"
                            + " groups, stale rules, replaced certificates",
                    (run, in) -> {
                        if (run.sites() != null) { // after the rules: what removed sites used, and what sites replaced
                            new SecurityGroups(run).revokeStale(in.get(SECURITY_GROUPS, States.SecurityGroups.class));
                            run.sites().cleanup(in.get(LOAD_BALANCER, States.LoadBalancer.class));
                            return null;
                        }
                        new TargetGroups(run).deleteReplaced(in.get(TARGET_GROUP, States.TargetGroup.class));
                        new SecurityGroups(run).revokeStale(in.get(SECURITY_GROUPS, States.SecurityGroups.class));
                        new Certificates(run)
                                .deleteReplaced(
                                        in.get(CERTIFICATE, States.Certificate.class), in.get(ZONE, States.Zone.class));
                        return null;
                    },
                    null)));

    private Chain() {}
}
