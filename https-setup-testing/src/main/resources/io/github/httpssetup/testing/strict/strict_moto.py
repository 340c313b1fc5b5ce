"""Starts moto's server with https-setup's strict profile.

Every module next to this file named ``*_strict.py`` is imported and its ``install()`` called before the
server starts; each patches moto's models so that one service answers the way AWS does where moto is
lenient (see the README's testing section for the table of behaviours). Arguments are moto_server's.

State a patch keeps (timestamps, used tokens) lives on moto's backend objects, so ``/moto-api/reset``
clears it with everything else.
"""
import importlib
import logging
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LOG = logging.getLogger("https-setup.strict")


def install_all():
    sys.path.insert(0, HERE)
    names = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith("_strict.py"))
    for name in names:
        importlib.import_module(name).install()
    return names


def main(argv):
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    names = install_all()
    LOG.info("strict profile: %s", ", ".join(names) or "no behaviours")
    from moto.server import main as moto_main
    moto_main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
