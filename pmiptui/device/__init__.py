"""Talking to routers: the only package that imports Netmiko."""
