"""EC2 security groups answering as AWS does: a group a load balancer uses, or used moments ago, cannot be
deleted (S12); a group name in the format of a group id is refused; AWS-managed prefix lists weigh their
entries against the rules-per-group quota (S12c).
"""
from strict_settings import now, seconds, state

DEPENDENCY = "EC2_SG_DEPENDENCY"


def install():
    _dependency_violation()
    _group_name_format()
    _prefix_list_weights()


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


# ---- issue 15: who may connect (prefix lists) ----

#: AWS-managed prefix lists whose weight is not 1: name -> MaxEntries (VPC User Guide, "AWS-managed prefix list
#: weight").
MANAGED_PREFIX_LIST_WEIGHTS = {"com.amazonaws.global.cloudfront.origin-facing": 55}
RULES_PER_GROUP = 60


def _prefix_list_weights():
    """S12c. DescribeManagedPrefixLists answers the CloudFront origin-facing list with ``MaxEntries`` 55, its
    weight (VPC User Guide, "AWS-managed prefix list weight"); AuthorizeSecurityGroupIngress counts a rule that
    references a prefix list as ``MaxEntries`` rules against the quota of 60 inbound rules per group, IPv4 and
    IPv6 apart (Amazon VPC quotas, "Inbound or outbound rules per security group"; error
    ``RulesPerSecurityGroupLimitExceeded``). No delay. Without this, moto gives AWS-managed lists no
    ``MaxEntries`` and counts every rule as one, without the prefix lists it is given.
    """
    from moto.ec2.exceptions import RulesPerSecurityGroupLimitExceededError
    from moto.ec2.models.managed_prefixes import ManagedPrefixListBackend
    from moto.ec2.models.security_groups import SecurityGroupBackend

    original_defaults = ManagedPrefixListBackend.create_default_pls
    original_authorize = SecurityGroupBackend.authorize_security_group_ingress

    def create_default_pls(self):
        original_defaults(self)
        for prefix_list in self.managed_prefix_lists.values():
            weight = MANAGED_PREFIX_LIST_WEIGHTS.get(prefix_list.prefix_list_name)
            if weight is not None and prefix_list.resource_owner_id == "AWS":
                prefix_list.max_entries = weight

    def weight(backend, prefix_list_id):
        prefix_list = backend.managed_prefix_lists.get(prefix_list_id)
        if prefix_list is None or not prefix_list.max_entries:
            return "IPv4", 1
        family = "IPv6" if (prefix_list.address_family or "").lower() == "ipv6" else "IPv4"
        return family, int(prefix_list.max_entries)

    def authorize_security_group_ingress(self, group_name_or_id, ip_protocol, from_port, to_port, ip_ranges,
                                         sgrule_tags=None, source_groups=None, prefix_list_ids=None,
                                         security_rule_ids=None, vpc_id=None):
        group = self.get_security_group_by_name_or_id(group_name_or_id, vpc_id)
        if group is not None and group.vpc_id and prefix_list_ids:
            counts = {"IPv4": 0, "IPv6": 0}
            for rule in group.ingress_rules:
                if rule.prefix_list_id:
                    family, n = weight(self, rule.prefix_list_id)
                else:
                    family, n = ("IPv6" if rule.ip_range.get("CidrIpv6") else "IPv4"), 1
                counts[family] += n
            for item in ip_ranges or []:
                counts["IPv6" if isinstance(item, dict) and item.get("CidrIpv6") else "IPv4"] += 1
            counts["IPv4"] += len(source_groups or [])
            for item in prefix_list_ids:
                family, n = weight(self, item.get("PrefixListId"))
                counts[family] += n
            if max(counts.values()) > RULES_PER_GROUP:
                raise RulesPerSecurityGroupLimitExceededError()
        return original_authorize(self, group_name_or_id, ip_protocol, from_port, to_port, ip_ranges,
                                  sgrule_tags=sgrule_tags, source_groups=source_groups,
                                  prefix_list_ids=prefix_list_ids, security_rule_ids=security_rule_ids,
                                  vpc_id=vpc_id)

    ManagedPrefixListBackend.create_default_pls = create_default_pls
    SecurityGroupBackend.authorize_security_group_ingress = authorize_security_group_ingress
