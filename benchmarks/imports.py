"""Benchmark: importing a 20,000-question Markdown list and CSV file, against a baseline measured
in the same run (markdown-it's own parse of the same Markdown; csv.reader over the same CSV).

Also prints the inputs of issue 11 that were quadratic once (100,000 repeated CSV rows, 50,000
Markdown sections, 40,000 CSV categories) with their time and the time of twice the input, so a
ratio near 2 shows linear growth (a quadratic import would show about 4). Those inputs are
refused by the validator (too many questions or categories): the point is that refusing them
is quick.

Budgets (CPU time, best of N): Markdown import ≤ 2.5× markdown-it's parse; CSV import ≤ 30×
csv.reader (the import also validates, makes ids and categories, and keeps positions, which
csv.reader does not); doubling an input ≤ 3× the time.

Run: .venv/bin/python benchmarks/imports.py [--questions N] [--repeat N] [--quick]
Exit status: 0 on PASS, 1 on FAIL.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Callable

sys.path.insert(0, __file__.rsplit("/", 1)[0])

from packs import _CATEGORIES, _OPENERS, _phrase, best_of

MD_BUDGET = 2.5
CSV_BUDGET = 30.0
GROWTH_BUDGET = 3.0


def markdown_list(questions: int, seed: int = 11) -> str:
    """A README-shaped list: front matter, a translation line, sections, follow-ups, code."""
    rng = random.Random(seed)
    out = ["---", "title: Generated interview questions", "---", "# Interview questions", "",
           "[English](README.md) | [日本語](README-ja.md)", "", "Questions for practice.", ""]
    per_section = max(1, questions // 40)
    for i in range(questions):
        if i % per_section == 0:
            out += ["", f"## {_CATEGORIES[(i // per_section) % len(_CATEGORIES)]} {i // per_section}", ""]
        if i % 50 == 49:
            out += ["", f"Question: What does `f({i})` print {_phrase(rng, 3, 6)}?", "```js",
                    f"function f(n) {{ return {{n: n}}; }} // {i}", "```", ""]
            continue
        out.append(f"- {rng.choice(_OPENERS)} {_phrase(rng, 6, 16)} ({i})?")
        if rng.random() < 0.5:
            out.append(f"  - And {_phrase(rng, 4, 9)}?")
    return "\n".join(out) + "\n"


def csv_file(questions: int, seed: int = 13) -> str:
    rng = random.Random(seed)
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["question", "answer", "category", "tags"])
    for i in range(questions):
        writer.writerow([
            f"{rng.choice(_OPENERS)} {_phrase(rng, 6, 16)} ({i})?", f"A strong answer {_phrase(rng, 8, 14)}.\n"
            f"It also {_phrase(rng, 3, 6)}.", _CATEGORIES[i % len(_CATEGORIES)], "behavioral;leadership",
        ])
    return buf.getvalue()


def _import(data: bytes, source: str) -> Callable[[], object]:
    from mockint.core.errors import MockintError
    from mockint.core.packs.loader import load_pack_bytes

    def run() -> object:
        try:
            return load_pack_bytes(data, source=source)
        except MockintError as exc:
            return exc

    return run


def _growth(name: str, make: Callable[[int], bytes], source: str, n: int, repeat: int) -> bool:
    (_, one), (_, two) = best_of(repeat, _import(make(n), source), _import(make(2 * n), source))
    ratio = two / one
    verdict = "PASS" if ratio <= GROWTH_BUDGET else "FAIL"
    print(f"{name:34} {n:>7,}: {one:6.2f}s  {2 * n:>7,}: {two:6.2f}s  ratio {ratio:.2f} {verdict}")
    return verdict == "PASS"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--questions", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="smaller inputs for the linear-growth checks")
    args = parser.parse_args(argv)

    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    md_text, csv_text = markdown_list(args.questions), csv_file(args.questions)
    md_import, csv_import = _import(md_text.encode(), "list.md"), _import(csv_text.encode(), "list.csv")
    result = md_import()
    assert not isinstance(result, Exception), result
    assert not isinstance(csv_import(), Exception)

    def md_parse() -> object:
        return MarkdownIt("commonmark").use(front_matter_plugin).parse(md_text)

    def csv_read() -> object:
        return list(csv.reader(io.StringIO(csv_text, newline="")))

    (mw, mb), (iw, ib), (cw, cb), (jw, jb) = best_of(args.repeat, md_parse, md_import, csv_read, csv_import)
    ok = True
    print(f"{args.questions:,} questions, best of {args.repeat}; CPU (wall)")
    for label, base, base_wall, ours, ours_wall, budget in (
        ("Markdown", mb, mw, ib, iw, MD_BUDGET), ("CSV", cb, cw, jb, jw, CSV_BUDGET),
    ):
        ratio = ours / base
        verdict = "PASS" if ratio <= budget else "FAIL"
        ok = ok and verdict == "PASS"
        print(f"{label:9} baseline {base:6.3f}s ({base_wall:6.3f}s)  import {ours:6.3f}s ({ours_wall:6.3f}s)  "
              f"ratio {ratio:5.2f} (budget {budget}) {verdict}")

    scale = 4 if args.quick else 1
    repeated = lambda n: b"text\n" + b"Tell me about yourself?\n" * n  # noqa: E731
    sections = lambda n: ("# T\n" + "".join(f"## S{i}\n- Why {i}?\n" for i in range(n))).encode()  # noqa: E731
    categories = lambda n: b"text,category\n" + b"".join(b"Why %d?,Cat %d\n" % (i, i) for i in range(n))  # noqa: E731
    ok &= _growth("repeated CSV rows", repeated, "r.csv", 50_000 // scale, args.repeat)
    ok &= _growth("Markdown sections", sections, "s.md", 25_000 // scale, args.repeat)
    ok &= _growth("CSV categories", categories, "c.csv", 20_000 // scale, args.repeat)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
