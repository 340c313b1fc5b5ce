"""Route 53 as AWS answers it, where moto is lenient (behaviours S9, S9b, S10, S11 and S11b of the fidelity table).

Each behaviour is one function below; ``install()`` applies them all. State (caller references used, when
each change was submitted) is kept on moto's Route 53 backend, so ``/moto-api/reset`` clears it.
"""
import random
import string

import strict_settings as settings
from moto.core.responses import ActionResult
from moto.route53.exceptions import InvalidInput, Route53ClientError
from moto.route53.models import DelegationSet, Route53Backend, reverse_domain_name
from moto.route53.responses import Route53

#: Route 53 takes at most this many tags (and tag keys to remove) per ChangeTagsForResource call.
MAX_TAGS_PER_CALL = 10


class HostedZoneAlreadyExists(Route53ClientError):
    def __init__(self, caller_reference):
        super().__init__(
            "HostedZoneAlreadyExists",
            "A hosted zone has already been created with the specified caller reference " + str(caller_reference) + ".")


def refuse_reused_caller_reference():
    """S9: ``CreateHostedZone`` refuses a ``CallerReference`` used before in the account, even after that zone was
    deleted.

    AWS source: Route 53 API reference, CreateHostedZone, ``CallerReference`` ("You must use a unique CallerReference
    string every time you submit a CreateHostedZone request") and the error ``HostedZoneAlreadyExists`` (HTTP 409,
    "returns this error when a hosted zone has already been created with the specified CallerReference").
    Delay: none (references are never forgotten). Without it moto creates a second zone for a reused reference.
    """
    original = Route53Backend.create_hosted_zone

    def create_hosted_zone(self, *args, **kwargs):
        used = settings.state(self, "caller_references", set)
        reference = kwargs.get("caller_reference")
        if reference is not None and reference in used:
            raise HostedZoneAlreadyExists(reference)
        zone = original(self, *args, **kwargs)
        used.add(zone.caller_reference)
        return zone

    Route53Backend.create_hosted_zone = create_hosted_zone


def own_name_servers_per_zone():
    """S9b: every public hosted zone gets its own delegation set, four name servers of Route 53's pool, so two zones
    of one name (e.g. the one a domain registration makes next to an older one) have different name servers.

    AWS source: Route 53 API reference, CreateHostedZone ("Route 53 automatically creates a default delegation set
    that has four name servers"; DelegationSetId "If you want to associate a reusable delegation set") and
    DelegationSet.NameServers; Developer Guide, "NS and SOA records that Amazon Route 53 creates for a public hosted
    zone". Delay: none. Without it moto gives every zone the same four name servers.
    """
    original = DelegationSet.__init__

    def __init__(self, caller_reference, name_servers, delegation_set_id):
        if not name_servers:
            first = random.randrange(0, 2044)
            name_servers = ["ns-%d.awsdns-%02d.%s" % (first + i, (first + i) % 64, tld)
                            for i, tld in enumerate(("com", "net", "org", "co.uk"))]
        original(self, caller_reference, name_servers, delegation_set_id)

    DelegationSet.__init__ = __init__


def limit_tags_per_call():
    """S10: ``ChangeTagsForResource`` takes at most 10 tags to add and 10 keys to remove per call.

    AWS source: Route 53 API reference, ChangeTagsForResource, ``AddTags`` ("You can add a maximum of 10 tags to a
    health check or a hosted zone"; array members: maximum 10) and ``RemoveTagKeys`` (maximum 10); a request that
    breaks the constraint is refused with ``InvalidInput`` (HTTP 400). Delay: none. Without it moto stores any number
    of tags from one call.
    """
    original = Route53Backend.change_tags_for_resource

    def change_tags_for_resource(self, resource_type, resource_id, add_tags, remove_tag_keys):
        for field, values in (("addTags", add_tags), ("removeTagKeys", remove_tag_keys)):
            if values and len(values) > MAX_TAGS_PER_CALL:
                raise Route53ClientError(
                    "InvalidInput",
                    "1 validation error detected: Value at '" + field + "' failed to satisfy constraint: Member must"
                    " have length less than or equal to " + str(MAX_TAGS_PER_CALL))
        return original(self, resource_type, resource_id, add_tags, remove_tag_keys)

    Route53Backend.change_tags_for_resource = change_tags_for_resource


def _plain(name):
    return name.replace("\\052", "*").rstrip(".").lower()


def refuse_names_outside_zone():
    """S11 (names): ``ChangeResourceRecordSets`` refuses a record whose name is not the zone's name or below it at a
    dot boundary (``badexample.com`` is not in ``example.com``).

    AWS source: Route 53 API reference, ChangeResourceRecordSets, error ``InvalidChangeBatch`` (HTTP 400), message
    "RRSet with DNS name <name> is not permitted in zone <zone>". Delay: none. Without it moto accepts any name that
    merely ends with the zone's name.
    """
    original = Route53Backend.change_resource_record_sets

    def change_resource_record_sets(self, zoneid, change_list):
        zone = self.get_hosted_zone(zoneid)
        zone_name = _plain(zone.name)
        for change in change_list:
            name = change["ResourceRecordSet"]["Name"]
            plain = _plain(name)
            if plain != zone_name and not plain.endswith("." + zone_name):
                raise Route53ClientError(
                    "InvalidChangeBatch",
                    "[RRSet with DNS name " + plain + ". is not permitted in zone " + zone_name + ".]")
        return original(self, zoneid, change_list)

    Route53Backend.change_resource_record_sets = change_resource_record_sets


def _change_id():
    return "C" + "".join(random.choice(string.ascii_uppercase + string.digits) for _ in range(13))


def _bare(change_id):
    return change_id[len("/change/"):] if change_id.startswith("/change/") else change_id


def pending_changes():
    """S11 (status): a change batch is ``PENDING`` until Route 53 has propagated it to its name servers, then
    ``INSYNC``; each batch has its own change id.

    AWS source: Route 53 API reference, ChangeResourceRecordSets ("the initial status is PENDING") and GetChange
    ("PENDING indicates that the changes in this request have not propagated to all Amazon Route 53 DNS servers").
    Delay: ``HTTPS_SETUP_STRICT_ROUTE53_PENDING_SECONDS`` (default 1). Without it moto answers INSYNC at once, with the
    same change id for every batch.
    """
    delay = settings.seconds("ROUTE53_PENDING", 1)
    original_change = Route53.change_resource_record_sets
    original_get = Route53.get_change

    def change_resource_record_sets(self):
        result = original_change(self)
        info = result.result["ChangeInfo"]
        change_id = _change_id()
        settings.state(self.backend, "changes")[change_id] = settings.now() + delay
        info["Id"] = "/change/" + change_id
        info["Status"] = "PENDING" if delay > 0 else "INSYNC"
        return result

    def get_change(self):
        result = original_get(self)
        info = result.result["ChangeInfo"]
        ready = settings.state(self.backend, "changes").get(_bare(str(info["Id"])))
        info["Id"] = "/change/" + _bare(str(info["Id"]))
        if ready is not None and settings.now() < ready:
            info["Status"] = "PENDING"
        return result

    Route53.change_resource_record_sets = change_resource_record_sets
    Route53.get_change = get_change


def page_by_record_identifier():
    """S11b: ``ListResourceRecordSets`` pages by name, type and record identifier: a page that ends inside a group of
    record sets of one name and type (weighted, latency, failover...) answers ``NextRecordIdentifier``, and
    ``StartRecordIdentifier`` starts the next page there.

    AWS source: Route 53 API reference, ListResourceRecordSets (``StartRecordIdentifier``; response
    ``NextRecordIdentifier``: "returned only if IsTruncated is true and the next record set has a SetIdentifier").
    Delay: none. Without it moto ignores ``StartRecordIdentifier`` and never answers ``NextRecordIdentifier``, so the
    next page starts again at the beginning of the group.
    """

    def key(record):
        return reverse_domain_name(record.name), record.type or "", record.set_identifier or ""

    def list_resource_record_sets(self):
        zone_id = self._get_param("HostedZoneId")
        start_type = self._get_param("StartRecordType")
        start_name = self._get_param("StartRecordName")
        start_identifier = self._get_param("StartRecordIdentifier")
        max_items = self._get_int_param("MaxItems", 300)
        if start_type and not start_name:
            raise InvalidInput("The input is not valid")
        records = sorted(self.backend.get_hosted_zone(zone_id).rrsets, key=key)
        if start_name:
            name = start_name if start_name.endswith(".") else start_name + "."
            start = (reverse_domain_name(name), start_type or "", start_identifier or "")
            records = [r for r in records if key(r) >= start]
        page, rest = records[:max_items], records[max_items:]
        following = rest[0] if rest else None
        return ActionResult({
            "ResourceRecordSets": page,
            "IsTruncated": following is not None,
            "NextRecordName": following.name if following else None,
            "NextRecordType": following.type if following else None,
            "NextRecordIdentifier": following.set_identifier if following else None,
            "MaxItems": max_items,
        })

    Route53.list_resource_record_sets = list_resource_record_sets


def install():
    refuse_reused_caller_reference()
    own_name_servers_per_zone()
    limit_tags_per_call()
    refuse_names_outside_zone()
    pending_changes()
    page_by_record_identifier()
