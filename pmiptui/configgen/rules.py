"""Cross-field rules of the procedures: checks no single parameter type can make.

Each factory returns a `Rule`: a pure function of the values (and, when the caller knows it,
the router's current PMIPv6 configuration) giving `(field path, rule text)` pairs. Field
paths use the planner's spelling, `lmas[2].lma-id`, with 1-based entries; a group written
as a single mapping counts as one entry. Rules check only what the values define: a
reference to an LMA the values do not define is left to the apply stage, which knows the
router's configuration.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from pmiptui.configgen.procedure import Rule, Values
from pmiptui.model.config import Domain, PmipConfig

Found = list[tuple[str, str]]
"""Broken rules: (field path, rule text) pairs."""


def present(value: Any) -> bool:
    """A value counts as given: not None, not empty text, not false, not an empty list."""
    return value is not None and value != "" and value is not False and value != []


def select(values: Values, pattern: str) -> list[tuple[str, Any]]:
    """Every value at a path pattern, with its field path.

    `nais[].lma-id` gives `("nais[1].lma-id", "lma1"), ...`; `lmas[]` gives the entries
    themselves; the empty pattern gives the values as `("", values)`.
    """
    found: list[tuple[str, Any]] = [("", values)]
    for part in filter(None, pattern.split(".")):
        many = part.endswith("[]")
        name = part[:-2] if many else part
        step: list[tuple[str, Any]] = []
        for path, scope in found:
            if not isinstance(scope, Mapping) or name not in scope:
                continue
            where = f"{path}.{name}" if path else name
            value = scope[name]
            if not many:
                step.append((where, value))
                continue
            entries = [value] if isinstance(value, Mapping) else value
            if isinstance(entries, list):
                step.extend((f"{where}[{i}]", entry) for i, entry in enumerate(entries, 1))
        found = step
    return found


def _field(scope_path: str, name: str) -> str:
    return f"{scope_path}.{name}" if scope_path else name


def nai_text(entry: Mapping[str, Any]) -> str:
    """`user@realm` of a mobile node entry."""
    return f"{entry.get('user') or ''}@{entry.get('realm')}"


def _named(rule: Rule, name: str, doc: str) -> Rule:
    rule.__name__ = rule.__qualname__ = name
    rule.__doc__ = doc
    return rule


def required_when(scope: str, field: str, when: str, equals: str, text: str) -> Rule:
    """`field` must be given in each `scope` entry whose `when` value is `equals`."""

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        return [
            (_field(path, field), text)
            for path, entry in select(values, scope)
            if isinstance(entry, Mapping)
            and str(entry.get(when)) == equals
            and not present(entry.get(field))
        ]

    return _named(
        rule, f"{field}_when_{when}_{equals}", f"{field} is needed when {when} is {equals}"
    )


def apn_for_3gpp(scope: str = "") -> Rule:
    """A MAG in the 3GPP role needs an access point name."""
    return required_when(scope, "apn-name", "role", "3gpp", "is required when role is 3gpp")


def role_3gma_needs_interface(scope: str = "") -> Rule:
    """The LMA's 3GMA role serves through at least one interface."""

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        return [
            (_field(path, "type"), "the 3GMA role needs at least one interface (type and number)")
            for path, entry in select(values, scope)
            if isinstance(entry, Mapping)
            and not present(entry.get("type"))
            and not present(entry.get("number"))
        ]

    return _named(rule, "role_3gma_needs_interface", "the 3GMA role needs an interface")


def at_least_one(scope: str, names: Iterable[str], text: str) -> Rule:
    """Each `scope` entry gives at least one of `names` (values or non-empty groups)."""
    wanted = tuple(names)

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        return [
            (_field(path, wanted[0]), text)
            for path, entry in select(values, scope)
            if isinstance(entry, Mapping) and not any(present(entry.get(n)) for n in wanted)
        ]

    return _named(rule, f"at_least_one_of_{'_'.join(wanted)}", text)


def exclusive(scope: str, first: str, second: str) -> Rule:
    """`first` and `second` are alternatives: giving both would silently drop one."""

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        return [
            (_field(path, second), f"give either {first} or {second}, not both")
            for path, entry in select(values, scope)
            if isinstance(entry, Mapping)
            and present(entry.get(first))
            and present(entry.get(second))
        ]

    return _named(rule, f"{first}_or_{second}", f"{first} and {second} exclude each other")


def auth_option_forms(scope: str = "") -> tuple[Rule, ...]:
    """One SPI form (hex or decimal) and one key form (ascii or hex) per `auth-option`."""
    return (
        exclusive(scope, "spi-hex-value", "spi-decimal-value"),
        exclusive(scope, "ascii-string", "hex-string"),
    )


def unique(
    group: str,
    fields: Iterable[str],
    what: str,
    label: Callable[[Mapping[str, Any]], str] | None = None,
) -> Rule:
    """No two entries of a repeat group share an id (`fields` together form the id; the
    first must be given, the others may be absent, as the user part of a realm-wide NAI)."""
    key_fields = tuple(fields)

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        seen: dict[tuple[str, ...], str] = {}
        out: Found = []
        for path, entry in select(values, group):
            if not isinstance(entry, Mapping) or not present(entry.get(key_fields[0])):
                continue
            key = tuple(str(entry.get(f) or "") for f in key_fields)
            if key in seen:
                shown = label(entry) if label else " ".join(k for k in key if k)
                out.append((_field(path, key_fields[0]), f"{what} {shown} is already {seen[key]}"))
            else:
                seen[key] = path
        return out

    return _named(rule, f"unique_{what.replace(' ', '_')}", f"each {what} appears once")


def nai_parts(group: str) -> Rule:
    """The NAI is written `user@realm`: neither part may hold an `@` of its own."""

    def rule(values: Values, current: PmipConfig | None = None) -> Found:
        return [
            (_field(path, part), "must not contain @ (the NAI is written user@realm)")
            for path, entry in select(values, group)
            if isinstance(entry, Mapping)
            for part in ("user", "realm")
            if "@" in str(entry.get(part) or "")
        ]

    return _named(rule, "nai_parts", "user and realm are joined by a single @")


def mobile_nodes(group: str) -> tuple[Rule, ...]:
    """Rules of a mobile node group: well-formed NAIs, each configured once."""
    return (nai_parts(group), unique(group, ["realm", "user"], "NAI", nai_text))


CurrentIds = Callable[[PmipConfig, Values], set[str] | None]
"""Ids the router already has for a reference (None: the router cannot tell)."""


def member_of(
    pattern: str, among: Iterable[str], what: str, current: CurrentIds | None = None
) -> Rule:
    """Each value at `pattern` names one of the `among` values, when the values define any.

    Without definitions in the values, `current` (if given) reads them from the router's
    configuration; otherwise the reference is not checked here.
    """
    sources = tuple(among)

    def rule(values: Values, config: PmipConfig | None = None) -> Found:
        known = {str(v) for src in sources for _, v in select(values, src) if present(v)}
        if not known and current is not None and config is not None:
            known = current(config, values) or set()
        if not known:
            return []
        choices = ", ".join(sorted(known))
        return [
            (path, f"must name one of the {what}: {choices}")
            for path, value in select(values, pattern)
            if present(value) and str(value) not in known
        ]

    return _named(rule, f"{pattern}_in_{what.replace(' ', '_')}", f"{pattern} names a {what}")


def _domain(config: PmipConfig, values: Values) -> Domain | None:
    name = values.get("domain-name")
    return next((d for d in config.domains if d.name == str(name)), None)


def current_domain_lmas(config: PmipConfig, values: Values) -> set[str] | None:
    """The LMAs the router's configuration gives the procedure's domain."""
    domain = _domain(config, values)
    return None if domain is None else {lma.id for lma in domain.lmas}


def domain_lma(pattern: str, among: Iterable[str] = ("lmas[].lma-id",)) -> Rule:
    """`pattern` names one of the domain's LMAs (from the values, else the router)."""
    return member_of(pattern, among, "domain's LMAs", current_domain_lmas)


def multipath_needs_udptunnel(
    on: Iterable[str] = (), encap: str | None = None, domain: str = "domain-name"
) -> Rule:
    """Multipath tunnels run over UDP: the domain's encapsulation must be `udptunnel`.

    Multipath counts as configured when any of the `on` patterns is given (always, when
    `on` is empty). When the procedure sets the domain's encapsulation (`encap` names that
    field) the values decide; otherwise the router's current configuration does, and
    without it the check is left to the apply stage.
    """
    switches = tuple(on)
    text = "multipath needs the domain's encap to be udptunnel"

    def rule(values: Values, config: PmipConfig | None = None) -> Found:
        if switches and not any(present(v) for s in switches for _, v in select(values, s)):
            return []
        if encap is not None and present(values.get(encap)):
            return [] if str(values[encap]) == "udptunnel" else [(encap, text)]
        if config is None:
            return []
        name = values.get(domain)
        found = next((d for d in config.domains if d.name == str(name)), None)
        if found is not None and found.encap == "udptunnel":
            return []
        if found is not None and found.load_aaa and not found.encap:
            return []  # the AAA server decides; the router cannot tell
        has = "no encap" if found is None or found.encap is None else f"encap {found.encap}"
        return [(encap or domain, f"{text} (the router's domain {name} has {has})")]

    return _named(rule, "multipath_needs_udptunnel", text)
