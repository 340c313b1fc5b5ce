"""ACM (and the ACM side of ELBv2) answering like AWS: behaviours S1-S5 and S8 of the strict profile.

Every piece of state lives on moto's ACM backend of the certificate's account and region (see
``strict_settings.state``), so ``/moto-api/reset`` clears it.
"""
import hashlib
import logging
import threading

from moto import settings as moto_settings
from moto.acm import models as acm_models
from moto.acm import responses as acm_responses
from moto.acm.exceptions import AWSError, AWSValidationException, CertificateNotFound
from moto.elbv2 import models as elbv2_models
from moto.elbv2.exceptions import ELBClientError

import strict_settings

LOG = logging.getLogger("https-setup.strict.acm")

ACM_NOT_FOUND = strict_settings.seconds("ACM_NOT_FOUND", 2)
ACM_NO_RECORD = strict_settings.seconds("ACM_NO_RECORD", 1)
ACM_IN_USE_AFTER_DETACH = strict_settings.seconds("ACM_IN_USE_AFTER_DETACH", 2)
ELB_CERT_NOT_FOUND = strict_settings.seconds("ELB_CERT_NOT_FOUND", 2)
IDEMPOTENCY_SECONDS = 3600.0

#: The key algorithms RequestCertificate accepts, and how DescribeCertificate spells each.
REQUESTABLE = {"RSA_2048": "RSA-2048", "EC_prime256v1": "EC-prime256v1", "EC_secp384r1": "EC-secp384r1"}

_LOCK = threading.RLock()
_REQUEST = threading.local()


# ---- shared helpers ----

def _arn_parts(arn):
    """(account, region) of an ACM certificate ARN, or None."""
    parts = (arn or "").split(":")
    if len(parts) < 6 or parts[2] != "acm":
        return None
    return parts[4], parts[3]


def _acm_backend(account, region):
    return acm_models.acm_backends[account][region]


def _requests(backend):
    """ARN -> {"at": monotonic request time, "key": requested key algorithm} of certificates requested here."""
    return strict_settings.state(backend, "acm_requests")


def _tokens(backend):
    """Idempotency token -> {"arn", "at"} of the requests made with a token."""
    return strict_settings.state(backend, "acm_tokens")


def _detached(backend):
    """Certificate ARN -> {load balancer ARN: monotonic time it stopped using the certificate}."""
    return strict_settings.state(backend, "acm_detached")


def _request_of(arn):
    parts = _arn_parts(arn)
    if parts is None:
        return None
    try:
        return _requests(_acm_backend(*parts)).get(arn)
    except KeyError:
        return None


def hyphenated(key_algorithm):
    """ACM's DescribeCertificate/ListCertificates spelling of a key algorithm: RSA_2048 -> RSA-2048."""
    return key_algorithm.replace("_", "-", 1) if key_algorithm else key_algorithm


# ---- S1: key algorithm ----

def patch_key_algorithm():
    """S1. DescribeCertificate and ListCertificates spell ``KeyAlgorithm`` with a hyphen (``RSA-2048``,
    ``EC-prime256v1``, ``EC-secp384r1``), while RequestCertificate and ListCertificates' ``Includes.keyTypes``
    take the underscore spelling (API reference: CertificateDetail.KeyAlgorithm, RequestCertificate
    KeyAlgorithm; what the API answers, as the Terraform provider and the AWS CLI show it). The requested
    ``KeyAlgorithm`` (RSA_2048 by default, EC_prime256v1, EC_secp384r1; anything else is a
    ValidationException) is the one reported. No delay setting.

    moto without it: ``RSA_2048`` in the underscore spelling, and every certificate is RSA 2048 whatever
    was requested (RequestCertificate's KeyAlgorithm is ignored)."""
    original_describe = acm_models.CertBundle.describe

    def describe(self):
        result = original_describe(self)
        detail = result["Certificate"]
        request = _request_of(self.arn)
        key = request["key"] if request else detail.get("KeyAlgorithm")
        detail["KeyAlgorithm"] = hyphenated(key)
        return result

    acm_models.CertBundle.describe = describe

    original_response = acm_responses.AWSCertificateManagerResponse.request_certificate

    def request_certificate_response(self):
        key = self._get_param("KeyAlgorithm") or "RSA_2048"
        if key not in REQUESTABLE:
            raise AWSValidationException("Value '" + key + "' at 'keyAlgorithm' failed to satisfy constraint: Member must"
                                         " satisfy enum value set: [" + ", ".join(REQUESTABLE) + "]")
        _REQUEST.key = key
        try:
            return original_response(self)
        finally:
            _REQUEST.key = None

    acm_responses.AWSCertificateManagerResponse.request_certificate = request_certificate_response


# ---- S2 and S4: request, visibility, idempotency ----

def patch_request():
    """S4. RequestCertificate with an ``IdempotencyToken`` used in the last hour (same account and region)
    returns the earlier request's ARN, whatever the other parameters and even if that certificate was
    deleted since (API reference: RequestCertificate, IdempotencyToken: "Idempotency tokens time out
    after one hour. Therefore, if you call RequestCertificate multiple times with the same idempotency
    token within one hour, ACM recognizes that you are requesting only one certificate and will issue
    only one"). No delay setting (the hour is AWS's).

    moto without it: HTTP 500 (KeyError) when the earlier certificate was deleted, and a new certificate
    when the tags differ."""
    original = acm_models.AWSCertificateManagerBackend.request_certificate

    def request_certificate(self, domain_name, idempotency_token, subject_alt_names, tags,
                            cert_authority_arn=None, cert_options=None):
        now = strict_settings.now()
        with _LOCK:
            tokens = _tokens(self)
            if idempotency_token is not None:
                earlier = tokens.get(idempotency_token)
                if earlier is not None and now - earlier["at"] < IDEMPOTENCY_SECONDS:
                    return earlier["arn"]
            arn = original(self, domain_name, None, subject_alt_names, tags, cert_authority_arn, cert_options)
            _requests(self)[arn] = {"at": now, "key": getattr(_REQUEST, "key", None) or "RSA_2048"}
            if idempotency_token is not None:
                tokens[idempotency_token] = {"arn": arn, "at": now}
            return arn

    acm_models.AWSCertificateManagerBackend.request_certificate = request_certificate


def _hidden(backend, arn):
    request = _requests(backend).get(arn)
    return request is not None and strict_settings.now() - request["at"] < ACM_NOT_FOUND


def patch_visibility():
    """S2. For ``ACM_NOT_FOUND`` seconds after RequestCertificate the new certificate is unknown:
    DescribeCertificate, ListTagsForCertificate, GetCertificate and AddTagsToCertificate answer
    ``ResourceNotFoundException`` and ListCertificates leaves it out; then, for ``ACM_NO_RECORD`` seconds
    more, DescribeCertificate shows its ``DomainValidationOptions`` without ``ResourceRecord`` (API
    reference: RequestCertificate, "there is a delay of several seconds before you can retrieve
    information about the new certificate"; the Terraform provider waits for the records to appear and
    treats ResourceNotFoundException meanwhile as "not yet"). Delays ``ACM_NOT_FOUND`` (2 s) and
    ``ACM_NO_RECORD`` (1 s).

    moto without it: readable at once, with its validation records."""
    original_get = acm_models.AWSCertificateManagerBackend.get_certificate

    def get_certificate(self, arn):
        if _hidden(self, arn):
            raise CertificateNotFound(arn=arn, account_id=self.account_id)
        return original_get(self, arn)

    acm_models.AWSCertificateManagerBackend.get_certificate = get_certificate

    def list_certificates(self, statuses, includes):
        key_types = set((includes or {}).get("keyTypes") or [])
        export_option = (includes or {}).get("exportOption")
        for arn in list(self._certificates.keys()):
            if _hidden(self, arn):
                continue
            cert = original_get(self, arn)
            if statuses and cert.status not in statuses:
                continue
            if export_option and export_option not in cert.cert_options.get("Export", ""):
                continue
            if key_types and cert.describe()["Certificate"]["KeyAlgorithm"] not in {hyphenated(k) for k in key_types}:
                continue
            yield cert

    acm_models.AWSCertificateManagerBackend.list_certificates = list_certificates

    original_describe = acm_models.CertBundle.describe

    def describe(self):
        result = original_describe(self)
        request = _request_of(self.arn)
        if request is not None and strict_settings.now() - request["at"] < ACM_NOT_FOUND + ACM_NO_RECORD:
            for option in result["Certificate"].get("DomainValidationOptions", []):
                option.pop("ResourceRecord", None)
        return result

    acm_models.CertBundle.describe = describe

    original_check = acm_models.CertBundle.check

    def check(self):
        request = _request_of(self.arn)
        if (request is not None and self.status == "PENDING_VALIDATION"
                and strict_settings.now() - request["at"] <= _validation_starts_after() + moto_settings.ACM_VALIDATION_WAIT):
            return  # ACM validates through records it has not published yet: still pending
        original_check(self)

    acm_models.CertBundle.check = check


def _validation_starts_after():
    """ACM cannot validate before it publishes the validation records: moto's ``MOTO_ACM_VALIDATION_WAIT``
    counts from then, not from the request (moto without it: ISSUED while still unknown to DescribeCertificate)."""
    return ACM_NOT_FOUND + ACM_NO_RECORD


# ---- S5: validation records per account and domain ----

def validation_record(account, domain):
    """The DNS validation CNAME of ``domain`` in ``account``: the same in every certificate and region."""
    base = domain[2:] if domain.startswith("*.") else domain
    base = base.rstrip(".").lower()
    name_hash = hashlib.sha256(("name|" + account + "|" + base).encode()).hexdigest()[:32]
    value_hash = hashlib.sha256(("value|" + account + "|" + base).encode()).hexdigest()
    return {"Name": "_" + name_hash + "." + base + ".", "Type": "CNAME",
            "Value": "_" + value_hash[:32] + "." + value_hash[32:42] + ".acm-validations.aws."}


def patch_validation_records():
    """S5. ACM uses the same validation CNAME (name and value) for a domain name in every certificate
    of the account, whatever the region, and different ones for different domain names; ``*.x`` and
    ``x`` share one (ACM User Guide, "DNS validation": "ACM ... uses the same CNAME record for all
    certificates of the domain in the account"; the API reference's DomainValidation.ResourceRecord).
    No delay setting.

    moto without it: the name depends only on the domain, but the value is one constant for every
    domain of every account, so code that confuses two domains' records cannot fail."""
    original_describe = acm_models.CertBundle.describe

    def describe(self):
        result = original_describe(self)
        parts = _arn_parts(self.arn)
        if parts is not None:
            for option in result["Certificate"].get("DomainValidationOptions", []):
                if "ResourceRecord" in option:
                    option["ResourceRecord"] = validation_record(parts[0], option["DomainName"])
        return result

    acm_models.CertBundle.describe = describe


# ---- S3: in use ----

def _certificates_in_use(elbv2_backend):
    """Certificate ARN -> set of load balancer ARNs whose listeners use it (default or extra certificates)."""
    used = {}
    for lb_arn, balancer in list(elbv2_backend.load_balancers.items()):
        for listener in list(balancer.listeners.values()):
            arns = set(listener.certificates or [])
            if listener.certificate:
                arns.add(listener.certificate)
            for arn in arns:
                used.setdefault(arn, set()).add(lb_arn)
    return used


def in_use_by(arn):
    """The load balancers that use the certificate, or stopped using it less than ACM_IN_USE_AFTER_DETACH ago."""
    parts = _arn_parts(arn)
    if parts is None:
        return []
    account, region = parts
    users = set()
    try:
        users |= _certificates_in_use(elbv2_models.elbv2_backends[account][region]).get(arn, set())
    except KeyError:
        pass
    now = strict_settings.now()
    with _LOCK:
        for lb_arn, at in _detached(_acm_backend(account, region)).get(arn, {}).items():
            if now - at < ACM_IN_USE_AFTER_DETACH:
                users.add(lb_arn)
    return sorted(users)


def _track_detach(method_name):
    original = getattr(elbv2_models.ELBv2Backend, method_name)

    def tracked(self, *args, **kwargs):
        before = _certificates_in_use(self)
        result = original(self, *args, **kwargs)
        after = _certificates_in_use(self)
        now = strict_settings.now()
        with _LOCK:
            for arn, lbs in before.items():
                gone = lbs - after.get(arn, set())
                parts = _arn_parts(arn)
                if gone and parts is not None:
                    detached = _detached(_acm_backend(*parts)).setdefault(arn, {})
                    for lb_arn in gone:
                        detached[lb_arn] = now
        return result

    setattr(elbv2_models.ELBv2Backend, method_name, tracked)


def patch_in_use():
    """S3. DeleteCertificate answers ``ResourceInUseException`` while a load balancer's listener uses the
    certificate (as its default certificate or in its certificate list), and for
    ``ACM_IN_USE_AFTER_DETACH`` seconds after the last one stopped using it; DescribeCertificate's
    ``InUseBy`` lists those load balancers' ARNs, and ListCertificates' ``InUse`` follows it (API
    reference: DeleteCertificate, "You cannot delete an ACM certificate that is being used by another
    AWS service", error ResourceInUseException; CertificateDetail.InUseBy. ACM's view lags the load
    balancer: the Terraform provider retries ResourceInUseException on delete for minutes). Delay
    ``ACM_IN_USE_AFTER_DETACH`` (2 s).

    moto without it: deletes a certificate in use; ``InUseBy`` holds listener ARNs of CreateListener only,
    never removed."""
    for name in ("create_listener", "modify_listener", "delete_listener", "delete_load_balancer",
                 "add_listener_certificates", "remove_listener_certificates"):
        _track_detach(name)

    original_describe = acm_models.CertBundle.describe

    def describe(self):
        result = original_describe(self)
        result["Certificate"]["InUseBy"] = in_use_by(self.arn)
        return result

    acm_models.CertBundle.describe = describe

    original_delete = acm_models.AWSCertificateManagerBackend.delete_certificate

    def delete_certificate(self, arn):
        if arn in self._certificates:
            users = in_use_by(arn)
            if users:
                raise AWSError("Certificate " + arn + " in account " + self.account_id + " is in use by "
                               + ", ".join(users) + ".", exception_type="ResourceInUseException")
        return original_delete(self, arn)

    acm_models.AWSCertificateManagerBackend.delete_certificate = delete_certificate


# ---- S8: ELB does not know a just-issued certificate ----

def _check_known_to_elb(certificate_arns):
    for arn in certificate_arns:
        request = _request_of(arn)
        if request is None:
            continue
        issued_at = request["at"] + _validation_starts_after() + moto_settings.ACM_VALIDATION_WAIT
        if strict_settings.now() - issued_at < ELB_CERT_NOT_FOUND:
            raise ELBClientError("CertificateNotFound", "Certificate '" + arn + "' not found")


def patch_elb_certificate_not_found():
    """S8. CreateListener and ModifyListener (ELBv2) answer ``CertificateNotFound`` for a certificate ACM
    issued less than ``ELB_CERT_NOT_FOUND`` seconds ago, or not issued yet (API reference:
    ELBv2 CreateListener/ModifyListener, error CertificateNotFound, "The specified certificate does not
    exist"; the Terraform provider retries it for the listener's whole create timeout because a
    just-issued certificate takes a while to reach ELB). Delay ``ELB_CERT_NOT_FOUND`` (2 s) after the
    certificate became ISSUED (``MOTO_ACM_VALIDATION_WAIT`` seconds after its validation records appeared).

    moto without it: accepted at once, even while the certificate is PENDING_VALIDATION."""
    original_create = elbv2_models.ELBv2Backend.create_listener

    def create_listener(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions, *args, **kwargs):
        if certificate:
            _check_known_to_elb([certificate])
        return original_create(self, load_balancer_arn, protocol, port, ssl_policy, certificate, actions,
                               *args, **kwargs)

    elbv2_models.ELBv2Backend.create_listener = create_listener

    original_modify = elbv2_models.ELBv2Backend.modify_listener

    def modify_listener(self, arn, port=None, protocol=None, ssl_policy=None, certificates=None, actions=None):
        _check_known_to_elb([c.get("CertificateArn") for c in certificates or [] if c.get("CertificateArn")])
        return original_modify(self, arn, port, protocol, ssl_policy, certificates, actions)

    elbv2_models.ELBv2Backend.modify_listener = modify_listener


def install():
    # order matters for describe(): records are stripped (S2) after S5 has put its own in
    patch_key_algorithm()
    patch_request()
    patch_validation_records()
    patch_visibility()
    patch_in_use()
    patch_elb_certificate_not_found()
    LOG.info("ACM: not found %ss, no records %ss more, in use %ss after detach, ELB certificate not found %ss",
             ACM_NOT_FOUND, ACM_NO_RECORD, ACM_IN_USE_AFTER_DETACH, ELB_CERT_NOT_FOUND)
