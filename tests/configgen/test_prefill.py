"""Wizard values from a router's current configuration: what maps, and what never does."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmiptui.configgen.catalogue import CATALOGUE, get
from pmiptui.configgen.plan import build_plan, draft_plan
from pmiptui.configgen.prefill import prefill, read_config
from pmiptui.model.config import PmipConfig

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "running-config"


def config(name: str) -> PmipConfig:
    record = read_config((FIXTURES / f"{name}.txt").read_text())
    assert record is not None
    return record


def test_mag_procedure_takes_the_mag_and_its_lma_peers():
    values = prefill(get("mag-detailed"), config("mag_detailed"), role="mag", router_id="mag1")
    assert values["mag-id"] == "mag1"
    assert values["domain-name"] == "dn1"
    assert values["ipv4-address"] == "10.1.3.1"
    assert values["ipv6-address"] == "2001:db8:2:4::1"
    assert values["role"] == "3gpp" and values["apn-name"] == "apn2"
    assert (values["type"], values["number"]) == ("GigabitEthernet", "0/0/0")
    assert values["binding-lifetime"] == "5000"
    assert values["bri-retry"] == "6"
    assert values["lmas"] == [
        {
            "lma-id": "lma3",
            "domain-name": "dn1",
            "ipv4-address": "172.16.0.1",
            "vrf-name": "vrf1",
            "encap": "gre-ipv4",
        }
    ]


def test_key_material_is_never_prefilled():
    for name in ("mag_detailed", "lma_detailed", "domain_detailed", "secrets"):
        for procedure in CATALOGUE.values():
            values = prefill(procedure, config(name))
            text = repr(values)
            for key in ("spi-hex-value", "spi-decimal-value", "hex-string", "ascii-string"):
                assert key not in text, (name, procedure.id)


def test_lma_procedure_takes_the_lma_networks_and_mag_peers():
    values = prefill(get("lma-detailed"), config("lma_detailed"), role="lma", router_id="lma1")
    assert values["lma-id"] == "lma1" and values["domain-name"] == "dn1"
    assert values["profile-name"] == "profile1"
    assert values["bce-delete-wait-time"] == "2000"
    assert values["networks"] == [
        {
            "network-name": "network1",
            "pool-ipv4": "v4pool",
            "pool-ipv4-pfxlen": "24",
            "pool-ipv6": "v6pool",
            "pool-ipv6-pfxlen": "24",
        }
    ]
    assert values["mags"] == [
        {
            "mag-id": "mag3",
            "domain-name": "dn1",
            "ipv4-address": "192.0.2.254",
            "ipv6-address": "2001:db8:2:5::1",
            "encap": "gre-ipv4",
        }
    ]
    assert "ip-local-pools" not in values  # outside the PMIPv6 section: not known


def test_domain_procedure_takes_domain_lmas_and_mobile_nodes():
    values = prefill(get("mag-domain-minimum"), config("domain_detailed"))
    assert values["domain-name"] == "dn1"
    assert values["lmas"] == [{"lma-id": "lma1", "ipv6-address": "2001:db8::1"}]
    assert values["nais"][0] == {
        "user": "user1",
        "realm": "example.com",
        "lma-id": "lma1",
        "service": "dual",
    }
    assert values["nais"][1] == {"realm": "example.com", "lma-id": "lma1", "service": "ipv6"}
    # complete enough to render as it stands
    assert build_plan(get("mag-domain-minimum"), values)


def test_same_group_name_draws_from_the_mode_it_belongs_to():
    """`lmas` of a MAG is its LMA peers; `lmas` of a domain is the domain's LMAs."""
    multipath = config("multipath_mag")
    as_mag = prefill(get("multipath-mag"), multipath, role="mag")
    assert as_mag["lmas"] == [{"lma-id": "LMA1", "domain-name": "D1"}]
    as_domain = prefill(get("mag-domain-minimum"), config("mag_minimum"), role="mag")
    assert [e["lma-id"] for e in as_domain["lmas"]] == ["lma1", "lma2"]
    assert "domain-name" not in as_domain["lmas"][0]


def test_router_id_picks_the_instance():
    record = config("mag_detailed")
    assert prefill(get("mag-minimum"), record, router_id="MAG1")["mag-id"] == "mag1"
    assert prefill(get("mag-minimum"), record, router_id="other")["mag-id"] == "mag1"


def test_optional_group_only_when_the_config_fills_it():
    """mag-minimum's optional domain block is left out when the config half fills it."""
    values = prefill(get("mag-minimum"), config("multipath_mag"), role="mag")
    assert "domain" not in values
    assert values["mag-id"] == "MAG1"
    full = prefill(get("mag-minimum"), config("domain_detailed"))
    assert full["domain"][0]["domain-name"] == "dn1"


@pytest.mark.parametrize("name", ["mag_detailed", "lma_detailed", "domain_detailed"])
def test_every_prefilled_value_passes_its_parameter_check(name):
    record = config(name)
    for procedure in CATALOGUE.values():
        values = prefill(procedure, record)
        _lines, errors = draft_plan(procedure, values)
        bad = [e for e in errors if "must be" in e.rule or "unknown name" in e.rule]
        assert bad == [], procedure.id


def test_nothing_to_read():
    assert read_config("") is None
    assert read_config(None) is None
    assert prefill(get("mag-minimum"), None) == {}
