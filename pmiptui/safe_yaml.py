"""Load YAML safely: PyYAML's SafeLoader with alias expansion bounded, errors as one line.

An alias is a reference when composed but a copy for whoever walks the data (`str()` of a
group, a merge key `<<: *x`, which PyYAML's constructor copies pair by pair), so nine
lines of nested aliases ("billion laughs") stand for 9**9 values. The loader counts, as
it composes, how many nodes the aliases stand for (an alias to a mapping of five pairs
stands for eleven nodes, nested aliases included) and refuses the document past
`MAX_ALIAS_NODES`, before anything is expanded. Inventories that merge a `defaults`
anchor into each of a few thousand devices stay well below that.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from pmiptui.errors import InputError

MAX_ALIAS_NODES = 100_000
"""How many nodes all the aliases of one document may stand for, counted as copies."""


class _AliasLimit(Exception):
    """The document's aliases stand for too much (or for themselves)."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(reason)
        self.reason = reason
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts the nodes aliases stand for while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._sizes: dict[int, int] = {}
        """id(node) → its node count with every alias in it expanded."""
        self._alias_nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            line = self.peek_event().start_mark.line + 1
            node = super().compose_node(parent, index)
            size = self._sizes.get(id(node))
            if size is None:  # still being composed: the alias is inside its own anchor
                raise _AliasLimit("recursive YAML alias (an anchor used inside itself)", line)
            self._alias_nodes += size
            if self._alias_nodes > MAX_ALIAS_NODES:
                raise _AliasLimit(f"YAML aliases expand to more than {MAX_ALIAS_NODES} nodes", line)
            return node
        node = super().compose_node(parent, index)
        self._sizes[id(node)] = self._size(node)
        return node

    def _size(self, node: Node) -> int:
        sizes = self._sizes
        if isinstance(node, SequenceNode):
            return 1 + sum(sizes[id(item)] for item in node.value)
        if isinstance(node, MappingNode):
            return 1 + sum(sizes[id(key)] + sizes[id(value)] for key, value in node.value)
        return 1


def load_yaml(text: str, *, source: str) -> object:
    """The one document in `text`; InputError (one line, naming `source`) when it is not
    valid YAML or its aliases would expand past `MAX_ALIAS_NODES` nodes."""
    loader = None
    try:
        loader = _BoundedLoader(text)
        return loader.get_single_data()
    except _AliasLimit as refused:
        raise InputError(
            f"{source}: {refused.reason} (line {refused.line}): alias expansion is limited "
            "to protect against alias bombs"
        ) from None
    except yaml.YAMLError as error:
        raise InputError(f"{source}: not valid YAML{_where(error)}") from None
    except RecursionError:
        raise InputError(f"{source}: not valid YAML: nested too deeply") from None
    except ValueError as error:  # a scalar the safe constructor cannot build (2024-13-45)
        raise InputError(f"{source}: not valid YAML: {_one_line(str(error))}") from None
    finally:
        if loader is not None:
            loader.dispose()


def _where(error: yaml.YAMLError) -> str:
    """` at line L, column C: problem`, without the quoted source line (it may hold a secret)."""
    if not isinstance(error, yaml.MarkedYAMLError):
        return f": {_one_line(str(error))}"
    mark = error.problem_mark or error.context_mark
    problem = _one_line(error.problem or error.context or "syntax error")
    if error.problem and error.context:
        problem += f" ({_one_line(error.context)})"
    if mark is None:
        return f": {problem}"
    return f" at line {mark.line + 1}, column {mark.column + 1}: {problem}"


def _one_line(text: str) -> str:
    return " ".join(text.split())
