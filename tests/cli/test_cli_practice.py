"""`mockint practice` checks its selection before opening the TUI, planning as the TUI will."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mockint.core.backgrounder.model import Backgrounder
from mockint.core.backgrounder.storage import save_backgrounder
from mockint.core.paths import get_paths
from mockint.entry import main

CLAIMS_PACK = '''
format = 1

[pack]
id = "claims"
name = "Your claims"
version = "1.0.0"

[[questions]]
id = "q1"
text = "You wrote: {quantitative}. How did you measure it?"

[[questions]]
id = "q2"
text = "Tell me more about {about}."
'''


def run_cli(args: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    return int(exit_info.value.code or 0)


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("mockint.tui.launch.launch", lambda **kw: calls.append(kw))
    return calls


@pytest.fixture
def claims_pack() -> Path:
    packs = get_paths().packs_dir
    packs.mkdir(parents=True, exist_ok=True)
    path = packs / "claims.toml"
    path.write_text(CLAIMS_PACK, encoding="utf-8")
    return path


def test_a_placeholder_pack_works_once_the_backgrounder_is_filled(
    claims_pack: Path, launched: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["practice", "--pack", "claims"]) == 1  # nothing to fill the placeholders with
    assert "backgrounder" in capsys.readouterr().err
    assert launched == []
    save_backgrounder(Backgrounder(about=["payments at scale"], quantitative=["grew revenue 30%"]))
    assert run_cli(["practice", "--pack", "claims"]) == 0
    assert [(call["pack_id"], call["ask_length"]) for call in launched] == [("claims", False)]
