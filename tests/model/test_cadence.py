"""Which kinds a poll fetches, by cadence, watch and last fetch."""

from __future__ import annotations

import pytest

from pmiptui.errors import InputError
from pmiptui.inventory import read_cadence
from pmiptui.model.cadence import EVERY_POLL, ON_CONNECT, Cadence, due_kinds

T0 = 1_000_000.0
ALL = ("globals", "config", "stats", "tunnels", "bindings", "version")


def _due(fetched: dict[str, float], now: float, *, watched: bool = False, **cadence: float):
    return due_kinds(Cadence(cadence), fetched, now, interval=5.0, watched=watched)


def test_first_poll_fetches_everything_but_the_count() -> None:
    assert set(_due({}, T0)) == set(ALL)


def test_unwatched_router_gets_the_count_between_full_tables() -> None:
    fetched = dict.fromkeys((*ALL, "binding_total"), T0)
    assert set(_due(fetched, T0 + 5)) == {"stats", "tunnels", "binding_total"}
    assert "bindings" in _due(fetched, T0 + 58)  # within half an interval of 60 s
    assert "bindings" not in _due(fetched, T0 + 57)


def test_watched_router_gets_the_table_every_poll() -> None:
    fetched = dict.fromkeys((*ALL, "binding_total"), T0)
    assert set(_due(fetched, T0 + 5, watched=True)) == {"stats", "tunnels", "bindings"}


def test_globals_and_config_every_ten_minutes() -> None:
    fetched = dict.fromkeys((*ALL, "binding_total"), T0)
    assert "globals" not in _due(fetched, T0 + 300)
    assert {"globals", "config"} <= set(_due(fetched, T0 + 600))


def test_show_version_on_connect_only() -> None:
    assert "version" in _due({}, T0)
    fetched = dict.fromkeys((*ALL, "binding_total"), T0)
    assert "version" not in _due(fetched, T0 + 10**7)


def test_on_connect_only_and_every_poll() -> None:
    fetched = dict.fromkeys((*ALL, "binding_total"), T0)
    later = _due(fetched, T0 + 10**7, globals=ON_CONNECT, bindings=EVERY_POLL)
    assert "globals" not in later
    assert "bindings" in _due(fetched, T0 + 5, bindings=EVERY_POLL)


def test_read_cadence_words_and_numbers() -> None:
    got = read_cadence({"globals": "connect", "stats": "interval", "bindings": 30}, "here")
    assert got == {"globals": ON_CONNECT, "stats": EVERY_POLL, "bindings": 30.0}


@pytest.mark.parametrize(
    "value",
    [
        {"bogus": 5},
        {"bindings": -1},
        {"bindings": True},
        {"bindings": "soon"},
        {"bindings": 10**9},
        ["bindings"],
        {"bindings": "?"},
        {"bindings\x1b[2J": 5},
    ],
)
def test_read_cadence_refuses_bad_values_in_one_line(value: object) -> None:
    with pytest.raises(InputError) as caught:
        read_cadence(value, "config.yaml")
    assert "\n" not in caught.value.message
    assert "\x1b" not in caught.value.message


def test_defaults_come_from_the_registry_and_unknown_kinds_are_refused() -> None:
    from pmiptui.show_commands import POLL_KINDS

    assert set(Cadence().seconds) == set(POLL_KINDS)
    assert Cadence().every("bindings") == 60 and Cadence().every("stats") == EVERY_POLL
    assert Cadence().over({"bindings": 5}).every("bindings") == 5
    with pytest.raises(ValueError, match="no such poll kind"):
        Cadence({"bogus": 1})
