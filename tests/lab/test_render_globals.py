"""Globals rendered from every running-config fixture parse back to the configured values."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmiptui.errors import EmptyOutput
from pmiptui.lab.render_globals import lma_globals, mag_globals
from pmiptui.model.config import Domain, PmipConfig
from pmiptui.parse import parse

FIXTURES = Path(__file__).parent.parent / "fixtures" / "running-config"


def _configs() -> list[tuple[str, PmipConfig]]:
    found = []
    for path in sorted(FIXTURES.glob("*.txt")):
        try:
            found.append((path.stem, parse("running-config", path.read_text()).record))
        except EmptyOutput:
            continue
    return found


CONFIGS = _configs()


def _domain(config: PmipConfig, name: str) -> Domain | None:
    return next((d for d in config.domains if d.name == name), None)


def _clean(kind: str, text: str) -> list[object]:
    result = parse(kind, text)
    assert result.unparsed == [] and result.warnings == []
    return result.records


@pytest.mark.parametrize(("name", "config"), CONFIGS, ids=[n for n, _ in CONFIGS])
def test_globals_of_every_fixture_parse_back(name: str, config: PmipConfig) -> None:
    for mag in config.mags:
        domain = _domain(config, mag.domain)
        (record,) = _clean("mag-globals", mag_globals(mag, domain))
        assert (record.mag_id, record.domain) == (mag.mag_id, mag.domain)
        assert record.interfaces == mag.interfaces
        assert [p.name for p in record.peers] == [p.id for p in mag.lmas]
        assert record.mn_detach_discover is (mag.discover_mn_detach is not None)
        assert record.registration_lifetime_sec == (mag.binding_lifetime_sec or 3600)
        assert record.refresh_time_sec == (mag.binding_refresh_time_sec or 300)
        if mag.binding_maximum is not None:
            assert record.max_bindings == mag.binding_maximum
        if domain is not None and domain.fixed_link_local_address:
            assert record.fixed_link_local_address == domain.fixed_link_local_address
            assert record.fixed_link_local_address_enabled
        for peer, shown in zip(mag.lmas, record.peers, strict=True):
            expected = peer.encap or (domain.encap if domain else None)
            if expected in ("gre-ipv4", "ipv6-in-ipv6"):
                assert shown.bri_encap_type == expected
            assert shown.auth_option is (
                peer.auth_option is not None or bool(domain and domain.auth_option)
            )
    for lma in config.lmas:
        domain = _domain(config, lma.domain)
        (record,) = _clean("lma-globals", lma_globals(lma, domain))
        assert (record.lma_id, record.domain) == (lma.lma_id, lma.domain)
        assert record.aaa_accounting is lma.aaa_accounting
        assert record.default_mn_profile == lma.default_profile
        assert [n.name for n in record.networks] == [n.name for n in lma.networks]
        for net, shown in zip(lma.networks, record.networks, strict=True):
            assert (shown.ipv4_pool, shown.ipv6_pool) == (net.ipv4_pool, net.ipv6_pool)
            assert shown.ipv6_prefix_length == (net.ipv6_prefix_length if net.ipv6_pool else None)
        assert [p.name for p in record.peers] == [p.id for p in lma.mags]
        assert record.max_hnps == (lma.hnp_maximum or 1)
        assert record.delete_time_msec == (lma.bce_delete_wait_time_msec or 10000)


def test_fixtures_cover_both_roles() -> None:
    assert sum(len(c.mags) for _, c in CONFIGS) >= 3
    assert sum(len(c.lmas) for _, c in CONFIGS) >= 3
