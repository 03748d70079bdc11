"""pmiptui: terminal operator console for Cisco IOS XE Proxy Mobile IPv6 (MAG and LMA)."""

__version__ = "0.1.0"
