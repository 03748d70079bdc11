"""The lab: simulated IOS XE PMIPv6 routers served over real SSH on loopback."""
