"""EC2 security groups answering as AWS does: a group a load balancer uses, or used moments ago, cannot be
deleted (S12); a group name in the format of a group id is refused.
"""
from strict_settings import now, seconds, state

DEPENDENCY = "EC2_SG_DEPENDENCY"


def install():
    _dependency_violation()
    _group_name_format()


def _released(ec2_backend):
    """Group id -> when a load balancer stopped using it (deleted, or its groups changed)."""
    return state(ec2_backend, "sg_released")


def _dependency_violation():
    """S12. DeleteSecurityGroup (API reference: DeleteSecurityGroup; error ``DependencyViolation``): a group
    that a load balancer's network interfaces use cannot be deleted, and AWS releases those interfaces only a
    while (minutes) after DeleteLoadBalancer, or after SetSecurityGroups took the group off the load balancer.

    Delay: ``HTTPS_SETUP_STRICT_EC2_SG_DEPENDENCY_SECONDS`` (default 2), from DeleteLoadBalancer or
    SetSecurityGroups. Without this, moto deletes a group at once, even while a load balancer uses it.
    """
    from moto.ec2.exceptions import DependencyViolationError
    from moto.ec2.models.security_groups import SecurityGroupBackend
    from moto.elbv2.models import ELBv2Backend, elbv2_backends

    original_delete_lb = ELBv2Backend.delete_load_balancer
    original_set_groups = ELBv2Backend.set_security_groups
    original_delete_group = SecurityGroupBackend.delete_security_group

    def delete_load_balancer(self, arn):
        balancer = self.load_balancers.get(arn)
        original_delete_lb(self, arn)
        if balancer is not None:
            released = _released(self.ec2_backend)
            for group_id in balancer.security_groups or []:
                released[group_id] = now()

    def set_security_groups(self, arn, sec_groups):
        balancer = self.load_balancers.get(arn)
        before = list(balancer.security_groups or []) if balancer is not None else []
        original_set_groups(self, arn, sec_groups)
        released = _released(self.ec2_backend)
        for group_id in before:
            if group_id not in sec_groups:
                released[group_id] = now()

    def delete_security_group(self, name=None, group_id=None):
        target = group_id
        if not target and name:
            group = self.get_security_group_by_name_or_id(name)
            target = group.id if group else None
        if target:
            elb = elbv2_backends[self.account_id][self.region_name]
            in_use = any(target in (lb.security_groups or []) for lb in elb.load_balancers.values())
            released = _released(self).get(target)
            if in_use or (released is not None and now() - released < seconds(DEPENDENCY, 2)):
                raise DependencyViolationError("resource " + target + " has a dependent object")
        return original_delete_group(self, name=name, group_id=group_id)

    ELBv2Backend.delete_load_balancer = delete_load_balancer
    ELBv2Backend.set_security_groups = set_security_groups
    SecurityGroupBackend.delete_security_group = delete_security_group


def _group_name_format():
    """CreateSecurityGroup (API reference: CreateSecurityGroup, GroupName: "Names are case-insensitive and
    must be unique within the VPC... cannot start with sg-"; error ``InvalidParameterValue``). No delay.
    Without this, moto creates a group named ``sg-...``.
    """
    from moto.ec2.exceptions import EC2ClientError
    from moto.ec2.models.security_groups import SecurityGroupBackend

    original_create = SecurityGroupBackend.create_security_group

    def create_security_group(self, name, description, *args, **kwargs):
        if name and name.lower().startswith("sg-") and not kwargs.get("is_default"):
            raise EC2ClientError("InvalidParameterValue", "Value (" + name + ") for parameter GroupName is invalid."
                                 " Group names may not be in the format sg-*.")
        return original_create(self, name, description, *args, **kwargs)

    SecurityGroupBackend.create_security_group = create_security_group
