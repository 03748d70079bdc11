"""The running-config read into one `PmipConfig` (see `read`), block reader by block reader.

- `read`: the entry points and the top-level walk;
- `lines`: what every block reader shares (line heads, values, handlers, the block walk);
- `domain`, `mag`, `lma`: one reader per top-level PMIPv6 block.
"""

from pmiptui.parse.config_reader.read import ConfigRead, pmip_config, read_kind, read_lines

__all__ = ["ConfigRead", "pmip_config", "read_kind", "read_lines"]
