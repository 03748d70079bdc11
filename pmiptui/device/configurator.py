"""The console's `Configurator` over SSH: one fresh session per call, never the poller's.

Each apply runs exactly what `pmiptui config apply` runs (`pmiptui.device.change`): read the
running-config, predict, apply all-or-nothing with rollback, verify, audit. Saving is a
separate call, made only when the operator asks for it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

from pmiptui.configgen.plan import PlanLine
from pmiptui.device.change import (
    ChangeRun,
    exclusive_change,
    prepare_change,
    run_change,
    save_change,
)
from pmiptui.device.running import read_running
from pmiptui.device.session import RouterSession
from pmiptui.errors import InputError
from pmiptui.inventory import RouterTarget
from pmiptui.model.change import ApplyOutcome, ApplyProgress, ChangeStatus, OperationalChange
from pmiptui.redact import mask_secrets

SessionFactory = Callable[[RouterTarget], RouterSession]


def _no_prompt(question: str) -> str:
    raise InputError(f"cannot ask for a password inside the console ({question.strip()})")


def _session(target: RouterTarget) -> RouterSession:
    return RouterSession(target, ask=_no_prompt)


class SshConfigurator:
    """Implements `pmiptui.ports.Configurator` with Netmiko sessions of its own."""

    def __init__(
        self, targets: Mapping[str, RouterTarget], *, session: SessionFactory = _session
    ) -> None:
        self._targets = dict(targets)
        self._session = session

    def _target(self, router: str) -> RouterTarget:
        target = self._targets.get(router)
        if target is None:
            raise InputError(f"no router named {router!r} in the inventory")
        return target

    @contextmanager
    def _open(self, router: str) -> Iterator[RouterSession]:
        session = self._session(self._target(router)).open()
        try:
            yield session
        finally:
            session.close()

    def running_config(self, router: str) -> str:
        with self._open(router) as session:
            return mask_secrets(read_running(session))

    def apply(
        self,
        router: str,
        procedure_id: str,
        lines: Sequence[PlanLine],
        *,
        ticket: str | None = None,
        on_line: Callable[[ApplyProgress], None] | None = None,
    ) -> ApplyOutcome:
        def note(text: str) -> None:
            if on_line is not None:
                on_line(ApplyProgress(text=text))

        def sent(number: int, line: PlanLine) -> None:
            if on_line is not None:
                on_line(ApplyProgress(text=line.shown, number=number, total=len(lines)))

        note(f"connecting to {router}")
        target = self._target(router)
        with exclusive_change(target, procedure_id, ticket=ticket), self._open(router) as session:
            note("reading running-config")
            prepared = prepare_change(session, lines)
            if not prepared.diff.changed:
                return ApplyOutcome(
                    router=router,
                    procedure=procedure_id,
                    status=ChangeStatus.NO_CHANGE,
                    verification_summary=f"{router} already has this PMIPv6 configuration; "
                    "nothing was sent",
                )
            run = run_change(
                session, procedure_id, lines, prepared, ticket=ticket, on_line=sent, on_note=note
            )
        return outcome(run, procedure_id)

    def save(self, router: str) -> str:
        with self._open(router) as session:
            return save_change(session)


def outcome(run: ChangeRun, procedure_id: str) -> ApplyOutcome:
    """The console's record of a change run (every text already masked by the device layer)."""
    result, verification = run.result, run.verification
    status = ChangeStatus(result.status.value)
    summary = [result.verification]
    if run.unverified:
        status = ChangeStatus.APPLIED_UNVERIFIED
    if verification is not None:
        summary.append(
            "read-back: PMIPv6 configuration exactly as predicted"
            if verification.section_matches
            else "read-back DIFFERS from the prediction:\n" + verification.mismatch.unified
        )
        if verification.globals_note:
            summary.append(verification.globals_note)
    return ApplyOutcome(
        router=result.router,
        procedure=procedure_id,
        status=status,
        failed_line=(
            f"{result.failed_line.number}: {result.failed_line.text}"
            if result.failed_line
            else None
        ),
        router_message=result.router_message,
        diff_unified=result.diff.unified,
        verification_summary=mask_secrets("\n".join(s for s in summary if s)),
        verified=verification.passed if verification is not None else None,
        missing_lines=tuple(
            c.line for c in (verification.lines if verification else []) if not c.present
        ),
        changes=tuple(
            OperationalChange(field=c.field, before=c.before, after=c.after)
            for c in (verification.changes if verification else [])
        ),
        notes=result.notes,
    )
