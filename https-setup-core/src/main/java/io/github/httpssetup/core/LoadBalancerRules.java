package io.github.httpssetup.core;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules of {@code loadBalancer} and {@code listeners}. */
final class LoadBalancerRules extends Rules {
    private static final Pattern LOAD_BALANCER_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?");
    private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
    private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
    private static final Pattern SSL_POLICY = Pattern.compile("[A-Za-z0-9-]{1,128}");
    private static final int MAX_LOAD_BALANCER_NAME_LENGTH = 32;
    private static final int MAX_SECURITY_GROUPS = 5;
    /** A WAFv2 web ACL: regional (an ALB takes no CloudFront-scoped ACL), its name and id. */
    private static final Pattern WEB_ACL_ARN = Pattern.compile(
            "arn:(aws[a-z-]*):wafv2:([a-z0-9-]*):(\\d{12}):([a-z]+)/webacl/([A-Za-z0-9_-]{1,128})/([A-Za-z0-9-]{1,36})");

    LoadBalancerRules(List<Violation> violations) {
        super(violations);
    }

    /** Checks {@code loadBalancer}. */
    void check(LoadBalancerSpec loadBalancer) {
        loadBalancer.name().ifPresent(name -> {
            if (!LOAD_BALANCER_NAME.matcher(name).matches()) {
                add(
                        "loadBalancer.name",
                        quote(name) + " is not a valid load balancer name: use 1-"
                                + MAX_LOAD_BALANCER_NAME_LENGTH
                                + " letters, digits and hyphens, starting and ending with a"
                                + " letter or digit");
            } else if (name.length() > MAX_LOAD_BALANCER_NAME_LENGTH) {
                add(
                        "loadBalancer.name",
                        quote(name) + " is too long (" + name.length() + " characters): a load"
                                + " balancer name has at most " + MAX_LOAD_BALANCER_NAME_LENGTH);
            } else if (name.toLowerCase(Locale.ROOT).startsWith("internal-")) {
                add(
                        "loadBalancer.name",
                        quote(name) + " must not start with \"internal-\", which AWS reserves for"
                                + " internal load balancers; choose another name");
            }
        });
        List<String> subnets = loadBalancer.subnets();
        if (subnets.size() == 1) {
            add(
                    "loadBalancer.subnets",
                    "has only one subnet; an application load balancer needs at least two, in"
                            + " different availability zones: add one, or remove subnets to have them chosen automatically");
        }
        checkIds(
                "loadBalancer.subnets",
                subnets,
                SUBNET_ID,
                "a subnet id",
                "\"subnet-\" and 8 to 17 hexadecimal digits, such as \"subnet-0123456789abcdef0\"");
        List<String> securityGroups = loadBalancer.securityGroups();
        if (securityGroups.size() > MAX_SECURITY_GROUPS) {
            add(
                    "loadBalancer.securityGroups",
                    "has " + securityGroups.size() + " security groups; a load balancer" + " takes at most "
                            + MAX_SECURITY_GROUPS);
        }
        checkIds(
                "loadBalancer.securityGroups",
                securityGroups,
                SECURITY_GROUP_ID,
                "a security group id",
                "\"sg-\" and 8 to 17 hexadecimal digits, such as \"sg-0123456789abcdef0\"");
        checkDuration("loadBalancer.idleTimeout", loadBalancer.idleTimeout(), Limits.IDLE_TIMEOUT);
        checkAllowFrom(loadBalancer);
    }

    /**
     * Checks {@code loadBalancer.webAcl}: a WAFv2 web ACL ARN of regional scope, in the load balancer's region.
     *
     * @param region the description's region when it is valid, else {@code null}
     */
    void checkWebAcl(LoadBalancerSpec loadBalancer, String region) {
        loadBalancer.webAcl().ifPresent(arn -> {
            String example = "\"arn:aws:wafv2:" + (region != null ? region : "us-east-1")
                    + ":123456789012:regional/webacl/shop/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111\"";
            java.util.regex.Matcher m = WEB_ACL_ARN.matcher(arn);
            if (!m.matches()) {
                add(
                        "loadBalancer.webAcl",
                        quote(arn) + " is not a WAFv2 web ACL ARN: use one such as " + example
                                + " (the web ACL's ARN in the WAF console, or aws wafv2 list-web-acls --scope REGIONAL)");
            } else if (!"regional".equals(m.group(4)) || m.group(2).isEmpty()) {
                add(
                        "loadBalancer.webAcl",
                        quote(arn) + " is a " + ("global".equals(m.group(4)) ? "CloudFront (global)" : m.group(4))
                                + " web ACL; a load balancer takes a regional one: create the web ACL with scope"
                                + " REGIONAL in " + (region != null ? region : "the load balancer's region"));
            } else if (region != null && !m.group(2).equals(region)) {
                add(
                        "loadBalancer.webAcl",
                        "the web ACL is in " + quote(m.group(2)) + ", not in the load balancer's"
                                + " region " + quote(region)
                                + ": a load balancer takes a web ACL of its own region; give one"
                                + " from " + region);
            } else if (region != null && !m.group(1).equals(partition(region))) {
                add(
                        "loadBalancer.webAcl",
                        "the web ACL's partition " + quote(m.group(1)) + " is not the region's ("
                                + quote(partition(region)) + "): give the ARN as the WAF console shows it");
            }
        });
    }

    /** S3 bucket names: 3-63 characters, lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern PREFIX = Pattern.compile("[\\x21-\\x7e]+");
    private static final int MAX_PREFIX_LENGTH = 700;

    /** Checks {@code loadBalancer.accessLogs}: the bucket's name as S3 allows it, the prefix as ELB takes it. */
    void checkAccessLogs(LoadBalancerSpec loadBalancer) {
        loadBalancer.accessLogs().ifPresent(logs -> {
            String bucket = logs.bucket();
            String path = "loadBalancer.accessLogs.bucket";
            if (isBlank(bucket)) {
                add(path, "is required; give the S3 bucket the logs go to (with create: true to have it created)");
            } else if (!BUCKET.matcher(bucket).matches()
                    || bucket.contains("..")
                    || IP_ADDRESS.matcher(bucket).matches()
                    || bucket.startsWith("xn--")
                    || bucket.startsWith("sthree-")
                    || bucket.endsWith("-s3alias")
                    || bucket.endsWith("--ol-s3")) {
                add(
                        path,
                        quote(bucket) + " is not an S3 bucket name: use 3-63 lower-case letters, digits, hyphens"
                                + " and dots, starting and ending with a letter or digit, such as \"shop-alb-logs\"");
            }
            logs.prefix().ifPresent(prefix -> {
                String prefixPath = "loadBalancer.accessLogs.prefix";
                if (prefix.contains("AWSLogs")) {
                    add(
                            prefixPath,
                            quote(prefix) + " contains \"AWSLogs\", which ELB adds after the prefix itself;"
                                    + " choose a prefix without it");
                } else if (prefix.startsWith("/") || prefix.endsWith("/")) {
                    add(
                            prefixPath,
                            quote(prefix) + " starts or ends with \"/\"; ELB adds the slashes: write it"
                                    + " without them, such as \"prod/shop\"");
                } else if (!PREFIX.matcher(prefix).matches() || prefix.length() > MAX_PREFIX_LENGTH) {
                    add(
                            prefixPath,
                            quote(prefix) + " is not a key prefix ELB takes: use at most " + MAX_PREFIX_LENGTH
                                    + " printable ASCII characters without spaces");
                }
            });
        });
    }

    /** The partition of a region, as ARNs spell it. */
    static String partition(String region) {
        return io.github.httpssetup.core.internal.Partitions.of(region);
    }

    /** Checks {@code listeners.https} and {@code listeners.http}, and that their ports differ. */
    void checkListeners(HttpsListenerSpec https, HttpListenerSpec http) {
        boolean httpsPortValid = checkPort("listeners.https.port", https.port());
        String sslPolicy = https.sslPolicy();
        if (sslPolicy.isBlank()) {
            add(
                    "listeners.https.sslPolicy",
                    "is empty; give an ELB security policy name, or remove it to use "
                            + quote(HttpsListenerSpec.DEFAULT_SSL_POLICY));
        } else if (!SSL_POLICY.matcher(sslPolicy).matches()) {
            add(
                    "listeners.https.sslPolicy",
                    quote(sslPolicy) + " is not a security policy name: use at most 128"
                            + " letters, digits and hyphens, such as " + quote(HttpsListenerSpec.DEFAULT_SSL_POLICY));
        }
        https.securityHeaders().ifPresent(this::checkSecurityHeaders);
        boolean httpPortValid = checkPort("listeners.http.port", http.port());
        if (httpsPortValid && httpPortValid && http.action() != HttpAction.NONE && http.port() == https.port()) {
            add(
                    "listeners.http.port",
                    http.port() + " is already the HTTPS listener's port: give the HTTP listener"
                            + " another port, or set its action to none");
        }
    }

    // ---- issue 15: security headers ----

    /** ALB takes a response header's value as printable ASCII; a listener attribute's value has at most 1024 characters. */
    static final int MAX_HEADER_VALUE_LENGTH = 1024;

    private static final String HEADERS = "listeners.https.securityHeaders";

    /** Checks {@code listeners.https.securityHeaders} the way ALB checks the listener attributes it sets. */
    private void checkSecurityHeaders(SecurityHeadersSpec headers) {
        headers.strictTransportSecurity().ifPresent(hsts -> {
            String path = HEADERS + ".strictTransportSecurity";
            boolean maxAgeValid = checkDuration(path + ".maxAge", hsts.maxAge(), Limits.HSTS_MAX_AGE);
            if (hsts.preload() && !hsts.includeSubDomains()) {
                add(
                        path + ".preload",
                        "needs includeSubDomains: true (the browsers' preload list covers every"
                                + " subdomain); set it, or remove preload");
            } else if (hsts.preload() && maxAgeValid && hsts.maxAge().compareTo(java.time.Duration.ofDays(365)) < 0) {
                add(
                        path + ".preload",
                        "needs a maxAge of at least 365d (the browsers' preload list asks for a year);"
                                + " raise maxAge, or remove preload");
            }
        });
        headers.contentSecurityPolicy().ifPresent(csp -> checkHeaderValue(HEADERS + ".contentSecurityPolicy", csp));
    }

    private void checkHeaderValue(String path, String value) {
        if (value.isBlank()) {
            add(path, "is empty; give the header's value, such as \"default-src 'self'\", or remove the key");
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                add(
                        path,
                        "has " + (c < 0x20 || c == 0x7f ? "a control character" : "the character '" + c + "'")
                                + " at position " + (i + 1)
                                + ": ALB takes header values in printable ASCII only (letters,"
                                + " digits, spaces and punctuation); write it without, or percent-encode it in URLs");
                return;
            }
        }
        if (value.length() > MAX_HEADER_VALUE_LENGTH) {
            add(
                    path,
                    "is " + value.length() + " characters long; ALB takes at most " + MAX_HEADER_VALUE_LENGTH
                            + " characters per header value: shorten it");
        }
    }

    // ---- issue 15: who may connect ----

    private static final String ALLOW_FROM = "loadBalancer.allowFrom";
    private static final Pattern PREFIX_LIST_ID = Pattern.compile("pl-[0-9a-f]{8,17}");

    /**
     * Checks {@code loadBalancer.allowFrom}: CIDR blocks written as their network address, prefix list ids, known
     * names, no source twice, and only on the group the stack creates.
     */
    private void checkAllowFrom(LoadBalancerSpec loadBalancer) {
        List<String> sources = loadBalancer.allowFrom();
        if (sources.isEmpty()) {
            return;
        }
        if (!loadBalancer.autoSecurityGroups()) {
            add(
                    ALLOW_FROM,
                    "applies to the security group https-setup creates, but loadBalancer.securityGroups gives"
                            + " the groups: add the sources to those groups' inbound rules and remove allowFrom, or remove"
                            + " securityGroups");
        }
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            String path = ALLOW_FROM + "[" + i + "]";
            String key = allowFromKey(path, source, loadBalancer.ipAddressType());
            if (key == null) {
                continue;
            }
            Integer earlier = seen.putIfAbsent(key, i);
            if (earlier != null) {
                add(
                        path,
                        quote(source) + (source.equals(sources.get(earlier)) ? "" : " (" + key + ")")
                                + " is already listed at " + ALLOW_FROM + "[" + earlier + "]; remove one of them");
            }
        }
    }

    /** {@return the source as compared for duplicates, or {@code null} after reporting why it is not one} */
    private String allowFromKey(String path, String source, IpAddressType ipAddressType) {
        if (isBlank(source)) {
            add(
                    path,
                    "is empty; give a CIDR block, a prefix list id or " + LoadBalancerSpec.CLOUDFRONT
                            + ", or remove the entry");
            return null;
        }
        String text = source.trim();
        if (text.equals(LoadBalancerSpec.CLOUDFRONT)
                || PREFIX_LIST_ID.matcher(text).matches()) {
            return text;
        }
        if (text.startsWith("pl-")) {
            add(
                    path,
                    quote(source) + " is not a prefix list id: use \"pl-\" and 8 to 17 hexadecimal digits, such as"
                            + " \"pl-0123456789abcdef0\"");
            return null;
        }
        if (io.github.httpssetup.core.internal.Cidr.looksLikeCidr(text)) {
            try {
                io.github.httpssetup.core.internal.Cidr cidr = io.github.httpssetup.core.internal.Cidr.parse(text);
                if (cidr.ipv6() && ipAddressType != IpAddressType.DUALSTACK) {
                    add(
                            path,
                            quote(source) + " is an IPv6 block, but the load balancer answers on IPv4 only: set"
                                    + " loadBalancer.ipAddressType: dualstack, or remove the entry");
                    return null;
                }
                return cidr.text();
            } catch (io.github.httpssetup.core.internal.Cidr.InvalidCidrException e) {
                add(path, quote(source) + " " + e.getMessage());
                return null;
            }
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean nearCloudfront = lower.equals(LoadBalancerSpec.CLOUDFRONT)
                || lower.contains("cloudfront")
                || lower.contains("cloud-front")
                || lower.contains("cloud front");
        add(
                path,
                quote(source) + " is not a CIDR block, a prefix list id or a known name: use a block such as"
                        + " \"203.0.113.0/24\" or \"2001:db8::/32\", a prefix list id such as \"pl-0123456789abcdef0\", or "
                        + quote(LoadBalancerSpec.CLOUDFRONT) + " (CloudFront's origin-facing servers)"
                        + (nearCloudfront ? "; did you mean " + quote(LoadBalancerSpec.CLOUDFRONT) + "?" : ""));
        return null;
    }
}
