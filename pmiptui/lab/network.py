"""The lab's PMIPv6 network: config-driven admission, seeded mobility and `show` output.

Each router's PMIPv6 config is read with the project's own running-config parser and
cached until the router says its config changed; the mobility state is shared by the
fleet, so a MN shows the same binding on its MAG and on its LMA.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pmiptui.ios.pipes import section
from pmiptui.lab import mobility as mn
from pmiptui.lab.admission import Admission, Path, Route, RouterConfig, local_pools
from pmiptui.lab.counters import Counters
from pmiptui.lab.mobility import WARMUP, Mobility
from pmiptui.lab.render_bindings import binding_block, binding_chunks
from pmiptui.lab.render_globals import lma_globals, mag_globals
from pmiptui.lab.render_stats import stats_text
from pmiptui.lab.render_tunnels import TunnelView, tunnels_text
from pmiptui.lab.topology import Topology
from pmiptui.parse.config_reader import pmip_config

if TYPE_CHECKING:
    from pmiptui.lab.router import SimRouter


def read_config(router: SimRouter) -> RouterConfig:
    """The router's PMIPv6 config (via the project's running-config reader) and its local pools."""
    text = router.running_text()
    config = pmip_config(section(text, "ipv6 mobile"))
    v4, v6 = local_pools(text)
    return RouterConfig(router.spec.name, router.spec.role, router.spec.id, config, v4, v6)


class LabNetwork:
    """The mobility state of the whole lab, and what each router shows of it."""

    def __init__(
        self, topology: Topology, routers: dict[str, SimRouter], *, mobile_nodes: int, seed: int
    ) -> None:
        self.topology = topology
        self.routers = routers
        self.realm = topology.realm
        self.mobile_nodes = mobile_nodes
        self._configs = {name: read_config(router) for name, router in routers.items()}
        self._stale = False
        admission = self._admission()
        self._mag_index = {r.name: k for k, r in enumerate(admission.mags)}
        self._lma_index = {r.name: k for k, r in enumerate(admission.lmas)}
        self.mobility = Mobility(admission, mobile_nodes, seed)

    def _admission(self) -> Admission:
        ordered = [self._configs[name] for name in self.routers]
        return Admission(ordered, self.realm, self.mobile_nodes)

    def _fresh(self) -> Mobility:
        """The mobility state, brought in line with any config change first."""
        if self._stale:
            self._stale = False
            self.mobility.reconfigure(self._admission())
        return self.mobility

    def tick(self) -> None:
        """Advance the mobility of the whole lab one step (the lab's one clock calls this)."""
        self._fresh().tick()

    # the interface routers use (router.Network) ---------------------------------------------

    def config_changed(self, router_name: str) -> None:
        """Re-read that router's config; state follows it before the next tick or show."""
        router = self.routers.get(router_name)
        if router is not None:
            self._configs[router_name] = read_config(router)
            self._stale = True

    def clear(self, router_name: str) -> None:
        """`clear ipv6 mobile pmipv6 …`: restart the router's counters."""
        mob = self._fresh()
        if router_name in self._mag_index:
            m = self._mag_index[router_name]
            mob.mag_counters[m] = Counters(mob.now, bindings_max=mob.mag_count[m])
        if router_name in self._lma_index:
            k = self._lma_index[router_name]
            mob.lma_counters[k] = Counters(mob.now, bindings_max=mob.lma_count[k])

    def show(self, router_name: str, role: str, what: str, ident: str | None) -> Iterable[str]:
        """`show ipv6 mobile pmipv6 ROLE [ID] WHAT`; nothing for a role or id this router lacks.

        WHAT is a registry word (`show_commands`); `RENDERERS` holds one renderer per word.
        """
        self._fresh()
        config = self._configs.get(router_name)
        if config is None or role != config.role:
            return ()
        instance = config.mag() if role == "mag" else config.lma()
        own = getattr(instance, "mag_id" if role == "mag" else "lma_id", None)
        if instance is None or ident not in (None, own):
            return ()
        render = RENDERERS.get(what)
        if render is None:
            return ()
        index = (self._mag_index if role == "mag" else self._lma_index)[router_name]
        return render(self, role, index, config, instance)

    def _show_globals(
        self, role: str, index: int, config: RouterConfig, instance: Any
    ) -> Iterable[str]:
        render = mag_globals if role == "mag" else lma_globals
        return [render(instance, config.domain(instance.domain))]

    def _show_stats(
        self, role: str, index: int, config: RouterConfig, instance: Any
    ) -> Iterable[str]:
        mob = self.mobility
        counters = mob.mag_counters[index] if role == "mag" else mob.lma_counters[index]
        current = (mob.mag_count if role == "mag" else mob.lma_count)[index]
        return [stats_text(role.upper(), counters, current=current, age=mob.now - counters.since)]

    def _show_tunnel(
        self, role: str, index: int, config: RouterConfig, instance: Any
    ) -> Iterable[str]:
        return [tunnels_text(role.upper(), self._tunnels(role, index))]

    def _show_binding(
        self, role: str, index: int, config: RouterConfig, instance: Any
    ) -> Iterable[str]:
        return self._bindings(role, index, variant=self._binding_format(config.name) == "variant")

    def _binding_format(self, router_name: str) -> str:
        """The router's binding format: its `format=` fault, else its topology's `format:`."""
        router = self.routers[router_name]
        return router.faults.binding_format or router.spec.binding_format

    # rendering ----------------------------------------------------------------------------

    def _tunnels(self, role: str, index: int) -> list[TunnelView]:
        mob, mine = self.mobility, role == "mag"
        views = []
        for (m, lma), count in mob.pair_count.items():
            if (m if mine else lma) != index:
                continue
            path = mob.admission.path(m, mob.admission.lmas[lma].ident)
            if not isinstance(path, Path):
                continue
            views.append(
                TunnelView(
                    name=path.mag_tunnel if mine else path.lma_tunnel,
                    peer=path.lma_id if mine else path.mag_id,
                    source=path.mag_address if mine else path.lma_address,
                    destination=path.lma_address if mine else path.mag_address,
                    encap=path.encap,
                    vrf=path.vrf if mine else None,
                    mtu=path.mag_mtu if mine else path.lma_mtu,
                    bindings=count,
                    uptime=mob.now - mob.tunnel_since.get((m, lma), mob.now),
                )
            )
        views.sort(key=lambda v: int(v.name.removeprefix("Tunnel") or 0))
        return views

    def _bindings(self, role: str, index: int, *, variant: bool = False) -> Iterator[str]:
        """A generator over a snapshot of the state, so a long listing stays consistent."""
        mob = self.mobility
        owner = (mob.mag if role == "mag" else mob.lma)[:]
        mags, since, seq = mob.mag[:], mob.since[:], mob.seq[:]
        now, admission, realm = mob.now, mob.admission, self.realm
        refresh = list(mob.refresh)
        total = (mob.mag_count if role == "mag" else mob.lma_count)[index]
        interfaces = [getattr(r.mag(), "interfaces", []) for r in admission.mags]

        def blocks() -> Iterator[str]:
            for i in range(len(owner)):
                if owner[i] != index:
                    continue
                m = mags[i]
                route = admission.route(m, i)
                if not isinstance(route, Route):
                    continue
                path, r = route.path, refresh[m]
                elapsed = now - since[i]
                hnps = [route.v6.prefix(i)] if route.v6 is not None else []
                gre = None
                if path.encap == "gre-ipv4":
                    up, down = mn.gre_keys(i)
                    gre = (route.gre_up or up, route.gre_down or down)
                own_ifs = interfaces[m]
                yield binding_block(
                    domain=path.domain,
                    nai=mn.nai(i, realm),
                    state="BCE_ACTIVE",
                    interface=own_ifs[i % len(own_ifs)] if role == "mag" else path.lma_interface,
                    hoa=route.v4.address(i) if route.v4 is not None else None,
                    att=mn.att(i),
                    llid=route.llid or mn.llid(i),
                    hnps=hnps,
                    network=route.network if role == "lma" else None,
                    peer_role="LMA" if role == "mag" else "MAG",
                    peer_id=path.lma_id if role == "mag" else path.mag_id,
                    peer_address=path.lma_address if role == "mag" else path.mag_address,
                    lifetime=path.lifetime,
                    remaining=max(0, path.lifetime - elapsed % r),
                    sequence=seq[i] + elapsed // r,
                    tunnel=path.mag_tunnel if role == "mag" else path.lma_tunnel,
                    encap=path.encap,
                    gre=gre,
                    uptime=elapsed,
                    variant=variant,
                )

        return binding_chunks(role.upper(), total, blocks())


__all__ = ["WARMUP", "LabNetwork", "read_config"]


Renderer = Callable[[LabNetwork, str, int, RouterConfig, Any], Iterable[str]]
RENDERERS: dict[str, Renderer] = {
    "globals": LabNetwork._show_globals,
    "stats": LabNetwork._show_stats,
    "tunnel": LabNetwork._show_tunnel,
    "binding": LabNetwork._show_binding,
}
"""The lab's renderer of each `show_commands` word (a test holds the two in step)."""
