"""`python -m pmiptui`: the same as the `pmiptui` command."""

from __future__ import annotations

from pmiptui.cli import main

raise SystemExit(main())
