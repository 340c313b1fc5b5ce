package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.DomainSpec;
import io.github.httpssetup.core.ErrorCode;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.HttpsSetupException;
import io.github.httpssetup.core.SiteSpec;
import io.github.httpssetup.core.TargetsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The sites of a stack run ({@link HttpsSetup#sites()}): each site's part is converged by the resources of the
 * single-site chain in a {@linkplain Run#scoped scoped run} of its own ({@code blog}; a route's target group in
 * {@code blog/route-0}), owned under {@code <stack>/<scope>}, so that one site's certificate, target groups and records
 * never meet another's. The load balancer, its security groups and listeners stay the stack run's; the listener's
 * certificates and rules join the sites to them ({@link ListenerCertificates}, {@link ListenerRules}).
 *
 * <p>A site removed from the description is found again by its rules on the listener, which carry its names, zone and
 * DNS role in their tags ({@link Removed}), and by its target groups' tags: its rule goes first, then its listener
 * certificate, target groups, records and certificate.
 */
final class Sites {
    /** On a site's rules: the site's hosted zone id, so that its records can be removed once the site is gone. */
    static final String ZONE_TAG = "https-setup:zone";
    /** On a site's rules: the role its zone is reached through, if any. */
    static final String ROLE_TAG = "https-setup:dns-role";
    /** On a rule: its key within the site ({@code host-0}, {@code route-0-0}). */
    static final String RULE_TAG = "https-setup:rule";

    private final Run run;
    private final HttpsSetup spec;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    final Map<String, States.Zone> zones = new ConcurrentHashMap<>();
    final Map<String, States.Certificate> certificates = new ConcurrentHashMap<>();
    final Map<String, States.Targets> targets = new ConcurrentHashMap<>();
    final Map<String, States.TargetGroup> targetGroups = new ConcurrentHashMap<>();
    /** The certificates the stack owns at stack level (the single-site form's) that no site claimed. */
    private final Set<String> unclaimed = ConcurrentHashMap.newKeySet();
    /** Sites the listener's rules name that the description no longer has, by name. */
    final Map<String, Removed> removed = new ConcurrentHashMap<>();

    /** A site that is gone from the description, as its rules remember it. */
    record Removed(String site, List<String> names, String zoneId, String roleArn) {}

    Sites(Run run) {
        this.run = run;
        this.spec = run.spec();
    }

    /** Every targets description: the single site's, or each site's and each of its routes', in order. */
    static List<TargetsSpec> allTargets(HttpsSetup spec) {
        if (spec.sites().isEmpty()) {
            return List.of(spec.targets());
        }
        List<TargetsSpec> all = new ArrayList<>();
        spec.sites().values().forEach(site -> {
            all.add(site.targets());
            site.routes().forEach(route -> all.add(route.targets()));
        });
        return all;
    }

    /** The site parts that have a target group, in order: {@code shop}, {@code blog}, {@code blog/route-0}, ... */
    List<String> targetScopes() {
        List<String> scopes = new ArrayList<>();
        spec.sites().forEach((name, site) -> {
            scopes.add(name);
            for (int i = 0; i < site.routes().size(); i++) {
                scopes.add(SiteRouting.routeTarget(name, i));
            }
        });
        return scopes;
    }

    /** The site whose certificate is the listener's default: the default site, or the first. */
    String defaultCertificateSite() {
        return spec.defaultSite().orElse(spec.sites().keySet().iterator().next());
    }

    /** The scoped run of a site ({@code blog}) or of a route's targets ({@code blog/route-0}). */
    Run scope(String scope) {
        return runs.computeIfAbsent(scope, s -> {
            int slash = s.indexOf('/');
            String site = slash < 0 ? s : s.substring(0, slash);
            SiteSpec siteSpec = spec.sites().get(site);
            if (siteSpec == null) {
                throw new IllegalStateException("no site " + site);
            }
            TargetsSpec targets = slash < 0
                    ? siteSpec.targets()
                    : siteSpec.routes()
                            .get(Integer.parseInt(s.substring(s.lastIndexOf('-') + 1)))
                            .targets();
            return run.scoped(s, single(siteSpec.domain(), targets));
        });
    }

    /** The scoped run of a removed site or site part, described by what its rules remember (or a stand-in). */
    Run removedScope(String scope) {
        return runs.computeIfAbsent("removed:" + scope, s -> {
            int slash = scope.indexOf('/');
            Removed gone = removed.get(slash < 0 ? scope : scope.substring(0, slash));
            DomainSpec domain;
            if (gone != null && !gone.names().isEmpty()) {
                domain = DomainSpec.builder()
                        .name(gone.names().get(0))
                        .alternativeNames(gone.names().subList(1, gone.names().size()))
                        .hostedZone(z -> z.id(gone.zoneId()).roleArn(gone.roleArn()))
                        .build();
            } else { // only its target groups are left: any valid domain stands in, none is used
                domain = spec.sites().values().iterator().next().domain();
            }
            TargetsSpec anyTargets = spec.sites().values().iterator().next().targets();
            return run.scoped(scope, single(domain, anyTargets));
        });
    }

    /** The single-site description of one site's part: the stack's settings with the site's domain and targets. */
    private HttpsSetup single(DomainSpec domain, TargetsSpec targets) {
        return spec.toBuilder()
                .sites(null)
                .defaultSite(null)
                .domain(domain)
                .targets(targets)
                .build();
    }

    // ---- the steps' parts ----

    /** The most sites' parts converged at once within a step (each mostly waits: for ACM, for Route 53). */
    private static final int SITES_AT_ONCE = 8;

    /**
     * Runs {@code part} for each item, several at once (a certificate's validation wait of one site does not hold up
     * another's; one at a time when the executor runs on one thread), and rethrows the first failure once all have
     * ended.
     */
    private void each(List<String> items, Consumer<String> part) {
        int threads = run.parallelism() == 1 ? 1 : Math.min(items.size(), SITES_AT_ONCE);
        if (threads <= 1) {
            items.forEach(part);
            return;
        }
        String name = Thread.currentThread().getName();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + " site");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            items.forEach(item -> futures.add(pool.submit(() -> part.accept(item))));
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause =
                            e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else if (first != cause) {
                        first.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new HttpsSetupException(ErrorCode.WAIT_TIMEOUT, "Interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> siteNames() {
        return List.copyOf(spec.sites().keySet());
    }

    /** Each site's zone, checked to hold its names, and its records read. */
    void zones() {
        each(siteNames(), site -> {
            Run siteRun = scope(site);
            States.Zone zone = new HostedZones(siteRun).converge();
            new ZoneScope(siteRun).check(zone);
            zones.put(site, zone);
            if (zone.id() != null) {
                siteRun.zoneRecords(zone.id());
            }
        });
    }

    /** Each site part's instances; all of them, merged, for the load balancer's subnets and security groups. */
    States.Targets targets() {
        each(targetScopes(), scope -> targets.put(scope, new Network(scope(scope)).targets()));
        return merge(targetScopes().stream().map(targets::get).toList());
    }

    static States.Targets merge(List<States.Targets> all) {
        String vpc = all.get(0).vpcId();
        Set<String> ids = new TreeSet<>();
        Map<String, String> zonesById = new TreeMap<>();
        Map<String, String> subnets = new TreeMap<>();
        Set<String> groups = new TreeSet<>();
        for (States.Targets t : all) {
            if (vpc != null && t.vpcId() != null && !vpc.equals(t.vpcId())) {
                throw new HttpsSetupException(
                        ErrorCode.TARGETS_INVALID,
                        "sites: the sites' instances are in two VPCs (" + vpc + " and " + t.vpcId() + "); one load"
                                + " balancer reaches one VPC: put every site's instances in one VPC, or split the"
                                + " sites across two stacks");
            }
            ids.addAll(t.instanceIds());
            zonesById.putAll(t.instanceZones());
            subnets.putAll(t.instanceSubnetIds());
            groups.addAll(t.instanceSecurityGroupIds());
        }
        return new States.Targets(vpc, List.copyOf(ids), zonesById, subnets, groups);
    }

    /** Each site's certificate, issued; the default site's (the listener's default certificate) is returned. */
    States.Certificate certificates() {
        each(siteNames(), site -> {
            Certificates siteCertificates = new Certificates(scope(site));
            List<String> stackLevel = siteCertificates.handedOver(); // as converge reads them: no call of its own
            States.Certificate certificate = siteCertificates.converge(zones.get(site));
            certificates.put(site, certificate);
            stackLevel.stream()
                    .filter(arn -> certificate == null || !arn.equals(certificate.arn()))
                    .forEach(unclaimed::add);
        });
        return certificates.get(defaultCertificateSite());
    }

    /** Each site part's target group; the default site's is returned ({@code null}: unknown hosts get a 404). */
    States.TargetGroup targetGroups() {
        each(
                targetScopes(),
                scope -> targetGroups.put(scope, new TargetGroups(scope(scope)).converge(targets.get(scope))));
        return spec.defaultSite().map(targetGroups::get).orElse(null);
    }

    /** Each site's alias records, once its rule is in place. */
    void records(States.LoadBalancer loadBalancer) {
        each(siteNames(), site -> new AliasRecords(scope(site)).converge(zones.get(site), loadBalancer));
    }

    /** Each site part's targets healthy. */
    void readiness(States.SecurityGroups securityGroups) {
        each(
                targetScopes(),
                scope -> new TargetReadiness(scope(scope))
                        .converge(targetGroups.get(scope), targets.get(scope), securityGroups));
    }

    /**
     * After the listener's rules: what they no longer use. Replaced target groups and certificates of the sites; then,
     * for removed sites, their listener certificates, target groups, records and certificates, in that order.
     */
    void cleanup(States.LoadBalancer loadBalancer) {
        for (String scope : targetScopes()) {
            new TargetGroups(scope(scope)).deleteReplaced(targetGroups.get(scope));
        }
        for (String site : spec.sites().keySet()) {
            new Certificates(scope(site)).deleteReplaced(certificates.get(site), zones.get(site));
        }
        new ListenerCertificates(run).removeUnwanted(loadBalancer, wantedCertificates());
        List<String> removedScopes = removedTargetScopes();
        Set<String> kept = new TreeSet<>(); // the sites' groups (the stack-level ones are never among them)
        targetGroups.values().stream().filter(g -> g != null && g.arn() != null).forEach(g -> kept.add(g.arn()));
        new TargetGroups(run) // the same read as removedTargetScopes
                .deleteStackLevel(kept, "the single-site form's target group; the sites' groups replace it");
        for (String scope : removedScopes) {
            new TargetGroups(removedScope(scope)).destroy();
        }
        for (Removed gone : removed.values()) {
            removeDns(gone.site());
        }
        deleteSingleSiteLeftovers();
    }

    /**
     * A stack that served a single site and now has sites: its sites claimed the single-site form's records and, for
     * the same names, its certificate (see {@link AliasRecords}, {@link Certificates}); what is left at stack level
     * (owner exactly {@code <stack>}) is deleted now that the listener forwards to the sites' groups and presents their
     * certificates: the records of names no site has, and a certificate no site claimed (the single-site target group
     * goes in {@link #cleanup}). Uses what the steps already read.
     */
    private void deleteSingleSiteLeftovers() {
        if (spec.records().enabled()) {
            Set<String> siteNames = new TreeSet<>();
            spec.allNames().forEach(n -> siteNames.add(DnsNames.normalize(n)));
            Map<String, String> siteByZone = new TreeMap<>();
            zones.forEach((site, zone) -> {
                if (zone != null && zone.id() != null) {
                    siteByZone.putIfAbsent(zone.id(), site);
                }
            });
            siteByZone
                    .values()
                    .forEach(site -> new AliasRecords(scope(site)).deleteStackLevel(zones.get(site), siteNames));
        }
        Set<String> wanted = wantedCertificates();
        new Certificates(run)
                .deleteUnclaimed(unclaimed.stream()
                        .filter(arn -> !wanted.contains(arn))
                        .sorted()
                        .toList());
    }

    /** The certificates the HTTPS listener should hold: every site's. */
    Set<String> wantedCertificates() {
        Set<String> arns = new TreeSet<>();
        certificates.values().stream().filter(c -> c != null && c.arn() != null).forEach(c -> arns.add(c.arn()));
        return arns;
    }

    /** The site parts whose target groups the stack still owns although the description no longer has them. */
    List<String> removedTargetScopes() {
        String prefix = spec.stack() + "/";
        Set<String> wanted = new TreeSet<>(targetScopes());
        Set<String> scopes = new TreeSet<>();
        new TargetGroups(run).observed().tags().values().forEach(tags -> {
            String owner = tags.get(HttpsSetup.OWNERSHIP_TAG);
            if (owner != null && owner.startsWith(prefix)) {
                String scope = owner.substring(prefix.length());
                if (!wanted.contains(scope)) {
                    scopes.add(scope);
                }
            }
        });
        return List.copyOf(scopes);
    }

    /** A removed site's alias and ownership records, then its certificate and validation records. */
    private void removeDns(String site) {
        Run gone = removedScope(site);
        States.Zone zone = new HostedZones(gone).find().orElse(null);
        if (zone != null) {
            new AliasRecords(gone).destroy(zone);
        }
        new Certificates(gone).destroy(zone);
    }

    // ---- destroy ----

    /** Destroy: each site's records, and the removed sites' (their zones found again). */
    void destroyRecords() {
        for (String site : spec.sites().keySet()) {
            Run siteRun = scope(site);
            new HostedZones(siteRun).find().ifPresent(zone -> new AliasRecords(siteRun).destroy(zone));
        }
        for (Removed gone : removed.values()) {
            Run goneRun = removedScope(gone.site());
            new HostedZones(goneRun).find().ifPresent(zone -> new AliasRecords(goneRun).destroy(zone));
        }
    }

    /** Destroy: every site part's target groups, the removed ones' too. */
    void destroyTargetGroups() {
        for (String scope : targetScopes()) {
            new TargetGroups(scope(scope)).destroy();
        }
        List<String> removedScopes = removedTargetScopes();
        // the single-site form's, if left: the same read as removedTargetScopes
        new TargetGroups(run).deleteStackLevel(Set.of(), "destroy");
        for (String scope : removedScopes) {
            new TargetGroups(removedScope(scope)).destroy();
        }
    }

    /** Destroy: each site's certificate and validation records, the removed sites' too. */
    void destroyCertificates() {
        Set<String> stackLevel = new TreeSet<>();
        for (String site : spec.sites().keySet()) {
            Run siteRun = scope(site);
            stackLevel.addAll(new Certificates(siteRun)
                    .destroy(new HostedZones(siteRun).find().orElse(null)));
        }
        new Certificates(run).deleteUnclaimed(List.copyOf(stackLevel)); // the single-site form's, if left
        for (Removed gone : removed.values()) {
            Run goneRun = removedScope(gone.site());
            new Certificates(goneRun).destroy(new HostedZones(goneRun).find().orElse(null));
        }
    }

    /** Destroy: each site's zone, when the stack created it and is asked to delete it. */
    void destroyZones(List<String> kept) {
        for (String site : spec.sites().keySet()) {
            Run siteRun = scope(site);
            new HostedZones(siteRun).find().ifPresent(zone -> new HostedZones(siteRun).destroy(zone, kept));
        }
    }
}
