"""The console's screens: fleet, router, binding detail, help."""
