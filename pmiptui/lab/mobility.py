"""Seeded mobility of the lab's mobile nodes: attach, detach, refresh and roam, tick by tick.

Per-MN state is four flat arrays indexed by MN number (MAG, LMA, attach tick, sequence
base), so 128,000 MNs cost a few megabytes. Everything else (NAI, MAC, access technology,
home addresses, GRE keys, remaining lifetime, current sequence number) is derived
arithmetically from the MN number, the config (`Admission`) and the tick counter.
Refreshes are implicit: a binding re-registers every `refresh` ticks after it attached, so
remaining lifetime and sequence follow from the tick; per-path histograms of attach ticks
modulo the refresh period count those refreshes in O(1) per tick.
"""

from __future__ import annotations

from array import array
from random import Random

from pmiptui.lab.admission import (
    DEFAULT_LIFETIME,
    DEFAULT_MAXIMUM,
    DEFAULT_REFRESH,
    UNREACHABLE,
    Admission,
    Path,
    Reject,
    Route,
)
from pmiptui.lab.counters import Counters
from pmiptui.model.config import Heartbeat

WARMUP = 7200
"""Ticks the lab pretends to have run before it starts (counter and tunnel ages, uptimes)."""
ATTACHED_AT_START = 0.9
"""Share of MNs attached when the lab starts, so it looks alive at once."""
EVENTS_PER_TICK = 1 / 150
"""Attaches, detaches and roams per tick, each, as a share of the MN count (at least 1)."""
HEARTBEAT_INTERVAL = 30
HEARTBEAT_RETRIES = 3
ATT_CYCLE = (4, 8, 3, 5, 7)
"""Access technology types handed out to MNs in turn: WLAN, E-UTRAN, Ethernet, WiMAX, UTRAN."""


class Mobility:
    """Where every MN is attached, and the counters that signalling has moved."""

    def __init__(self, admission: Admission, mobile_nodes: int, seed: int) -> None:
        self.n = mobile_nodes
        self.rng = Random(seed)
        self.now = 0
        self.admission = admission
        self.mag = array("h", [-1]) * mobile_nodes
        """MAG index per MN, -1 when detached."""
        self.lma = array("h", [-1]) * mobile_nodes
        self.since = array("q", [0]) * mobile_nodes
        """Tick the MN attached to its current MAG."""
        self.seq = array("L", [0]) * mobile_nodes
        """Sequence number of the attach PBU; refreshes add one each."""
        self.mag_counters = [Counters(-WARMUP) for _ in admission.mags]
        self.lma_counters = [Counters(-WARMUP) for _ in admission.lmas]
        self.mag_count = [0] * len(admission.mags)
        self.lma_count = [0] * len(admission.lmas)
        self.pair_count: dict[tuple[int, int], int] = {}
        self.tunnel_since: dict[tuple[int, int], int] = {}
        self._hist: dict[tuple[int, int], array[int]] = {}
        self._missed: dict[tuple[str, int, int], int] = {}
        self._limits(admission)
        self._populate()

    # configuration ----------------------------------------------------------------------

    def _limits(self, admission: Admission) -> None:
        self.refresh: list[int] = []
        self.mag_max: list[int] = []
        for router in admission.mags:
            mag = router.mag()
            lifetime = (mag.binding_lifetime_sec if mag else None) or DEFAULT_LIFETIME
            refresh = (mag.binding_refresh_time_sec if mag else None) or DEFAULT_REFRESH
            self.refresh.append(max(1, min(refresh, lifetime)))
            self.mag_max.append((mag.binding_maximum if mag else None) or DEFAULT_MAXIMUM)
        self.lma_max = []
        for router in admission.lmas:
            lma = router.lma()
            self.lma_max.append((lma.bce_maximum if lma else None) or DEFAULT_MAXIMUM)

    def reconfigure(self, admission: Admission) -> None:
        """Follow a config change: end bindings the configs no longer allow, apply the caps."""
        self.admission = admission
        self._limits(admission)
        mags, lmas, since = self.mag, self.lma, self.since
        keep: list[int] = []
        for i in range(self.n):
            m = mags[i]
            if m < 0:
                continue
            route = admission.route(m, i)
            if isinstance(route, Route) and route.path.lma == lmas[i] and route.fits(i):
                keep.append(i)
            else:
                self._revoke(i)
        self.mag_count = [0] * len(admission.mags)
        self.lma_count = [0] * len(admission.lmas)
        for i in keep:
            m, lma = mags[i], lmas[i]
            if self.mag_count[m] >= self.mag_max[m] or self.lma_count[lma] >= self.lma_max[lma]:
                self._revoke(i)
                continue
            self.mag_count[m] += 1
            self.lma_count[lma] += 1
        self.pair_count = {}
        self._hist = {}
        for i in range(self.n):
            if mags[i] >= 0:
                key = (mags[i], lmas[i])
                self.pair_count[key] = self.pair_count.get(key, 0) + 1
                self._histogram(key)[since[i] % self.refresh[key[0]]] += 1
        self.tunnel_since = {k: v for k, v in self.tunnel_since.items() if k in self.pair_count}

    def _revoke(self, i: int) -> None:
        """The binding ends because of a config change: the LMA revokes it with a BRI."""
        m, lma = self.mag[i], self.lma[i]
        if self.admission.mags[m].mag() is not None and self.admission.lmas[lma].lma() is not None:
            self.lma_counters[lma].bri_sent += 1
            self.mag_counters[m].bri_received += 1
            self.mag_counters[m].bra_sent += 1
            self.lma_counters[lma].bra_received += 1
        self.mag_counters[m].bindings_deleted += 1
        self.lma_counters[lma].bindings_deleted += 1
        self.mag[i] = self.lma[i] = -1

    # the clock --------------------------------------------------------------------------

    def _populate(self) -> None:
        rng, mags = self.rng, len(self.admission.mags)
        if not mags:
            return
        for i in range(self.n):
            if rng.random() < ATTACHED_AT_START:
                m = rng.randrange(mags)
                self.attach(i, m, since=-rng.randrange(1, WARMUP), seq=rng.randrange(1, 500))

    def tick(self) -> None:
        """One second of mobility: refreshes, heartbeats, then a few attaches, detaches, roams."""
        self.now += 1
        self._refreshes()
        self._heartbeats()
        rng, n, mags = self.rng, self.n, len(self.admission.mags)
        if not n or not mags:
            return
        events = max(1, round(n * EVENTS_PER_TICK))
        for _ in range(events):
            i = self._pick(attached=True)
            if i is not None:
                self.detach(i)
            i = self._pick(attached=False)
            if i is not None:
                self.attach(i, rng.randrange(mags))
            i = self._pick(attached=True)
            if i is not None and mags > 1:
                self.roam(i, (self.mag[i] + rng.randrange(1, mags)) % mags)

    def _pick(self, *, attached: bool) -> int | None:
        for _ in range(8):
            i = self.rng.randrange(self.n)
            if (self.mag[i] >= 0) == attached:
                return i
        return None

    def _histogram(self, key: tuple[int, int]) -> array[int]:
        hist = self._hist.get(key)
        if hist is None:
            hist = self._hist[key] = array("l", [0]) * self.refresh[key[0]]
        return hist

    def _refreshes(self) -> None:
        for (m, lma), hist in self._hist.items():
            count = hist[self.now % len(hist)]
            if not count:
                continue
            resent = count // 50
            mc, lc = self.mag_counters[m], self.lma_counters[lma]
            mc.pbu_sent += count
            mc.pbu_resent += resent
            mc.pba_received += count
            mc.pba_accepted += count
            lc.pbu_received += count + resent
            lc.pba_sent += count
            lc.pba_accepted += count

    def _heartbeats(self) -> None:
        admission = self.admission
        for m, router in enumerate(admission.mags):
            mag = router.mag()
            if mag is None or mag.heartbeat is None:
                continue
            for peer in mag.lmas:
                path = admission.path(m, peer.id)
                self._beat("mag", m, path.lma if isinstance(path, Path) else -1, mag.heartbeat)
        for lma_index, router in enumerate(admission.lmas):
            lma = router.lma()
            if lma is None or lma.heartbeat is None:
                continue
            for m, mag_router in enumerate(admission.mags):
                mag = mag_router.mag()
                if mag is None or not any(p.id == mag.mag_id for p in lma.mags):
                    continue
                path = admission.path(m, lma.lma_id)
                ok = isinstance(path, Path) and path.lma == lma_index
                self._beat("lma", lma_index, m if ok else -1, lma.heartbeat)

    def _beat(self, side: str, own: int, peer: int, config: Heartbeat) -> None:
        interval = config.interval or HEARTBEAT_INTERVAL
        retries = config.retries or HEARTBEAT_RETRIES
        if self.now % interval:
            return
        mine = self.mag_counters[own] if side == "mag" else self.lma_counters[own]
        mine.hb_requests_sent += 1
        key = (side, own, peer)
        if peer < 0:
            self._missed[key] = self._missed.get(key, 0) + 1
            if self._missed[key] % retries == 0:
                mine.hb_failures += 1
            return
        theirs = self.lma_counters[peer] if side == "mag" else self.mag_counters[peer]
        theirs.hb_requests_received += 1
        theirs.hb_responses_sent += 1
        mine.hb_responses_received += 1

    # signalling -------------------------------------------------------------------------

    def attach(self, i: int, m: int, *, since: int | None = None, seq: int = 1) -> bool:
        """The MN attaches to MAG m: PBU, then PBA; True when it got a binding."""
        route = self.admission.route(m, i)
        mc = self.mag_counters[m]
        if isinstance(route, int):
            if route == UNREACHABLE:
                mc.pbu_sent += 1
                mc.pbu_resent += 2
            return False
        if isinstance(route, Reject):
            self._rejected(mc, route.lma, route.code)
            return False
        lma = route.path.lma
        if self.mag_count[m] >= self.mag_max[m]:
            mc.reject(130)
            return False
        if self.lma_count[lma] >= self.lma_max[lma] or not route.fits(i):
            self._rejected(mc, lma, 130)
            return False
        self._accepted(mc, self.lma_counters[lma])
        self._bind(i, m, lma, self.now if since is None else since, seq)
        self.lma_counters[lma].bindings_created += 1
        return True

    def detach(self, i: int) -> None:
        """The MN leaves: the MAG de-registers it (PBU with lifetime 0, PBA)."""
        m, lma = self.mag[i], self.lma[i]
        self._accepted(self.mag_counters[m], self.lma_counters[lma])
        self._unbind(i)
        self.lma_counters[lma].bindings_deleted += 1

    def roam(self, i: int, new: int) -> None:
        """The MN moves to MAG `new`: the LMA moves its binding and revokes the old one (BRI)."""
        old, lma = self.mag[i], self.lma[i]
        route = self.admission.route(new, i)
        if (
            not isinstance(route, Route)
            or route.path.lma != lma
            or self.mag_count[new] >= self.mag_max[new]
        ):
            self.detach(i)
            self.attach(i, new)
            return
        seq = self.sequence(i) + 1
        lc, oc = self.lma_counters[lma], self.mag_counters[old]
        self._accepted(self.mag_counters[new], lc)
        lc.bri_sent += 1
        oc.bri_received += 1
        oc.bra_sent += 1
        lc.bra_received += 1
        self._unbind(i)
        self._bind(i, new, lma, self.now, seq)

    def _rejected(self, mc: Counters, lma: int, code: int) -> None:
        lc = self.lma_counters[lma]
        mc.pbu_sent += 1
        lc.pbu_received += 1
        lc.pba_sent += 1
        lc.reject(code)
        mc.pba_received += 1
        mc.reject(code)

    def _accepted(self, mc: Counters, lc: Counters) -> None:
        mc.pbu_sent += 1
        mc.pba_received += 1
        mc.pba_accepted += 1
        lc.pbu_received += 1
        lc.pba_sent += 1
        lc.pba_accepted += 1

    def _bind(self, i: int, m: int, lma: int, since: int, seq: int) -> None:
        self.mag[i], self.lma[i], self.since[i], self.seq[i] = m, lma, since, seq
        self.mag_count[m] += 1
        self.lma_count[lma] += 1
        key = (m, lma)
        count = self.pair_count.get(key, 0) + 1
        self.pair_count[key] = count
        if count == 1:
            self.tunnel_since[key] = min(since, self.now)
        self._histogram(key)[since % self.refresh[m]] += 1
        mc, lc = self.mag_counters[m], self.lma_counters[lma]
        mc.bindings_created += 1
        mc.bindings_max = max(mc.bindings_max, self.mag_count[m])
        lc.bindings_max = max(lc.bindings_max, self.lma_count[lma])

    def _unbind(self, i: int) -> None:
        m, lma = self.mag[i], self.lma[i]
        key = (m, lma)
        self._histogram(key)[self.since[i] % self.refresh[m]] -= 1
        self.pair_count[key] -= 1
        if not self.pair_count[key]:
            del self.pair_count[key]
            self.tunnel_since.pop(key, None)
        self.mag_count[m] -= 1
        self.lma_count[lma] -= 1
        self.mag_counters[m].bindings_deleted += 1
        self.mag[i] = self.lma[i] = -1

    # derived per-MN values --------------------------------------------------------------

    def sequence(self, i: int) -> int:
        """Sequence number of the MN's last PBU (attach plus one per refresh)."""
        return self.seq[i] + (self.now - self.since[i]) // self.refresh[self.mag[i]]

    def remaining(self, i: int, lifetime: int) -> int:
        """Seconds left of the binding's lifetime since its last refresh."""
        return max(0, lifetime - (self.now - self.since[i]) % self.refresh[self.mag[i]])


def nai(i: int, realm: str) -> str:
    """The MN's identifier: `mn00001@realm` for MN 0."""
    return f"mn{i + 1:05d}@{realm}"


def llid(i: int) -> str:
    """The MN's stable MAC address (locally administered), dotted."""
    value = 0x02AB_0000_0000 + i
    return f"{value >> 32:04x}.{(value >> 16) & 0xFFFF:04x}.{value & 0xFFFF:04x}"


def att(i: int) -> int:
    """The MN's access technology type."""
    return ATT_CYCLE[i % len(ATT_CYCLE)]


def gre_keys(i: int) -> tuple[int, int]:
    """Uplink and downlink GRE keys of the MN's binding (unique per MN)."""
    return 1_000_000 + i, 2_000_000 + i
