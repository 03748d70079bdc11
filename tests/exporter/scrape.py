"""Test helpers: poll records of a MAG and an LMA, and a scrape read back with the parser."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families
from prometheus_client.registry import CollectorRegistry

from pmiptui.model.globals import LmaGlobals, MagGlobals
from pmiptui.model.poll import PollResult, RouterInfo
from pmiptui.model.stats import PmipStats, StatusCount
from pmiptui.model.tunnels import Tunnel

LMA = RouterInfo(name="lma1", host="192.0.2.1", role="lma", domain="D1", poll_interval_sec=5.0)
MAG = RouterInfo(name="mag1", host="192.0.2.11", role="mag")
T0 = 1_700_000_000.0


@dataclass(frozen=True, slots=True)
class Scrape:
    """One exposition parsed back: sample values by (name, labels), family types by name."""

    values: dict[tuple[str, frozenset[tuple[str, str]]], float]
    types: dict[str, str]
    text: str

    def value(self, name: str, **labels: str) -> float | None:
        """The sample `name` with exactly `labels`, or None when absent."""
        return self.values.get((name, frozenset(labels.items())))

    def names(self, router: str | None = None) -> set[str]:
        """Names of the samples present (of one router when given)."""
        return {
            name for name, labels in self.values if router is None or ("router", router) in labels
        }


def parse(text: str) -> Scrape:
    """Read an exposition back with prometheus_client's own parser."""
    values: dict[tuple[str, frozenset[tuple[str, str]]], float] = {}
    types: dict[str, str] = {}
    for family in text_string_to_metric_families(text):
        types[family.name] = family.type
        for sample in family.samples:
            values[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return Scrape(values=values, types=types, text=text)


def scrape(registry: CollectorRegistry) -> Scrape:
    """What Prometheus would get from `registry` now."""
    return parse(generate_latest(registry).decode())


def lma_stats(accepted: int = 900, rejected: int = 12) -> PmipStats:
    """LMA counters with two rejecting status codes."""
    return PmipStats(
        bindings_current=3,
        pbu_sent=0,
        pbu_resent=0,
        pbu_received=accepted + rejected + 5,
        pbu_dropped=5,
        pba_sent=accepted + rejected,
        pba_received=0,
        pba_accepted=accepted,
        pba_rejected=rejected,
        bri_sent=1,
        heartbeat_failures=2,
        pba_rejected_by_status=[
            StatusCount(code=130, name="INSUFFICIENT_RESOURCES", count=rejected - 2),
            StatusCount(code=153, name="NOT_LMA_FOR_THIS_MOBILE_NODE", count=2),
        ],
    )


def lma_poll(started: float = T0, **changes: object) -> PollResult:
    """A successful LMA poll that fetched every kind: 3 bindings of 1000, 2 of 3 tunnels up."""
    fields: dict[str, object] = {
        "router": LMA.name,
        "started": started,
        "finished": started + 0.25,
        "globals": LmaGlobals(domain="D1", lma_id="LMA1", max_bindings=1000),
        "binding_total": 3,
        "tunnels": [
            Tunnel(name="Tunnel0", peer_id="MAG1", up=True, bindings=2),
            Tunnel(name="Tunnel1", peer_id="MAG2", up=True, bindings=1),
            Tunnel(name="Tunnel2", peer_id="MAG1", up=False, bindings=0),
            Tunnel(name="Tunnel3", up=None),
        ],
        "stats": lma_stats(),
        "unparsed": 1,
    }
    return _poll(fields, changes)


def mag_poll(started: float = T0, **changes: object) -> PollResult:
    """A successful MAG poll: its globals print a limit, which is not an LMA's bce maximum."""
    fields: dict[str, object] = {
        "router": MAG.name,
        "started": started,
        "finished": started + 0.5,
        "globals": MagGlobals(domain="D1", mag_id="MAG1", max_bindings=50),
        "binding_total": 2,
        "tunnels": [Tunnel(name="Tunnel0", peer_id="LMA1", up=True, bindings=2)],
        "stats": PmipStats(
            pbu_sent=240, pbu_resent=4, pba_received=238, pba_accepted=230, pba_rejected=8
        ),
    }
    return _poll(fields, changes)


def _poll(fields: dict[str, object], changes: dict[str, object]) -> PollResult:
    """A PollResult of `fields` with `changes` over them."""
    return PollResult(**{**fields, **changes})  # type: ignore[arg-type]


def failed_poll(info: RouterInfo, started: float) -> PollResult:
    """A poll that timed out after 30 s."""
    return PollResult(
        router=info.name,
        started=started,
        finished=started + 30,
        error="timed out",
        error_title="Timeout",
    )
