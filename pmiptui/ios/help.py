"""Context help and completion over the command model: what IOS's ``?`` and Tab offer.

Help walks the same paths as the matcher (:func:`pmiptui.ios.matcher.walk`), so it offers
exactly what a line would accept and a new command gets help and completion for free.
Keyword help lines come from the commands' own ``help``; a keyword shared by several
commands gets a line derived once, in :func:`keyword_help`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pmiptui.ios.cli_error import CliError, ErrorKind
from pmiptui.ios.commands import commands_in
from pmiptui.ios.interfaces import INTERFACE_TYPES
from pmiptui.ios.matcher import PathState, choose_keywords, tokenize, walk
from pmiptui.ios.modes import PRIV_EXEC, is_config_mode
from pmiptui.ios.params import Kind, Param
from pmiptui.ios.pipes import PIPE_HELP
from pmiptui.ios.spec import Effect
from pmiptui.ios.syntax import Arg, Elem, Glued, Keyword

CR = "<cr>"
"""The item IOS lists where the command may end."""

NEGATE_HELP = "Negate a command or set its defaults"
"""IOS's help line for ``no`` in configuration modes."""

_HELP_WIDTH = 60
"""Longest derived help line before it is cut with ``...``."""

_LABELS: dict[Kind, str] = {
    Kind.WORD: "WORD",
    Kind.STRING: "WORD",
    Kind.HEX: "Hex-string",
    Kind.IPV4: "A.B.C.D",
    Kind.IPV4_WILDCARD: "A.B.C.D",
    Kind.IPV6: "X:X:X:X::X",
    Kind.IPV6_PREFIX: "X:X:X:X::X/<0-128>",
    Kind.MAC: "H.H.H",
    Kind.NAI: "WORD",
    Kind.INTERFACE_NUMBER: "<slot/port>",
    Kind.SPI: "Hex-string",
    Kind.URL: "WORD",
    Kind.LINE: "LINE",
}
"""How IOS help names a parameter of each kind (integers: their range, types: the names)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class HelpItem:
    """One line of a help listing: a keyword or parameter and its one-line help."""

    word: str
    """The keyword, the parameter's IOS label (``WORD``, ``<1-65535>``), ``|`` or ``<cr>``."""
    help: str = ""
    """One line of help; empty for ``<cr>``."""
    keyword: bool = True
    """A word Tab can complete to (not a parameter label nor ``<cr>``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Listing:
    """What ``?`` prints for one line."""

    items: tuple[HelpItem, ...]
    """Sorted as IOS sorts them (ASCII, so labels before keywords), ``<cr>`` last."""
    partial: bool
    """True when ``?`` followed a partial word: the words it completes to, on one line;
    empty means IOS's ``% Unrecognized command``."""


def context_help(mode: str, line: str) -> Listing | CliError:
    """What ``?`` typed at the end of ``line`` shows in ``mode``, or the error IOS prints."""
    partial = bool(line) and not line[-1].isspace()
    head, word = _split_last(line) if partial else (line, "")
    found = _candidates(mode, head)
    if isinstance(found, CliError):
        return found
    if not partial:
        return Listing(items=_sorted(found), partial=False)
    low = word.lower()
    words = [i for i in found if i.keyword and i.word.lower().startswith(low)]
    if not words:
        words = [i for i in found if not i.keyword and i.word != CR and _accepts(i, word)]
    return Listing(items=_sorted(words), partial=True)


def complete(mode: str, line: str) -> str | None:
    """Tab: ``line`` with its last word completed and a space added; None when ambiguous."""
    if not line or line[-1].isspace():
        return None
    head, word = _split_last(line)
    found = _candidates(mode, head)
    if isinstance(found, CliError):
        return None
    words = {i.word for i in found if i.keyword}
    chosen = choose_keywords(words, word) if words else set()
    if not isinstance(chosen, set) or len(chosen) != 1:
        return None
    return head + next(iter(chosen)) + " "


def _split_last(line: str) -> tuple[str, str]:
    """The line before its last word, and the last word."""
    found = re.search(r"\S+$", line)
    start = found.start() if found else len(line)
    return line[:start], line[start:]


def _accepts(item: HelpItem, word: str) -> bool:
    """A parameter item whose label a partial word may still become (``10.1?``, ``12?``)."""
    bounds = re.fullmatch(r"<(\d+)-(\d+)>", item.word)
    if bounds is not None:
        return word.isdigit() and int(word) <= int(bounds.group(2))
    return item.word in _ACCEPTING and _ACCEPTING[item.word](word)


_ACCEPTING: dict[str, Callable[[str], bool]] = {
    "WORD": lambda w: " " not in w,
    "LINE": lambda w: True,
    "A.B.C.D": lambda w: re.fullmatch(r"[0-9.]+", w) is not None,
    "X:X:X:X::X": lambda w: re.fullmatch(r"[0-9A-Fa-f:]+", w) is not None,
}
"""Labels of other shapes, and the partial values that may still become one."""


def _candidates(mode: str, head: str) -> list[HelpItem] | CliError:
    """Everything that may follow ``head`` (a line ending at a word boundary)."""
    if not is_config_mode(mode) and "|" in head:
        return _pipe_items(mode, head)
    tokens = tokenize(head)
    if is_config_mode(mode) and tokens and tokens[0][0].lower() == "do":
        offset = tokens[1][1] if len(tokens) > 1 else len(head)
        inner = _candidates(PRIV_EXEC, head[offset:])
        return inner.shifted(offset, head) if isinstance(inner, CliError) else inner
    extra: list[HelpItem] = []
    if is_config_mode(mode):
        if tokens and tokens[0][0].lower() == "no":
            tokens = tokens[1:]
        elif not tokens:
            extra.append(HelpItem(word="no", help=NEGATE_HELP))
    states = walk(commands_in(mode), tokens, head)
    if isinstance(states, CliError):
        return states
    return extra + _items(states, piped=not is_config_mode(mode))


def _pipe_items(mode: str, head: str) -> list[HelpItem] | CliError:
    """What may follow a ``|``: a filter keyword, then its regular expression."""
    bar = head.index("|")
    states = walk(commands_in(mode), tokenize(head[:bar]), head)
    if isinstance(states, CliError):
        return states
    if not any(s.spec.pipe and (s.idx == len(s.path)) for s in states):
        return CliError(kind=ErrorKind.INVALID, column=bar, line=head)
    after = tokenize(head[bar + 1 :])
    if not after:
        return [HelpItem(word=k, help=h) for k, h in PIPE_HELP.items()]
    kinds = [k for k in PIPE_HELP if k.startswith(after[0][0].lower())]
    if len(kinds) != 1:
        kind = ErrorKind.AMBIGUOUS if kinds else ErrorKind.INVALID
        return CliError(kind=kind, column=bar + 1 + after[0][1], line=head)
    if len(after) == 1:
        return [HelpItem(word="LINE", help="Regular Expression", keyword=False)]
    return [HelpItem(word="LINE", help="Regular Expression", keyword=False), _cr()]


def _items(states: Iterable[PathState], *, piped: bool) -> list[HelpItem]:
    """One item per distinct next keyword or parameter of the live paths."""
    by_word: dict[str, list[PathState]] = {}
    items: dict[str, HelpItem] = {}
    for s in states:
        if s.spec.effect is Effect.COMMENT:
            continue
        if s.swallow or s.idx == len(s.path):
            items[CR] = _cr()
            if piped and s.spec.pipe and not s.swallow:
                items["|"] = HelpItem(word="|", help="Output modifiers", keyword=False)
            continue
        elem = s.path[s.idx]
        if isinstance(elem, Keyword):
            by_word.setdefault(elem.word, []).append(s)
        else:
            for item in elem_items(elem):
                items.setdefault(item.word, item)
    for word, group in by_word.items():
        items[word] = HelpItem(word=word, help=keyword_help(group))
    return list(items.values())


def _cr() -> HelpItem:
    return HelpItem(word=CR, keyword=False)


def _sorted(items: Iterable[HelpItem]) -> tuple[HelpItem, ...]:
    """ASCII order as IOS lists help (``WORD`` and ``<1-10>`` before keywords), ``<cr>`` last."""
    return tuple(sorted(items, key=lambda i: (i.word == CR, i.word)))


def elem_items(elem: Elem) -> list[HelpItem]:
    """The help items of one path element that is not a keyword."""
    if isinstance(elem, Keyword):
        return [HelpItem(word=elem.word, help="")]
    if isinstance(elem, Arg):
        p = elem.param
        if p.kind is Kind.INTERFACE_TYPE:
            return [HelpItem(word=t, help=f"{t} interface") for t in INTERFACE_TYPES]
        return [HelpItem(word=param_label(p), help=param_help(p), keyword=False)]
    return [HelpItem(word=glued_label(elem), help=_glued_help(elem), keyword=False)]


def param_label(p: Param) -> str:
    """How IOS help names a parameter: its range for integers, else its kind's label."""
    if p.kind is Kind.INTEGER:
        return p.range_text or f"<{p.low or 0}-4294967295>"
    return _LABELS.get(p.kind, "WORD")


def param_help(p: Param) -> str:
    """A parameter's one-line help: its own, else the shape of its values."""
    return _capital(p.help or p.shape)


def glued_label(elem: Glued) -> str:
    """The label of a glued token, e.g. ``[WORD]@WORD`` for ``[<user>]@<realm>``."""
    out = []
    for part in elem.parts:
        if part.param is None:
            out.append(part.literal)
        else:
            label = param_label(part.param)
            out.append(f"[{label}]" if part.optional else label)
    return "".join(out)


def _glued_help(elem: Glued) -> str:
    names: list[str] = []
    for part in elem.parts:
        if part.param is not None:
            names.append(part.param.help or part.param.name)
    return _capital(", ".join(names))


def keyword_help(states: list[PathState]) -> str:
    """The help line of a keyword, from the commands whose live paths continue with it.

    The command the keyword ends (no keyword after it) lends its own help; commands that all
    say the same lend that; commands whose helps start with the same three words or more lend
    that start; otherwise the line lists what may follow the keyword.
    """
    named = {s.spec.help for s in states if _names_command(s)}
    if len(named) == 1:
        return _clean(named.pop())
    helps = {s.spec.help for s in states}
    if len(helps) == 1:
        return _clean(helps.pop())
    common = _common_words([_clean(h).split() for h in helps])
    if len(common) >= 3:
        return " ".join(common) + " ..."
    following = sorted(
        {
            item.word
            for s in states
            if s.idx + 1 < len(s.path)
            for item in elem_items(s.path[s.idx + 1])
        }
    )
    return _cut("Subcommands: " + ", ".join(following))


def _names_command(s: PathState) -> bool:
    """The keyword at ``s.idx`` is its command's last keyword."""
    return not any(isinstance(e, Keyword) for e in s.path[s.idx + 1 :])


def _common_words(word_lists: list[list[str]]) -> list[str]:
    common: list[str] = []
    for words in zip(*word_lists, strict=False):
        if len(set(words)) != 1:
            break
        common.append(words[0])
    return common


def _clean(text: str) -> str:
    """A help sentence as IOS shows it: one line, no final full stop."""
    return _cut(" ".join(text.split()).rstrip("."))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _cut(text: str) -> str:
    """Shorten a help line at a word boundary, marking the cut with ``...``."""
    if len(text) <= _HELP_WIDTH:
        return text
    return text[: _HELP_WIDTH - 4].rsplit(" ", 1)[0].rstrip(",") + " ..."
