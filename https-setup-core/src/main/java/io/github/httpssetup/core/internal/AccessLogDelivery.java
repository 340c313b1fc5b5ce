package io.github.httpssetup.core.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Who writes an application load balancer's access logs in each region, and the bucket policy that lets it: said
 * once, for the bucket the stack creates and for the check of a bucket it is given.
 *
 * <p>AWS's "Enable access logs for your Application Load Balancer": in regions available before August 2022 the
 * logs are written by the region's Elastic Load Balancing account (the table below); in newer regions by the service
 * principal {@value #SERVICE_PRINCIPAL}. Either may only put objects under {@code <prefix>/AWSLogs/<account>/}.
 */
final class AccessLogDelivery {

    static final String SERVICE_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com";

    /** The Elastic Load Balancing account of each region available before August 2022. */
    static final Map<String, String> ELB_ACCOUNTS = Map.ofEntries(
            Map.entry("us-east-1", "127311923021"),
            Map.entry("us-east-2", "033677994240"),
            Map.entry("us-west-1", "027434742980"),
            Map.entry("us-west-2", "797873946194"),
            Map.entry("af-south-1", "098369216593"),
            Map.entry("ap-east-1", "754344448648"),
            Map.entry("ap-southeast-3", "589379963580"),
            Map.entry("ap-south-1", "718504428378"),
            Map.entry("ap-northeast-3", "383597477331"),
            Map.entry("ap-northeast-2", "600734575887"),
            Map.entry("ap-southeast-1", "114774131450"),
            Map.entry("ap-southeast-2", "783225319266"),
            Map.entry("ap-northeast-1", "582318560864"),
            Map.entry("ca-central-1", "985666609251"),
            Map.entry("eu-central-1", "054676820928"),
            Map.entry("eu-west-1", "156460612806"),
            Map.entry("eu-west-2", "652711504416"),
            Map.entry("eu-south-1", "635631232127"),
            Map.entry("eu-west-3", "009996457667"),
            Map.entry("eu-north-1", "897822967062"),
            Map.entry("me-south-1", "076674570225"),
            Map.entry("sa-east-1", "507241528517"),
            Map.entry("us-gov-west-1", "048591011584"),
            Map.entry("us-gov-east-1", "190560391635"),
            Map.entry("cn-north-1", "638102146993"),
            Map.entry("cn-northwest-1", "037604701340"));

    private static final Pattern ACCOUNT_IN_ARN = Pattern.compile("arn:[^:]+:[^:]+:[^:]*:(\\d{12}):.*");
    private static final Pattern ACCOUNT_IN_KEY = Pattern.compile(".*/AWSLogs/(\\d{12})/.*");
    /** Stands for the account in a plan where the load balancer, whose ARN names it, is still to be created. */
    static final String UNKNOWN_ACCOUNT = "<account>";

    private final String partition;
    private final String region;
    private final String bucket;
    private final String prefix;

    AccessLogDelivery(String region, String bucket, Optional<String> prefix) {
        this.partition = Partitions.of(region);
        this.region = region;
        this.bucket = bucket;
        this.prefix = prefix.orElse(null);
    }

    /** The account of a load balancer, from its ARN; {@link #UNKNOWN_ACCOUNT} without one. */
    static String accountOf(String loadBalancerArn) {
        if (loadBalancerArn == null) {
            return UNKNOWN_ACCOUNT;
        }
        java.util.regex.Matcher m = ACCOUNT_IN_ARN.matcher(loadBalancerArn);
        return m.matches() ? m.group(1) : UNKNOWN_ACCOUNT;
    }

    /** {@code "AWS": "arn:aws:iam::<elb-account>:root"} or {@code "Service": "logdelivery..."}, for people. */
    String principal() {
        String account = ELB_ACCOUNTS.get(region);
        return account != null ? "AWS " + rootOf(account) : "Service " + SERVICE_PRINCIPAL;
    }

    private String rootOf(String account) {
        return "arn:" + partition + ":iam::" + account + ":root";
    }

    /** Where the load balancer of {@code account} writes: {@code arn:aws:s3:::<bucket>/<prefix>/AWSLogs/<account>/*}. */
    String resource(String account) {
        return "arn:" + partition + ":s3:::" + bucket + "/" + (prefix == null ? "" : prefix + "/") + "AWSLogs/"
                + account + "/*";
    }

    /** The statement that lets the load balancer of {@code account} write its logs. */
    String statement(String account) {
        String elbAccount = ELB_ACCOUNTS.get(region);
        String principal = elbAccount != null
                ? "{\"AWS\": \"" + rootOf(elbAccount) + "\"}"
                : "{\"Service\": \"" + SERVICE_PRINCIPAL + "\"}";
        return "{\"Sid\": \"HttpsSetupElbAccessLogs\", \"Effect\": \"Allow\", \"Principal\": " + principal
                + ", \"Action\": \"s3:PutObject\", \"Resource\": \"" + resource(account) + "\"}";
    }

    /** The bucket policy of a bucket the stack owns. */
    String policy(String account) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + statement(account) + "]}";
    }

    /**
     * Whether a bucket policy lets the load balancer of {@code account} put its logs: an {@code Allow} statement for
     * the region's writer (the ELB account, its root, or the service principal; {@code "*"} too) with
     * {@code s3:PutObject} on a resource that covers the log keys. Deny statements and conditions are not
     * evaluated.
     *
     * @param account the load balancer's account, or {@link #UNKNOWN_ACCOUNT} (any account the resource names)
     */
    boolean allows(String policyJson, String account) {
        if (policyJson == null || policyJson.isBlank()) {
            return false;
        }
        JsonNode policy;
        try {
            policy = JsonNode.parser().parse(policyJson);
        } catch (RuntimeException e) {
            return false;
        }
        if (!policy.isObject() || policy.field("Statement").isEmpty()) {
            return false;
        }
        JsonNode statements = policy.field("Statement").get();
        List<JsonNode> list = statements.isArray() ? statements.asArray() : List.of(statements);
        return list.stream().anyMatch(s -> allowsIn(s, account));
    }

    private boolean allowsIn(JsonNode statement, String account) {
        if (!statement.isObject() || !"Allow".equals(text(statement.field("Effect")))) {
            return false;
        }
        boolean action = strings(statement.field("Action")).stream()
                .map(a -> a.toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals("s3:putobject") || a.equals("s3:*") || a.equals("*") || a.equals("s3:put*"));
        return action
                && principalAllowed(statement.field("Principal"))
                && strings(statement.field("Resource")).stream().anyMatch(r -> covers(r, account));
    }

    private boolean principalAllowed(Optional<JsonNode> principal) {
        if (principal.isEmpty()) {
            return false;
        }
        JsonNode p = principal.get();
        if (p.isString()) {
            return "*".equals(p.asString());
        }
        if (!p.isObject()) {
            return false;
        }
        String elbAccount = ELB_ACCOUNTS.get(region);
        boolean byAccount = elbAccount != null
                && strings(p.field("AWS")).stream()
                        .anyMatch(a -> a.equals("*") || a.equals(elbAccount) || a.equals(rootOf(elbAccount)));
        boolean byService = strings(p.field("Service")).contains(SERVICE_PRINCIPAL);
        return byAccount || byService;
    }

    /** Whether a resource pattern ({@code *} and {@code ?} wildcards) covers a log key of the account. */
    private boolean covers(String pattern, String account) {
        String acct = account;
        if (UNKNOWN_ACCOUNT.equals(account)) {
            java.util.regex.Matcher m = ACCOUNT_IN_KEY.matcher(pattern);
            acct = m.matches() ? m.group(1) : "123456789012";
        }
        String key = resource(acct).replace("*", "elasticloadbalancing/" + region + "/2026/01/01/log.gz");
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.matches(regex.toString(), key);
    }

    private static String text(Optional<JsonNode> node) {
        return node.filter(JsonNode::isString).map(JsonNode::asString).orElse(null);
    }

    private static List<String> strings(Optional<JsonNode> node) {
        if (node.isEmpty()) {
            return List.of();
        }
        JsonNode n = node.get();
        if (n.isString()) {
            return List.of(n.asString());
        }
        if (n.isArray()) {
            return n.asArray().stream()
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString)
                    .toList();
        }
        return List.of();
    }
}
