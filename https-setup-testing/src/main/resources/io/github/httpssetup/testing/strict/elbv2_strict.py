"""Elastic Load Balancing v2 answering as AWS does: target health that depends on the group being used (S6),
and load balancers that provision for a while before they are active (S7).

CreateListener and ModifyListener are not patched here (certificates, S8, live with ACM's patches).
"""
from strict_settings import now, seconds, state

INITIAL = "ELB_TARGET_INITIAL"
PROVISIONING = "ELB_PROVISIONING"


def install():
    _target_health()
    _provisioning()
    _describe_tags_limit()


def _target_health():
    """S6. DescribeTargetHealth (API reference: DescribeTargetHealth, TargetHealth): a target of a group that
    no listener or rule forwards to is ``unused`` with reason ``Target.NotInUse``; in a group a load balancer
    uses, a newly registered target (or every target of a group that just became used) is ``initial`` with
    reason ``Elb.RegistrationInProgress`` until it passed its health checks, then ``healthy``.

    Delay: ``HTTPS_SETUP_STRICT_ELB_TARGET_INITIAL_SECONDS`` (default 2), counted from the registration or
    from the first DescribeTargetHealth that sees the group used, whichever is later.
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
        return statuses

    FakeTargetGroup.register = register
    ELBv2Backend.describe_target_health = describe_target_health


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
