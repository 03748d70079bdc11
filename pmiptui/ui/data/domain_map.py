"""The domain map as text: per PMIPv6 domain, each LMA with a branch to every MAG it tunnels to.

Pure layout (no Textual): routers and their last tunnels in, lines and style spans out.
The routers come from the live states or, while replaying, from the recorded moment.
Spans carry style keys (`up`, `down`, `stale`, `lma`, `mag`, `peer`, `title`, `status:OK`…)
that the widget turns into theme colours, so this module never names a colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pmiptui.model.poll import RouterInfo
from pmiptui.ports import RecordedTunnel
from pmiptui.ui.data import router_state as rs
from pmiptui.ui.data.replay import UNKNOWN, ReplayFrame, recorded_status

UP, DOWN, STALE = "up", "down", "stale"
"""Edge states; STALE also covers a tunnel whose state nobody reported."""
EDGE_GLYPH = {UP: "─", DOWN: "╌", STALE: "┄"}
"""Each state has its own line, so the map reads without colour too."""
EDGE_WIDTH = 14
"""Characters between the LMA's trunk and a MAG's box, label included."""
TRUNK = 3
"""Column of the vertical trunk under an LMA box."""
NO_DOMAIN = "(no domain)"


@dataclass(frozen=True, slots=True, kw_only=True)
class MapTunnel:
    """One tunnel as a router reported it."""

    peer_id: str
    up: bool | None
    bindings: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MapRouter:
    """A router of the fleet as the map needs it."""

    name: str
    role: str
    """`mag` or `lma`."""
    ident: str
    """Its MAG or LMA identifier, the id peers' tunnels name."""
    domain: str | None
    status: str
    """OK, STALE, ERROR, PAUSED, WAIT or (replay) UNKNOWN; STALE and ERROR draw every edge
    as stale."""
    tunnels: tuple[MapTunnel, ...] | None = ()
    """From its last good poll; None when no poll reported them (unknown, not none)."""

    @property
    def stale(self) -> bool:
        """True when what it reports is not current."""
        return self.status in rs.FAULTS


@dataclass(frozen=True, slots=True)
class Span:
    """Style key `style` over `line[start:end]`."""

    line: int
    start: int
    end: int
    style: str


@dataclass(frozen=True, slots=True)
class Edge:
    """A tunnel between an LMA and a MAG, merged from both ends' reports."""

    lma: str
    mag: str
    state: str
    bindings: int | None


@dataclass(slots=True)
class Drawing:
    """Lines of text and the style spans over them."""

    lines: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def width(self) -> int:
        """The longest line."""
        return max((len(line) for line in self.lines), default=0)

    def add(self, *parts: tuple[str, str | None]) -> None:
        """A line made of (text, style key or None) parts."""
        row = len(self.lines)
        column = 0
        text = []
        for part, style in parts:
            if style and part:
                self.spans.append(Span(row, column, column + len(part), style))
            text.append(part)
            column += len(part)
        self.lines.append("".join(text))


@dataclass(frozen=True, slots=True)
class _Node:
    ident: str
    role: str
    name: str | None
    """Inventory name; None for a peer that is not in the inventory."""
    status: str | None


def edges(routers: Sequence[MapRouter]) -> list[Edge]:
    """Every LMA-MAG tunnel, once, from whichever ends reported it.

    A tunnel is stale when either end is a STALE/ERROR router or no report says up or down;
    otherwise down when any current report says down. The binding count comes from a
    current report, the LMA's first.
    """
    by_ident = {r.ident.lower(): r for r in routers}
    reports: dict[tuple[str, str], list[tuple[MapRouter, MapTunnel]]] = {}
    order: list[tuple[str, str]] = []
    for router in sorted(routers, key=lambda r: r.role != "lma"):
        for tunnel in router.tunnels or ():
            peer = by_ident.get(tunnel.peer_id.lower())
            peer_ident = peer.ident if peer is not None else tunnel.peer_id
            pair = (
                (router.ident, peer_ident) if router.role == "lma" else (peer_ident, router.ident)
            )
            key = (pair[0].lower(), pair[1].lower())
            if key not in reports:
                reports[key] = []
                order.append(pair)
            reports[key].append((router, tunnel))
    out = []
    for lma, mag in order:
        found = reports[(lma.lower(), mag.lower())]
        ends = [by_ident.get(lma.lower()), by_ident.get(mag.lower())]
        current = [t for r, t in found if not r.stale]
        if any(e is not None and e.stale for e in ends) or not current:
            state = STALE
        elif any(t.up is False for t in current):
            state = DOWN
        elif any(t.up for t in current):
            state = UP
        else:
            state = STALE
        counts = [t.bindings for t in current if t.bindings is not None]
        counts += [t.bindings for _r, t in found if t.bindings is not None]
        out.append(Edge(lma, mag, state, counts[0] if counts else None))
    return out


def _domain_of(router: MapRouter) -> str:
    return router.domain or NO_DOMAIN


def layout(routers: Sequence[MapRouter]) -> Drawing:
    """The whole map: one section per domain, in order of first appearance."""
    drawing = Drawing()
    all_edges = edges(routers)
    by_ident = {r.ident.lower(): r for r in routers}
    domains: dict[str, list[MapRouter]] = {}
    for router in routers:
        domains.setdefault(_domain_of(router), []).append(router)
    if not routers:
        drawing.add(("no routers yet", "muted"))
        return drawing
    for index, (domain, members) in enumerate(domains.items()):
        if index:
            drawing.add(("", None))
        idents = {m.ident.lower() for m in members}
        mine = [e for e in all_edges if e.lma.lower() in idents or e.mag.lower() in idents]
        _domain(drawing, domain, members, mine, by_ident)
    return drawing


def _domain(
    drawing: Drawing,
    domain: str,
    members: list[MapRouter],
    domain_edges: list[Edge],
    by_ident: dict[str, MapRouter],
) -> None:
    lmas = [m.ident for m in members if m.role == "lma"]
    for edge in domain_edges:
        if edge.lma.lower() not in {i.lower() for i in lmas}:
            lmas.append(edge.lma)
    drawing.add((f"Domain {domain}", "title"), (f"  {len(lmas)} LMA", "muted"))
    connected = {e.mag.lower() for e in domain_edges}
    for lma in lmas:
        branches = [e for e in domain_edges if e.lma.lower() == lma.lower()]
        _lma(drawing, _node(lma, "lma", by_ident), branches, by_ident)
    alone = [m for m in members if m.role != "lma" and m.ident.lower() not in connected]
    for heading, known in (("No tunnel:", True), ("Tunnels unknown:", False)):
        listed = [m for m in alone if (m.tunnels is not None) == known]
        if listed:
            drawing.add((heading, "muted"))
        for mag in listed:
            _box(drawing, _node(mag.ident, mag.role, by_ident), indent=TRUNK)


def _node(ident: str, role: str, by_ident: dict[str, MapRouter]) -> _Node:
    router = by_ident.get(ident.lower())
    if router is None:
        return _Node(ident=ident, role=role, name=None, status=None)
    return _Node(ident=router.ident, role=router.role, name=router.name, status=router.status)


def _label_parts(node: _Node) -> list[tuple[str, str | None]]:
    """The box's one line of text, with the role and status styled."""
    if node.name is None:
        return [(node.ident, "peer"), ("  not polled", "muted")]
    shown = node.ident if node.ident.lower() == node.name.lower() else f"{node.ident} ({node.name})"
    return [
        (node.role.upper() + " ", node.role),
        (shown, "name"),
        ("  ", None),
        (node.status or "", "muted" if node.status == UNKNOWN else f"status:{node.status}"),
    ]


def _box(drawing: Drawing, node: _Node, *, indent: int, bottom_tee: bool = False) -> None:
    """A three-line box at `indent`; `bottom_tee` puts the trunk's start in its bottom edge."""
    parts = _label_parts(node)
    inner = sum(len(p) for p, _s in parts) + 2
    pad = " " * indent
    border = "peer" if node.name is None else "box"
    drawing.add((pad, None), ("┌" + "─" * inner + "┐", border))
    drawing.add((pad, None), ("│ ", border), *parts, (" │", border))
    if bottom_tee:
        left = TRUNK - indent - 1
        bottom = "└" + "─" * left + "┬" + "─" * (inner - left - 1) + "┘"
    else:
        bottom = "└" + "─" * inner + "┘"
    drawing.add((pad, None), (bottom, border))


def _lma(
    drawing: Drawing, node: _Node, branches: list[Edge], by_ident: dict[str, MapRouter]
) -> None:
    _box(drawing, node, indent=0, bottom_tee=bool(branches))
    for n, edge in enumerate(branches):
        last = n == len(branches) - 1
        mag = _node(edge.mag, "mag", by_ident)
        parts = _label_parts(mag)
        inner = sum(len(p) for p, _s in parts) + 2
        border = "peer" if mag.name is None else "box"
        trunk = " " * TRUNK
        at = EDGE_WIDTH + 1
        drawing.add(
            (trunk, None), ("│", "trunk"), (" " * (at - 1), None), ("┌" + "─" * inner + "┐", border)
        )
        glyph = EDGE_GLYPH[edge.state]
        label = f" {'?' if edge.bindings is None else edge.bindings} "
        run = EDGE_WIDTH - len(label)
        left = max(1, run // 2)
        right = max(1, run - left)
        drawing.add(
            (trunk, None),
            ("└" if last else "├", "trunk"),
            (glyph * left + label + glyph * right + "┤", edge.state),
            (" ", border),
            *parts,
            (" │", border),
        )
        drawing.add(
            (trunk, None),
            (" " if last else "│", "trunk"),
            (" " * (at - 1), None),
            ("└" + "─" * inner + "┘", border),
        )


def legend() -> Drawing:
    """One line naming the edge states and what the number on an edge is."""
    drawing = Drawing()
    drawing.add(
        (EDGE_GLYPH[UP] * 3 + " up", UP),
        ("  ", None),
        (EDGE_GLYPH[DOWN] * 3 + " down", DOWN),
        ("  ", None),
        (EDGE_GLYPH[STALE] * 3 + " stale/unknown", STALE),
        ("   n = bindings on the tunnel", "muted"),
    )
    return drawing


def map_routers(states: Iterable[rs.RouterState], now: float, paused: bool) -> list[MapRouter]:
    """The console's router states as map input: tunnels and domain from the last good poll."""
    out = []
    for state in sorted(states, key=lambda s: s.order):
        good = state.last_ok
        tunnels = good.tunnels if good is not None else None
        domain = good.globals.domain if good is not None and good.globals else None
        out.append(_map_router(state.info, domain, state.status(now, paused), tunnels))
    return out


def replayed_routers(states: Iterable[rs.RouterState], frame: ReplayFrame) -> list[MapRouter]:
    """The routers as recorded at the replayed moment: nothing live mixed in, none invented.

    Status comes from each router's last recorded poll (see `recorded_status`), tunnels from
    its last recorded poll that brought them back; without a record both are unknown.
    """
    out = []
    for state in sorted(states, key=lambda s: s.order):
        poll = frame.polls.get(state.name)
        domain = poll.summary.get("domain") if poll is not None else None
        status = recorded_status(poll, frame.at, state.info.poll_interval_sec)
        out.append(_map_router(state.info, domain, status, frame.tunnels.get(state.name)))
    return out


def _map_router(
    info: RouterInfo, domain: str | None, status: str, tunnels: Iterable[RecordedTunnel] | None
) -> MapRouter:
    """Map input for one router; the inventory's domain when no poll named one."""
    known = None
    if tunnels is not None:
        known = tuple(
            MapTunnel(peer_id=t.peer_id, up=t.up, bindings=t.bindings) for t in tunnels if t.peer_id
        )
    return MapRouter(
        name=info.name,
        role=info.role,
        ident=info.pmipv6_id or info.name,
        domain=domain or info.domain,
        status=status,
        tunnels=known,
    )
