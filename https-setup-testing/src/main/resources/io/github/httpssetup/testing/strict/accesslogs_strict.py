"""Elastic Load Balancing refusing access logs it cannot write (S17): turning an application load balancer's
access logs on checks the bucket, as AWS does before it writes its test file.
"""
import fnmatch
import json

# The Elastic Load Balancing account of each region available before August 2022 (AWS: "Enable access logs for
# your Application Load Balancer"); newer regions use the service principal.
ELB_ACCOUNTS = {
    "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
    "us-west-2": "797873946194", "af-south-1": "098369216593", "ap-east-1": "754344448648",
    "ap-southeast-3": "589379963580", "ap-south-1": "718504428378", "ap-northeast-3": "383597477331",
    "ap-northeast-2": "600734575887", "ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266",
    "ap-northeast-1": "582318560864", "ca-central-1": "985666609251", "eu-central-1": "054676820928",
    "eu-west-1": "156460612806", "eu-west-2": "652711504416", "eu-south-1": "635631232127",
    "eu-west-3": "009996457667", "eu-north-1": "897822967062", "me-south-1": "076674570225",
    "sa-east-1": "507241528517", "us-gov-west-1": "048591011584", "us-gov-east-1": "190560391635",
    "cn-north-1": "638102146993", "cn-northwest-1": "037604701340",
}
SERVICE = "logdelivery.elasticloadbalancing.amazonaws.com"


def install():
    _access_logs_need_a_writable_bucket()


def _list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _allows(policy, region, key):
    account = ELB_ACCOUNTS.get(region)
    for statement in _list(policy.get("Statement")):
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow":
            continue
        actions = [a.lower() for a in _list(statement.get("Action"))]
        if not any(a in ("s3:putobject", "s3:*", "*", "s3:put*") for a in actions):
            continue
        principal = statement.get("Principal")
        if principal != "*":
            if not isinstance(principal, dict):
                continue
            aws = _list(principal.get("AWS"))
            by_account = account is not None and any(
                p in ("*", account) or (p.endswith(":iam::" + account + ":root")) for p in aws)
            if not by_account and SERVICE not in _list(principal.get("Service")):
                continue
        if any(fnmatch.fnmatchcase(key, r) for r in _list(statement.get("Resource"))):
            return True
    return False


def _access_logs_need_a_writable_bucket():
    """S17. ModifyLoadBalancerAttributes with ``access_logs.s3.enabled=true`` (API reference:
    ModifyLoadBalancerAttributes, error ``InvalidConfigurationRequest``; ALB User Guide, "Enable access logs"):
    the bucket must exist, be in the load balancer's region, and have a policy that lets the region's ELB
    account (regions before August 2022) or the log-delivery service principal put objects under
    ``<prefix>/AWSLogs/<account>/``; otherwise AWS answers "Access Denied for bucket: <bucket>. Please check
    S3bucket permission". When it can write, ELB puts its test file ``<prefix>/AWSLogs/<account>/ELBAccessLogTestFile``.

    Without this, moto stores any bucket name, so a load balancer whose logs would never arrive looks converged.
    """
    from moto.elbv2.exceptions import ELBClientError as RESTError
    from moto.elbv2.models import ELBv2Backend
    from moto.s3.models import s3_backends

    original = ELBv2Backend.modify_load_balancer_attributes

    def modify_load_balancer_attributes(self, arn, attrs):
        balancer = self.load_balancers.get(arn)
        merged = dict(balancer.attrs) if balancer is not None else {}
        merged.update(attrs)
        if balancer is not None and str(merged.get("access_logs.s3.enabled", "false")).lower() == "true":
            bucket_name = merged.get("access_logs.s3.bucket") or ""
            prefix = merged.get("access_logs.s3.prefix") or ""
            s3 = s3_backends[self.account_id]["global"]
            bucket = s3.buckets.get(bucket_name)
            denied = RESTError("InvalidConfigurationRequest", "Access Denied for bucket: " + bucket_name
                               + ". Please check S3bucket permission")
            if bucket is None or bucket.region_name != self.region_name or bucket.policy is None:
                raise denied
            try:
                policy = json.loads(bucket.policy.decode("utf-8") if isinstance(bucket.policy, bytes) else bucket.policy)
            except ValueError:
                raise denied
            key = (prefix + "/" if prefix else "") + "AWSLogs/" + self.account_id + "/ELBAccessLogTestFile"
            if not _allows(policy, self.region_name, "arn:aws:s3:::" + bucket_name + "/" + key):
                raise denied
            result = original(self, arn, attrs)
            s3.put_object(bucket_name, key, b"Enable AccessLog for ELB: " + arn.encode("utf-8"))
            return result
        return original(self, arn, attrs)

    ELBv2Backend.modify_load_balancer_attributes = modify_load_balancer_attributes
