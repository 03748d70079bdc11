"""A deterministic fleet for console tests: 1 LMA + 2 MAGs, seeded bindings, frozen clock.

Controls let a test add, remove and change bindings between polls, make a router fail
(auth, timeout), hang until released, or answer slowly. Records are the real record
types; the bindings' raw text is rendered in the lab's `show … binding` format.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from pmiptui.lab.render_bindings import ATT_NAMES, binding_block
from pmiptui.model.bindings import Binding
from pmiptui.model.drift import Drift, DriftLine
from pmiptui.model.globals import LmaGlobals, LmaNetwork, MagGlobals, PeerGlobals
from pmiptui.model.poll import CommandRun, PollResult, RouterInfo
from pmiptui.model.stats import PmipStats, StatusCount
from pmiptui.model.tunnels import Tunnel
from pmiptui.model.version import DeviceVersion

EPOCH = 1_700_000_000.0
"""The fake clock's start: 2023-11-14 22:13:20 UTC."""
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LMA_ADDRESS = "2001:db8:0:ffff::1"
MAG_ADDRESSES = {"MAG1": "2001:db8:0:ffff::21", "MAG2": "2001:db8:0:ffff::22"}
COMMANDS = {
    "globals": "show ipv6 mobile pmipv6 {side} globals",
    "bindings": "show ipv6 mobile pmipv6 {side} binding",
    "binding_total": "show ipv6 mobile pmipv6 {side} binding | include ^Total",
    "stats": "show ipv6 mobile pmipv6 {side} stats",
    "tunnels": "show ipv6 mobile pmipv6 {side} tunnel",
    "config": "show running-config | section ipv6 mobile",
    "version": "show version",
}
LAB_VERSION = DeviceVersion(release="16.07.01", platform="ASR1001-X")
"""What every fake router's `show version` says unless told otherwise (a checked release)."""
HANG_LIMIT_SEC = 30.0
"""A hung poll gives up after this long even if the test forgets to release it."""


class FakeClock:
    """Epoch seconds that move only when a test says so."""

    def __init__(self, start: float = EPOCH) -> None:
        self.now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def advance(self, seconds: float) -> None:
        """Move time forward."""
        with self._lock:
            self.now += seconds


@dataclass
class FakeRouter:
    """One simulated router's state and its faults."""

    info: RouterInfo
    bindings: dict[str, Binding] = field(default_factory=dict)
    error: tuple[str, str] | None = None
    retry_in: float | None = None
    """Seconds from each failed poll to the poller's next try (`PollResult.retry_at`)."""
    delay_sec: float = 0.0
    hang: threading.Event | None = None
    latency_ms: int = 40
    polls: int = 0
    raw_cache: str | None = None
    drift: dict[str, list[str]] = field(default_factory=dict)
    """Lines the parser leaves of each kind's output, per kind (`FakePoller.drift`)."""
    version: DeviceVersion = field(default_factory=lambda: LAB_VERSION)
    """What `show version` says (`FakePoller.set_version`); the lab's release by default."""

    @property
    def side(self) -> str:
        return self.info.role


def mn_binding(i: int, *, mag: str, side: str, rng: random.Random) -> Binding:
    """Mobile node `i` as the MAG (side=mag) or the LMA (side=lma) sees it."""
    att = rng.choice([3, 4, 8])
    encap = "gre-ipv4" if i % 3 == 0 else "ipv6-in-ipv6"
    common = dict(
        nai=f"mn{i:06d}@example.com",
        domain="D1",
        state="BCE_ACTIVE" if i % 11 else "BCE_PENDING",
        ipv4_home_address=f"10.{10 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}",
        att=att,
        att_name=ATT_NAMES[att],
        llid=f"0050.56{i >> 16 & 255:02x}.{i & 0xFFFF:04x}",
        lifetime_sec=3600,
        remaining_sec=3600 - (i % 600),
        sequence=1 + i % 50,
        tunnel="Tunnel0" if mag == "MAG1" or side == "mag" else "Tunnel1",
        encap=encap,
        gre_key_up=1000 + i if encap == "gre-ipv4" else None,
        gre_key_down=50000 + i if encap == "gre-ipv4" else None,
        uptime_sec=100 + i % 5000,
        ipv6_hnps=[f"2001:db8:{1 + (i >> 16)}:{i & 0xFFFF:x}::/64"] if i % 4 else [],
    )
    if side == "mag":
        return Binding(
            **common,
            interface="GigabitEthernet0/0/1",
            peer_id="LMA1",
            peer_address=LMA_ADDRESS,
        )
    return Binding(
        **common,
        interface="GigabitEthernet0/0/0",
        peer_id=mag,
        peer_address=MAG_ADDRESSES[mag],
        network="network1",
    )


class FakePoller:
    """Implements `pmiptui.ports.Poller` over an in-memory fleet."""

    def __init__(
        self,
        *,
        bindings: int = 24,
        seed: int = 7,
        interval: float = 5.0,
        clock: FakeClock | None = None,
        lma_only: bool = False,
    ) -> None:
        self.clock = clock or FakeClock()
        """The frozen clock; pass it to `PmipApp(clock=…)`."""
        self._lock = threading.Lock()
        self._rng = random.Random(seed)
        self._next = bindings
        self.closed = False
        names = [("lma1", "lma", "LMA1")]
        if not lma_only:
            names += [("mag1", "mag", "MAG1"), ("mag2", "mag", "MAG2")]
        self._routers = {
            name: FakeRouter(
                RouterInfo(
                    name=name,
                    host="127.0.0.1",
                    port=2200 + index,
                    role=role,
                    pmipv6_id=ident,
                    domain="D1",
                    poll_interval_sec=interval,
                )
            )
            for index, (name, role, ident) in enumerate(names)
        }
        for i in range(bindings):
            self._attach(i, "MAG1" if i % 2 == 0 else "MAG2")
        self._configs = {
            "lma": (FIXTURES / "running-config" / "lma_detailed.txt").read_text(),
            "mag": (FIXTURES / "running-config" / "mag_detailed.txt").read_text(),
        }

    # --- the Poller protocol -------------------------------------------------------

    def routers(self) -> list[RouterInfo]:
        return [r.info for r in self._routers.values()]

    def poll(self, router: str, kinds: Iterable[str]) -> PollResult:
        r = self._routers[router]
        hang = r.hang
        if hang is not None:
            hang.wait(HANG_LIMIT_SEC)
        if r.delay_sec:
            time.sleep(r.delay_sec)
        with self._lock:
            return self._result(r, list(kinds))

    def close(self) -> None:
        self.closed = True
        self.release()

    # --- controls -------------------------------------------------------------------

    def add_binding(self, mag: str = "MAG1") -> str:
        """A new mobile node attaches through `mag`; returns its NAI."""
        with self._lock:
            i = self._next
            self._next += 1
            self._attach(i, mag)
            return f"mn{i:06d}@example.com"

    def remove_binding(self, nai: str) -> None:
        """The mobile node detaches everywhere."""
        with self._lock:
            for r in self._routers.values():
                if r.bindings.pop(nai, None) is not None:
                    r.raw_cache = None

    def modify_binding(self, nai: str, **changes: object) -> None:
        """Change fields of a binding on every router that holds it."""
        with self._lock:
            for r in self._routers.values():
                if nai in r.bindings:
                    r.bindings[nai] = replace(r.bindings[nai], **changes)  # type: ignore[arg-type]
                    r.raw_cache = None

    def fail(
        self,
        router: str,
        message: str,
        title: str = "Authentication failed",
        *,
        retry_in: float | None = None,
    ) -> None:
        """Every poll of `router` fails with this error until `recover`; with `retry_in`,
        as the SSH poller's do while it backs off (next try that many seconds on)."""
        self._routers[router].error = (message, title)
        self._routers[router].retry_in = retry_in

    def drift(self, router: str, kind: str, *lines: str) -> None:
        """Polls of `router` that fetch `kind` leave `lines` not understood (none: clean)."""
        self._routers[router].drift[kind] = list(lines)

    def set_version(self, router: str, release: str, platform: str = "ASR1001-X") -> None:
        """`show version` of `router` says `release` from its next fetch (on connect)."""
        self._routers[router].version = DeviceVersion(release=release, platform=platform)

    def recover(self, router: str) -> None:
        self._routers[router].error = None

    def hang(self, router: str) -> None:
        """Polls of `router` block until `release` (or HANG_LIMIT_SEC)."""
        self._routers[router].hang = threading.Event()

    def slow(self, router: str, seconds: float) -> None:
        """Polls of `router` take `seconds` of real time."""
        self._routers[router].delay_sec = seconds

    def release(self) -> None:
        """Unblock every hung poll."""
        for r in self._routers.values():
            if r.hang is not None:
                r.hang.set()
                r.hang = None

    def polls(self, router: str) -> int:
        return self._routers[router].polls

    def bindings_of(self, router: str) -> list[Binding]:
        return list(self._routers[router].bindings.values())

    # --- building results ---------------------------------------------------------

    def _attach(self, i: int, mag: str) -> None:
        mag_name = mag.lower()
        if mag_name in self._routers:
            b = mn_binding(i, mag=mag, side="mag", rng=random.Random(i))
            self._routers[mag_name].bindings[b.nai] = b
            self._routers[mag_name].raw_cache = None
        b = mn_binding(i, mag=mag, side="lma", rng=random.Random(i))
        self._routers["lma1"].bindings[b.nai] = b
        self._routers["lma1"].raw_cache = None

    def _result(self, r: FakeRouter, kinds: list[str]) -> PollResult:
        r.polls += 1
        started = self.clock()
        finished = started + r.latency_ms / 1000
        side = r.side
        step = r.latency_ms // max(1, len(kinds))
        if r.error is not None:
            message, title = r.error
            run = CommandRun(command="(login)", started=started, duration_ms=step, result=message)
            return PollResult(
                router=r.info.name,
                started=started,
                finished=finished,
                error=message,
                error_title=title,
                retry_at=None if r.retry_in is None else started + r.retry_in,
                commands=[run],
            )
        commands = [
            CommandRun(
                command=COMMANDS[k].format(side=side),
                started=started + n * step / 1000,
                duration_ms=step,
                result="ok",
            )
            for n, k in enumerate(kinds)
        ]
        bindings = list(r.bindings.values())
        if r.raw_cache is None:
            r.raw_cache = _raw_bindings(side, bindings)
        fetched = dict.fromkeys(kinds, started)
        if "bindings" in kinds:
            fetched["binding_total"] = started
        counted = "bindings" in kinds or "binding_total" in kinds
        return PollResult(
            router=r.info.name,
            started=started,
            finished=finished,
            globals=self._globals(r) if "globals" in kinds else None,
            bindings=bindings if "bindings" in kinds else None,
            binding_total=len(bindings) if counted else None,
            stats=self._stats(r, len(bindings)) if "stats" in kinds else None,
            tunnels=self._tunnels(r, bindings) if "tunnels" in kinds else None,
            config=self._configs[side] if "config" in kinds else None,
            version=r.version if "version" in kinds else None,
            raw={"bindings": r.raw_cache} if "bindings" in kinds else {},
            commands=commands,
            fetched=fetched,
            unparsed=sum(len(r.drift.get(k, ())) for k in kinds),
            drift=[
                Drift(
                    kind=k,
                    command=COMMANDS[k].format(side=side),
                    unparsed=len(r.drift[k]),
                    lines=[DriftLine(number=40 + n, text=t) for n, t in enumerate(r.drift[k])],
                )
                for k in kinds
                if r.drift.get(k)
            ],
        )

    def _globals(self, r: FakeRouter) -> MagGlobals | LmaGlobals:
        settings = dict(
            max_hnps=4,
            max_bindings=200_000 if r.side == "lma" else 100_000,
            auth_option=True,
            registration_lifetime_sec=3600,
            refresh_time_sec=300,
            timestamp_option=True,
            validity_window=7,
            bri_encap_type="ipv6-in-ipv6",
        )
        if r.side == "mag":
            return MagGlobals(
                domain="D1",
                mag_id=r.info.pmipv6_id or r.info.name,
                mn_detach_discover=True,
                local_routing=False,
                interfaces=["GigabitEthernet0/0/1"],
                peers=[PeerGlobals(name="LMA1", max_bindings=100_000, auth_option=True)],
                **settings,  # type: ignore[arg-type]
            )
        return LmaGlobals(
            domain="D1",
            lma_id="LMA1",
            aaa_accounting=False,
            default_mn_profile="default",
            networks=[LmaNetwork(name="network1", ipv4_pool="10.10.0.0", ipv4_prefix_length=16)],
            peers=[PeerGlobals(name=m, max_bindings=100_000) for m in ("MAG1", "MAG2")],
            **settings,  # type: ignore[arg-type]
        )

    def _stats(self, r: FakeRouter, current: int) -> PmipStats:
        n = r.polls
        rejected = 2 * n + (1 if r.side == "mag" else 0)
        return PmipStats(
            bindings_current=current,
            bindings_max=current + 3,
            bindings_created=current + 10 * n,
            bindings_deleted=10 * n,
            pbu_sent=0 if r.side == "lma" else current + 20 * n,
            pbu_received=current + 20 * n if r.side == "lma" else 0,
            pbu_dropped=0,
            pba_sent=current + 20 * n if r.side == "lma" else 0,
            pba_received=0 if r.side == "lma" else current + 20 * n,
            pba_accepted=current + 20 * n - rejected,
            pba_rejected=rejected,
            heartbeat_requests_sent=12 * n,
            heartbeat_responses_received=12 * n,
            heartbeat_failures=0,
            counters_age_sec=86_400 + 5 * n,
            pba_rejected_by_status=[
                StatusCount(code=129, name="ADMINISTRATIVELY_PROHIBITED", count=rejected // 2),
                StatusCount(code=156, name="TIMESTAMP_MISMATCH", count=rejected - rejected // 2),
            ],
        )

    def _tunnels(self, r: FakeRouter, bindings: list[Binding]) -> list[Tunnel]:
        if r.side == "mag":
            source = MAG_ADDRESSES[r.info.pmipv6_id or "MAG1"]
            return [
                Tunnel(
                    name="Tunnel0",
                    peer_id="LMA1",
                    up=True,
                    source=source,
                    destination=LMA_ADDRESS,
                    encap="ipv6-in-ipv6",
                    mtu_bytes=1460,
                    bindings=len(bindings),
                    uptime_sec=86_400,
                ),
                Tunnel(
                    name="Tunnel1",
                    peer_id="LMA2",
                    up=False,
                    source="192.0.2.11",
                    destination="192.0.2.2",
                    encap="gre-ipv4",
                    vrf="CUSTOMER-A",
                    bindings=0,
                    uptime_sec=0,
                ),
            ]
        return [
            Tunnel(
                name=f"Tunnel{n}",
                peer_id=mag,
                up=True,
                source=LMA_ADDRESS,
                destination=MAG_ADDRESSES[mag],
                encap="ipv6-in-ipv6",
                mtu_bytes=1460,
                bindings=sum(1 for b in bindings if b.peer_id == mag),
                uptime_sec=86_400,
            )
            for n, mag in enumerate(("MAG1", "MAG2"))
        ]


def _raw_bindings(side: str, bindings: list[Binding]) -> str:
    """The bindings as `show ipv6 mobile pmipv6 {mag|lma} binding` prints them."""
    blocks = [
        binding_block(
            domain=b.domain,
            nai=b.nai,
            state=b.state or "BCE_ACTIVE",
            interface=b.interface or "",
            hoa=b.ipv4_home_address,
            att=b.att or 3,
            llid=b.llid or "",
            hnps=b.ipv6_hnps,
            network=b.network,
            peer_role="LMA" if side == "mag" else "MAG",
            peer_id=b.peer_id or "",
            peer_address=b.peer_address or "",
            lifetime=b.lifetime_sec or 0,
            remaining=b.remaining_sec or 0,
            sequence=b.sequence or 0,
            tunnel=b.tunnel or "",
            encap=b.encap or "ipv6-in-ipv6",
            gre=(b.gre_key_up, b.gre_key_down) if b.gre_key_up is not None else None,
            uptime=b.uptime_sec or 0,
        )
        for b in bindings
    ]
    return f"Total {side.upper()} bindings : {len(bindings)}\n" + "".join(blocks)
