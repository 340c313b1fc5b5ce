"""EC2 Auto Scaling answering as AWS does where https-setup relies on it (S18).
"""


def install():
    _unknown_group_is_a_validation_error()


def _unknown_group_is_a_validation_error():
    """S18. AttachLoadBalancerTargetGroups and DetachLoadBalancerTargetGroups name a group that does not
    exist (API reference: AttachLoadBalancerTargetGroups, DetachLoadBalancerTargetGroups; Common Errors,
    ValidationError): AWS answers ValidationError, HTTP 400, "AutoScalingGroup name not found - ...", as its
    other calls on a group do and as moto does for UpdateAutoScalingGroup.

    Without this, moto fails with a KeyError, which its server turns into HTTP 500: a client retries that as a
    server fault, and a group deleted between plan and apply looks like an outage instead of a refusal.
    """
    from moto.autoscaling.exceptions import ValidationError
    from moto.autoscaling.models import AutoScalingBackend

    def refusing_unknown(original):
        def call(self, group_name, target_group_arns):
            if group_name not in self.autoscaling_groups:
                raise ValidationError(
                    f"AutoScalingGroup name not found - AutoScalingGroup '{group_name}' not found"
                )
            return original(self, group_name, target_group_arns)

        return call

    AutoScalingBackend.attach_load_balancer_target_groups = refusing_unknown(
        AutoScalingBackend.attach_load_balancer_target_groups
    )
    AutoScalingBackend.detach_load_balancer_target_groups = refusing_unknown(
        AutoScalingBackend.detach_load_balancer_target_groups
    )
