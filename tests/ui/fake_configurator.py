"""A `Configurator` for console tests: canned running-configs, scripted outcomes, call log."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pmiptui.configgen.diff import config_diff, predict
from pmiptui.configgen.plan import PlanLine
from pmiptui.errors import ConnectFailed, PmipError
from pmiptui.model.change import ApplyOutcome, ApplyProgress, ChangeStatus, OperationalChange
from tests.ui.fake_poller import FIXTURES

RUNNING = {
    "lma1": (FIXTURES / "running-config" / "lma_detailed.txt").read_text(),
    "mag1": (FIXTURES / "running-config" / "mag_detailed.txt").read_text(),
    "mag2": (FIXTURES / "running-config" / "mag_detailed.txt").read_text(),
}


@dataclass
class Applied:
    """One apply call as the fake received it."""

    router: str
    procedure: str
    lines: list[str]
    """The real lines (secrets included), to check what would be sent."""
    ticket: str | None


@dataclass
class FakeConfigurator:
    """Implements `pmiptui.ports.Configurator` in memory."""

    running: dict[str, str] = field(default_factory=lambda: dict(RUNNING))
    reject_at: int | None = None
    """Plan line number the "router" refuses (then the outcome is rejected and rolled back)."""
    router_message: str = "% Invalid input detected at '^' marker."
    rollback_fails: bool = False
    unreachable: bool = False
    gate: threading.Event | None = None
    """When set, apply waits on it after the first line (to look at the screen mid-apply)."""
    applied: list[Applied] = field(default_factory=list)
    saves: list[str] = field(default_factory=list)
    reads: list[str] = field(default_factory=list)

    def running_config(self, router: str) -> str:
        self.reads.append(router)
        if self.unreachable:
            raise ConnectFailed(f"{router}: connection refused")
        return self.running.get(router, "")

    def apply(
        self,
        router: str,
        procedure_id: str,
        lines: Sequence[PlanLine],
        *,
        ticket: str | None = None,
        on_line: Callable[[ApplyProgress], None] | None = None,
    ) -> ApplyOutcome:
        self.applied.append(Applied(router, procedure_id, [line.text for line in lines], ticket))
        report = on_line or (lambda _p: None)
        if self.unreachable:
            raise ConnectFailed(f"{router}: connection refused")
        report(ApplyProgress(text="reading running-config"))
        before = self.running.get(router, "")
        for number, line in enumerate(lines, start=1):
            report(ApplyProgress(text=line.shown, number=number, total=len(lines)))
            if number == 1 and self.gate is not None:
                self.gate.wait(10)
            if number == self.reject_at:
                return ApplyOutcome(
                    router=router,
                    procedure=procedure_id,
                    status=(
                        ChangeStatus.ROLLBACK_FAILED
                        if self.rollback_fails
                        else ChangeStatus.REJECTED_ROLLED_BACK
                    ),
                    failed_line=f"{number}: {line.shown}",
                    router_message=self.router_message,
                    verification_summary=(
                        "after `configure replace` the running-config still differs"
                        if self.rollback_fails
                        else "rolled back with `configure revert now`: running-config "
                        "identical to the snapshot"
                    ),
                )
        after = predict(before, lines)
        self.running[router] = after
        return ApplyOutcome(
            router=router,
            procedure=procedure_id,
            status=ChangeStatus.APPLIED,
            diff_unified=config_diff(before, after).unified,
            verification_summary="confirmed (configure confirm)\nread-back: PMIPv6 "
            "configuration exactly as predicted",
            verified=True,
            changes=(OperationalChange(field="mag mag1 / bri_retries", before="6", after="7"),),
        )

    def save(self, router: str) -> str:
        if self.unreachable:
            raise PmipError(f"{router}: write memory did not report [OK]", title="Save")
        self.saves.append(router)
        return "Building configuration...\n[OK]"
