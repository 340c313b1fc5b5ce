"""WAFv2 answering as AWS does: a resource has at most one web ACL, so associating another replaces the
association (S16).
"""


def install():
    _one_web_acl_per_resource()


def _one_web_acl_per_resource():
    """S16. AssociateWebACL (API reference: AssociateWebACL; WAF Developer Guide, "Associating or
    disassociating a web ACL with an AWS resource": "You can associate each AWS resource with only one web
    ACL"): associating a resource that already has a web ACL moves it to the new one; GetWebACLForResource
    then answers the new one and the old web ACL no longer lists the resource.

    Without this, moto adds the resource to the new web ACL's list and leaves it in the old one's, so
    GetWebACLForResource keeps answering the first web ACL, and a replacement looks like it never happened.
    """
    from moto.wafv2.models import WAFV2Backend

    original_associate = WAFV2Backend.associate_web_acl

    def associate_web_acl(self, web_acl_arn, resource_arn):
        original_associate(self, web_acl_arn, resource_arn)  # raises WAFNonexistentItemException first
        for arn, acl in self.wacls.items():
            if arn != web_acl_arn:
                while resource_arn in acl.associated_resources:
                    acl.associated_resources.remove(resource_arn)
        new = self.wacls[web_acl_arn].associated_resources
        while new.count(resource_arn) > 1:
            new.remove(resource_arn)

    WAFV2Backend.associate_web_acl = associate_web_acl
