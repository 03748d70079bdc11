"""Tunnel text parses back, with and without VRF and MTU lines."""

from __future__ import annotations

from pmiptui.lab.render_tunnels import TunnelView, tunnels_text
from pmiptui.parse import parse


def test_tunnels_round_trip() -> None:
    views = [
        TunnelView(
            name="Tunnel0",
            peer="lma1",
            source="10.0.1.1",
            destination="10.0.0.1",
            encap="gre-ipv4",
            bindings=12,
            uptime=30,
            vrf="vrf1",
            mtu=1400,
        ),
        TunnelView(
            name="Tunnel1",
            peer="lma2",
            source="2001:DB8::2",
            destination="2001:DB8::1",
            encap="ipv6-in-ipv6",
            bindings=0,
            uptime=0,
        ),
    ]
    result = parse("mag-tunnel", tunnels_text("MAG", views))
    assert result.unparsed == [] and result.warnings == []
    first, second = result.records
    assert (first.vrf, first.mtu_bytes, first.encap, first.bindings) == (
        "vrf1",
        1400,
        "gre-ipv4",
        12,
    )
    assert (second.vrf, second.mtu_bytes, second.destination) == (None, None, "2001:db8::1")


def test_no_tunnels_is_the_header_alone() -> None:
    result = parse("lma-tunnel", tunnels_text("LMA", []))
    assert result.records == [] and result.unparsed == []
