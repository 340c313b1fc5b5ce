"""Settings and small helpers shared by the strict profile's patches.

Each behaviour's delay is read from ``HTTPS_SETUP_STRICT_<NAME>_SECONDS`` (a number of seconds, may be
fractional); the default is what this project's own tests use, short so that the suite stays fast.
"""
import os
import time


def seconds(name, default):
    """The delay named ``name`` (e.g. ``ACM_NOT_FOUND``), from its environment variable or ``default``."""
    variable = "HTTPS_SETUP_STRICT_" + name.upper() + "_SECONDS"
    value = os.environ.get(variable, "").strip()
    if not value:
        return float(default)
    try:
        result = float(value)
    except ValueError:
        raise SystemExit(variable + "=" + value + " is not a number of seconds; set it to e.g. 2")
    if result < 0:
        raise SystemExit(variable + "=" + value + " is negative; set it to 0 or more seconds")
    return result


def now():
    """Monotonic seconds, for comparing against a delay."""
    return time.monotonic()


def state(backend, name, factory=dict):
    """A piece of strict state kept on a moto backend (so /moto-api/reset clears it), created on first use."""
    attribute = "_https_setup_strict_" + name
    value = getattr(backend, attribute, None)
    if value is None:
        value = factory()
        setattr(backend, attribute, value)
    return value
