"""Fault injection specs for lab routers: `ROUTER:KIND[=ARG]` as given on the command line."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmiptui.errors import InputError

KINDS = (
    "delay",
    "auth-fail",
    "drop-after",
    "trickle",
    "hang",
    "reject-config",
    "drop-on",
    "down-on",
    "format",
)
_NEEDS_ARG = {"delay", "drop-after", "reject-config", "drop-on", "down-on", "format"}
BINDING_FORMATS = ("standard", "variant")
"""How a router prints its binding output: FORMATS.md's format, or the lab variant
(`pmiptui.lab.render_bindings`) that another IOS XE release might print."""
HELP = (
    "inject a fault: delay=MS, auth-fail, drop-after=BYTES, trickle, hang, "
    "reject-config=REGEX, drop-on=REGEX (run the line, then cut the connection), "
    "down-on=REGEX (run it, cut, refuse every later login), format=variant (print the "
    "binding output as another IOS XE release might; see ttp_templates/FORMATS.md) "
    "(repeatable)"
)
"""The `--fault` help line of `pmiptui lab`."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Faults:
    """What one router does wrong. The default does nothing wrong."""

    delay_ms: int = 0
    """Latency added before every response."""
    auth_fail: bool = False
    """Refuse every login."""
    drop_after_bytes: int | None = None
    """Cut the connection once this many bytes of output were sent."""
    trickle: bool = False
    """Send output in small, slow chunks."""
    hang: bool = False
    """Stop answering once logged in."""
    reject_config: re.Pattern[str] | None = None
    """Config lines matching this get `% Invalid input detected`."""
    drop_on: re.Pattern[str] | None = None
    """A typed line matching this is executed, then the connection is cut before any reply."""
    down_on: re.Pattern[str] | None = None
    """Like `drop_on`, and then the router stops listening: every later login is refused."""
    binding_format: str | None = None
    """`variant`: print the binding output in the lab variant; None: as the topology says."""


def parse_fault(spec: str) -> tuple[str, str, str | None]:
    """Split `ROUTER:KIND[=ARG]` and check the kind and argument."""
    router, sep, rest = spec.partition(":")
    if not sep or not router:
        raise InputError(f"fault {spec!r}: write it as ROUTER:KIND[=ARG], e.g. mag2:hang")
    kind, has_arg, arg = rest.partition("=")
    if kind not in KINDS:
        raise InputError(f"fault {spec!r}: unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
    if kind in _NEEDS_ARG and not has_arg:
        raise InputError(f"fault {spec!r}: {kind} needs a value, e.g. {kind}=…")
    return router, kind, arg if has_arg else None


def binding_format(value: str, where: str) -> str:
    """A checked binding format name (one of `BINDING_FORMATS`)."""
    if value not in BINDING_FORMATS:
        raise InputError(f"{where}: format {value!r}; choose one of {', '.join(BINDING_FORMATS)}")
    return value


def faults_by_router(specs: list[str]) -> dict[str, Faults]:
    """Combine fault specs into one Faults per router name."""
    values: dict[str, dict[str, object]] = {}
    for spec in specs:
        router, kind, arg = parse_fault(spec)
        entry = values.setdefault(router, {})
        try:
            if kind == "delay":
                entry["delay_ms"] = int(arg or "0")
            elif kind == "drop-after":
                entry["drop_after_bytes"] = int(arg or "0")
            elif kind == "format":
                entry["binding_format"] = binding_format(arg or "", f"fault {spec!r}")
            elif kind in ("reject-config", "drop-on", "down-on"):
                entry[kind.replace("-", "_")] = re.compile(arg or "")
            else:
                entry[kind.replace("-", "_")] = True
        except ValueError as error:
            raise InputError(f"fault {spec!r}: {error}") from None
        except re.error as error:
            raise InputError(f"fault {spec!r}: bad regex: {error}") from None
    return {router: Faults(**entry) for router, entry in values.items()}  # type: ignore[arg-type]
