"""Binding blocks parse back: IPv4-only over GRE, IPv6-only over IPv6, dual stack; chunking."""

from __future__ import annotations

from typing import Any

from pmiptui.lab.render_bindings import binding_block, binding_chunks
from pmiptui.parse import parse


def _block(**changes: Any) -> str:
    values: dict[str, Any] = dict(
        domain="D1",
        nai="mn00001@example.com",
        state="BCE_ACTIVE",
        interface="GigabitEthernet0/0/1",
        hoa="10.64.0.1",
        att=8,
        llid="02ab.0000.0000",
        hnps=["2001:DB8:1000::/64"],
        network=None,
        peer_role="LMA",
        peer_id="lma1",
        peer_address="10.0.0.1",
        lifetime=3600,
        remaining=3500,
        sequence=9,
        tunnel="Tunnel0",
        encap="gre-ipv4",
        gre=(1000000, 2000000),
        uptime=100,
    )
    values.update(changes)
    return binding_block(**values)


def test_binding_kinds_round_trip() -> None:
    blocks = [
        _block(hnps=[]),
        _block(
            nai="v6@example.com",
            hoa=None,
            encap="ipv6-in-ipv6",
            gre=None,
            hnps=["2001:DB8:1::/64", "2001:DB8:2::/64"],
            peer_address="2001:DB8::1",
        ),
        _block(nai="dual@example.com"),
    ]
    result = parse("mag-bindings", "".join(binding_chunks("MAG", 3, blocks)))
    assert result.unparsed == [] and result.warnings == []
    v4, v6, dual = result.records
    assert (v4.ipv4_home_address, v4.ipv6_hnps, v4.gre_key_up) == ("10.64.0.1", [], 1000000)
    assert (v6.ipv4_home_address, v6.encap, v6.gre_key_down) == (None, "ipv6-in-ipv6", None)
    assert v6.ipv6_hnps == ["2001:db8:1::/64", "2001:db8:2::/64"]
    assert (dual.att, dual.att_name, dual.llid, dual.uptime_sec) == (
        8,
        "E-UTRAN",
        "02ab.0000.0000",
        100,
    )


def test_lma_view_has_network_and_mag_peer() -> None:
    text = "".join(
        binding_chunks("LMA", 1, [_block(network="net1", peer_role="MAG", peer_id="mag1")])
    )
    (record,) = parse("lma-bindings", text).records
    assert (record.network, record.peer_id) == ("net1", "mag1")


def test_chunks_hold_at_most_the_given_number_of_blocks() -> None:
    chunks = list(binding_chunks("MAG", 7, [_block()] * 7, per_chunk=3))
    assert len(chunks) == 4 and chunks[0] == "Total MAG bindings : 7\n"
    assert parse("mag-bindings", "Total MAG bindings : 0\n").records == []
