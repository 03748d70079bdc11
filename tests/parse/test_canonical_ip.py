"""The C fast path for IP addresses prints exactly what `ipaddress` prints, or steps aside."""

from __future__ import annotations

import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from pmiptui.parse.values import canonical_ip

_TEXT = st.text(alphabet="0123456789abcdefABCDEF:.", max_size=45)
_V6 = st.integers(0, 2**128 - 1).map(lambda n: ipaddress.IPv6Address(n))
_V4 = st.integers(0, 2**32 - 1).map(lambda n: str(ipaddress.IPv4Address(n)))


def _reference(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


@settings(max_examples=2000, deadline=None)
@given(
    st.one_of(
        _TEXT,
        _V4,
        _V6.map(str),
        _V6.map(lambda ip: ip.exploded.upper()),
        _V6.map(lambda ip: str(ip).upper()),
    )
)
def test_fast_path_agrees_with_ipaddress(text: str) -> None:
    fast = canonical_ip(text)
    if fast is not None:
        assert fast[0] == _reference(text)
        assert fast[1] == ipaddress.ip_address(text).max_prefixlen
