"""Route 53 Domains as AWS answers it, where moto is instant (behaviour S13 of the fidelity table).

A registration is an operation that stays IN_PROGRESS for a while; the domain joins the account only when it
succeeds; a second RegisterDomain meanwhile is a DuplicateRequest; the registration creates the domain's hosted zone
(moto does that already; here the registered domain delegates to that zone's name servers). Also CheckDomainAvailability, which moto
lacks. State lives on moto's Route 53 Domains backend, so ``/moto-api/reset`` clears it.
"""
import json

import strict_settings as settings
from moto.route53 import route53_backends
from moto.route53domains.models import Route53DomainsBackend, route53domains_backends
from moto.route53domains.responses import Route53DomainsResponse
from moto.route53domains.validators import NameServer


def _domains(backend):
    return backend._Route53DomainsBackend__domains


def _pending(backend):
    """Operation id -> (time it succeeds, the domain it registers)."""
    return settings.state(backend, "registrations")


def _settle(backend):
    """Registrations whose time has come succeed: the domain joins the account."""
    pending = _pending(backend)
    for operation_id, (ready, domain) in list(pending.items()):
        if settings.now() >= ready:
            operation = backend._Route53DomainsBackend__operations[operation_id]
            operation.status = "SUCCESSFUL"
            _domains(backend)[domain.domain_name] = domain
            del pending[operation_id]


def registration_in_progress():
    """S13: ``RegisterDomain`` starts an operation that ``GetOperationDetail`` and ``ListOperations`` show
    ``IN_PROGRESS`` until it succeeds; until then the domain is not in the account (``GetDomainDetail`` answers
    ``InvalidInput``, ``ListDomains`` leaves it out) and a second ``RegisterDomain`` for it answers
    ``DuplicateRequest``. The hosted zone the registration creates exists at once, and the domain delegates to its name
    servers.

    AWS source: Route 53 Domains API reference, RegisterDomain ("returns an operation ID that you can use to track the
    progress and completion of the action"; errors ``DuplicateRequest`` "The request is already in progress for the
    domain") and GetOperationDetail (``Status``: SUBMITTED | IN_PROGRESS | ERROR | SUCCESSFUL | FAILED); the Route 53
    Developer Guide, "Registering a new domain" (Route 53 creates a hosted zone with the domain's name).
    Delay: ``HTTPS_SETUP_STRICT_DOMAINS_REGISTRATION_SECONDS`` (default 2). Without it moto registers at once, and the
    domain has fixed name servers unrelated to its zone.
    """
    delay = settings.seconds("DOMAINS_REGISTRATION", 2)
    original_register = Route53DomainsBackend.register_domain

    def register_domain(self, domain_name, *args, **kwargs):
        _settle(self)
        zones = route53_backends[self.account_id][self.partition].zones
        before = set(zones)
        operation = original_register(self, domain_name, *args, **kwargs)
        domain = _domains(self)[domain_name]
        made = [zones[i] for i in zones if i not in before and zones[i].delegation_set is not None]
        if made:
            # the domain delegates to the zone the registration made (moto gives it fixed, unrelated name servers)
            domain.nameservers = [NameServer.validate_dict({"Name": n}) for n in made[0].delegation_set.name_servers]
        if delay > 0:
            operation.status = "IN_PROGRESS"
            del _domains(self)[domain_name]
            _pending(self)[operation.id] = (settings.now() + delay, domain)
        return operation

    Route53DomainsBackend.register_domain = register_domain
    for name in ("get_domain", "list_domains", "list_operations", "get_operation", "update_domain_nameservers",
                 "delete_domain"):
        original = getattr(Route53DomainsBackend, name)

        def settled(self, *args, __original=original, **kwargs):
            _settle(self)
            return __original(self, *args, **kwargs)

        setattr(Route53DomainsBackend, name, settled)


def check_domain_availability():
    """S13 (availability): ``CheckDomainAvailability`` answers ``UNAVAILABLE`` for a domain registered in any account
    of the emulator (or being registered), ``AVAILABLE`` otherwise.

    AWS source: Route 53 Domains API reference, CheckDomainAvailability (``Availability``: AVAILABLE | UNAVAILABLE |
    ... ; "UNAVAILABLE: The domain name is not available"). Delay: none. Without it moto does not implement the call.
    """

    def check(self):
        name = str(self._get_param("DomainName") or "").rstrip(".").lower()
        taken = False
        for _account_id, partitions in list(route53domains_backends.items()):
            backend = partitions[self.partition]
            _settle(backend)
            if name in _domains(backend) or any(d.domain_name == name for _r, d in _pending(backend).values()):
                taken = True
        return json.dumps({"Availability": "UNAVAILABLE" if taken else "AVAILABLE"})

    Route53DomainsResponse.check_domain_availability = check


def install():
    registration_in_progress()
    check_domain_availability()
