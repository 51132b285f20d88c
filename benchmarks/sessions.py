"""Benchmark of the session store at scale: 10,000 sessions x 4 answers.

Times, as a person would run them (subprocesses of the installed `mockint`):
- `mockint import-sessions FILE` of a 10,000-session export (target: at most 10 s), and its
  peak memory (resident set of the process; target: under 500 MB whatever the file's size);
- `mockint history --json --limit 20` against `mockint --version`, best of N each, interleaved in
  the same run (target: history at most 1.35x the time of --version).

With `--instructions` (needs valgrind), also the instructions each of the two commands runs
(callgrind; the same on a busy machine, where wall times are not), with MOCKINT_HOME set as
above and with the platform's folders (platformdirs), as a person without MOCKINT_HOME runs them.

Run: `.venv/bin/python benchmarks/sessions.py [--sessions N] [--repeat N] [--notes CHARS] [--instructions]`;
exits 1 on FAIL.
The backup of issue 11 (20,000 sessions, over 100 MiB; target: well under a minute):
`.venv/bin/python benchmarks/sessions.py --sessions 20000 --notes 1200 --import-target 60 --repeat 3`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

IMPORT_TARGET_SECONDS = 10.0
IMPORT_TARGET_MB = 500.0
HISTORY_TARGET_RATIO = 1.35
DIMENSIONS = ("structure", "insight", "evidence", "communication", "impact")
CATEGORIES = ("leadership", "strategy", "execution", "conflict", None)


def mockint_command() -> list[str]:
    script = Path(sys.executable).parent / "mockint"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mockint"]


def make_export(sessions: int, answers: int, seed: int = 1, notes: int = 0) -> dict[str, Any]:
    """A format-1 export with `sessions` sessions of `answers` answers each, varied but reproducible."""
    rng = random.Random(seed)
    note = "Lead with the outcome; cut the backstory. "
    note = (note * (notes // len(note) + 1))[:notes] if notes else note.strip()
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
                "notes": "" if skipped else note,
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


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `cmd`."""
    elapsed, cpu, _ = _run_measured(cmd, env)
    return elapsed, cpu


def _run_measured(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak resident MB) of one run of `cmd` (this child alone)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[:500]}")
    # ru_maxrss is in KiB on Linux.
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def _instructions(cmd: list[str], env: dict[str, str]) -> int:
    """User-space instructions of one run of `cmd` under valgrind's callgrind (hash seed fixed)."""
    out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={os.devnull}", *cmd],
                         env={**env, "PYTHONHASHSEED": "0"}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if out.returncode != 0 or found is None:
        raise SystemExit(f"valgrind {' '.join(cmd)} failed ({out.returncode}): {out.stderr[-500:]}")
    return int(found.group(1))


def _instruction_ratios(mockint: list[str], env: dict[str, str], home: Path) -> list[str]:
    """Lines: the instructions of --version and of history, with MOCKINT_HOME and with platformdirs."""
    history = [*mockint, "history", "--json", "--limit", "20"]
    version = _instructions([*mockint, "--version"], env)
    lines = [f"instructions (callgrind): --version {version / 1e6:.1f} M"]
    # The platform's folders: the same database where platformdirs puts it under these XDG folders.
    xdg = home / "xdg"
    platform_env = {k: v for k, v in env.items() if k != "MOCKINT_HOME" and not k.startswith("XDG_")}
    platform_env.update(HOME=str(xdg), XDG_DATA_HOME=str(xdg / "data"), XDG_CONFIG_HOME=str(xdg / "config"),
                        XDG_STATE_HOME=str(xdg / "state"), XDG_CACHE_HOME=str(xdg / "cache"))
    (xdg / "data" / "mockint").mkdir(parents=True)
    shutil.copy(home / "home" / "data" / "mockint.db", xdg / "data" / "mockint" / "mockint.db")
    for label, run_env in (("MOCKINT_HOME set", env), ("platform folders, platformdirs", platform_env)):
        _run(history, run_env)  # byte code and page cache warm
        count = _instructions(history, run_env)
        lines.append(f"  history --json --limit 20 ({label}): {count / 1e6:.1f} M, ratio {count / version:.3f}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=15, help="runs of each start-up command (best is kept)")
    parser.add_argument("--notes", type=int, default=0, help="characters of notes per answer (a bigger file)")
    parser.add_argument("--import-target", type=float, default=IMPORT_TARGET_SECONDS, help="seconds")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions of the two commands (valgrind)")
    parser.add_argument("--make", metavar="FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind")
    if args.make:
        Path(args.make).write_text(json.dumps(make_export(args.sessions, args.answers, notes=args.notes), indent=2),
                                   encoding="utf-8")
        return 0
    mockint = mockint_command()
    home = Path(tempfile.mkdtemp(prefix="mockint-bench-"))
    env = {**os.environ, "MOCKINT_HOME": str(home / "home"), "PYTHONPYCACHEPREFIX": str(home / "pycache")}
    # As installed: byte code cached (in the temp dir, so the source tree stays clean).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    try:
        export = home / "export.json"
        # Written by a child process: this one stays small, so the memory measured below is the
        # import's alone (a child starts with its parent's pages).
        subprocess.run([sys.executable, __file__, "--make", str(export), "--sessions", str(args.sessions),
                        "--answers", str(args.answers), "--notes", str(args.notes)], check=True)
        size_mib = export.stat().st_size / 2**20
        import_s, import_cpu, import_mb = _run_measured([*mockint, "import-sessions", str(export)], env)
        # Interleave the two commands so both see the same machine state; keep the best of each.
        history: list[tuple[float, float]] = []
        version: list[tuple[float, float]] = []
        _run([*mockint, "history", "--json", "--limit", "20"], env)  # warm the page cache
        for _ in range(args.repeat):
            version.append(_run([*mockint, "--version"], env))
            history.append(_run([*mockint, "history", "--json", "--limit", "20"], env))
        again_s, _, again_mb = _run_measured([*mockint, "import-sessions", str(export)], env)
        counted = _instruction_ratios(mockint, env, home) if args.instructions else []
    finally:
        shutil.rmtree(home, ignore_errors=True)
    ratio = min(h[0] for h in history) / min(v[0] for v in version)
    cpu_ratio = min(h[1] for h in history) / min(v[1] for v in version)
    ok_import = import_s <= args.import_target and import_mb <= IMPORT_TARGET_MB
    ok_ratio = ratio <= HISTORY_TARGET_RATIO
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} CPUs, load average {load:.1f} (wall times suffer when it is high)")
    print(f"sessions: {args.sessions} x {args.answers} answers; export file {size_mib:.1f} MiB")
    print(f"import-sessions: {import_s:.2f} s wall, {import_cpu:.2f} s CPU "
          f"(target <= {args.import_target:.0f} s), peak memory {import_mb:.0f} MB "
          f"(target <= {IMPORT_TARGET_MB:.0f} MB)  {'PASS' if ok_import else 'FAIL'}")
    print(f"import-sessions again (idempotent, nothing added): {again_s:.2f} s wall, {again_mb:.0f} MB")
    print(f"--version: best {min(v[0] for v in version) * 1000:.1f} ms wall, "
          f"{min(v[1] for v in version) * 1000:.1f} ms CPU")
    print(f"history --json --limit 20: best {min(h[0] for h in history) * 1000:.1f} ms wall, "
          f"{min(h[1] for h in history) * 1000:.1f} ms CPU")
    print(f"ratio history / --version: {ratio:.2f} wall, {cpu_ratio:.2f} CPU "
          f"(target <= {HISTORY_TARGET_RATIO})  {'PASS' if ok_ratio else 'FAIL'}")
    for line in counted:
        print(line)
    return 0 if ok_import and ok_ratio else 1


if __name__ == "__main__":
    sys.exit(main())
