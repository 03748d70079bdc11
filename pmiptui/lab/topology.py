"""Lab topology: which routers the lab runs, their roles, identifiers, addresses and ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pmiptui.errors import InputError
from pmiptui.lab.faults import binding_format
from pmiptui.safe_yaml import load_yaml


@dataclass(frozen=True, slots=True, kw_only=True)
class LabRouter:
    """One simulated router of the topology."""

    name: str
    role: str
    """`mag` or `lma`."""
    id: str
    """Its MAG or LMA identifier in the PMIPv6 domain."""
    port_offset: int
    ipv4: str
    ipv6: str
    access_interfaces: list[str] = field(default_factory=list)
    config: str | None = None
    """Startup configuration text; None builds one from the guide's procedures."""
    binding_format: str = "standard"
    """How it prints its binding output (`format:`; a `format=` fault overrides it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Topology:
    """The whole lab network."""

    domain: str
    realm: str
    mobile_nodes: int
    seed: int
    username: str
    password: str
    enable_secret: str
    routers: list[LabRouter]

    def lmas(self) -> list[LabRouter]:
        """The LMA routers."""
        return [r for r in self.routers if r.role == "lma"]

    def mags(self) -> list[LabRouter]:
        """The MAG routers."""
        return [r for r in self.routers if r.role == "mag"]


def _router(raw: dict[str, Any], index: int) -> LabRouter:
    try:
        role = str(raw["role"]).lower()
        if role not in ("mag", "lma"):
            raise InputError(f"router {raw.get('name')}: role must be mag or lma, not {role!r}")
        return LabRouter(
            name=str(raw["name"]),
            role=role,
            id=str(raw.get("id", raw["name"])),
            port_offset=int(raw.get("port_offset", index)),
            ipv4=str(raw["ipv4"]),
            ipv6=str(raw["ipv6"]),
            access_interfaces=[str(i) for i in raw.get("access_interfaces", [])],
            config=raw.get("config"),
            binding_format=binding_format(
                str(raw.get("format", "standard")), f"router {raw['name']}"
            ),
        )
    except KeyError as missing:
        raise InputError(f"topology router #{index + 1}: missing {missing.args[0]!r}") from None


def load_topology(path: Path | None = None) -> Topology:
    """Read a topology file, or the built-in default when `path` is None."""
    if path is None:
        text = resources.files("pmiptui.lab").joinpath("default_topology.yaml").read_text()
        source = "built-in topology"
    else:
        try:
            text = path.read_text()
        except OSError as error:
            raise InputError(f"{path}: cannot read topology ({error.strerror})") from None
        source = str(path)
    raw = load_yaml(text, source=source) or {}
    if not isinstance(raw, dict) or not raw.get("routers"):
        raise InputError(f"{source}: needs a `routers:` list")
    login = raw.get("login") or {}
    routers = [_router(r, i) for i, r in enumerate(raw["routers"])]
    names = [r.name for r in routers]
    if len(set(names)) != len(names):
        raise InputError(f"{source}: router names repeat: {names}")
    return Topology(
        domain=str(raw.get("domain", "D1")),
        realm=str(raw.get("realm", "example.com")),
        mobile_nodes=int(raw.get("mobile_nodes", 300)),
        seed=int(raw.get("seed", 1)),
        username=str(login.get("username", "admin")),
        password=str(login.get("password", "admin")),
        enable_secret=str(login.get("enable_secret", "admin")),
        routers=routers,
    )
