"""Elastic Load Balancing v2 answering as AWS does: target health that depends on the group being used (S6),
load balancers that provision for a while before they are active (S7), AWS's current list of security
policies (S7c), the attributes of an Application Load Balancer's listeners (S7d), and the SNI certificates and rules
of a listener (S7e).

CreateListener and ModifyListener are not patched here (certificates, S8, live with ACM's patches).
"""
from strict_settings import now, seconds, state

INITIAL = "ELB_TARGET_INITIAL"
# An instance tag standing for an application that fails its health checks: the emulator runs no health check,
# so a test says with it what the load balancer would find. Value: a reason code, for ResponseCodeMismatch
# followed by the status code the application answers ("Target.ResponseCodeMismatch 404").
HEALTH_TAG = "https-setup-strict:target-health"
UNHEALTHY_DESCRIPTIONS = {
    "Target.FailedHealthChecks": "Health checks failed",
    "Target.Timeout": "Request timed out",
    "Target.ResponseCodeMismatch": "Health checks failed with these codes: [{code}]",
    "Elb.InternalError": "Health checks failed due to an internal error",
}
PROVISIONING = "ELB_PROVISIONING"


def install():
    _target_health()
    _provisioning()
    _describe_tags_limit()
    _ssl_policies()
    _listener_attributes()
    _listener_certificates()
    _rules()


def _target_health():
    """S6. DescribeTargetHealth (API reference: DescribeTargetHealth, TargetHealth): a target of a group that
    no listener or rule forwards to is ``unused`` with reason ``Target.NotInUse``; in a group a load balancer
    uses, a newly registered target (or every target of a group that just became used) is ``initial`` with
    reason ``Elb.RegistrationInProgress`` until it passed its health checks, then ``healthy``.

    Delay: ``HTTPS_SETUP_STRICT_ELB_TARGET_INITIAL_SECONDS`` (default 2), counted from the registration or
    from the moment a listener or rule started forwarding to the group (or the first DescribeTargetHealth that sees
    it used), whichever is later.
    An instance tagged ``https-setup-strict:target-health`` with a reason code of an unhealthy target (and, for
    ``Target.ResponseCodeMismatch``, the status code) becomes ``unhealthy`` with that reason after the delay instead
    of ``healthy``, as a target whose application fails its checks does on AWS (a stopped instance is already
    ``unused``/``Target.InvalidState`` in moto).
    Without this, moto reports every registered running target ``healthy`` at once, even in a group no load
    balancer uses, so code that waits for ``healthy`` on an unused group passes against moto and never
    finishes on AWS.
    """
    from moto.elbv2.models import ELBv2Backend, FakeTargetGroup

    original_register = FakeTargetGroup.register
    original_describe = ELBv2Backend.describe_target_health

    def register(self, targets):
        registered = state(self, "registered")
        already = set(self.targets.keys())
        original_register(self, targets)
        for target in targets:
            if target["Id"] not in already:
                registered[target["Id"]] = now()

    def describe_target_health(self, target_group_arn, targets):
        statuses = original_describe(self, target_group_arn, targets)
        group = self.target_groups[target_group_arn]
        used = self._any_listener_using(target_group_arn)
        group_state = state(group, "usage")
        if not used:
            group_state.pop("used_since", None)
        elif "used_since" not in group_state:
            group_state["used_since"] = now()
        delay = seconds(INITIAL, 2)
        registered = state(group, "registered")
        for status in statuses:
            if status.status != "healthy":
                continue  # not registered, draining, stopped: moto already answers as AWS does
            if not used:
                status.status = "unused"
                status.reason = "Target.NotInUse"
                status.description = "Target group is not configured to receive traffic from the load balancer"
                continue
            since = max(registered.get(status.instance_id, 0.0), group_state["used_since"])
            if now() - since < delay:
                status.status = "initial"
                status.reason = "Elb.RegistrationInProgress"
                status.description = "Target registration is in progress"
                continue
            failing = self.ec2_backend.tags.get(status.instance_id, {}).get(HEALTH_TAG)
            if failing:
                parts = failing.split()
                reason = parts[0]
                code = parts[1] if len(parts) > 1 else "500"
                status.status = "unhealthy"
                status.reason = reason
                status.description = UNHEALTHY_DESCRIPTIONS.get(reason, "Health checks failed").format(code=code)
        return statuses

    def mark_used(backend):
        # On AWS a group's targets are checked from the moment a listener or rule forwards to it.
        for arn, group in backend.target_groups.items():
            usage = state(group, "usage")
            if "used_since" not in usage and backend._any_listener_using(arn):
                usage["used_since"] = now()

    def marking(original):
        def call(self, *args, **kwargs):
            result = original(self, *args, **kwargs)
            mark_used(self)
            return result
        return call

    FakeTargetGroup.register = register
    ELBv2Backend.describe_target_health = describe_target_health
    for name in ("create_listener", "modify_listener", "create_rule", "modify_rule"):
        setattr(ELBv2Backend, name, marking(getattr(ELBv2Backend, name)))


def _provisioning():
    """S7. DescribeLoadBalancers (API reference: LoadBalancerState): a new load balancer is ``provisioning``
    for a while (minutes on AWS) before it is ``active``.

    Delay: ``HTTPS_SETUP_STRICT_ELB_PROVISIONING_SECONDS`` (default 2), from CreateLoadBalancer.
    Without this, moto turns every load balancer ``active`` on the first DescribeLoadBalancers.
    """
    from moto.elbv2.models import FakeLoadBalancer

    original_init = FakeLoadBalancer.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self._https_setup_strict_created = now()

    def activate(self):
        created = getattr(self, "_https_setup_strict_created", None)
        if self.state == "provisioning" and (created is None or now() - created >= seconds(PROVISIONING, 2)):
            self.state = "active"

    FakeLoadBalancer.__init__ = init
    FakeLoadBalancer.activate = activate


def _describe_tags_limit():
    """DescribeTags (API reference: DescribeTags, ResourceArns "Maximum number of 20 items"; error
    ``ValidationError``). No delay. Without this, moto answers for any number of ARNs.
    """
    from moto.elbv2.exceptions import ValidationError
    from moto.elbv2.models import ELBv2Backend

    original = ELBv2Backend.describe_tags

    def describe_tags(self, resource_arns):
        if len(resource_arns or []) > 20:
            raise ValidationError("1 validation error detected: Value at 'resourceArns' failed to satisfy constraint:"
                                  " Member must have length less than or equal to 20")
        return original(self, resource_arns)

    ELBv2Backend.describe_tags = describe_tags


# The predefined security policies of Application Load Balancers, as the ALB User Guide's "Security policies
# for your Application Load Balancer" lists them (late 2025: the post-quantum 2025-09 family included).
# ELBSecurityPolicy-2015-05 is listed for Network Load Balancers only.
ALB_SSL_POLICIES = [
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-2021-06",
    "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-0-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09", "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-RFC9151-FIPS-2023-07", "ELBSecurityPolicy-TLS13-1-2-RFC9151-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-RFC9151-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP1-FIPS-2023-07", "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP2-FIPS-2023-07",
    "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP3-FIPS-2023-07", "ELBSecurityPolicy-TLS13-1-2-RFC9151-INTEROP4-FIPS-2023-07",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-FS-1-2-Res-2019-08", "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-FS-2018-06",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-2016-08",
]
NLB_ONLY_SSL_POLICIES = ["ELBSecurityPolicy-2015-05"]


def _sibling(name, known):
    """The policy moto describes that a new name is a variant of: the same name without FIPS, PQ or RFC 9151
    parts and with the 2021-06 date (TLS13), else the closest older policy of its family."""
    import re
    base = re.sub(r"-(RFC9151|INTEROP[0-9]|FIPS|PQ)", "", name)
    base = re.sub(r"-(2023-0[47]|2025-09)$", "-2021-06", base)
    base = base.replace("-Ext0-", "-")
    if base in known:
        return base
    for candidate in ("ELBSecurityPolicy-FS-1-2-Res-2020-10", "ELBSecurityPolicy-2016-08"):
        if name.startswith(candidate.rsplit("-", 3)[0]) and candidate in known:
            return candidate
    return "ELBSecurityPolicy-2016-08"


def _ssl_policies():
    """S7c. DescribeSslPolicies, CreateListener, ModifyListener (API reference: DescribeSslPolicies,
    ``LoadBalancerType``; error ``SSLPolicyNotFound`` for a name that is no policy, in every one of these calls).
    No delay. Without this, moto knows 18 policies (none of the FIPS ones), silently leaves unknown names out of
    DescribeSslPolicies, ignores ``LoadBalancerType`` and creates an HTTPS listener with any policy name.

    The protocols and ciphers of a name moto does not know are its sibling's (the same policy without FIPS, PQ
    or RFC 9151 in its name), FIPS ones without ChaCha20: close to AWS's, not a copy of its tables.
    """
    from moto.elbv2 import responses
    from moto.elbv2.exceptions import ELBClientError
    from moto.elbv2.models import ELBv2Backend
    from moto.elbv2.ssl_policies import SSL_POLICIES, build_policy

    known = dict(SSL_POLICIES)
    for name in ALB_SSL_POLICIES + NLB_ONLY_SSL_POLICIES:
        if name not in SSL_POLICIES:
            data = dict(known[_sibling(name, known)])
            data["name"] = name
            if "FIPS" in name:
                data["ciphers"] = [c for c in data["ciphers"] if "CHACHA20" not in c]
            SSL_POLICIES[name] = data
    for name in list(SSL_POLICIES):
        if name not in ALB_SSL_POLICIES and name not in NLB_ONLY_SSL_POLICIES:
            del SSL_POLICIES[name]  # moto's list holds nothing AWS does not; kept in case a release adds one

    def not_found(name):
        return ELBClientError("SSLPolicyNotFound", "The specified SSL policy does not exist: '" + str(name) + "'")

    def describe_ssl_policies(self):
        names = self._get_param("Names", []) or []
        kind = self._get_param("LoadBalancerType")
        if kind == "application":
            allowed = ALB_SSL_POLICIES
        else:
            allowed = ALB_SSL_POLICIES + NLB_ONLY_SSL_POLICIES
        for name in names:
            if name not in allowed:
                raise not_found(name)
        chosen = names if names else allowed
        seen = []
        for name in chosen:
            if name not in seen:
                seen.append(name)
        return responses.ActionResult({"SslPolicies": [build_policy(n, SSL_POLICIES[n]) for n in seen]})

    original_create = ELBv2Backend.create_listener

    def create_listener(self, load_balancer_arn, protocol, port, ssl_policy, *args, **kwargs):
        if (protocol or "").upper() in ("HTTPS", "TLS") and ssl_policy not in SSL_POLICIES:
            raise not_found(ssl_policy)
        return original_create(self, load_balancer_arn, protocol, port, ssl_policy, *args, **kwargs)

    responses.ELBV2Response.describe_ssl_policies = describe_ssl_policies
    ELBv2Backend.create_listener = create_listener


# The listener attributes of an Application Load Balancer and the values AWS gives a new listener (ALB User Guide,
# "HTTP header modification": header values are empty, i.e. not modified, and the Server header is kept).
ALB_LISTENER_ATTRIBUTES = {
    "routing.http.response.server.enabled": "true",
    "routing.http.response.strict_transport_security.header_value": "",
    "routing.http.response.access_control_allow_origin.header_value": "",
    "routing.http.response.access_control_allow_methods.header_value": "",
    "routing.http.response.access_control_allow_headers.header_value": "",
    "routing.http.response.access_control_allow_credentials.header_value": "",
    "routing.http.response.access_control_expose_headers.header_value": "",
    "routing.http.response.access_control_max_age.header_value": "",
    "routing.http.response.content_security_policy.header_value": "",
    "routing.http.response.x_content_type_options.header_value": "",
    "routing.http.response.x_frame_options.header_value": "",
}
MAX_HEADER_VALUE = 1024


def _listener_attributes():
    """S7d. DescribeListenerAttributes / ModifyListenerAttributes on an Application Load Balancer's listener (API
    reference: ListenerAttribute; ALB User Guide, "HTTP header modification"): every ALB attribute is listed with
    its value (a new listener's are the defaults above); a key that is not an ALB listener attribute, a value that
    is not printable ASCII or longer than 1024 characters, ``x_content_type_options`` other than ``nosniff``,
    ``x_frame_options`` other than ``DENY``, ``SAMEORIGIN`` or ``ALLOW-FROM <uri>``, and ``server.enabled`` other
    than ``true``/``false`` are ``ValidationError``. No delay. Without this, moto gives every listener the Network
    Load Balancer attribute ``tcp.idle_timeout.seconds`` and stores any key and value.
    """
    from moto.elbv2.exceptions import ValidationError
    from moto.elbv2.models import ELBv2Backend

    def is_alb(backend, listener):
        balancer = backend.load_balancers.get(listener.load_balancer_arn)
        return balancer is not None and getattr(balancer, "type", "application") == "application"

    def listener_of(backend, arn):
        return backend.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]

    original_describe = ELBv2Backend.describe_listener_attributes
    original_modify = ELBv2Backend.modify_listener_attributes

    def current(listener):
        values = dict(ALB_LISTENER_ATTRIBUTES)
        values.update(state(listener, "alb_attributes"))
        return values

    def describe_listener_attributes(self, listener_arn):
        listener = listener_of(self, listener_arn)
        if not is_alb(self, listener):
            return original_describe(self, listener_arn)
        return current(listener)

    def check(key, value):
        if key not in ALB_LISTENER_ATTRIBUTES:
            raise ValidationError("Listener attribute '" + key + "' is not supported on an application load balancer")
        if any(ord(c) < 0x20 or ord(c) > 0x7e for c in value) or len(value) > MAX_HEADER_VALUE:
            raise ValidationError("The value of listener attribute '" + key + "' must be at most "
                                  + str(MAX_HEADER_VALUE) + " printable ASCII characters")
        if key.endswith("server.enabled") and value not in ("true", "false"):
            raise ValidationError("The value of listener attribute '" + key + "' must be true or false")
        if key.endswith("x_content_type_options.header_value") and value not in ("", "nosniff"):
            raise ValidationError("The value of listener attribute '" + key + "' must be nosniff")
        if key.endswith("x_frame_options.header_value") and value not in ("", "DENY", "SAMEORIGIN") \
                and not value.startswith("ALLOW-FROM "):
            raise ValidationError("The value of listener attribute '" + key
                                  + "' must be DENY, SAMEORIGIN or ALLOW-FROM followed by a URI")

    def modify_listener_attributes(self, listener_arn, attrs):
        listener = listener_of(self, listener_arn)
        if not is_alb(self, listener):
            return original_modify(self, listener_arn, attrs)
        for attribute in attrs:
            check(attribute["Key"], attribute.get("Value") or "")
        stored = state(listener, "alb_attributes")
        for attribute in attrs:
            stored[attribute["Key"]] = attribute.get("Value") or ""
        return current(listener)

    ELBv2Backend.describe_listener_attributes = describe_listener_attributes
    ELBv2Backend.modify_listener_attributes = modify_listener_attributes


# Elastic Load Balancing quotas of an Application Load Balancer (User Guide, "Quotas for your Application Load
# Balancers"): certificates besides the default one, rules besides the default ones, condition values per rule.
MAX_EXTRA_CERTIFICATES = 25
MAX_RULES = 100
MAX_CONDITION_VALUES = 5


def _listener_certificates():
    """S7e. A listener's certificate list (API reference: AddListenerCertificates, RemoveListenerCertificates,
    ModifyListener, DescribeListenerCertificates): ModifyListener's ``Certificates`` replaces only the default
    certificate, the certificates added for SNI stay; at most 25 certificates besides the default one
    (``TooManyCertificates``); the default certificate cannot be removed with RemoveListenerCertificates
    (``OperationNotPermitted``: replace it with ModifyListener). Without this, moto drops every SNI certificate when
    the default one changes, counts the default one against the quota of 25 and removes it when asked.
    """
    from moto.elbv2.exceptions import ELBClientError, TooManyCertificatesError
    from moto.elbv2.models import ELBv2Backend

    original_modify = ELBv2Backend.modify_listener
    original_remove = ELBv2Backend.remove_listener_certificates

    def listener_of(backend, arn):
        return backend.describe_listeners(load_balancer_arn=None, listener_arns=[arn])[0]

    def modify_listener(self, arn, port=None, protocol=None, ssl_policy=None, certificates=None, actions=None):
        listener = listener_of(self, arn)
        extra = list(listener.certificates[1:]) if certificates else []
        result = original_modify(self, arn, port, protocol, ssl_policy, certificates, actions)
        if certificates:
            default = listener.certificates[0] if listener.certificates else None
            listener.certificates = [default] + [c for c in extra if c != default]
        return result

    def add_listener_certificates(self, arn, certificates):
        listener = listener_of(self, arn)
        default = listener.certificates[0] if listener.certificates else None
        new = [c["CertificateArn"] for c in certificates if c["CertificateArn"] not in listener.certificates]
        extra = [c for c in listener.certificates if c != default]
        if len(extra) + len(new) > MAX_EXTRA_CERTIFICATES:
            raise TooManyCertificatesError()
        listener.certificates.extend(new)
        return listener.certificates

    def remove_listener_certificates(self, arn, certificates):
        listener = listener_of(self, arn)
        default = listener.certificates[0] if listener.certificates else None
        if any(c["CertificateArn"] == default for c in certificates):
            raise ELBClientError(
                "OperationNotPermitted",
                "The default certificate of a listener cannot be removed; replace it with ModifyListener")
        return original_remove(self, arn, certificates)

    ELBv2Backend.modify_listener = modify_listener
    ELBv2Backend.add_listener_certificates = add_listener_certificates
    ELBv2Backend.remove_listener_certificates = remove_listener_certificates


def _rules():
    """S7e. Listener rules (API reference: CreateRule, ModifyRule; User Guide, quotas): at most 100 rules per load
    balancer besides the default ones (``TooManyRules``), and at most 5 condition values per rule, host names and
    path patterns together (``ValidationError``). Without this, moto takes any number of rules and values, so a
    layout that AWS refuses passes against it.
    """
    from moto.elbv2.exceptions import ELBClientError, ValidationError
    from moto.elbv2.models import ELBv2Backend

    original_create = ELBv2Backend.create_rule
    original_modify = ELBv2Backend.modify_rule

    def values(conditions):
        count = 0
        for condition in conditions or []:
            for key in ("HostHeaderConfig", "PathPatternConfig"):
                config = condition.get(key) or {}
                count += len(config.get("Values") or [])
            if not condition.get("HostHeaderConfig") and not condition.get("PathPatternConfig"):
                count += len(condition.get("Values") or [])
        return count

    def check(conditions):
        if values(conditions) > MAX_CONDITION_VALUES:
            raise ValidationError("A rule can only have '" + str(MAX_CONDITION_VALUES) + "' condition values")

    def create_rule(self, listener_arn, conditions, priority, actions, tags=None):
        check(conditions)
        listener = self.describe_listeners(None, [listener_arn])[0]
        balancer = self.load_balancers.get(listener.load_balancer_arn)
        count = sum(len(l._non_default_rules) for l in balancer.listeners.values()) if balancer is not None else 0
        if count >= MAX_RULES:
            raise ELBClientError("TooManyRules", "You've reached the limit on the number of rules per load balancer")
        return original_create(self, listener_arn, conditions, priority, actions, tags)

    def modify_rule(self, rule_arn, conditions, actions):
        check(conditions)
        return original_modify(self, rule_arn, conditions, actions)

    ELBv2Backend.create_rule = create_rule
    ELBv2Backend.modify_rule = modify_rule
