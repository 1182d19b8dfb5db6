"""What an import did, kind by kind: created, updated, unchanged and skipped (with why), and
the progress bar shown while it runs."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from tqdm import tqdm

KINDS = ("users", "terms", "posts", "comments", "files", "options")
OUTCOMES = ("created", "updated", "unchanged", "skipped")
EXAMPLES = 5


class Report:
    """Counts per kind and outcome; each skip and note with its reason and a few examples."""

    def __init__(self) -> None:
        self.counts: dict[str, dict[str, int]] = {
            kind: dict.fromkeys(OUTCOMES, 0) for kind in KINDS
        }
        self.reasons: dict[tuple[str, str, str], list[Any]] = defaultdict(list)
        self.reason_counts: dict[tuple[str, str, str], int] = defaultdict(int)
        self.notes: list[str] = []
        self.timings: dict[str, float] = {}
        self.started = time.monotonic()
        self.finished: float | None = None

    def count(self, kind: str, outcome: str, n: int = 1) -> None:
        self.counts[kind][outcome] += n

    def skip(self, kind: str, example: Any, reason: str) -> None:
        """An object of the source that was not written, and why."""
        self.count(kind, "skipped")
        self.explain(kind, "skipped", example, reason)

    def explain(self, kind: str, outcome: str, example: Any, reason: str) -> None:
        """Why an object was written as it was (a reference left out, a role unknown here)."""
        key = (kind, outcome, reason)
        self.reason_counts[key] += 1
        if len(self.reasons[key]) < EXAMPLES:
            self.reasons[key].append(example)

    @contextmanager
    def timed(self, phase: str) -> Iterator[None]:
        """How long a phase of the import took (shown at the end)."""
        start = time.monotonic()
        try:
            yield
        finally:
            self.timings[phase] = time.monotonic() - start

    def note(self, text: str) -> None:
        self.notes.append(text)

    def finish(self) -> None:
        self.finished = time.monotonic()

    @property
    def seconds(self) -> float:
        return (self.finished or time.monotonic()) - self.started

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "reasons": [
                {"kind": kind, "outcome": outcome, "reason": reason, "count": n, "examples": ex}
                for (kind, outcome, reason), n in self.reason_counts.items()
                for ex in [self.reasons[(kind, outcome, reason)]]
            ],
            "notes": self.notes,
            "seconds": round(self.seconds, 2),
            "timings": {name: round(seconds, 2) for name, seconds in self.timings.items()},
        }

    def render(self, title: str) -> str:
        lines = [title]
        width = max(len(kind) for kind in KINDS)
        for kind in KINDS:
            row = self.counts[kind]
            if not any(row.values()):
                continue
            parts = ", ".join(f"{row[outcome]} {outcome}" for outcome in OUTCOMES)
            lines.append(f"  {kind:<{width}}  {parts}")
        explained = sorted(self.reason_counts.items(), key=lambda item: (item[0][0], -item[1]))
        if explained:
            lines.append("Why:")
            for (kind, outcome, reason), n in explained:
                examples = ", ".join(str(e) for e in self.reasons[(kind, outcome, reason)])
                more = ", ..." if n > EXAMPLES else ""
                lines.append(f"  {kind} {outcome} ({n}): {reason} [{examples}{more}]")
        for note in self.notes:
            lines.append(f"Note: {note}")
        phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.timings.items())
        lines.append(f"Took {self.seconds:.1f} s" + (f" ({phases})." if phases else "."))
        return "\n".join(lines)


class Progress:
    """One bar for the whole import: objects read so far of the source's total, with the rate.
    Shown on a terminal only (or when asked)."""

    def __init__(self, total: int, enabled: bool | None, stream: TextIO | None = None) -> None:
        self.bar = tqdm(
            total=total,
            unit=" objects",
            file=stream or sys.stderr,
            disable=enabled is False or (enabled is None and not (stream or sys.stderr).isatty()),
            dynamic_ncols=True,
            mininterval=0.5,
        )

    def phase(self, name: str) -> None:
        self.bar.set_description(name)

    def advance(self, n: int) -> None:
        self.bar.update(n)

    def close(self) -> None:
        self.bar.close()
