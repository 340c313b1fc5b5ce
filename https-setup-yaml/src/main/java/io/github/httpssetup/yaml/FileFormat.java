package io.github.httpssetup.yaml;

import io.github.httpssetup.core.AccessLogsSpec;
import io.github.httpssetup.core.CertificateSpec;
import io.github.httpssetup.core.ContactSpec;
import io.github.httpssetup.core.ContactType;
import io.github.httpssetup.core.DomainSpec;
import io.github.httpssetup.core.FrameOptions;
import io.github.httpssetup.core.HealthCheckSpec;
import io.github.httpssetup.core.HostedZoneSpec;
import io.github.httpssetup.core.HttpAction;
import io.github.httpssetup.core.HttpListenerSpec;
import io.github.httpssetup.core.HttpsListenerSpec;
import io.github.httpssetup.core.HttpsSetup;
import io.github.httpssetup.core.IpAddressType;
import io.github.httpssetup.core.KeyAlgorithm;
import io.github.httpssetup.core.LoadBalancerSpec;
import io.github.httpssetup.core.RecordsSpec;
import io.github.httpssetup.core.RegistrationSpec;
import io.github.httpssetup.core.RouteSpec;
import io.github.httpssetup.core.SecurityHeadersSpec;
import io.github.httpssetup.core.SiteSpec;
import io.github.httpssetup.core.StrictTransportSecuritySpec;
import io.github.httpssetup.core.TargetProtocol;
import io.github.httpssetup.core.TargetsSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The keys of {@code https-setup.yaml}, one table per mapping, each key tied to its builder method and its accessor.
 * The loader, the writer and the test that holds the JSON Schema to the loader all read these tables, so a key added
 * here is added everywhere (and the schema test fails until the schema has it too).
 *
 * <p>Keys mirror the core builders one to one, except {@code listeners.https} and {@code listeners.http}, which set
 * {@link HttpsSetup.Builder#httpsListener} and {@link HttpsSetup.Builder#httpListener}. The top-level
 * {@value #ENVIRONMENTS} key is not part of the model; see {@link Environments}.
 */
final class FileFormat {
    /** The top-level key holding the overrides per environment. */
    static final String ENVIRONMENTS = "environments";

    static final Fields<HostedZoneSpec.Builder, HostedZoneSpec> HOSTED_ZONE = new Fields<>(
            "hostedZone",
            HostedZoneSpec::builder,
            HostedZoneSpec.Builder::build,
            value("id", ValueType.STRING, HostedZoneSpec.Builder::id, z -> z.id().orElse(null)),
            value(
                    "name",
                    ValueType.STRING,
                    HostedZoneSpec.Builder::name,
                    z -> z.name().orElse(null)),
            value("create", ValueType.BOOLEAN, HostedZoneSpec.Builder::create, HostedZoneSpec::create),
            value(
                    "deleteOnDestroy",
                    ValueType.BOOLEAN,
                    HostedZoneSpec.Builder::deleteOnDestroy,
                    HostedZoneSpec::deleteOnDestroy),
            value(
                    "roleArn",
                    ValueType.STRING,
                    HostedZoneSpec.Builder::roleArn,
                    z -> z.roleArn().orElse(null)));

    static final Fields<ContactSpec.Builder, ContactSpec> CONTACT = new Fields<>(
            "contact",
            ContactSpec::builder,
            ContactSpec.Builder::build,
            value(
                    "contactType",
                    ValueType.enumeration(ContactType.class, null),
                    ContactSpec.Builder::contactType,
                    ContactSpec::contactType),
            value("firstName", ValueType.STRING, ContactSpec.Builder::firstName, ContactSpec::firstName),
            value("lastName", ValueType.STRING, ContactSpec.Builder::lastName, ContactSpec::lastName),
            value(
                    "organizationName",
                    ValueType.STRING,
                    ContactSpec.Builder::organizationName,
                    c -> c.organizationName().orElse(null)),
            value("email", ValueType.STRING, ContactSpec.Builder::email, ContactSpec::email),
            value("phoneNumber", ValueType.STRING, ContactSpec.Builder::phoneNumber, ContactSpec::phoneNumber),
            value("addressLine1", ValueType.STRING, ContactSpec.Builder::addressLine1, ContactSpec::addressLine1),
            value(
                    "addressLine2",
                    ValueType.STRING,
                    ContactSpec.Builder::addressLine2,
                    c -> c.addressLine2().orElse(null)),
            value("city", ValueType.STRING, ContactSpec.Builder::city, ContactSpec::city),
            value(
                    "state",
                    ValueType.STRING,
                    ContactSpec.Builder::state,
                    c -> c.state().orElse(null)),
            value("countryCode", ValueType.STRING, ContactSpec.Builder::countryCode, ContactSpec::countryCode),
            value("zipCode", ValueType.STRING, ContactSpec.Builder::zipCode, ContactSpec::zipCode));

    static final Fields<RegistrationSpec.Builder, RegistrationSpec> REGISTRATION = new Fields<>(
            "registration",
            RegistrationSpec::builder,
            RegistrationSpec.Builder::build,
            value(
                    "durationInYears",
                    ValueType.INTEGER,
                    RegistrationSpec.Builder::durationInYears,
                    RegistrationSpec::durationInYears),
            value("autoRenew", ValueType.BOOLEAN, RegistrationSpec.Builder::autoRenew, RegistrationSpec::autoRenew),
            value(
                    "privacyProtection",
                    ValueType.BOOLEAN,
                    RegistrationSpec.Builder::privacyProtection,
                    RegistrationSpec::privacyProtection),
            part("contact", CONTACT, RegistrationSpec.Builder::contact, RegistrationSpec::contact, true));

    static final Fields<DomainSpec.Builder, DomainSpec> DOMAIN = new Fields<>(
            "domain",
            DomainSpec::builder,
            DomainSpec.Builder::build,
            value("name", ValueType.STRING, DomainSpec.Builder::name, DomainSpec::name),
            value(
                    "alternativeNames",
                    ValueType.listOf("names"),
                    DomainSpec.Builder::alternativeNames,
                    DomainSpec::alternativeNames),
            part("hostedZone", HOSTED_ZONE, DomainSpec.Builder::hostedZone, DomainSpec::hostedZone, false),
            part(
                    "registration",
                    REGISTRATION,
                    DomainSpec.Builder::registration,
                    d -> d.registration().orElse(null),
                    true));

    static final Fields<CertificateSpec.Builder, CertificateSpec> CERTIFICATE = new Fields<>(
            "certificate",
            CertificateSpec::builder,
            CertificateSpec.Builder::build,
            value(
                    "arn",
                    ValueType.STRING,
                    CertificateSpec.Builder::arn,
                    c -> c.arn().orElse(null)),
            value(
                    "keyAlgorithm",
                    ValueType.enumeration(KeyAlgorithm.class, KeyAlgorithm::awsName),
                    CertificateSpec.Builder::keyAlgorithm,
                    CertificateSpec::keyAlgorithm),
            value(
                    "validationTimeout",
                    ValueType.DURATION,
                    CertificateSpec.Builder::validationTimeout,
                    CertificateSpec::validationTimeout));

    static final Fields<HealthCheckSpec.Builder, HealthCheckSpec> HEALTH_CHECK = new Fields<>(
            "healthCheck",
            HealthCheckSpec::builder,
            HealthCheckSpec.Builder::build,
            value("path", ValueType.STRING, HealthCheckSpec.Builder::path, HealthCheckSpec::path),
            value(
                    "port",
                    ValueType.INTEGER,
                    HealthCheckSpec.Builder::port,
                    h -> h.port().orElse(null)),
            value(
                    "protocol",
                    ValueType.enumeration(TargetProtocol.class, null),
                    HealthCheckSpec.Builder::protocol,
                    h -> h.protocol().orElse(null)),
            value("matcher", ValueType.STRING, HealthCheckSpec.Builder::matcher, HealthCheckSpec::matcher),
            value("interval", ValueType.DURATION, HealthCheckSpec.Builder::interval, HealthCheckSpec::interval),
            value("timeout", ValueType.DURATION, HealthCheckSpec.Builder::timeout, HealthCheckSpec::timeout),
            value(
                    "healthyThreshold",
                    ValueType.INTEGER,
                    HealthCheckSpec.Builder::healthyThreshold,
                    HealthCheckSpec::healthyThreshold),
            value(
                    "unhealthyThreshold",
                    ValueType.INTEGER,
                    HealthCheckSpec.Builder::unhealthyThreshold,
                    HealthCheckSpec::unhealthyThreshold));

    static final Fields<TargetsSpec.Builder, TargetsSpec> TARGETS = new Fields<>(
            "targets",
            TargetsSpec::builder,
            TargetsSpec.Builder::build,
            value(
                    "instanceIds",
                    ValueType.listOf("instance ids"),
                    TargetsSpec.Builder::instanceIds,
                    TargetsSpec::instanceIds),
            value("instanceTags", ValueType.STRING_MAP, TargetsSpec.Builder::instanceTags, TargetsSpec::instanceTags),
            value(
                    "autoScalingGroup",
                    ValueType.STRING,
                    TargetsSpec.Builder::autoScalingGroup,
                    t -> t.autoScalingGroup().orElse(null)),
            value("port", ValueType.INTEGER, TargetsSpec.Builder::port, TargetsSpec::port),
            value(
                    "protocol",
                    ValueType.enumeration(TargetProtocol.class, null),
                    TargetsSpec.Builder::protocol,
                    TargetsSpec::protocol),
            part("healthCheck", HEALTH_CHECK, TargetsSpec.Builder::healthCheck, TargetsSpec::healthCheck, false),
            value(
                    "deregistrationDelay",
                    ValueType.DURATION,
                    TargetsSpec.Builder::deregistrationDelay,
                    TargetsSpec::deregistrationDelay),
            value(
                    "stickiness",
                    ValueType.DURATION,
                    TargetsSpec.Builder::stickiness,
                    t -> t.stickiness().orElse(null)),
            value(
                    "waitUntilHealthy",
                    ValueType.BOOLEAN,
                    TargetsSpec.Builder::waitUntilHealthy,
                    TargetsSpec::waitUntilHealthy));

    static final Fields<RouteSpec.Builder, RouteSpec> ROUTE = new Fields<>(
            "route",
            RouteSpec::builder,
            RouteSpec.Builder::build,
            value("paths", ValueType.listOf("path patterns"), RouteSpec.Builder::paths, RouteSpec::paths),
            part("targets", TARGETS, RouteSpec.Builder::targets, RouteSpec::targets, false));

    static final Fields<SiteSpec.Builder, SiteSpec> SITE = new Fields<>(
            "site",
            SiteSpec::builder,
            SiteSpec.Builder::build,
            part("domain", DOMAIN, SiteSpec.Builder::domain, SiteSpec::domain, false),
            part("targets", TARGETS, SiteSpec.Builder::targets, SiteSpec::targets, false),
            new Field.Items<>("routes", ROUTE, SiteSpec.Builder::routes, SiteSpec::routes));

    static final Fields<AccessLogsSpec.Builder, AccessLogsSpec> ACCESS_LOGS = new Fields<>(
            "accessLogs",
            AccessLogsSpec::builder,
            AccessLogsSpec.Builder::build,
            value("bucket", ValueType.STRING, AccessLogsSpec.Builder::bucket, AccessLogsSpec::bucket),
            value(
                    "prefix",
                    ValueType.STRING,
                    AccessLogsSpec.Builder::prefix,
                    l -> l.prefix().orElse(null)),
            value("create", ValueType.BOOLEAN, AccessLogsSpec.Builder::create, AccessLogsSpec::create));

    static final Fields<LoadBalancerSpec.Builder, LoadBalancerSpec> LOAD_BALANCER = new Fields<>(
            "loadBalancer",
            LoadBalancerSpec::builder,
            LoadBalancerSpec.Builder::build,
            value(
                    "name",
                    ValueType.STRING,
                    LoadBalancerSpec.Builder::name,
                    lb -> lb.name().orElse(null)),
            value(
                    "ipAddressType",
                    ValueType.enumeration(IpAddressType.class, IpAddressType::awsName),
                    LoadBalancerSpec.Builder::ipAddressType,
                    LoadBalancerSpec::ipAddressType),
            value(
                    "subnets",
                    ValueType.autoOrListOf("subnet ids"),
                    LoadBalancerSpec.Builder::subnets,
                    LoadBalancerSpec::subnets),
            value(
                    "securityGroups",
                    ValueType.autoOrListOf("security group ids"),
                    LoadBalancerSpec.Builder::securityGroups,
                    LoadBalancerSpec::securityGroups),
            value(
                    "idleTimeout",
                    ValueType.DURATION,
                    LoadBalancerSpec.Builder::idleTimeout,
                    LoadBalancerSpec::idleTimeout),
            value(
                    "deletionProtection",
                    ValueType.BOOLEAN,
                    LoadBalancerSpec.Builder::deletionProtection,
                    LoadBalancerSpec::deletionProtection),
            // production options (issue 15)
            value(
                    "webAcl",
                    ValueType.STRING,
                    LoadBalancerSpec.Builder::webAcl,
                    lb -> lb.webAcl().orElse(null)),
            part(
                    "accessLogs",
                    ACCESS_LOGS,
                    LoadBalancerSpec.Builder::accessLogs,
                    lb -> lb.accessLogs().orElse(null),
                    true),
            // issue 15: who may connect
            value(
                    "allowFrom",
                    ValueType.listOf("CIDR blocks, prefix list ids or cloudfront"),
                    LoadBalancerSpec.Builder::allowFrom,
                    LoadBalancerSpec::allowFrom));

    // ---- issue 15: security headers ----
    static final Fields<StrictTransportSecuritySpec.Builder, StrictTransportSecuritySpec> STRICT_TRANSPORT_SECURITY =
            new Fields<>(
                    "strictTransportSecurity",
                    StrictTransportSecuritySpec::builder,
                    StrictTransportSecuritySpec.Builder::build,
                    value(
                            "maxAge",
                            ValueType.DURATION,
                            StrictTransportSecuritySpec.Builder::maxAge,
                            StrictTransportSecuritySpec::maxAge),
                    value(
                            "includeSubDomains",
                            ValueType.BOOLEAN,
                            StrictTransportSecuritySpec.Builder::includeSubDomains,
                            StrictTransportSecuritySpec::includeSubDomains),
                    value(
                            "preload",
                            ValueType.BOOLEAN,
                            StrictTransportSecuritySpec.Builder::preload,
                            StrictTransportSecuritySpec::preload));

    static final Fields<SecurityHeadersSpec.Builder, SecurityHeadersSpec> SECURITY_HEADERS = new Fields<>(
            "securityHeaders",
            SecurityHeadersSpec::builder,
            SecurityHeadersSpec.Builder::build,
            part(
                    "strictTransportSecurity",
                    STRICT_TRANSPORT_SECURITY,
                    SecurityHeadersSpec.Builder::strictTransportSecurity,
                    h -> h.strictTransportSecurity().orElse(null),
                    true),
            value(
                    "contentTypeOptions",
                    ValueType.BOOLEAN,
                    SecurityHeadersSpec.Builder::contentTypeOptions,
                    SecurityHeadersSpec::contentTypeOptions),
            value(
                    "frameOptions",
                    ValueType.enumeration(FrameOptions.class, null),
                    SecurityHeadersSpec.Builder::frameOptions,
                    h -> h.frameOptions().orElse(null)),
            value(
                    "contentSecurityPolicy",
                    ValueType.STRING,
                    SecurityHeadersSpec.Builder::contentSecurityPolicy,
                    h -> h.contentSecurityPolicy().orElse(null)),
            value(
                    "removeServerHeader",
                    ValueType.BOOLEAN,
                    SecurityHeadersSpec.Builder::removeServerHeader,
                    SecurityHeadersSpec::removeServerHeader));

    static final Fields<HttpsListenerSpec.Builder, HttpsListenerSpec> HTTPS_LISTENER = new Fields<>(
            "https",
            HttpsListenerSpec::builder,
            HttpsListenerSpec.Builder::build,
            value("port", ValueType.INTEGER, HttpsListenerSpec.Builder::port, HttpsListenerSpec::port),
            value("sslPolicy", ValueType.STRING, HttpsListenerSpec.Builder::sslPolicy, HttpsListenerSpec::sslPolicy),
            new Field.Part<>(
                    "securityHeaders",
                    SECURITY_HEADERS,
                    HttpsListenerSpec.Builder::securityHeaders,
                    l -> l.securityHeaders().orElse(null),
                    true,
                    Map.of("recommended", SecurityHeadersSpec.recommended())));

    static final Fields<HttpListenerSpec.Builder, HttpListenerSpec> HTTP_LISTENER = new Fields<>(
            "http",
            HttpListenerSpec::builder,
            HttpListenerSpec.Builder::build,
            value("port", ValueType.INTEGER, HttpListenerSpec.Builder::port, HttpListenerSpec::port),
            value(
                    "action",
                    ValueType.enumeration(HttpAction.class, null),
                    HttpListenerSpec.Builder::action,
                    HttpListenerSpec::action));

    static final Fields<HttpsSetup.Builder, HttpsSetup> LISTENERS = new Fields<>(
            "listeners",
            null,
            null,
            part("https", HTTPS_LISTENER, HttpsSetup.Builder::httpsListener, HttpsSetup::httpsListener, false),
            part("http", HTTP_LISTENER, HttpsSetup.Builder::httpListener, HttpsSetup::httpListener, false));

    static final Fields<RecordsSpec.Builder, RecordsSpec> RECORDS = new Fields<>(
            "records",
            RecordsSpec::builder,
            RecordsSpec.Builder::build,
            value("enabled", ValueType.BOOLEAN, RecordsSpec.Builder::enabled, RecordsSpec::enabled),
            value(
                    "evaluateTargetHealth",
                    ValueType.BOOLEAN,
                    RecordsSpec.Builder::evaluateTargetHealth,
                    RecordsSpec::evaluateTargetHealth));

    /** The top level. Its values have no enclosing default, so each says which value is left out when writing. */
    static final Fields<HttpsSetup.Builder, HttpsSetup> ROOT = new Fields<>(
            "the file",
            HttpsSetup::builder,
            HttpsSetup.Builder::build,
            topLevel("stack", ValueType.STRING, HttpsSetup.Builder::stack, HttpsSetup::stack, null),
            topLevel("region", ValueType.STRING, HttpsSetup.Builder::region, HttpsSetup::region, null),
            part("domain", DOMAIN, HttpsSetup.Builder::domain, HttpsSetup::domain, false),
            part("certificate", CERTIFICATE, HttpsSetup.Builder::certificate, HttpsSetup::certificate, false),
            part("targets", TARGETS, HttpsSetup.Builder::targets, HttpsSetup::targets, false),
            new Field.Named<>("sites", SITE, HttpsSetup.Builder::sites, HttpsSetup::sites),
            topLevel(
                    "defaultSite",
                    ValueType.STRING,
                    HttpsSetup.Builder::defaultSite,
                    s -> s.defaultSite().orElse(null),
                    null),
            part("loadBalancer", LOAD_BALANCER, HttpsSetup.Builder::loadBalancer, HttpsSetup::loadBalancer, false),
            new Field.Group<>("listeners", LISTENERS),
            part("records", RECORDS, HttpsSetup.Builder::records, HttpsSetup::records, false),
            topLevel("tags", ValueType.STRING_MAP, HttpsSetup.Builder::tags, HttpsSetup::tags, Map.of()),
            topLevel(
                    "adopt", ValueType.BOOLEAN, HttpsSetup.Builder::adopt, HttpsSetup::adopt, HttpsSetup.DEFAULT_ADOPT),
            topLevel(
                    "waitTimeout",
                    ValueType.DURATION,
                    HttpsSetup.Builder::waitTimeout,
                    HttpsSetup::waitTimeout,
                    HttpsSetup.DEFAULT_WAIT_TIMEOUT));

    private FileFormat() {}

    /** {@return the keys allowed at the top of the file: the model's and {@value #ENVIRONMENTS}} */
    static List<String> topLevelKeys() {
        List<String> keys = new ArrayList<>(ROOT.keys());
        keys.add(ENVIRONMENTS);
        return keys;
    }

    /**
     * Where else a key exists, for "unknown key here" messages: {@code sslPolicy} is under {@code listeners.https}.
     *
     * @return the paths of the mappings that have the key, such as {@code [listeners.https]}
     */
    static List<String> mappingsWithKey(String key) {
        List<String> paths = new ArrayList<>();
        collectMappingsWithKey(ROOT, "", key, paths, false);
        if (paths.isEmpty()) {
            // a site repeats the top level's domain and targets: its mappings are named only for the keys it alone has
            collectMappingsWithKey(ROOT, "", key, paths, true);
        }
        return paths;
    }

    private static void collectMappingsWithKey(
            Fields<?, ?> fields, String path, String key, List<String> paths, boolean intoSites) {
        if (fields.keys().contains(key)) {
            paths.add(path);
        }
        for (Field<?, ?> field : fields.list()) {
            String childPath = Paths.child(path, field.key());
            if (field instanceof Field.Named<?, ?, ?, ?> named) {
                if (intoSites) {
                    collectMappingsWithKey(named.fields(), Paths.child(childPath, "<name>"), key, paths, true);
                }
            } else if (field instanceof Field.Items<?, ?, ?, ?> items) {
                collectMappingsWithKey(items.fields(), childPath + "[]", key, paths, intoSites);
            } else {
                field.children()
                        .ifPresent(children -> collectMappingsWithKey(children, childPath, key, paths, intoSites));
            }
        }
    }

    private static <B, T, V> Field<B, T> value(
            String key, ValueType<V> type, BiConsumer<B, V> setter, Function<T, V> getter) {
        return new Field.Value<>(key, type, setter, getter, null);
    }

    private static <B, T, V> Field<B, T> topLevel(
            String key, ValueType<V> type, BiConsumer<B, V> setter, Function<T, V> getter, V notWritten) {
        return new Field.Value<>(key, type, setter, getter, notWritten);
    }

    private static <B, T, C, S> Field<B, T> part(
            String key, Fields<C, S> fields, BiConsumer<B, S> setter, Function<T, S> getter, boolean optional) {
        return new Field.Part<>(key, fields, setter, getter, optional);
    }
}
