"""Settle a change that did not finish: a pending confirmed change, a snapshot left behind.

A killed apply, a lost laptop or another operator's change can leave a router with a
Rollback Confirmed Change pending, or a pmiptui snapshot on its flash. New changes are
refused until it is settled (`router_guard`). Settling means one of two whole configs:

* revert: back to the prior config (`configure revert now`, or `configure replace` of the
  snapshot when no timer is pending), proven byte for byte against the snapshot;
* keep: the current config stays (`configure confirm` when a timer is pending).

Either way the pmiptui snapshots are removed afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from pmiptui.configgen.diff import ConfigDiff, config_diff, normalize
from pmiptui.device.rollback import discard
from pmiptui.device.router_guard import (
    PendingChange,
    config_lock,
    pending_change,
    snapshots,
)
from pmiptui.device.running import SLOW_S, read_running
from pmiptui.device.session import RouterSession
from pmiptui.errors import ChangeRefused
from pmiptui.redact import mask_secrets


class Action(StrEnum):
    """What the operator chose."""

    REVERT = "revert"
    KEEP = "keep"


@dataclass(frozen=True, slots=True, kw_only=True)
class Unfinished:
    """What a router holds of a change that did not finish."""

    router: str
    pending: PendingChange | None
    snapshots: tuple[str, ...]
    """pmiptui snapshot files on the router, oldest first."""
    running: str
    """Normalised running-config (holds secrets: never display it)."""
    prior: str | None
    """The newest snapshot's config, normalised; None if there is none or it is unreadable."""

    @property
    def anything(self) -> bool:
        return self.pending is not None or bool(self.snapshots)

    @property
    def diff(self) -> ConfigDiff | None:
        """What the unfinished change did: the snapshot's PMIPv6 section against now."""
        return None if self.prior is None else config_diff(self.prior, self.running)


@dataclass(frozen=True, slots=True, kw_only=True)
class Settled:
    """How a recovery ended; texts masked."""

    router: str
    action: Action
    proven: bool
    """The end state was checked (revert: identical to the snapshot)."""
    detail: str
    removed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


def inspect(session: RouterSession) -> Unfinished:
    """Read what is unfinished on the router; ChangeRefused if a session holds its config."""
    lock = config_lock(session)
    if lock is not None:
        raise ChangeRefused(
            f"{session.target.name}'s configuration is locked exclusively by "
            f"{lock.describe()}; it is being changed now. Nothing was done."
        )
    pending = pending_change(session)
    found = tuple(snapshots(session))
    running = read_running(session)
    prior = _read_file(session, found[-1]) if found else None
    return Unfinished(
        router=session.target.name,
        pending=pending,
        snapshots=found,
        running=running,
        prior=prior,
    )


def _read_file(session: RouterSession, url: str) -> str | None:
    out = session.send(f"more {url}", read_timeout=SLOW_S, doing=f"reading {url}")
    if out.lstrip().startswith("%"):
        return None
    return normalize(out)


def settle(session: RouterSession, unfinished: Unfinished, action: Action) -> Settled:
    """Revert to the prior config or keep the current one, then remove the snapshots."""
    name = unfinished.router
    notes: list[str] = []
    if action is Action.KEEP:
        if unfinished.pending is not None:
            out = session.send("configure confirm", doing="confirming the pending change")
            if "%" in out:
                detail = f"`configure confirm` answered: {mask_secrets(out.strip())}"
                return Settled(router=name, action=action, proven=False, detail=detail)
            detail = "confirmed: the current configuration stays"
        else:
            detail = "kept the current configuration"
        proven = True
    else:
        proven, detail = _revert(session, unfinished)
    removed = tuple(u for u in unfinished.snapshots if proven and discard(session, u, notes))
    return Settled(
        router=name,
        action=action,
        proven=proven,
        detail=detail,
        removed=removed,
        notes=tuple(notes),
    )


def _revert(session: RouterSession, unfinished: Unfinished) -> tuple[bool, str]:
    """Back to the prior config; (proven, how)."""
    how = ""
    if unfinished.pending is not None:
        out = session.send("configure revert now", read_timeout=SLOW_S, doing="reverting")
        how = "`configure revert now`"
        if "%" in out:
            how = ""
    after = read_running(session)
    prior = unfinished.prior
    if prior is not None and after != prior and unfinished.snapshots:
        url = unfinished.snapshots[-1]
        session.send(f"configure replace {url} force", read_timeout=SLOW_S, doing="restoring")
        how = f"`configure replace {url} force`"
        after = read_running(session)
    if prior is None:
        if not how:
            return False, "nothing to revert to: no pending change and no readable snapshot"
        return True, f"reverted with {how} (no snapshot to compare with)"
    if after == prior:
        return (
            True,
            f"reverted with {how or 'nothing to do'}: running-config identical to the snapshot",
        )
    return False, f"after {how} the running-config still differs from the snapshot"
