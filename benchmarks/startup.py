"""First frame and memory of `mockint` in a real terminal (tmux) against a bare Textual app.

Run: .venv/bin/python benchmarks/startup.py [--runs N]
Targets (issue 7): first frame <= 1.25x the bare app; <= 1.30x with 50 user packs of
100 questions installed (each judged on the median of paired runs); home-screen memory
<= 1.5x the bare app.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # the repository root: the tests' support package

from tests.support.tmux_driver import TmuxDriver, mockint_executable  # noqa: E402

HOME_MARKER = os.environ.get("MOCKINT_HOME_MARKER", "Installed packs")


def rss_kib(pid: int) -> int:
    """Peak resident memory of a process (VmHWM), in KiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def first_frame(argv: list[str], marker: str, env: dict[str, str]) -> tuple[float, int]:
    with TmuxDriver(argv, env=env) as t:
        t.wait_for(marker, timeout=30, interval=0.005)
        elapsed = time.perf_counter() - t.started_at
        time.sleep(0.3)  # let the first frame settle before reading memory
        mem = rss_kib(t.pane_pid())
        t.send("C-q")
    return elapsed, mem


def make_user_packs(home: Path, count: int = 50, questions: int = 100) -> None:
    packs = home / "data" / "packs"
    packs.mkdir(parents=True, exist_ok=True)
    for p in range(count):
        lines = [
            "format = 1",
            "[pack]",
            f'id = "bench-pack-{p}"',
            f'name = "Bench pack {p}"',
            'version = "1.0.0"',
            "[[categories]]",
            'id = "general"',
            'name = "General"',
        ]
        for q in range(questions):
            lines += [
                "[[questions]]",
                f'id = "q-{q}"',
                f'text = "Benchmark question {q} of pack {p}: tell me about a decision you made."',
                'category = "general"',
                'follow_ups = ["What would you do differently?"]',
            ]
        (packs / f"bench-pack-{p}.toml").write_text("\n".join(lines) + "\n")


def best(samples: list[float]) -> float:
    return min(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    # Like an installed mockint (pip writes bytecode when it installs), both apps run from
    # bytecode: with PYTHONDONTWRITEBYTECODE set (some shells and CI images set it), an
    # editable install would compile every mockint module again on each start, while Textual's
    # modules in site-packages are already compiled. The tmux server inherits this environment.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = sys.executable
    bare_argv = [python, str(HERE / "bare_app.py")]
    mockint_argv = [mockint_executable()]
    ok = True
    with tempfile.TemporaryDirectory() as empty_home, tempfile.TemporaryDirectory() as packs_home:
        make_user_packs(Path(packs_home))
        env_empty = {"MOCKINT_HOME": empty_home}
        env_packs = {"MOCKINT_HOME": packs_home}
        # Warm-up: the first run of each pays for bytecode compilation and the page cache;
        # the pack index is built here too, as it would be after a first start.
        first_frame(bare_argv, "bare-ready", env_empty)
        first_frame(mockint_argv, HOME_MARKER, env_empty)
        first_frame(mockint_argv, HOME_MARKER, env_packs)
        bare, home, packs = [], [], []
        bare_mem, home_mem = [], []
        for _ in range(args.runs):
            t, m = first_frame(bare_argv, "bare-ready", env_empty)
            bare.append(t)
            bare_mem.append(m)
            t, m = first_frame(mockint_argv, HOME_MARKER, env_empty)
            home.append(t)
            home_mem.append(m)
            t, _ = first_frame(mockint_argv, HOME_MARKER, env_packs)
            packs.append(t)
    # Each mockint start is compared with the bare start made just before it, and the median
    # of those ratios is judged (as in benchmarks/review.py): this machine drifts between fast
    # and slow states, a pair shares the state, and a best-of ratio can pair one side's lucky
    # start with the other's ordinary one. The best-of ratios are printed too.
    home_pairs = [h / b for b, h in zip(bare, home, strict=True)]
    packs_pairs = [p / b for b, p in zip(bare, packs, strict=True)]
    rows = [
        ("first frame, mockint home", statistics.median(home_pairs), 1.25),
        ("first frame, 50 user packs x 100 q", statistics.median(packs_pairs), 1.30),
        ("home-screen memory (peak RSS)", statistics.median(home_mem) / statistics.median(bare_mem), 1.5),
    ]
    print(f"bare Textual app first frame: best {best(bare) * 1000:.0f} ms over {args.runs} runs")
    print(f"mockint home first frame:     best {best(home) * 1000:.0f} ms")
    print(f"with 50 user packs:           best {best(packs) * 1000:.0f} ms")
    print(f"peak RSS: bare {statistics.median(bare_mem) / 1024:.1f} MiB, mockint {statistics.median(home_mem) / 1024:.1f} MiB")
    print(
        f"medians: bare {statistics.median(bare) * 1000:.0f} ms, home {statistics.median(home) * 1000:.0f} ms "
        f"({statistics.median(home) / statistics.median(bare):.2f}x), 50 packs {statistics.median(packs) * 1000:.0f} ms "
        f"({statistics.median(packs) / statistics.median(bare):.2f}x)"
    )
    print(f"best-of ratios: home {best(home) / best(bare):.2f}, 50 packs {best(packs) / best(bare):.2f}")
    for label, ratio, target in rows:
        verdict = "PASS" if ratio <= target else "FAIL"
        ok &= ratio <= target
        print(f"{label:40s} ratio {ratio:.2f} (target <= {target:.2f})  {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
