package io.github.httpssetup.core.internal;

import io.github.httpssetup.core.AttributeChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * The default action of a listener, reduced to what https-setup sets: forward to one target group, or a
 * redirect. Reading AWS back through it makes different spellings of the same action compare equal: AWS
 * fills in a redirect's host, path and query while moto leaves them out, and a forward comes back with its
 * target group in {@code TargetGroupArn}, in a one-group {@code ForwardConfig}, or both.
 *
 * @param type           forward or redirect
 * @param targetGroupArn the target group of a forward; {@code null} when not known yet (a plan)
 * @param redirect       the redirect's settings, with defaults filled in; {@code null} for a forward
 */
record ListenerAction(ActionTypeEnum type, String targetGroupArn, Redirect redirect) {

    private static final String NOT_FOUND = "404";

    /** What ELB uses when a redirect leaves the host out: the request's host. */
    static final String DEFAULT_HOST = "#{host}";
    /** What ELB uses when a redirect leaves the path out: the request's path. */
    static final String DEFAULT_PATH = "/#{path}";
    /** What ELB uses when a redirect leaves the query out: the request's query. */
    static final String DEFAULT_QUERY = "#{query}";

    /** A redirect's settings; protocol in upper case, status code as {@code HTTP_301}. */
    record Redirect(String protocol, String port, String host, String path, String query, String statusCode) {}

    /** Forward every request to the target group. */
    static ListenerAction forward(String targetGroupArn) {
        return new ListenerAction(ActionTypeEnum.FORWARD, targetGroupArn, null);
    }

    /** With sites and no default site: a request for a host no site names gets a fixed 404 response. */
    static ListenerAction notFound() {
        return new ListenerAction(ActionTypeEnum.FIXED_RESPONSE, null, null);
    }

    /** Redirect permanently (301) to the same host, path and query over HTTPS on {@code httpsPort}. */
    static ListenerAction redirectToHttps(int httpsPort) {
        return new ListenerAction(
                ActionTypeEnum.REDIRECT,
                null,
                new Redirect(
                        "HTTPS", String.valueOf(httpsPort), DEFAULT_HOST, DEFAULT_PATH, DEFAULT_QUERY, "HTTP_301"));
    }

    /**
     * The default actions AWS reports, as one action of this kind; empty when they are something else
     * (several actions, a weighted forward, a fixed response, authentication).
     */
    static Optional<ListenerAction> of(List<Action> actions) {
        if (actions == null || actions.size() != 1) {
            return Optional.empty();
        }
        Action action = actions.get(0);
        if (action.type() == ActionTypeEnum.FORWARD) {
            return forwardedGroup(action).map(ListenerAction::forward);
        }
        if (action.type() == ActionTypeEnum.FIXED_RESPONSE
                && action.fixedResponseConfig() != null
                && NOT_FOUND.equals(action.fixedResponseConfig().statusCode())) {
            return Optional.of(notFound());
        }
        if (action.type() == ActionTypeEnum.REDIRECT && action.redirectConfig() != null) {
            RedirectActionConfig r = action.redirectConfig();
            return Optional.of(new ListenerAction(
                    ActionTypeEnum.REDIRECT,
                    null,
                    new Redirect(
                            r.protocol() == null ? "#{protocol}" : upperUnlessPlaceholder(r.protocol()),
                            r.port() == null ? "#{port}" : r.port(),
                            orDefault(r.host(), DEFAULT_HOST),
                            orDefault(r.path(), DEFAULT_PATH),
                            orDefault(r.query(), DEFAULT_QUERY),
                            r.statusCodeAsString())));
        }
        return Optional.empty();
    }

    /** The one target group of a forward, from either of the two places AWS puts it. */
    private static Optional<String> forwardedGroup(Action action) {
        List<TargetGroupTuple> groups = action.forwardConfig() == null
                ? List.of()
                : action.forwardConfig().targetGroups();
        if (groups.size() > 1) {
            return Optional.empty(); // a weighted forward is not ours
        }
        if (action.targetGroupArn() != null) {
            return groups.isEmpty()
                            || action.targetGroupArn().equals(groups.get(0).targetGroupArn())
                    ? Optional.of(action.targetGroupArn())
                    : Optional.empty();
        }
        return groups.isEmpty()
                ? Optional.empty()
                : Optional.ofNullable(groups.get(0).targetGroupArn());
    }

    /**
     * Every target group the default actions forward to, whether as one group or weighted among several
     * (the intermediate state of a target group replacement).
     */
    static Set<String> forwardedGroups(List<Action> actions) {
        Set<String> arns = new TreeSet<>();
        if (actions == null) {
            return arns;
        }
        for (Action action : actions) {
            if (action.type() != ActionTypeEnum.FORWARD) {
                continue;
            }
            if (action.targetGroupArn() != null) {
                arns.add(action.targetGroupArn());
            }
            if (action.forwardConfig() != null) {
                action.forwardConfig().targetGroups().forEach(t -> arns.add(t.targetGroupArn()));
            }
        }
        return arns;
    }

    /**
     * The forward that puts a replacement target group in use without sending it traffic: the groups it
     * replaces keep weight 1, the new one joins with weight 0. ELB health-checks the targets of a group only
     * while a listener or rule uses it; until then they are {@code unused}.
     */
    static Action joining(Collection<String> replacedArns, String newArn) {
        List<TargetGroupTuple> groups = new ArrayList<>();
        replacedArns.stream()
                .sorted()
                .forEach(arn -> groups.add(
                        TargetGroupTuple.builder().targetGroupArn(arn).weight(1).build()));
        groups.add(TargetGroupTuple.builder().targetGroupArn(newArn).weight(0).build());
        return Action.builder()
                .type(ActionTypeEnum.FORWARD)
                .forwardConfig(c -> c.targetGroups(groups))
                .build();
    }

    /** Whether the default actions already are {@link #joining}: a crashed run left the listener there. */
    static boolean isJoining(List<Action> actions, Collection<String> replacedArns, String newArn) {
        if (actions == null
                || actions.size() != 1
                || actions.get(0).type() != ActionTypeEnum.FORWARD
                || actions.get(0).forwardConfig() == null) {
            return false;
        }
        Map<String, Integer> weights = new TreeMap<>();
        actions.get(0)
                .forwardConfig()
                .targetGroups()
                .forEach(t -> weights.put(t.targetGroupArn(), t.weight() == null ? 1 : t.weight()));
        Integer newWeight = weights.remove(newArn);
        return newWeight != null
                && newWeight == 0
                && !weights.isEmpty()
                && replacedArns.containsAll(weights.keySet())
                && weights.values().stream().allMatch(w -> w > 0);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String upperUnlessPlaceholder(String value) {
        return value.contains("#{") ? value : value.toUpperCase(Locale.ROOT);
    }

    /** Whether AWS's default actions do exactly this. A forward to a target group not known yet never matches. */
    boolean matches(List<Action> actual) {
        if (type == ActionTypeEnum.FORWARD && targetGroupArn == null) {
            return false;
        }
        return of(actual).filter(this::equals).isPresent();
    }

    /** The action to send, with every redirect setting spelled out (moto fills in none of them). */
    Action toAws() {
        if (type == ActionTypeEnum.FIXED_RESPONSE) {
            return Action.builder()
                    .type(ActionTypeEnum.FIXED_RESPONSE)
                    .fixedResponseConfig(c -> c.statusCode(NOT_FOUND).contentType("text/plain"))
                    .build();
        }
        if (type == ActionTypeEnum.FORWARD) {
            return Action.builder()
                    .type(ActionTypeEnum.FORWARD)
                    .targetGroupArn(Objects.requireNonNull(targetGroupArn, "target group ARN"))
                    .build();
        }
        return Action.builder()
                .type(ActionTypeEnum.REDIRECT)
                .redirectConfig(c -> c.protocol(redirect.protocol())
                        .port(redirect.port())
                        .host(redirect.host())
                        .path(redirect.path())
                        .query(redirect.query())
                        .statusCode(redirect.statusCode()))
                .build();
    }

    /** {@code forward to arn:...}, {@code redirect (HTTP_301) to HTTPS port 443}. */
    @Override
    public String toString() {
        if (type == ActionTypeEnum.FIXED_RESPONSE) {
            return "fixed response " + NOT_FOUND;
        }
        if (type == ActionTypeEnum.FORWARD) {
            return "forward to " + (targetGroupArn == null ? AttributeChange.KNOWN_AFTER_APPLY : targetGroupArn);
        }
        StringBuilder s = new StringBuilder("redirect (")
                .append(redirect.statusCode())
                .append(") to ")
                .append(redirect.protocol())
                .append(" port ")
                .append(redirect.port());
        if (!DEFAULT_HOST.equals(redirect.host())) {
            s.append(", host ").append(redirect.host());
        }
        if (!DEFAULT_PATH.equals(redirect.path())) {
            s.append(", path ").append(redirect.path());
        }
        if (!DEFAULT_QUERY.equals(redirect.query())) {
            s.append(", query ").append(redirect.query());
        }
        return s.toString();
    }

    /** How AWS's default actions read in a plan: as this type when they are one, else their types. */
    static String describe(List<Action> actions) {
        if (actions == null || actions.isEmpty()) {
            return "none";
        }
        return of(actions)
                .map(ListenerAction::toString)
                .orElseGet(() -> actions.stream().map(Action::typeAsString).collect(Collectors.joining(", ")));
    }
}
