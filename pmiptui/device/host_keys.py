"""SSH host-key checking for router sessions: `known_hosts` (strict) or `accept-new` (TOFU).

Keys are looked up in `~/.ssh/known_hosts` and in pmiptui's own file
(`~/.local/state/pmiptui/known_hosts`, or `$PMIPTUI_KNOWN_HOSTS`); `accept-new` records a
router's first key in pmiptui's file. A changed key is refused under either policy, before
any password is sent.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import threading
from pathlib import Path

import paramiko

from pmiptui.errors import DeviceError
from pmiptui.inventory import DEFAULT_HOST_KEY_POLICY, RouterTarget

_WRITE_LOCK = threading.Lock()


class HostKeyRefused(DeviceError):
    """The router's SSH host key is unknown (under `known_hosts`) or has changed."""

    title = "Host key refused"


class HostKeyUnknown(paramiko.SSHException):
    """Raised inside paramiko's handshake for a key no known_hosts file has (strict policy)."""

    def __init__(self, hostname: str, key: paramiko.PKey) -> None:
        super().__init__(f"unknown host key for {hostname}")
        self.hostname = hostname
        self.key = key


def pmiptui_known_hosts() -> Path:
    """pmiptui's own known-hosts file: `$PMIPTUI_KNOWN_HOSTS`, else in the state folder."""
    override = os.environ.get("PMIPTUI_KNOWN_HOSTS")
    if override:
        return Path(override).expanduser()
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "pmiptui" / "known_hosts"


def known_hosts_for(target: RouterTarget) -> Path:
    """The file `target`'s new keys are recorded in (the inventory's `known_hosts:` wins)."""
    return target.known_hosts or pmiptui_known_hosts()


def host_entry(host: str, port: int) -> str:
    """The known_hosts name of a host: `host` on port 22, else `[host]:port`."""
    return host if port == 22 else f"[{host}]:{port}"


def fingerprint(key: paramiko.PKey) -> str:
    """OpenSSH's `SHA256:…` fingerprint of a public key."""
    digest = hashlib.sha256(key.asbytes()).digest()
    return "SHA256:" + base64.b64encode(digest).decode("ascii").rstrip("=")


class HostKeyPolicy(paramiko.MissingHostKeyPolicy):
    """Called by paramiko for a key no loaded file knows: refuse it, or record and accept it."""

    def __init__(self, policy: str, record_in: Path) -> None:
        self.policy = policy
        self.record_in = record_in

    def missing_host_key(
        self, client: paramiko.SSHClient, hostname: str, key: paramiko.PKey
    ) -> None:
        if self.policy != "accept-new":
            raise HostKeyUnknown(hostname, key)
        record_key(self.record_in, hostname, key)
        client.get_host_keys().add(hostname, key.get_name(), key)


def record_key(path: Path, hostname: str, key: paramiko.PKey) -> None:
    """Append one `hostname type base64` line to a known_hosts file (created 0600)."""
    with _WRITE_LOCK:
        path.parent.mkdir(parents=True, exist_ok=True)
        fresh = not path.exists()
        with path.open("a", encoding="ascii") as out:
            out.write(f"{hostname} {key.get_name()} {key.get_base64()}\n")
        if fresh:
            with contextlib.suppress(OSError):
                path.chmod(0o600)


def connect_settings(target: RouterTarget) -> dict[str, object]:
    """Netmiko ConnectHandler arguments that load both known_hosts files and reject unknowns.

    The policy object itself is set on the connection before it opens (`policy_for`).
    """
    return {
        "ssh_strict": True,
        "system_host_keys": True,
        "alt_host_keys": True,
        "alt_key_file": str(known_hosts_for(target)),
    }


def policy_for(target: RouterTarget) -> HostKeyPolicy:
    """The missing-key policy for `target` (its own, else the default `known_hosts`)."""
    return HostKeyPolicy(target.host_key_policy or DEFAULT_HOST_KEY_POLICY, known_hosts_for(target))


def refusal(target: RouterTarget, error: BaseException) -> HostKeyRefused | None:
    """The one-line error for a refused host key in `error`'s chain, or None."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, HostKeyUnknown):
            return _unknown(target, seen.key)
        if isinstance(seen, paramiko.BadHostKeyException):
            return _changed(target, seen.key, seen.expected_key)
        seen = seen.__cause__ or seen.__context__
    return None


def _unknown(target: RouterTarget, key: paramiko.PKey) -> HostKeyRefused:
    return HostKeyRefused(
        f"refusing {target.name} at {target.address}: unknown SSH host key "
        f"{key.get_name()} {fingerprint(key)}; if that is the router's key, accept it with "
        "--host-keys accept-new (or `host_key_policy: accept-new` in the inventory)"
    )


def _changed(target: RouterTarget, key: paramiko.PKey, expected: paramiko.PKey) -> HostKeyRefused:
    entry = host_entry(target.host, target.port)
    files = [known_hosts_for(target), Path.home() / ".ssh" / "known_hosts"]
    holder = next((f for f in files if _knows(f, entry)), files[0])
    return HostKeyRefused(
        f"refusing {target.name} at {target.address}: its SSH host key has CHANGED to "
        f"{key.get_name()} {fingerprint(key)} (known: {fingerprint(expected)}), someone may "
        f"be impersonating it; if the router was re-keyed, delete the {entry} line from {holder}"
    )


def _knows(path: Path, entry: str) -> bool:
    try:
        return paramiko.HostKeys(str(path)).lookup(entry) is not None
    except (OSError, paramiko.SSHException):
        return False
