"""Benchmark of the session store at scale: 10,000 sessions x 4 answers.

Times, as a person would run them (subprocesses of the installed `mockint`):
- `mockint import-sessions FILE` of a 10,000-session export (target: at most 10 s);
- `mockint history --json --limit 20` against `mockint --version`, best of N each, interleaved in
  the same run (target: history at most 1.2x the time of --version).

Run: `.venv/bin/python benchmarks/sessions.py [--sessions N] [--repeat N]`; exits 1 on FAIL.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

IMPORT_TARGET_SECONDS = 10.0
HISTORY_TARGET_RATIO = 1.2
DIMENSIONS = ("structure", "insight", "evidence", "communication", "impact")
CATEGORIES = ("leadership", "strategy", "execution", "conflict", None)


def mockint_command() -> list[str]:
    script = Path(sys.executable).parent / "mockint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mockint"]


def make_export(sessions: int, answers: int, seed: int = 1) -> dict[str, Any]:
    """A format-1 export with `sessions` sessions of `answers` answers each, varied but reproducible."""
    rng = random.Random(seed)
    start = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
    out = []
    for i in range(sessions):
        started = start + timedelta(hours=6 * i, minutes=rng.randrange(60))
        items = []
        for j in range(answers):
            asked = started + timedelta(minutes=3 * j)
            target = rng.choice((90, 120, 180))
            elapsed = round(rng.uniform(30, 240), 2)
            skipped = rng.random() < 0.05
            ratings = {} if skipped else {d: rng.randint(1, 5) for d in rng.sample(DIMENSIONS, 3)}
            items.append({
                "index": j,
                "pack": rng.choice(("behavioral-star", "product-sense", "product-leadership")),
                "pack_version": "1.0.0",
                "question_id": f"question-{rng.randrange(200)}",
                "question_text": f"Tell me about a time you had to make call number {j}.",
                "category": rng.choice(CATEGORIES),
                "target_seconds": target,
                "elapsed_seconds": 0.0 if skipped else elapsed,
                "overtime_seconds": 0.0 if skipped else round(max(0.0, elapsed - target), 2),
                "ratings": ratings,
                "overall": None if skipped else rng.choice((None, 1, 2, 3, 4, 5)),
                "notes": "" if skipped else "Lead with the outcome; cut the backstory.",
                "typed_points": "",
                "feedback": None,
                "follow_ups_asked": [],
                "skipped": skipped,
                "asked_at": asked.isoformat(),
                "answered_at": (asked + timedelta(seconds=elapsed + 5)).isoformat(),
            })
        out.append({
            "id": f"bench{i:08d}",
            "title": "Benchmark practice",
            "started_at": started.isoformat(),
            "ended_at": (started + timedelta(minutes=3 * answers)).isoformat(),
            "status": "complete" if i % 10 else "incomplete",
            "pack": None,
            "plan": "pm-phone-screen",
            "seed": i,
            "questions": answers,
            "answers": items,
        })
    return {"format": 1, "exported_at": start.isoformat(), "sessions": out}


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`."""
    c0, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, check=False)
    elapsed, cpu = time.perf_counter() - t0, _cpu() - c0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[:500]}")
    return elapsed, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=15, help="runs of each start-up command (best is kept)")
    args = parser.parse_args()
    mockint = mockint_command()
    home = Path(tempfile.mkdtemp(prefix="mockint-bench-"))
    env = {**os.environ, "MOCKINT_HOME": str(home / "home"), "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    # As installed: byte code cached (in the temp dir, so the source tree stays clean).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        export = home / "export.json"
        export.write_text(json.dumps(make_export(args.sessions, args.answers)), encoding="utf-8")
        size_mib = export.stat().st_size / 2**20
        import_s, import_cpu = _run([*mockint, "import-sessions", str(export)], env)
        # Interleave the two commands so both see the same machine state; keep the best of each.
        history: list[tuple[float, float]] = []
        version: list[tuple[float, float]] = []
        _run([*mockint, "history", "--json", "--limit", "20"], env)  # warm the page cache
        for _ in range(args.repeat):
            version.append(_run([*mockint, "--version"], env))
            history.append(_run([*mockint, "history", "--json", "--limit", "20"], env))
        again_s, _ = _run([*mockint, "import-sessions", str(export)], env)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    ratio = min(h[0] for h in history) / min(v[0] for v in version)
    cpu_ratio = min(h[1] for h in history) / min(v[1] for v in version)
    ok_import = import_s <= IMPORT_TARGET_SECONDS
    ok_ratio = ratio <= HISTORY_TARGET_RATIO
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (wall times suffer when it is high)")
    print(f"sessions: {args.sessions} x {args.answers} answers; export file {size_mib:.1f} MiB")
    print(f"import-sessions: {import_s:.2f} s wall, {import_cpu:.2f} s CPU "
          f"(target <= {IMPORT_TARGET_SECONDS:.0f} s)  {'PASS' if ok_import else 'FAIL'}")
    print(f"import-sessions again (idempotent, nothing added): {again_s:.2f} s wall")
    print(f"--version: best {min(v[0] for v in version) * 1000:.1f} ms wall, "
          f"{min(v[1] for v in version) * 1000:.1f} ms CPU")
    print(f"history --json --limit 20: best {min(h[0] for h in history) * 1000:.1f} ms wall, "
          f"{min(h[1] for h in history) * 1000:.1f} ms CPU")
    print(f"ratio history / --version: {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
          f"(target <= {HISTORY_TARGET_RATIO})  {'PASS' if ok_ratio else 'FAIL'}")
    return 0 if ok_import and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
