"""Run the spacemine CLI in this process, killed outright at a chosen point: a fault injector.

``python -m tests.fault_runner module:attr[.method] before|after N -- CLI ARGS...`` wraps the
named callable so that its N-th call kills the process with ``os._exit`` just before the call
or just after it returns. ``os._exit`` is what a SIGKILL or an OOM kill looks like from the
inside: no ``finally`` block runs, no transaction is rolled back, no file is flushed by Python,
the warehouse lock is dropped by the kernel. Production code carries no test hook for this.

The exit status is 137 (128 + SIGKILL) when the kill point was reached, otherwise the CLI's.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

KILLED = 137


def _target(spec: str) -> tuple[Any, str]:
    """(object holding the attribute, attribute name) for ``module:attr`` or ``module:Class.attr``."""
    module_name, _, path = spec.partition(":")
    holder: Any = importlib.import_module(module_name)
    *parents, name = path.split(".")
    for parent in parents:
        holder = getattr(holder, parent)
    if not hasattr(holder, name):
        raise SystemExit(f"fault_runner: {spec} does not exist")
    return holder, name


def install(spec: str, when: str, nth: int) -> None:
    holder, name = _target(spec)
    original = getattr(holder, name)
    calls = 0

    def killer(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == nth and when == "before":
            os._exit(KILLED)
        result = original(*args, **kwargs)
        if calls == nth and when == "after":
            os._exit(KILLED)
        return result

    setattr(holder, name, killer)


def main(argv: list[str]) -> int:
    if "--" not in argv or len(argv[: argv.index("--")]) != 3:
        raise SystemExit(__doc__)
    spec, when, nth = argv[: argv.index("--")]
    if when not in ("before", "after"):
        raise SystemExit("fault_runner: when must be 'before' or 'after'")
    install(spec, when, int(nth))
    from spacemine.cli import main as cli

    return cli(argv[argv.index("--") + 1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
