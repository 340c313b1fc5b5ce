package io.github.httpssetup.core;

import io.github.httpssetup.core.internal.SiteRouting;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The rules of {@code sites} and {@code defaultSite}: site names, names served by one site only, routes and their path
 * patterns, and the load balancer's quotas (certificates, rules, condition values per rule), all before any AWS call.
 * Each site's domain and targets follow the rules of the single-site form, reported under the site's path
 * ({@code sites.blog.domain.name}).
 */
final class SiteRules extends Rules {
    private static final Pattern SITE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final int MAX_SITE_NAME_LENGTH = 32;
    /** ACM's default quota of names per certificate; each site has its own certificate. */
    private static final int MAX_NAMES_PER_SITE = 10;
    /** ELBv2 path patterns: letters, digits, {@code _ - . $ / ~ " ' @ : + &} and the wildcards {@code * ?}. */
    private static final Pattern PATH_PATTERN = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]+");
    /** SNI certificates a listener holds besides its default one (Elastic Load Balancing quota). */
    private static final int MAX_LISTENER_CERTIFICATES = HttpsSetup.MAX_SITES - 1;

    SiteRules(List<Violation> violations) {
        super(violations);
    }

    /**
     * Checks the sites, or that the single-site form is whole when there are none.
     *
     * @param setup the description
     */
    void check(HttpsSetup setup) {
        Map<String, SiteSpec> sites = setup.sites();
        if (sites.isEmpty()) {
            setup.defaultSite()
                    .ifPresent(name -> add(
                            "defaultSite",
                            "is set to " + quote(name) + " but there are no sites: add sites, or remove defaultSite"));
            return;
        }
        if (setup.domain() != null) {
            add(
                    "domain",
                    "cannot be combined with sites: give each site its own domain under sites.<name>.domain, or"
                            + " remove sites to serve one site");
        }
        if (setup.targets() != null) {
            add(
                    "targets",
                    "cannot be combined with sites: give each site its own targets under sites.<name>.targets, or"
                            + " remove sites to serve one site");
        }
        setup.certificate()
                .arn()
                .ifPresent(arn -> add(
                        "certificate.arn",
                        "cannot be combined with sites: each site gets an ACM certificate of its own; remove arn"));
        if (setup.httpListener().action() == HttpAction.FORWARD) {
            add(
                    "listeners.http.action",
                    "cannot be forward with sites: the HTTP listener has no rules to tell the sites apart; use"
                            + " redirect (the default) or none");
        }
        if (sites.size() > HttpsSetup.MAX_SITES) {
            add(
                    "sites",
                    "has " + sites.size() + " sites; at most " + HttpsSetup.MAX_SITES + " are allowed, since the HTTPS"
                            + " listener holds one default certificate and at most " + MAX_LISTENER_CERTIFICATES
                            + " more (Elastic Load Balancing's quota); split the sites across two stacks");
        }
        Map<String, String> siteOfName = new HashMap<>();
        boolean routable = true;
        for (Map.Entry<String, SiteSpec> entry : sites.entrySet()) {
            routable &= checkSite(entry.getKey(), entry.getValue(), setup, siteOfName);
        }
        setup.defaultSite().ifPresent(name -> {
            if (!sites.containsKey(name)) {
                add(
                        "defaultSite",
                        quote(name) + " is not a site: use one of " + sites.keySet() + ", or remove it"
                                + " to answer unknown hosts with 404");
            }
        });
        if (routable) {
            int rules = SiteRouting.ruleCount(sites);
            if (rules > SiteRouting.MAX_RULES) {
                add(
                        "sites",
                        "need " + rules + " listener rules (one per " + SiteRouting.MAX_CONDITION_VALUES
                                + " names of a site, and per route); a load balancer holds at most "
                                + SiteRouting.MAX_RULES + " besides its default ones: use fewer names or routes, or"
                                + " split the sites across two stacks");
            }
        }
    }

    /** @return whether the site's names and routes are complete enough to lay out its rules */
    private boolean checkSite(String name, SiteSpec site, HttpsSetup setup, Map<String, String> siteOfName) {
        String path = "sites." + name;
        if (isBlank(name)) {
            add("sites", "has a site without a name; name every site, such as \"blog\"");
            return false;
        }
        if (!SITE_NAME.matcher(name).matches() || name.length() > MAX_SITE_NAME_LENGTH) {
            add(
                    path,
                    quote(name) + " is not a valid site name: use 1-" + MAX_SITE_NAME_LENGTH
                            + " lower-case letters, digits and hyphens, starting and ending with a letter or digit");
        }
        if (site == null) {
            add(path, "is empty; give the site a domain and targets");
            return false;
        }
        DomainSpec domain = site.domain();
        nested(path, v -> new DomainRules(v).check(domain));
        boolean routable = domain != null && !isBlank(domain.name());
        if (domain != null) {
            domain.registration()
                    .ifPresent(r -> add(
                            path + ".domain.registration",
                            "is not available for a site: register the domain once with a single-site stack, or"
                                    + " in the Route 53 console, then describe the site without registration"));
            nested(path, v -> new CertificateRules(v).checkCommonName(domain, setup.certificate()));
            List<String> names = routable ? site.allNames() : List.of();
            if (names.size() > MAX_NAMES_PER_SITE) {
                add(
                        path + ".domain.alternativeNames",
                        "gives the site " + names.size() + " names; at most " + MAX_NAMES_PER_SITE + " are allowed"
                                + " per site, ACM's default quota of names per certificate (each site has its own"
                                + " certificate): move some names to another site");
            }
            for (int i = 0; i < names.size(); i++) {
                String served = names.get(i);
                if (served == null) {
                    continue;
                }
                String other = siteOfName.putIfAbsent(served, name);
                if (other != null && !other.equals(name)) {
                    add(
                            path + (i == 0 ? ".domain.name" : ".domain.alternativeNames[" + (i - 1) + "]"),
                            quote(served) + " is already served by site " + quote(other)
                                    + ": a name can belong to one site only; remove it from one of them");
                }
            }
        }
        TargetsSpec targets = site.targets();
        nested(path, v -> new TargetRules(v).check(targets));
        List<RouteSpec> routes = site.routes();
        for (int i = 0; i < routes.size(); i++) {
            routable &= checkRoute(path + ".routes[" + i + "]", routes.get(i));
        }
        return routable;
    }

    /** @return whether the route's paths can be laid out in rules */
    private boolean checkRoute(String path, RouteSpec route) {
        if (route == null) {
            add(path, "is empty; give the route paths and targets");
            return false;
        }
        List<String> paths = route.paths();
        boolean routable = true;
        if (paths.isEmpty()) {
            add(path + ".paths", "is required; give at least one path pattern, such as \"/api/*\"");
            routable = false;
        } else if (paths.size() > SiteRouting.MAX_ROUTE_PATHS) {
            add(
                    path + ".paths",
                    "has " + paths.size() + " patterns; at most " + SiteRouting.MAX_ROUTE_PATHS + " are allowed, since"
                            + " a load balancer rule holds at most " + SiteRouting.MAX_CONDITION_VALUES
                            + " condition values and one is the site's name: split them across two routes");
            routable = false;
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < paths.size(); i++) {
            String itemPath = path + ".paths[" + i + "]";
            String pattern = paths.get(i);
            if (isBlank(pattern)) {
                add(itemPath, "is empty; give a path pattern such as \"/api/*\", or remove the entry");
            } else if (pattern.length() > RouteSpec.MAX_PATH_LENGTH) {
                add(
                        itemPath,
                        "is " + pattern.length() + " characters long; a load balancer takes path patterns of at most "
                                + RouteSpec.MAX_PATH_LENGTH);
            } else if (!PATH_PATTERN.matcher(pattern).matches()) {
                add(
                        itemPath,
                        quote(pattern) + " has characters a load balancer does not take in a path pattern: use"
                                + " letters, digits, _ - . $ / ~ \" ' @ : + & and the wildcards * and ?");
            } else if (!pattern.startsWith("/") && !pattern.startsWith("*")) {
                add(itemPath, quote(pattern) + " does not start with \"/\": request paths do, such as \"/api/*\"");
            } else if (seen.containsKey(pattern)) {
                add(itemPath, alreadyListed(pattern, path + ".paths", seen.get(pattern)));
            } else {
                seen.put(pattern, i);
            }
        }
        TargetsSpec targets = route.targets();
        nested(path, v -> new TargetRules(v).check(targets));
        return routable;
    }

    /** Runs a part's rules and reports their problems under {@code prefix}. */
    private void nested(String prefix, Consumer<List<Violation>> rules) {
        List<Violation> found = new ArrayList<>();
        rules.accept(found);
        found.forEach(v -> add(prefix + "." + v.path(), v.message()));
    }
}
