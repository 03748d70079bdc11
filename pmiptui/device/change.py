"""One configuration change on an open session: read, predict, apply, verify, audit, save.

Shared by `pmiptui config apply` and the console's wizards (`SshConfigurator`), so both make
exactly the same change the same way and leave the same audit record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace

from pmiptui.audit import AuditRecord, write_audit
from pmiptui.configgen.diff import ConfigDiff, config_diff, predict
from pmiptui.configgen.plan import PlanLine
from pmiptui.device.apply import ApplyResult, OnLine, apply_plan, read_running, save_config
from pmiptui.device.change_lock import change_lock
from pmiptui.device.outcome import Status
from pmiptui.device.router_guard import ensure_router_free
from pmiptui.device.session import RouterSession
from pmiptui.device.verify import Verification, read_globals, role_of, verify_change
from pmiptui.errors import ChangeRefused, DeviceError, PmipError
from pmiptui.inventory import RouterTarget

SAVE_PROCEDURE = "write memory"
"""The audit log's `procedure` for a separate save."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PreparedChange:
    """The router's config before a change, and what the plan will make of it."""

    before: str
    """Normalised running-config; holds key material: never display it."""
    predicted: str
    """The running-config the command model predicts after the plan."""
    diff: ConfigDiff
    """PMIPv6 section of `before` against `predicted`, masked."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRun:
    """An apply that went through: its result, the read-back checks, whether it was saved."""

    result: ApplyResult
    verification: Verification | None
    """None unless the change is on the router."""
    saved: bool

    @property
    def unverified(self) -> bool:
        """Applied, but the read-back differs from the prediction."""
        return self.verification is not None and not self.verification.passed


@contextmanager
def exclusive_change(
    target: RouterTarget, procedure_id: str, *, ticket: str | None = None
) -> Iterator[None]:
    """Hold the router's change lock on this host; a refusal is audited as `refused`."""
    try:
        with change_lock(target, procedure_id):
            yield
    except ChangeRefused as error:
        write_audit(
            AuditRecord(
                router=target.name,
                procedure=procedure_id,
                ticket=ticket,
                result="refused",
                detail=error.message,
            )
        )
        raise


def prepare_change(session: RouterSession, plan: Sequence[PlanLine]) -> PreparedChange:
    """Check no other change holds or is pending on the router, read its running-config and
    predict the plan's effect on it (nothing is sent).

    ChangeRefused, naming who and how to settle it, when the router is not free.
    """
    ensure_router_free(session)
    before = read_running(session)
    predicted = predict(before, plan)
    return PreparedChange(before=before, predicted=predicted, diff=config_diff(before, predicted))


def run_change(
    session: RouterSession,
    procedure_id: str,
    plan: Sequence[PlanLine],
    prepared: PreparedChange,
    *,
    ticket: str | None = None,
    save: bool = False,
    on_line: OnLine | None = None,
    on_note: Callable[[str], None] | None = None,
) -> ChangeRun:
    """Apply all-or-nothing, verify, `write memory` if asked and verified, and audit it.

    Raises (after auditing `not_applied`) only when nothing was changed.
    """
    note = on_note or (lambda _text: None)
    name = session.target.name
    role = role_of(session.target.role, prepared.before)
    globals_before = _quiet(lambda: read_globals(session, role))
    record = {"router": name, "procedure": procedure_id, "ticket": ticket}
    note("saving the rollback snapshot and sending the lines")
    try:
        result = apply_plan(session, plan, on_line=on_line)
    except ChangeRefused:
        raise  # audited as `refused` by exclusive_change
    except PmipError as error:
        write_audit(AuditRecord(**record, result="not_applied", detail=error.message))
        raise
    verification: Verification | None = None
    saved = False
    if result.ok:
        note("reading back and verifying")
        try:
            verification = verify_change(
                session,
                plan,
                before=prepared.before,
                predicted=prepared.predicted,
                globals_before=globals_before,
                role=role,
            )
        except DeviceError as error:
            result = _unverified(result, error)
        if verification is not None and verification.passed and save:
            note("saving: write memory")
            try:
                save_config(session)
                saved = True
            except PmipError as error:
                result = replace(
                    result, notes=(*result.notes, f"write memory failed: {error.message}")
                )
    run = ChangeRun(result=result, verification=verification, saved=saved)
    write_audit(
        AuditRecord(
            **record,
            result="applied_unverified" if run.unverified else result.status.value,
            diff=prepared.diff.unified,
            failed_line=(
                f"{result.failed_line.number}: {result.failed_line.text}"
                if result.failed_line
                else None
            ),
            router_message=result.router_message or None,
            detail=result.verification,
            saved=saved,
        )
    )
    return run


def save_change(session: RouterSession, *, ticket: str | None = None) -> str:
    """`write memory` on its own (after a verified apply), audited as such."""
    record = {"router": session.target.name, "procedure": SAVE_PROCEDURE, "ticket": ticket}
    try:
        answer = save_config(session)
    except PmipError as error:
        write_audit(AuditRecord(**record, result="not_saved", detail=error.message))
        raise
    write_audit(AuditRecord(**record, result="saved", detail=answer, saved=True))
    return answer


def _unverified(result: ApplyResult, error: DeviceError) -> ApplyResult:
    """A confirmed change whose verification broke off: on the router, not verified."""
    return replace(
        result,
        status=Status.CONFIRMED_UNVERIFIED,
        verification=(
            f"{result.verification}: the change is on the router, but verification could not "
            f"finish ({error.message}); verify it with "
            f"`pmiptui show {result.router} config`"
        ),
    )


def _quiet(read: Callable[[], str]) -> str:
    """Globals are for the before/after comparison only: a failure to read them is no error."""
    try:
        return read()
    except PmipError:
        return ""
