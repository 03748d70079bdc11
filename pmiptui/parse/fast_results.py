"""TTP's result builder (`_results_class`), for templates with static paths and no functions.

Given, per top-level group and in line order, the template lines that matched each line and
their values, this builds the same nested dict TTP returns: which match wins when several
lines match, which group a line belongs to, when a block is saved, how `name*` lists and
joinmatches grow. It follows TTP 0.10's code step by step; the fast engine's differential
test (tests/parse/test_fast_vs_ttp.py) holds it to TTP's output.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pmiptui.parse.fast_specs import FastTemplate, GroupSpec, LineSpec, Path

Match = tuple[LineSpec, dict[str, Any]]
"""A template line that matched, with its variables' values."""


class _Record:
    __slots__ = ("group", "merge_with_last", "path", "result")

    def __init__(self, result: dict[str, Any], path: Path, group: GroupSpec | None) -> None:
        self.result = result
        self.path = path
        self.group = group
        self.merge_with_last = False


class Results:
    """TTP's state machine over sorted matches: started groups and the open record."""

    def __init__(self, template: FastTemplate) -> None:
        self.groups = template.groups
        self.results: dict[str, Any] = {}
        self.started: list[tuple[str, int]] = []
        self.record = _Record({}, (), None)

    def feed(self, matches: Sequence[Match]) -> None:
        """One position's matches (one line), within one top-level group's run."""
        if len(matches) == 1:
            line, data = matches[0]
        else:
            line, data = self._prefer(matches)
        group = self.groups[line.group]
        action = line.action
        if action == "add":
            self._add(data, group)
        elif action == "join":
            self._join(data, group, line)
        elif action == "start":
            self._start(data, group)
        else:
            self._start({}, group)

    def finish(self) -> dict[str, Any]:
        """Save the open record and return the result dict."""
        if self._process():
            self._save(self.record.result, self.record.path)
        return self.results

    def _prefer(self, matches: Sequence[Match]) -> Match:
        """Which of several lines matching one position TTP keeps (make_results)."""
        startempty = [m for m in matches if m[0].action == "startempty"]
        start = [m for m in matches if m[0].action == "start"]
        if startempty or start:
            candidates = startempty or start
            current = self.record.group.group_id if self.record.group else None
            chosen = candidates[0]
            for chosen in candidates:
                if self.groups[chosen[0].group].group_id == current:
                    return chosen
            for chosen in candidates:
                group = self.groups[chosen[0].group]
                if current and group.group_id[0].startswith(current[0]):
                    return chosen
                if self._parent_id(group) in self.started:
                    return chosen
            return chosen
        current = self.record.group.group_id if self.record.group else None
        chosen = matches[0]
        for chosen in matches:
            if self.groups[chosen[0].group].group_id == current:
                return chosen
        for chosen in matches:
            if self.groups[chosen[0].group].group_id in self.started:
                return chosen
        return chosen

    def _parent_id(self, group: GroupSpec) -> tuple[str, int] | None:
        return None if group.parent is None else self.groups[group.parent].group_id

    def _start(self, result: dict[str, Any], group: GroupSpec) -> None:
        record = self.record
        if record.group is group and group.parent is None and not record.merge_with_last:
            # The next block of the same top-level group (one binding after another): what
            # the general path below does, in its shortest form.
            saved = self.results.get(group.path[0][0])
            if isinstance(saved, list) and saved and self.started == [group.group_id]:
                if record.result:
                    saved.append(record.result)
                self.record = _Record(result, group.path, group)
                return
        started = self.started
        parent_id = self._parent_id(group)
        while started:
            if parent_id == started[-1]:
                started.append(group.group_id)
                break
            started.pop()
        else:
            if group.group_id not in started:
                started.append(group.group_id)
        if self._process():
            self._save(self.record.result, self.record.path)
        self.record = _Record(result, group.path, group)

    def _add(self, result: dict[str, Any], group: GroupSpec) -> None:
        record = self.record
        if record.path == group.path:
            result.update(record.result)
            record.result = result
        elif group.group_id in self.started:
            self._start(result, group)
            self.record.merge_with_last = True

    def _join(self, result: dict[str, Any], group: GroupSpec, line: LineSpec) -> None:
        record = self.record
        if record.path == group.path:
            joinchar = line.joinchar
            have = record.result
            for key, value in result.items():
                if key not in have:
                    have[key] = value
                elif isinstance(have[key], str):
                    have[key] += joinchar + value
                elif isinstance(have[key], list):
                    if isinstance(value, list):
                        have[key] += value
                    else:
                        have[key].append(value)
                else:
                    have[key] = [have[key], value]
        elif group.group_id in self.started:
            self._start(result, group)
            self.record.merge_with_last = True

    def _process(self) -> bool:
        """processgrp: False for the empty initial record; rebuilds a tail match's block."""
        record = self.record
        if not record.path:
            return False
        if record.merge_with_last:
            element = self._by_path(list(record.path), self.results)
            if isinstance(element, list):
                copied = element[-1].copy()
            elif isinstance(element, dict):
                copied = element.copy()
            else:
                raise UnboundLocalError("cannot access local variable 'copied'")
            copied.update(record.result)
            record.result = copied
        return True

    def _save(self, data: dict[str, Any], path: Path) -> None:
        """save_curelements."""
        element = self._by_path(list(path), self.results)
        if isinstance(element, list) and data:
            if self.record.merge_with_last:
                _merge(element[-1], data)
            else:
                element.append(data)
        elif isinstance(element, dict):
            if self.record.merge_with_last:
                _merge(element, data)
            elif element != {}:
                self.results = _value_to_list(self.results, list(path), data)
            else:
                element.update(data)

    def _by_path(self, path: list[tuple[str, str]], element: Any) -> Any:
        """dict_by_path: the element at `path`, creating missing levels."""
        while path:
            if isinstance(element, dict):
                name = path[0][0]
                if name not in element:
                    element.update(_nested(path))
                element = element[name]
                path = path[1:]
            elif isinstance(element, list):
                if element == []:
                    element.append(_nested(path))
                element = element[-1]
            else:
                return None
        return element


def _nested(keys: list[tuple[str, str]]) -> dict[str, Any]:
    """list_to_dict_fwd: {a: {b: []}} for a.b*, {a: [{b: {}}]} for a*.b."""
    if not keys:
        return {}
    name, stars = keys[0]
    if stars == "*":
        return {name: []} if len(keys) == 1 else {name: [_nested(keys[1:])]}
    return {name: _nested(keys[1:])}


def _value_to_list(data: Any, path: list[tuple[str, str]], result: dict[str, Any]) -> Any:
    """value_to_list: the value at `path` becomes a list with `result` appended."""
    if path:
        name = path[0][0]
        if isinstance(data, dict):
            if name in data:
                data[name] = _value_to_list(data[name], path[1:], result)
                return data
        elif isinstance(data, list) and name in data[-1]:
            data[-1][name] = _value_to_list(data[-1][name], path[1:], result)
            return data
        return None
    return [data, result]


def _merge(element: dict[str, Any], data: dict[str, Any]) -> None:
    """_merge_recursively."""
    for key, value in data.items():
        if element.get(key) and isinstance(value, dict):
            _merge(element[key], value)
        else:
            element[key] = value


def build(template: FastTemplate, runs: Iterable[Sequence[Sequence[Match]]]) -> dict[str, Any]:
    """TTP's result dict from each top-level group's matches, one entry per matched line."""
    results = Results(template)
    for run in runs:
        for matches in run:
            results.feed(matches)
    return results.finish()
