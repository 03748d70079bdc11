"""Best-effort wizard values from a router's current PMIPv6 configuration (edit, don't retype).

`read_config` reads the running-config text with the IOS command model (the same reader as
`pmiptui parse running-config`). The router's MAG, LMA and domain records are turned into
candidate values keyed like the catalogue's steps; a procedure keeps only the values its own
steps read, each step drawing from the record its IOS mode belongs to (a MAG-mode `lma` group
takes the MAG's LMA peers, a domain-mode one the domain's LMAs). Values that do not pass their
parameter's check are dropped, and key material is never carried over.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pmiptui.configgen.procedure import Group, Procedure, Step
from pmiptui.errors import PmipError
from pmiptui.ios.modes import CONFIG
from pmiptui.ios.params import ParamError
from pmiptui.model.config import Domain, LmaInstance, MagInstance, PmipConfig
from pmiptui.parse.config_reader import pmip_config

Candidates = dict[str, Any]
"""Values of one record, keyed like the catalogue's steps; groups as lists of mappings."""

_INTERFACE = re.compile(r"^([A-Za-z][A-Za-z-]*?)(\d\S*)$")


def read_config(text: str | None) -> PmipConfig | None:
    """The PMIPv6 configuration in running-config `text` (the `running-config` parse kind's
    reader, on the IOS command model); None when there is none."""
    if not text or not text.strip():
        return None
    try:
        config = pmip_config(text)
    except PmipError:
        return None
    return None if config == PmipConfig() else config


def prefill(
    procedure: Procedure,
    config: PmipConfig | None,
    *,
    role: str | None = None,
    router_id: str | None = None,
) -> dict[str, Any]:
    """Values for `procedure` from `config`; `role`/`router_id` pick the router's instance."""
    if config is None:
        return {}
    mag = _pick(config.mags, router_id if role != "lma" else None, "mag_id")
    lma = _pick(config.lmas, router_id if role != "mag" else None, "lma_id")
    home = (mag.domain if mag and role != "lma" else None) or (lma.domain if lma else None)
    domain = next((d for d in config.domains if d.name == home and not d.load_aaa), None)
    domain = domain or next((d for d in config.domains if not d.load_aaa), None)
    sources = {
        "mag": mag_values(mag) if mag else None,
        "lma": lma_values(lma) if lma else None,
        "domain": domain_values(domain) if domain else None,
    }
    values = _fit(procedure.steps, {k: v for k, v in sources.items() if v})
    return _without_broken_optional_groups(procedure, values)


def _without_broken_optional_groups(procedure: Procedure, values: dict[str, Any]) -> dict[str, Any]:
    """Drop an optional top-level group (the domain of `mag-minimum`) the config only half fills.

    Prefill is for editing what exists: an optional block is carried over only when the
    router's config gives everything it needs.
    """
    from pmiptui.configgen.plan import draft_plan

    optional = {g.name for g in procedure.steps if isinstance(g, Group) and g.minimum == 0}
    _lines, errors = draft_plan(procedure, values)
    for error in errors:
        name = error.field.split("[", 1)[0].split(".", 1)[0]
        if name in optional and error.field != name:
            values.pop(name, None)
    return values


def _pick(items: list[Any], wanted: str | None, attr: str) -> Any:
    if wanted:
        for item in items:
            if str(getattr(item, attr)).lower() == wanted.lower():
                return item
    return items[0] if items else None


def _drop_empty(values: Mapping[str, Any]) -> Candidates:
    return {k: v for k, v in values.items() if v is not None and v is not False and v != []}


def _interface(name: str | None) -> Candidates:
    """`GigabitEthernet0/0/1` as the `type` and `number` of an `interface` step."""
    found = _INTERFACE.match(name or "")
    return {"type": found[1], "number": found[2]} if found else {}


def mag_values(mag: MagInstance) -> Candidates:
    """A MAG instance as candidate values (its LMA peers under `lmas`)."""
    detach = mag.discover_mn_detach
    heartbeat = mag.heartbeat
    return _drop_empty(
        {
            "mag-id": mag.mag_id,
            "domain-name": mag.domain,
            "ipv6-address": mag.ipv6_address,
            "ipv4-address": mag.ipv4_address,
            "role": mag.role,
            "apn-name": mag.apn,
            "sessionmgr": mag.sessionmgr,
            "generate-grekey": mag.generate_grekey,
            "interval-seconds": detach.interval_sec if detach else None,
            "timeout-seconds": detach.timeout_sec if detach else None,
            "retry-count": detach.retries if detach else None,
            "binding-maximum": mag.binding_maximum,
            "binding-lifetime": mag.binding_lifetime_sec,
            "binding-refresh-time": mag.binding_refresh_time_sec,
            "binding-init-retx-time": mag.binding_init_retx_time_msec,
            "binding-max-retx-time": mag.binding_max_retx_time_msec,
            "replay-protection-timestamp-window": (
                mag.replay_protection.window_sec if mag.replay_protection else None
            ),
            "bri-delay-min": mag.bri_delay_min_msec,
            "bri-delay-max": mag.bri_delay_max_msec,
            "bri-retry": mag.bri_retry,
            "bce-maximum": mag.bce_maximum,
            "interval": heartbeat.interval if heartbeat else None,
            "retries": heartbeat.retries if heartbeat else None,
            "map-name": mag.mobile_map,
            "mtu-size": mag.tunnel_mtu,
            **_interface(mag.interfaces[0] if mag.interfaces else None),
            "lmas": [
                _drop_empty(
                    {
                        "lma-id": peer.id,
                        "domain-name": peer.domain,
                        "ipv4-address": peer.ipv4_addresses[0] if peer.ipv4_addresses else None,
                        "vrf-name": peer.vrfid,
                        "encap": peer.encap,
                    }
                )
                for peer in mag.lmas
            ],
            "roaming-interfaces": [
                _drop_empty(
                    {
                        **_interface(r.interface),
                        "interface-priority": r.priority,
                        "interface-attribute": r.egress_att,
                        "label": r.label,
                    }
                )
                for r in mag.roaming_interfaces
            ],
        }
    )


def lma_values(lma: LmaInstance) -> Candidates:
    """An LMA instance as candidate values (networks and MAG peers as groups)."""
    heartbeat = lma.heartbeat
    return _drop_empty(
        {
            "lma-id": lma.lma_id,
            "domain-name": lma.domain,
            "ipv6-address": lma.ipv6_address,
            "ipv4-address": lma.ipv4_address,
            "profile-name": lma.default_profile,
            "bce-maximum": lma.bce_maximum,
            "bce-lifetime": lma.bce_lifetime_sec,
            "bce-refresh-time": lma.bce_refresh_time_sec,
            "bce-delete-wait-time": lma.bce_delete_wait_time_msec,
            "replay-protection-timestamp-window": (
                lma.replay_protection.window_sec if lma.replay_protection else None
            ),
            "bri-delay-min": lma.bri_delay_min_msec,
            "bri-delay-max": lma.bri_delay_max_msec,
            "bri-retries": lma.bri_retries,
            "hnp-maximum": lma.hnp_maximum,
            "dscp-value": lma.dscp_control_plane,
            "interval": heartbeat.interval if heartbeat else None,
            "retries": heartbeat.retries if heartbeat else None,
            "label": heartbeat.label if heartbeat else None,
            "natreboot": heartbeat.natreboot if heartbeat else None,
            "map-name": lma.mobile_map,
            "mtu-size": lma.tunnel_mtu,
            "acl-list-name": lma.tunnel_acl,
            **_interface(lma.interfaces[0] if lma.interfaces else None),
            "networks": [
                _drop_empty(
                    {
                        "network-name": n.name,
                        "pool-ipv4": n.ipv4_pool,
                        "pool-ipv4-pfxlen": n.ipv4_prefix_length,
                        "pool-ipv6": n.ipv6_pool,
                        "pool-ipv6-pfxlen": n.ipv6_prefix_length,
                        "mobile-network-pools": [
                            _pool(p) for p in n.mobile_network_pools if p.family == "ipv4"
                        ],
                        "mobile-network-v6pools": [
                            _pool(p) for p in n.mobile_network_pools if p.family == "ipv6"
                        ],
                    }
                )
                for n in lma.networks
            ],
            "mags": [
                _drop_empty(
                    {
                        "mag-id": peer.id,
                        "domain-name": peer.domain,
                        "ipv4-address": peer.ipv4_addresses[0] if peer.ipv4_addresses else None,
                        "ipv6-address": peer.ipv6_addresses[0] if peer.ipv6_addresses else None,
                        "encap": peer.encap,
                    }
                )
                for peer in lma.mags
            ],
        }
    )


def _pool(pool: Any) -> Candidates:
    return {
        "address": pool.address,
        "pool-prefix": pool.pool_prefix,
        "network-prefix": pool.network_prefix,
    }


def domain_values(domain: Domain) -> Candidates:
    """A domain as candidate values: LMAs, MAGs, mobile nodes and mobile maps as groups."""
    return _drop_empty(
        {
            "domain-name": domain.name,
            "encap": domain.encap,
            "replay-protection-timestamp-window": (
                domain.replay_protection.window_sec if domain.replay_protection else None
            ),
            "local-routing-mag": domain.local_routing_mag,
            "mn-profile-load-aaa": domain.mn_profile_load_aaa,
            "ipv6-address": domain.fixed_link_local_address,
            "hardware-address": domain.fixed_link_layer_address,
            "lmas": [_peer("lma-id", p) for p in domain.lmas],
            "mags": [_peer("mag-id", p) for p in domain.mags],
            "nais": [_nai(n) for n in domain.nais],
            "mobile-maps": [
                _drop_empty(
                    {
                        "map-name": m.name,
                        "sequence-number": m.sequence,
                        "acl-list-name": m.match_access_list,
                        "profile-name": m.traffic_profile,
                        "null": m.link_null,
                        **{f"link-name{i}": t for i, t in enumerate(m.link_types[:3], start=1)},
                    }
                )
                for m in domain.mobile_maps
            ],
        }
    )


def _peer(key: str, peer: Any) -> Candidates:
    return _drop_empty(
        {
            key: peer.id,
            "ipv4-address": peer.ipv4_addresses[0] if peer.ipv4_addresses else None,
            "ipv6-address": peer.ipv6_addresses[0] if peer.ipv6_addresses else None,
        }
    )


def _nai(nai: Any) -> Candidates:
    user, _, realm = nai.nai.rpartition("@")
    keys = [("up", nai.gre_encap_key_up), ("down", nai.gre_encap_key_down)]
    gre = [{"gre-encap-key": d, "key-value": v} for d, v in keys if v is not None]
    if nai.gre_encap_key is not None:
        gre.append({"key-value": nai.gre_encap_key})
    return _drop_empty(
        {
            "user": user,
            "realm": realm,
            "lma-id": nai.lma,
            "service": nai.service,
            "network-name": nai.network,
            "interface-access-type": nai.int_att,
            "mac-address": nai.l2_addr,
            "apn-name": nai.apn,
            "gre-encap-keys": gre,
        }
    )


# -- fitting the candidates to a procedure's steps


def entity_of(step: Step) -> str | None:
    """Which record a step's values come from: `mag`, `lma`, `domain`, or None (global)."""
    text = step.syntax if step.mode == CONFIG else step.mode
    if step.mode == CONFIG and not text.startswith("ipv6 mobile pmipv6-"):
        return None
    for kind in ("mag", "lma", "domain"):
        if f"pmipv6-{kind}" in text or f"pmipv6{kind}" in text or f"pmipv6-{kind}-" in text:
            return kind
    return "lma" if "-lma-" in text else None


def _first_step(group: Group) -> Step:
    item = group.steps[0]
    return item if isinstance(item, Step) else _first_step(item)


def _fit(items: tuple[Step | Group, ...], sources: Mapping[str, Candidates]) -> dict[str, Any]:
    """Keep the candidates these steps read; `sources` maps a record kind (or `*`) to values."""
    out: dict[str, Any] = {}
    inside = sources.get("*")
    for item in items:
        if isinstance(item, Group):
            first = _first_step(item)
            kind = entity_of(first)
            if inside is not None:
                entries = inside.get(item.name) or []
            elif first.mode == CONFIG and kind is not None:
                entries = [sources[kind]] if kind in sources else []
            else:
                entries = (sources.get(kind) or {}).get(item.name) or [] if kind else []
            fitted = [f for f in (_fit(item.steps, {"*": e}) for e in entries) if f]
            if fitted:
                out[item.name] = fitted
            continue
        source = inside if inside is not None else sources.get(entity_of(item) or "")
        if source:
            out.update(_step_values(item, source))
    return out


def _step_values(step: Step, source: Candidates) -> dict[str, Any]:
    grammar = step.command.grammar
    params = {step.value_key(p.name): p for p in grammar.params if p.name not in step.fixed}
    keys = [step.value_key(k) for k in grammar.keys if k not in step.fixed]
    switches = [step.key] if step.switch or (step.optional and not step.names) else []
    out: dict[str, Any] = {}
    for name, param in params.items():
        value = source.get(name)
        if value is None or isinstance(value, bool):
            continue
        if not isinstance(param.check(str(value)), ParamError):
            out[name] = str(value)
    for name in [*keys, *switches]:
        value = source.get(name)
        if value is True or (isinstance(value, str) and value):
            out[name] = value
    return out
