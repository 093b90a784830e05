"""Running start times for a session's steps."""

from __future__ import annotations

from kurikulum.model import Step


def clock(minutes: int) -> str:
    """Minutes since the start of the session as ``HH:MM`` (00:00, 00:15, 01:30 …)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def timetable(steps: list[Step]) -> list[tuple[str, Step]]:
    """Each step with the clock time at which it starts."""
    result = []
    elapsed = 0
    for step in steps:
        result.append((clock(elapsed), step))
        elapsed += step.minutes
    return result
