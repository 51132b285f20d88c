"""CPU cost of the running answer clock on the real practice screen (target: <= 3% of one core).

Run: .venv/bin/python benchmarks/clock.py [--seconds N]
Measures process CPU time over N seconds of wall time with the clock running, and the
same screen idle (question shown, clock waiting), in the same run; prints both and the difference.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


LIMIT_PERCENT = 3.0
REFRESH_HZ = 4


async def measure(running: bool, seconds: float) -> float:
    """Percent of one core used by the real practice screen over `seconds` of wall time.

    Idle: the question is shown and the clock waits for `space` (its timer is paused).
    Running: `space` was pressed, so the clock ticks at 4 Hz and repaints each second.
    """
    import tempfile

    from mockint.tui.app import MockintApp

    with tempfile.TemporaryDirectory() as home:
        os.environ["MOCKINT_HOME"] = home
        app = MockintApp(start_screen="practice", screen_kwargs={"pack_id": "behavioral-star", "count": 2, "seed": 5}, remember_theme=False)
        async with app.run_test(headless=True, size=(80, 24)) as pilot:
            await pilot.pause(0.5)  # let the first frame settle before measuring
            if running:
                await pilot.press("space")
            cpu0, wall0 = time.process_time(), time.perf_counter()
            await asyncio.sleep(seconds)
            cpu1, wall1 = time.process_time(), time.perf_counter()
            clock = app.screen.answer_clock  # type: ignore[attr-defined]
            assert clock is not None and clock.is_moving() == running, (clock.phase, running)
    return 100.0 * (cpu1 - cpu0) / (wall1 - wall0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seconds", type=float, default=10.0, help="wall time per measurement (default 10)")
    args = parser.parse_args()
    idle = asyncio.run(measure(False, args.seconds))
    running = asyncio.run(measure(True, args.seconds))
    extra = running - idle
    print(f"idle app:      {idle:5.2f}% of one core")
    print(f"running clock: {running:5.2f}% of one core")
    print(f"clock cost:    {extra:+5.2f}% (limit {LIMIT_PERCENT:.1f}%)")
    ok = extra <= LIMIT_PERCENT
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
