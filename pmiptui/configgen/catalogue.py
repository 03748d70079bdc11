"""The catalogue: every configuration procedure of the guide, by id, in the guide's order."""

from __future__ import annotations

from pmiptui.configgen.catalogue_domain import (
    DOMAIN_AAA,
    DOMAIN_DETAILED,
    DOMAIN_MINIMUM,
    DOMAIN_MOBILE_MAPS,
    MAG_DOMAIN_AAA,
    MAG_DOMAIN_DETAILED,
    MAG_DOMAIN_MINIMUM,
)
from pmiptui.configgen.catalogue_lma import (
    LMA_3GMA,
    LMA_ACCESS_LISTS,
    LMA_DETAILED,
    LMA_HEARTBEAT,
    LMA_MINIMUM,
    LMA_MOBILE_MAP_INTERFACE,
    LMA_MOBILE_NETWORK_POOLS,
    LMA_TUNNEL_ACL,
    LMA_TUNNEL_MTU,
    LMA_VRF_AWARE,
)
from pmiptui.configgen.catalogue_mag import MAG_DETAILED, MAG_MINIMUM, MAG_ROAMING_INTERFACE
from pmiptui.configgen.catalogue_multipath import (
    DOMAIN_UDP_ENCAP,
    MULTIPATH_LMA,
    MULTIPATH_LMA_MAG,
    MULTIPATH_MAG,
)
from pmiptui.configgen.procedure import Procedure
from pmiptui.errors import InputError

CATALOGUE: dict[str, Procedure] = {
    p.id: p
    for p in (
        MAG_DOMAIN_AAA,
        MAG_DOMAIN_MINIMUM,
        MAG_DOMAIN_DETAILED,
        MAG_MINIMUM,
        MAG_DETAILED,
        DOMAIN_AAA,
        DOMAIN_MINIMUM,
        DOMAIN_DETAILED,
        LMA_MINIMUM,
        LMA_DETAILED,
        LMA_VRF_AWARE,
        LMA_3GMA,
        DOMAIN_UDP_ENCAP,
        MAG_ROAMING_INTERFACE,
        MULTIPATH_LMA_MAG,
        LMA_ACCESS_LISTS,
        DOMAIN_MOBILE_MAPS,
        LMA_MOBILE_MAP_INTERFACE,
        LMA_TUNNEL_MTU,
        LMA_TUNNEL_ACL,
        LMA_MOBILE_NETWORK_POOLS,
        LMA_HEARTBEAT,
        MULTIPATH_LMA,
        MULTIPATH_MAG,
    )
}
"""Every procedure of the guide by id, in the guide's order (the ids of the guide's
examples, `tests/guide_examples.py`)."""


def get(id: str) -> Procedure:
    """The procedure with this id; InputError listing the valid ids otherwise."""
    try:
        return CATALOGUE[id]
    except KeyError:
        raise InputError(
            f"unknown procedure {id!r}; choose one of: {', '.join(CATALOGUE)}"
        ) from None
