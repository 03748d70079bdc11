"""A stable share of the fleet per poller: N pollers split routers with no coordinator.

A router belongs to shard `hash(name) mod N`, with a hash that is the same on every
machine and Python (SHA-1 of the name, not `hash()`, which is salted per process).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from pmiptui.errors import InputError

_SHARD = re.compile(r"(\d{1,4})/(\d{1,4})")


@dataclass(frozen=True, slots=True)
class Shard:
    """Share `index` (1-based) of `count`."""

    index: int = 1
    count: int = 1

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def owns(self, router: str) -> bool:
        """True when `router` is in this share."""
        digest = hashlib.sha1(router.encode("utf-8"), usedforsecurity=False).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    def pick(self, routers: Iterable[str]) -> list[str]:
        """The routers of this share, in the order given."""
        return [name for name in routers if self.owns(name)]


def parse_shard(text: str) -> Shard:
    """`K/N` (1 ≤ K ≤ N) as a Shard; InputError otherwise."""
    found = _SHARD.fullmatch(text.strip())
    if found is None:
        raise InputError(f"--shard {text[:20]!r}: give K/N, e.g. 1/2 (share 1 of 2)")
    index, count = int(found[1]), int(found[2])
    if not 1 <= index <= count:
        raise InputError(f"--shard {text}: K must be from 1 to N")
    return Shard(index, count)
