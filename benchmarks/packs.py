"""Benchmark: loading a 10,000-question pack versus plain `tomllib.load` on the same file.

The budget (pack-format work in the team brief): reading, parsing (tomli) and validating must
take at most 0.75x the time the standard library's `tomllib.load` alone takes. Both are timed
in the same run, best of N (CPU time of this process; wall time is printed too), on a generated
pack shaped like real ones (categories, follow-ups, guidance, tags, plans, a rubric, a few
placeholders and non-ASCII characters).

Run: .venv/bin/python benchmarks/packs.py [--questions N] [--repeat N]
Exit status: 0 on PASS, 1 on FAIL.
"""

from __future__ import annotations

import argparse
import gc
import random
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

BUDGET = 0.75

_WORDS = (
    "product", "strategy", "metric", "launch", "team", "customer", "roadmap", "growth", "stakeholder",
    "trade-off", "decision", "data", "experiment", "market", "pricing", "churn", "retention", "onboarding",
    "engineering", "design", "research", "segment", "vision", "priority", "quarter", "revenue", "partner",
    "platform", "feedback", "incident", "hiring", "budget", "risk", "scope",
)
_OPENERS = (
    "Tell me about a time you",
    "Walk me through how you",
    "How would you",
    "Describe a situation where you",
    "What would you do if you had to",
    "Give an example of how you",
)
_CATEGORIES = (
    "Strategy", "Execution", "Leadership", "Product sense", "Analytics", "Behavioral", "Technical",
    "Go-to-market", "Prioritisation", "Stakeholders", "Hiring", "Vision", "Metrics", "Design", "Growth",
)
_TAGS = (
    "behavioral", "leadership", "metrics", "strategy", "execution", "conflict", "failure", "growth",
    "pricing", "design", "data", "hiring", "vision", "roadmap", "ownership",
)


def _phrase(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def _question(rng: random.Random, i: int) -> dict[str, Any]:
    text = f"{rng.choice(_OPENERS)} {_phrase(rng, 8, 22)}?"
    if i % 37 == 0:
        text = f"You wrote “{{quantitative}}” on your CV — {_phrase(rng, 5, 10)}?"
    q: dict[str, Any] = {
        "id": f"q-{i:05d}-{rng.choice(_WORDS)}",
        "text": text,
        "category": _CATEGORIES[i % len(_CATEGORIES)].lower().replace(" ", "-"),
    }
    if rng.random() < 0.8:
        q["follow_ups"] = [f"And {_phrase(rng, 5, 12)}?" for _ in range(rng.randint(1, 3))]
    if rng.random() < 0.2:
        q["answer_seconds"] = rng.choice((60, 90, 180, 240, 300))
    if rng.random() < 0.1:
        q["prep_seconds"] = rng.choice((15, 30, 60))
    q["tags"] = rng.sample(_TAGS, rng.randint(1, 3))
    q["difficulty"] = rng.choice(("easy", "medium", "hard"))
    if rng.random() < 0.7:
        lines = [f"A strong answer {_phrase(rng, 8, 16)}." for _ in range(rng.randint(1, 2))]
        q["guidance"] = "\n".join(lines)
    return q


def build_pack(questions: int, seed: int = 7) -> dict[str, Any]:
    """A raw format-1 pack with `questions` questions, deterministic for `seed`."""
    rng = random.Random(seed)
    cats = [
        {"id": c.lower().replace(" ", "-"), "name": c, "description": f"Questions about {_phrase(rng, 6, 12)}."}
        for c in _CATEGORIES
    ]
    rubric = [
        {"id": d, "name": d.title(), "anchors": [f"{n}: {_phrase(rng, 4, 9)}" for n in range(1, 6)]}
        for d in ("structure", "insight", "evidence", "communication", "judgement")
    ]
    qs = [_question(rng, i) for i in range(questions)]
    plans = []
    for p in range(10):
        steps: list[dict[str, Any]] = [{"question": qs[p]["id"]}]
        steps += [{"category": cats[(p + k) % len(cats)]["id"], "count": 2} for k in range(3)]
        steps.append({"tag": _TAGS[p % len(_TAGS)]})
        plans.append({"id": f"plan-{p}", "name": f"Loop number {p}", "description": "A full loop.", "steps": steps})
    return {
        "format": 1,
        "pack": {
            "id": "benchmark-pack",
            "name": "Benchmark pack",
            "version": "1.0.0",
            "description": "Generated for timing the loader.",
            "author": "mockint benchmarks",
            "license": "CC-BY-4.0",
            "language": "en-GB",
            "tags": ["benchmark", "product"],
        },
        "defaults": {"answer_seconds": 120, "prep_seconds": 0},
        "categories": cats,
        "rubric": rubric,
        "questions": qs,
        "plans": plans,
    }


def best_of(repeat: int, *fns: Callable[[], object]) -> list[tuple[float, float]]:
    """Best (wall, CPU) seconds of each function over `repeat` rounds.

    Rounds are interleaved so that load from other processes falls on every function alike.
    CPU time (this process only) is what the verdict uses: on a shared machine wall time also
    counts the moments another process had the core, which says nothing about this code.
    """
    wall = [float("inf")] * len(fns)
    cpu = [float("inf")] * len(fns)
    for _ in range(repeat):
        for n, fn in enumerate(fns):
            gc.collect()
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            cpu[n] = min(cpu[n], time.process_time() - start_cpu)
            wall[n] = min(wall[n], time.perf_counter() - start)
    return list(zip(wall, cpu, strict=True))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args(argv)

    import tomli_w

    from mockint.core.packs.loader import load_pack_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "benchmark-pack.toml"
        path.write_text(tomli_w.dumps(build_pack(args.questions), multiline_strings=True), encoding="utf-8")
        size = path.stat().st_size
        result = load_pack_file(path, strict=True)  # also warms caches and proves the pack is valid
        assert len(result.pack.questions) == args.questions

        def baseline() -> object:
            with open(path, "rb") as fh:
                return tomllib.load(fh)

        (base_wall, base), (ours_wall, ours) = best_of(args.repeat, baseline, lambda: load_pack_file(path))
    ratio = ours / base
    verdict = "PASS" if ratio <= BUDGET else "FAIL"
    print(f"pack: {args.questions} questions, {size / 1024 / 1024:.2f} MiB, best of {args.repeat}")
    print(f"{'':30} {'CPU':>9} {'wall':>9}")
    print(f"{'tomllib.load (baseline)':30} {base * 1000:7.1f}ms {base_wall * 1000:7.1f}ms")
    print(f"{'load_pack_file (tomli+valid)':30} {ours * 1000:7.1f}ms {ours_wall * 1000:7.1f}ms")
    print(f"ratio: {ratio:.3f} CPU, {ours_wall / base_wall:.3f} wall (budget {BUDGET}, judged on CPU) {verdict}")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
