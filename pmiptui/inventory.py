"""The router inventory: a Netmiko `.netmiko.yml`-style YAML file of devices and groups.

A mapping of names: a device is a mapping of connection settings (`device_type, host, port,
username, password, secret`) plus pmiptui's own (`role, pmipv6_id, domain, group`); a group
is a list of device names. A Netmiko `.netmiko.yml` is read as it is: `ip` stands for
`host`, keys pmiptui does not use are ignored, and a missing `role` is found on the router.
`pmiptui lab` writes one for the running lab. A password or enable secret may be written
literally, as `${ENV_VAR}`, as `keyring:SERVICE/USER` (read with the `keyring` package), or
left out to be asked for at connect time (only on a terminal). `host_key_policy:`
(`known_hosts` or `accept-new`) and `known_hosts:` (a file) choose how its SSH host key is
checked. `cadence:` overrides, for this router, how often each show command runs (see
`read_cadence`).
"""

from __future__ import annotations

import getpass
import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pmiptui.errors import InputError
from pmiptui.model.cadence import CADENCE_KINDS, EVERY_POLL, ON_CONNECT
from pmiptui.redact import Secret
from pmiptui.safe_yaml import load_yaml

_ENV_REF = re.compile(r"^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$")
_ROLES = ("mag", "lma")
_KEYRING_REF = "keyring:"

HOST_KEY_POLICIES = ("known_hosts", "accept-new")
"""`known_hosts`: only keys already known; `accept-new`: record a first key, refuse changes."""
DEFAULT_HOST_KEY_POLICY = "known_hosts"


def default_inventory_path() -> Path:
    """Where `pmiptui lab` writes its inventory (used when `--inventory` is not given)."""
    return Path.home() / ".local" / "state" / "pmiptui" / "lab" / "inventory.yaml"


@dataclass(frozen=True, slots=True, kw_only=True)
class RouterTarget:
    """One router to connect to; password and secret are `Secret`s, shown as `***` anywhere."""

    name: str
    """The inventory name (`mag1`)."""
    host: str
    port: int = 22
    device_type: str = "cisco_xe"
    username: str = ""
    password: Secret | None = None
    """None: ask at connect time."""
    secret: Secret | None = None
    """Enable secret; None: ask at connect time if the router needs one."""
    role: str | None = None
    """`mag` or `lma` when the inventory says so."""
    pmipv6_id: str | None = None
    domain: str | None = None
    group: str | None = None
    host_key_policy: str | None = None
    """`known_hosts` or `accept-new`; None: the global choice (default `known_hosts`)."""
    known_hosts: Path | None = None
    """Where new host keys are recorded; None: pmiptui's own known-hosts file."""
    cadence: Mapping[str, float] | None = None
    """This router's own cadences (kind → seconds), over config.yaml's."""

    @property
    def address(self) -> str:
        """`host:port`, for messages."""
        return f"{self.host}:{self.port}"


@dataclass(frozen=True, slots=True)
class Inventory:
    """Devices and groups read from one inventory file."""

    path: Path
    devices: Mapping[str, Mapping[str, Any]]
    groups: Mapping[str, tuple[str, ...]]

    @property
    def names(self) -> list[str]:
        """Device names in file order."""
        return list(self.devices)

    def router(self, name: str) -> RouterTarget:
        """The target for `name`; InputError lists the known names if there is none."""
        entry = self.devices.get(name)
        if entry is None:
            known = ", ".join(self.names) or "none"
            raise InputError(f"router {name!r} is not in {self.path} (routers: {known})")
        return _target(name, entry, self.path)


def load_inventory(path: Path | str | None = None) -> Inventory:
    """Read an inventory file (default: the lab's); InputError when it is missing or malformed."""
    path = Path(path) if path is not None else default_inventory_path()
    if not path.is_file():
        hint = (
            " (start `pmiptui lab`, or pass --inventory FILE)"
            if path == default_inventory_path()
            else ""
        )
        raise InputError(f"inventory {path}: no such file{hint}")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"inventory {path}: cannot read ({error})") from None
    data = load_yaml(text, source=f"inventory {path}")
    if not isinstance(data, Mapping):
        raise InputError(f"inventory {path}: expected a mapping of device and group names")
    devices: dict[str, Mapping[str, Any]] = {}
    groups: dict[str, tuple[str, ...]] = {}
    for key, value in data.items():
        name = str(key)
        if isinstance(value, Mapping):
            if "host" not in value and "ip" in value:
                value = {**value, "host": value["ip"]}
            if "host" not in value:
                raise InputError(f"inventory {path}: device {name!r} has no host")
            devices[name] = value
        elif isinstance(value, list):
            groups[name] = tuple(str(item) for item in value)
        else:
            raise InputError(f"inventory {path}: {name!r} is neither a device nor a group")
    for group, members in groups.items():
        unknown = [m for m in members if m not in devices]
        if unknown:
            raise InputError(
                f"inventory {path}: group {group!r} names unknown devices: {', '.join(unknown)}"
            )
    return Inventory(path, devices, groups)


def _credential(name: str, field: str, raw: Any, path: Path) -> Secret | None:
    """A literal, `${ENV_VAR}` or absent password/secret, as a Secret (never in messages)."""
    if raw is None or raw == "":
        return None
    text = str(raw)
    if text.startswith(_KEYRING_REF):
        return _from_keyring(name, field, text[len(_KEYRING_REF) :], path)
    found = _ENV_REF.match(text)
    if found is None:
        return Secret(text)
    value = os.environ.get(found.group(1))
    if value is None:
        raise InputError(
            f"inventory {path}: {name} {field} refers to ${{{found.group(1)}}}, which is not set"
        )
    return Secret(value)


def _from_keyring(name: str, field: str, ref: str, path: Path) -> Secret:
    """`SERVICE/USER` looked up with the `keyring` package (an optional dependency)."""
    service, _, user = ref.rpartition("/")
    where = f"inventory {path}: {name} {field}"
    if not service or not user:
        raise InputError(f"{where}: write keyring:SERVICE/USER, not keyring:{ref}")
    try:
        import keyring
    except ImportError:
        raise InputError(
            f"{where} is read from the system keyring, which needs the keyring package: "
            "pip install keyring"
        ) from None
    try:
        value = keyring.get_password(service, user)
    except Exception as error:  # any keyring backend failure, as one line
        raise InputError(f"{where}: the keyring refused ({type(error).__name__})") from None
    if value is None:
        raise InputError(f"{where}: the keyring has no password for {user!r} in {service!r}")
    return Secret(value)


def check_host_key_policy(value: Any, where: str) -> str:
    """`value` as a host-key policy name; InputError naming `where` otherwise."""
    text = str(value).strip().lower().replace("_", "-")
    for policy in HOST_KEY_POLICIES:
        if text == policy.replace("_", "-"):
            return policy
    raise InputError(
        f"{where}: host_key_policy must be {' or '.join(HOST_KEY_POLICIES)}, not {value!r}"
    )


def choose_host_key_policy(
    target: RouterTarget, *, override: str | None = None, default: str | None = None
) -> RouterTarget:
    """The target with its host-key policy settled: `override` (the command line), else the
    inventory entry's, else `default` (config.yaml), else `known_hosts`."""
    policy = override or target.host_key_policy or default or DEFAULT_HOST_KEY_POLICY
    return replace(target, host_key_policy=policy)


def _target(name: str, entry: Mapping[str, Any], path: Path) -> RouterTarget:
    try:
        port = int(entry.get("port", 22))
    except (TypeError, ValueError):
        raise InputError(f"inventory {path}: {name} port must be a number") from None
    role = entry.get("role")
    if role is not None and str(role).lower() not in _ROLES:
        raise InputError(f"inventory {path}: {name} role must be mag or lma, not {role!r}")
    return RouterTarget(
        name=name,
        host=str(entry["host"]),
        port=port,
        device_type=str(entry.get("device_type", "cisco_xe")),
        username=str(entry.get("username", "")),
        password=_credential(name, "password", entry.get("password"), path),
        secret=_credential(name, "secret", entry.get("secret"), path),
        role=str(role).lower() if role is not None else None,
        pmipv6_id=_text(entry.get("pmipv6_id")),
        domain=_text(entry.get("domain")),
        group=_text(entry.get("group")),
        host_key_policy=(
            check_host_key_policy(entry["host_key_policy"], f"inventory {path}: {name}")
            if entry.get("host_key_policy") is not None
            else None
        ),
        known_hosts=(
            path.parent / Path(str(entry["known_hosts"])).expanduser()
            if entry.get("known_hosts")
            else None
        ),
        cadence=(
            read_cadence(entry["cadence"], f"inventory {path}: {name}")
            if entry.get("cadence") is not None
            else None
        ),
    )


_CADENCE_WORDS = {"interval": EVERY_POLL, "connect": ON_CONNECT}
_CADENCE_MAX_SEC = 7 * 24 * 3600


def read_cadence(value: Any, where: str) -> dict[str, float]:
    """`cadence:` from config.yaml or an inventory entry: kind → seconds.

    A value is a number of seconds, `interval` (every poll) or `connect` (only the first
    poll after connecting); e.g. `{globals: 600, bindings: 60, stats: interval}`.
    """
    if not isinstance(value, Mapping):
        raise InputError(f"{where}: cadence must be a mapping, e.g. `cadence: {{bindings: 60}}`")
    out: dict[str, float] = {}
    for key, every in value.items():
        if key not in CADENCE_KINDS:
            raise InputError(
                f"{where}: cadence has no kind {str(key)[:40]!r}; "
                f"choose from {', '.join(CADENCE_KINDS)}"
            )
        if isinstance(every, str) and every.lower() in _CADENCE_WORDS:
            out[key] = _CADENCE_WORDS[every.lower()]
        elif (
            isinstance(every, int | float)
            and not isinstance(every, bool)
            and (0 <= every <= _CADENCE_MAX_SEC)
        ):
            out[key] = float(every)
        else:
            raise InputError(
                f"{where}: cadence of {key} must be seconds (0 to {_CADENCE_MAX_SEC}), "
                f"`interval` or `connect`, not {str(every)[:40]!r}"
            )
    return out


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


Ask = Callable[[str], str]
"""Asks for a hidden value with a prompt (`getpass.getpass`)."""


def with_password(
    target: RouterTarget, *, ask: Ask = getpass.getpass, interactive: bool | None = None
) -> RouterTarget:
    """The target with its login password filled in, asking on a terminal if it has none."""
    if target.password is not None:
        return target
    return replace(
        target, password=ask_secret(target, "password", ask=ask, interactive=interactive)
    )


def ask_secret(
    target: RouterTarget, what: str, *, ask: Ask = getpass.getpass, interactive: bool | None = None
) -> Secret:
    """Ask the operator for a credential; InputError when there is no terminal to ask on."""
    if interactive is None:
        interactive = sys.stdin.isatty()
    if not interactive:
        raise InputError(
            f"{target.name}: the inventory gives no {what} and there is no terminal to ask on; "
            f"set it in the inventory (literal or ${{ENV_VAR}})"
        )
    return Secret(ask(f"{what.capitalize()} for {target.username or 'login'}@{target.name}: "))
