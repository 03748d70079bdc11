"""Secrets that never show in reprs, logs or exports, and masking of secrets in CLI text."""

from __future__ import annotations

import re
import threading

MASK = "***"
"""What a secret looks like wherever it is displayed."""
MIN_LITERAL = 4
"""Secrets at least this long are masked wherever they appear in a text; shorter ones (the
guide's `hi`) would match inside ordinary words, so they are masked where IOS puts them."""

_known: frozenset[str] = frozenset()
_longest_first: tuple[str, ...] = ()
"""`_known` sorted once, longest first, so a secret inside a longer one is not cut."""
_known_lock = threading.Lock()


def remember_secret(value: str) -> None:
    """Mask `value` in every text `mask_secrets` sees from now on, in this process.

    Called by the code that learns a secret by its meaning: a `Secret` when it is made,
    the IOS command model when it reads a secret parameter from a plan or a config.
    """
    global _known, _longest_first
    text = str.__str__(value)
    if len(text) < MIN_LITERAL or text == MASK or text in _known:
        return
    with _known_lock:
        _known = _known | {text}
        _longest_first = tuple(sorted(_known, key=len, reverse=True))


class Secret(str):
    """A string holding key material: repr, str and format show `***`; `.reveal()` gives the value.

    It stays a `str` so code that must send it to a router can, but anything that prints,
    logs or formats it sees only the mask. `json.dumps` would still write the value:
    records go through `pmiptui.model.serialize.to_data`, which masks it.
    """

    __slots__ = ()

    def __new__(cls, value: str = "") -> Secret:
        made = super().__new__(cls, value)
        remember_secret(made)
        return made

    def __repr__(self) -> str:
        return MASK

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def reveal(self) -> str:
        """The secret value itself, for the one place that must send it."""
        return str.__str__(self)


_TYPE = r"(?:[0-9]\s+)?"
"""An optional IOS encryption-type digit (`0`, `5`, `7`, `8`, `9`) kept visible before a secret."""
_REST = r"(?P<value>\S[^\r\n]*?)(?P<tail>[ \t]*)(?=\r?$)"

_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern, re.MULTILINE | re.IGNORECASE)
    for pattern in (
        # auth-option spi … key {ascii|hex} KEY, and any `key [type] VALUE` (tacacs, radius…).
        rf"(?P<head>(?<![\w-])key\s+(?:(?:ascii|hex)\s+)?{_TYPE})"
        rf"(?!(?:chain|config-key|generate|ascii|hex)(?:[ \t]|$)){_REST}",
        rf"(?P<head>(?<![\w-])key-string\s+{_TYPE}){_REST}",
        rf"(?P<head>(?<![\w-])password\s+{_TYPE})(?!encryption\b){_REST}",
        rf"(?P<head>(?<![\w-])secret\s+{_TYPE}){_REST}",
    )
)


def forget_secrets() -> None:
    """Forget every remembered secret (tests start each case from none)."""
    global _known, _longest_first
    with _known_lock:
        _known = frozenset()
        _longest_first = ()


def mask_known(text: str) -> str:
    """Mask every remembered secret (`remember_secret`) wherever it appears in `text`.

    For prose such as error messages, where the IOS line patterns of `mask_secrets` would
    take ordinary words (`unknown SSH host key SHA256:…`) for a secret.
    """
    for value in _longest_first:
        if value in text:
            text = text.replace(value, MASK)
    return text


def mask_secrets(text: str) -> str:
    """Replace the secret in every IOS line that carries one with `***`.

    Covers `auth-option spi … key {ascii|hex} KEY`, `password [type] …`, `secret [type] …`
    (so `enable secret`), `key [type] …` and `key-string …`; the rest of the line after the
    keyword is masked, since a secret may contain spaces. Then every remembered secret
    (`remember_secret`) is masked wherever it appears. Already-masked text is unchanged.
    """
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: f"{m['head']}{MASK}{m['tail']}", text)
    return mask_known(text)
