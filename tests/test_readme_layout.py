"""The README's layout table names every package and top-level module of pmiptui."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_layout_table_covers_the_code() -> None:
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Layout") :]
    package = ROOT / "pmiptui"
    missing = [
        path.name
        for path in sorted(package.iterdir())
        if (
            path.is_dir()
            and (path / "__init__.py").exists()
            and f"pmiptui/{path.name}/" not in table
        )
        or (
            path.suffix == ".py"
            and path.name not in ("__init__.py", "__main__.py")
            and path.name not in table
        )
    ]
    assert missing == [], f"add to the README's layout table: {missing}"
