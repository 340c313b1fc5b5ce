"""IAM enforcement as AWS does it, for the services https-setup calls (strict profile).

moto enforces IAM only after ``INITIAL_NO_AUTH_ACTION_COUNT`` requests (or once ``/moto-api/reset-auth``
says so). Then, without these patches, it checks the action (``service:Action``) against the caller's
policies but always with the resource ``*`` (so a policy whose ``Resource`` names an ARN is refused even
for that very resource), it ignores actions AWS authorizes alongside the called one, and it answers
every refusal as ``<ErrorResponse><Errors><Error><Code>AccessDenied</Code>`` with HTTP 403, which the
JSON services' SDKs cannot read. S3 is not patched: moto authorizes its calls itself
(``_authenticate_and_authorize_s3_action``) against ``arn:<partition>:s3:::<bucket>`` for bucket actions and
``arn:<partition>:s3:::<bucket>/<key>`` for object actions, and refuses with S3's own ``AccessDenied`` (HTTP 403,
``<Error>`` at top level); it authorizes a multi-object DeleteObjects as ``s3:DeleteObject`` on the bucket ARN
(AWS: on each object's ARN) and answers the keys it refuses inside the 200 response, as AWS does. Conditions (``aws:ResourceTag/...``) are still not evaluated: a policy
with a ``Condition`` on these actions is not supported by this emulation.

No delay: nothing here waits.
"""
import json
import logging
import re
import xml.sax.saxutils
from urllib.parse import urlparse

from werkzeug.exceptions import HTTPException

LOG = logging.getLogger("https-setup.strict.iam")


class StrictAccessDenied(HTTPException):
    """A refusal already shaped as the service answers it (body, status and headers set by the caller)."""

    def __init__(self, status, body):
        super().__init__()
        self.code = status
        self.description = body


def _query(response):
    values = getattr(response, "querystring", None) or {}
    return {k: (v[0] if isinstance(v, list) and v else v) for k, v in values.items()}


def _members(params, prefix):
    pattern = re.compile(re.escape(prefix) + r"\.(?:member\.)?(\d+)$")
    found = sorted((int(m.group(1)), v) for k, v in params.items() for m in [pattern.match(k)] if m)
    return [v for _, v in found]


def elbv2_resources(response, action, partition, region, account):
    """The ARNs ``elasticloadbalancing:<action>`` is authorized against, and the actions AWS also checks.

    Source: Service Authorization Reference, "Actions, resources, and condition keys for Elastic Load
    Balancing V2": Describe* take ``*``; the others take the load balancer, target group or listener ARN
    (a create, the ARN it makes); creating with ``Tags`` also needs ``elasticloadbalancing:AddTags`` on the
    new resource (the "API operations" table maps CreateLoadBalancer, CreateTargetGroup, CreateListener and
    CreateRule to AddTags as well). The listener rules and certificates of sites: CreateRule,
    AddListenerCertificates and RemoveListenerCertificates take the listener ARN (``listener/app/...``),
    ModifyRule, DeleteRule and SetRulePriorities the listener-rule ARN (``listener-rule/app/...``).
    """
    p = _query(response)
    base = "arn:%s:elasticloadbalancing:%s:%s:" % (partition, region, account)
    kind = {"network": "net", "gateway": "gwy"}.get(p.get("Type", "application"), "app")
    created = None
    if action == "CreateLoadBalancer":
        created = base + "loadbalancer/%s/%s/new" % (kind, p.get("Name"))
        checks = [(action, created)]
    elif action == "CreateTargetGroup":
        created = base + "targetgroup/%s/new" % p.get("Name")
        checks = [(action, created)]
    elif action == "CreateListener":
        lb = p.get("LoadBalancerArn", "")
        created = lb.replace(":loadbalancer/", ":listener/") + "/new"
        checks = [(action, lb)]
    elif action in ("ModifyListener", "DeleteListener", "ModifyListenerAttributes"):
        checks = [(action, p.get("ListenerArn", "*"))]
    elif action in ("SetSecurityGroups", "SetSubnets", "SetIpAddressType", "ModifyLoadBalancerAttributes",
                    "DeleteLoadBalancer"):
        checks = [(action, p.get("LoadBalancerArn", "*"))]
    elif action in ("ModifyTargetGroup", "ModifyTargetGroupAttributes", "DeleteTargetGroup", "RegisterTargets",
                    "DeregisterTargets"):
        checks = [(action, p.get("TargetGroupArn", "*"))]
    elif action == "CreateRule":
        listener = p.get("ListenerArn", "")
        created = listener.replace(":listener/", ":listener-rule/") + "/new"
        checks = [(action, listener or "*")]
    elif action in ("AddListenerCertificates", "RemoveListenerCertificates"):
        checks = [(action, p.get("ListenerArn", "*"))]
    elif action in ("ModifyRule", "DeleteRule"):
        checks = [(action, p.get("RuleArn", "*"))]
    elif action == "SetRulePriorities":
        checks = [(action, arn) for k, arn in sorted(p.items()) if re.match(r"RulePriorities\.(?:member\.)?\d+\.RuleArn$", k)]
        checks = checks or [(action, "*")]
    elif action in ("AddTags", "RemoveTags"):
        checks = [(action, arn) for arn in _members(p, "ResourceArns")] or [(action, "*")]
    else:
        checks = [(action, "*")]
    if created and any(k.startswith("Tags.") for k in p):
        checks.append(("AddTags", created))
    return checks


def route53_resources(response, action, partition, region, account):
    """Route 53 authorizes zone actions against ``arn:aws:route53:::hostedzone/<id>`` and GetChange
    against ``arn:aws:route53:::change/<id>``; CreateHostedZone and the List* of zones take ``*``
    (Service Authorization Reference, "Actions, resources, and condition keys for Amazon Route 53")."""
    path = getattr(response, "path", "") or ""
    zone = re.search(r"/hostedzone/([^/?]+)", path)
    change = re.search(r"/change/([^/?]+)", path)
    if change:
        return [(action, "arn:%s:route53:::change/%s" % (partition, change.group(1)))]
    if zone and action != "CreateHostedZone":
        return [(action, "arn:%s:route53:::hostedzone/%s" % (partition, zone.group(1)))]
    return [(action, "*")]


def acm_resources(response, action, partition, region, account):
    """ACM authorizes the actions on one certificate against its ARN; RequestCertificate and
    ListCertificates take ``*`` (Service Authorization Reference, AWS Certificate Manager)."""
    try:
        arn = json.loads(getattr(response, "body", None) or "{}").get("CertificateArn")
    except (ValueError, AttributeError):
        arn = None
    return [(action, arn or "*")]


def ec2_resources(response, action, partition, region, account):
    """EC2 authorizes security-group actions against ``security-group/<id>``; CreateSecurityGroup also
    against the VPC; Describe* take ``*`` (Service Authorization Reference, Amazon EC2)."""
    p = _query(response)
    base = "arn:%s:ec2:%s:%s:" % (partition, region, account)
    if action in ("AuthorizeSecurityGroupIngress", "RevokeSecurityGroupIngress", "DeleteSecurityGroup") and p.get("GroupId"):
        return [(action, base + "security-group/" + p["GroupId"])]
    if action == "CreateSecurityGroup":
        checks = [(action, base + "security-group/new")]
        if p.get("VpcId"):
            checks.append((action, base + "vpc/" + p["VpcId"]))
        return checks
    if action == "CreateTags":
        ids = _members(p, "ResourceId")
        types = {"sg-": "security-group/"}
        return [(action, base + types[i[:3]] + i) if i[:3] in types else (action, "*") for i in ids] or [(action, "*")]
    return [(action, "*")]


def wafv2_resources(response, action, partition, region, account):
    """WAF authorizes AssociateWebACL against the web ACL and the resource it protects, and needs
    ``elasticloadbalancing:SetWebAcl`` on a load balancer as well; DisassociateWebACL against the resource
    (with SetWebAcl on a load balancer); GetWebACLForResource against the resource; GetWebACL and the
    other web ACL actions against the web ACL; List* take ``*`` (Service Authorization Reference,
    "Actions, resources, and condition keys for AWS WAF V2": resource types ``webacl`` and
    ``loadbalancer/app/``, dependent action ``elasticloadbalancing:SetWebAcl``).
    """
    try:
        body = json.loads(getattr(response, "body", None) or "{}")
    except (ValueError, AttributeError):
        body = {}
    web_acl = body.get("WebACLArn")
    protected = body.get("ResourceArn")
    on_load_balancer = bool(protected) and ":elasticloadbalancing:" in protected
    if action == "AssociateWebACL":
        checks = [(action, web_acl or "*"), (action, protected or "*")]
        if on_load_balancer:
            checks.append(("elasticloadbalancing:SetWebAcl", protected))
        return checks
    if action == "DisassociateWebACL":
        checks = [(action, protected or "*")]
        if on_load_balancer:
            checks.append(("elasticloadbalancing:SetWebAcl", protected))
        return checks
    if action == "GetWebACLForResource":
        return [(action, protected or "*")]
    if web_acl:
        return [(action, web_acl)]
    if body.get("Id") and body.get("Name") and action in ("GetWebACL", "UpdateWebACL", "DeleteWebACL"):
        scope = "global" if body.get("Scope") == "CLOUDFRONT" else "regional"
        return [(action, "arn:%s:wafv2:%s:%s:%s/webacl/%s/%s" % (
            partition, region, account, scope, body["Name"], body["Id"]))]
    return [(action, "*")]


def autoscaling_resources(response, action, partition, region, account):
    """Auto Scaling authorizes the actions on one group against its ARN
    (``arn:<partition>:autoscaling:<region>:<account>:autoScalingGroup:<uuid>:autoScalingGroupName/<name>``):
    AttachLoadBalancerTargetGroups, DetachLoadBalancerTargetGroups and the other writes on a group;
    Describe* take ``*`` (Service Authorization Reference, "Actions, resources, and condition keys for
    Amazon EC2 Auto Scaling").
    """
    if action.startswith("Describe"):
        return [(action, "*")]
    name = _query(response).get("AutoScalingGroupName")
    if not name:
        return [(action, "*")]
    arn = None
    try:
        from moto.autoscaling.models import autoscaling_backends
        group = autoscaling_backends[account][region].autoscaling_groups.get(name)
        arn = getattr(group, "arn", None)
    except Exception:  # the group's own ARN when moto knows it, else one of its form
        arn = None
    return [(action, arn or "arn:%s:autoscaling:%s:%s:autoScalingGroup:%s:autoScalingGroupName/%s" % (
        partition, region, account, "00000000-0000-0000-0000-000000000000", name))]


def sts_resources(response, action, partition, region, account):
    """STS authorizes AssumeRole against the role's ARN (Service Authorization Reference, "Actions,
    resources, and condition keys for AWS Security Token Service": AssumeRole, resource type ``role``);
    GetCallerIdentity takes ``*`` (and moto always allows it)."""
    role = _query(response).get("RoleArn")
    if action == "AssumeRole" and role:
        return [(action, role)]
    return [(action, "*")]


RESOURCES = {
    "elasticloadbalancing": elbv2_resources,
    "route53": route53_resources,
    "acm": acm_resources,
    "ec2": ec2_resources,
    "wafv2": wafv2_resources,
    "autoscaling": autoscaling_resources,
    "sts": sts_resources,
    "route53domains": lambda response, action, *scope: [(action, "*")],  # no resource-level permissions
}


def denial(service, user_arn, action, resource):
    """The refusal as each service sends it.

    Sources: EC2 API Reference, "Error codes": ``UnauthorizedOperation``, HTTP 403, in EC2's
    ``<Response><Errors><Error>``; Elastic Load Balancing and Route 53 API References, common errors:
    ``AccessDenied``, HTTP 403, in ``<ErrorResponse><Error>``; ACM and Route 53 Domains API References,
    "Common Errors": ``AccessDeniedException``, HTTP 400, as JSON (WAFV2 likewise, its API Reference's
    common errors); Auto Scaling and STS: ``AccessDenied``, HTTP 403, in ``<ErrorResponse><Error>`` as ELB
    (their API References, "Common Errors"). S3 is not routed here: moto authorizes it itself against the
    bucket and object ARNs and refuses with S3's ``<Error><Code>AccessDenied</Code>``, HTTP 403. moto answers all of them with an XML
    ``AccessDenied`` nested in ``<Errors>``, which the JSON clients cannot parse.
    """
    message = "User: %s is not authorized to perform: %s on resource: %s because no identity-based policy allows the %s action" % (
        user_arn, action, resource, action)
    if service in ("acm", "route53domains", "wafv2"):
        return 400, {"Content-Type": "application/x-amz-json-1.1", "x-amzn-ErrorType": "AccessDeniedException"}, json.dumps(
            {"__type": "AccessDeniedException", "message": message})
    text = xml.sax.saxutils.escape(message)
    if service == "ec2":
        return 403, {"Content-Type": "text/xml"}, (
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>"
            "You are not authorized to perform this operation. " + text + "</Message></Error></Errors>"
            "<RequestID>00000000-0000-0000-0000-000000000000</RequestID></Response>")
    return 403, {"Content-Type": "text/xml"}, (
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>"
        "<Message>" + text + "</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>")


def install():
    """Authorize each request against the resources AWS checks, and refuse in each service's own shape."""
    from moto import settings
    from moto.core.authorization import ActionAuthenticatorMixin
    from moto.core.exceptions import AccessDeniedError
    from moto.iam.access_control import IAMRequest
    from moto.utilities.utils import get_partition

    original = ActionAuthenticatorMixin._authenticate_and_authorize_normal_action

    def authorize(self, resource="*"):
        if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
            return original(self, resource)
        headers = self.headers
        scope = IAMRequest._get_string_between("Credential=", ",", headers.get("Authorization", "")).split("/")
        service = scope[3] if len(scope) > 3 else ""
        resolve = RESOURCES.get(service)
        if resolve is None or service == "iam" or headers.get("X-Amz-Target") in ActionAuthenticatorMixin.PUBLIC_OPERATIONS:
            return original(self, resource)
        action = self._get_action()
        partition = get_partition(scope[2])
        checks = resolve(self, action, partition, scope[2], self.current_account)
        query = urlparse(self.uri).query
        path = self.raw_path + ("?" + query if query else "")
        signed = False
        for checked_action, arn in checks:
            request = IAMRequest(account_id=self.current_account, method=self.method, path=path, data=self.data,
                                 body=self.raw_body, headers=headers, action=checked_action)
            if ":" in checked_action:  # an action of another service AWS authorizes alongside this one
                request._action = checked_action
            if not signed:
                request.check_signature()
                signed = True
            try:
                request.check_action_permitted(arn)
            except AccessDeniedError:
                full = checked_action if ":" in checked_action else service + ":" + checked_action
                status, extra, body = denial(service, request._access_key.arn, full, arn)
                self.response_headers.update(extra)
                LOG.info("refused %s on %s", full, arn)
                raise StrictAccessDenied(status, body)

    ActionAuthenticatorMixin._authenticate_and_authorize_normal_action = authorize
