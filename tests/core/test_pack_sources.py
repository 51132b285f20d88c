"""Packs remember where they came from; `update` reads them again; the mixed-interview choice; one lock."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs.library import PackLibrary
from tests.core.test_pack_library import pack_toml, write


@pytest.fixture
def lib(tmp_path: Path) -> PackLibrary:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "core.toml").write_text(pack_toml("core"), encoding="utf-8")
    (builtin / "ask.toml").write_text(
        pack_toml("ask").replace('version = "1.0.0"', 'version = "1.0.0"\nreverse = true'), encoding="utf-8"
    )
    return PackLibrary(builtin_dir=builtin)


def test_installed_packs_remember_their_origin(lib: PackLibrary, tmp_path: Path) -> None:
    src = write(tmp_path, "alpha.toml", pack_toml("alpha"))
    lib.import_source(src)
    [alpha] = [p for p in lib.list() if p.id == "alpha"]
    assert alpha.origin == str(Path(src).resolve()) and alpha.in_mix
    assert next(p for p in lib.list() if p.id == "core").origin is None


def test_reimporting_an_edited_markdown_list_gets_the_next_patch_version(lib: PackLibrary, tmp_path: Path) -> None:
    md = tmp_path / "team.md"
    md.write_text("# Team\n\n- Why this team?\n", encoding="utf-8")
    assert lib.import_source(str(md))[0].version == "1.0.0"
    assert lib.import_source(str(md))[0].status == "unchanged"
    md.write_text("# Team\n\n- Why this team?\n- Who decides?\n", encoding="utf-8")
    out = lib.import_source(str(md))[0]
    assert (out.status, out.version, out.previous_version) == ("updated", "1.0.1", "1.0.0")
    assert lib.import_source(str(md))[0].status == "unchanged"


def test_update_rereads_files_and_reports_each_pack(lib: PackLibrary, tmp_path: Path) -> None:
    md = tmp_path / "team.md"
    md.write_text("# Team\n\n- Why this team?\n", encoding="utf-8")
    lib.import_source(str(md), name="My team")
    lib.import_source(write(tmp_path, "alpha.toml", pack_toml("alpha")))
    assert [o.status for o in lib.update()] == ["unchanged", "unchanged"]
    md.write_text("# Team\n\n- Why this team?\n- Who decides?\n", encoding="utf-8")
    write(tmp_path, "alpha.toml", pack_toml("alpha", "1.1.0", questions=3))
    outs = {o.pack_id: o for o in lib.update()}
    assert (outs["alpha"].status, outs["alpha"].version) == ("updated", "1.1.0")
    assert (outs["team"].status, outs["team"].version) == ("updated", "1.0.1")
    assert lib.get("team").name == "My team"  # the name given at import is kept


def test_update_of_a_builtin_or_unknown_pack_is_refused_with_a_reason(lib: PackLibrary) -> None:
    core, missing = lib.update(["core", "nope"])
    assert core.status == "refused" and "built-in" in core.message
    assert missing.status == "refused" and missing.exit_code == 2


def test_update_of_a_vanished_file_is_refused(lib: PackLibrary, tmp_path: Path) -> None:
    src = Path(write(tmp_path, "alpha.toml", pack_toml("alpha")))
    lib.import_source(str(src))
    src.unlink()
    [out] = lib.update(["alpha"])
    assert out.status == "refused" and "no such file" in out.message


def test_mix_choice_is_kept_and_reverse_packs_never_join(lib: PackLibrary) -> None:
    assert lib.mix_ids() == ["core"]
    assert next(p for p in lib.list() if p.id == "ask").reverse
    lib.set_in_mix("core", False)
    assert not lib.in_mix("core") and lib.mix_ids() == []
    assert not PackLibrary(builtin_dir=lib.builtin_dir).in_mix("core")  # remembered on disk
    lib.set_in_mix("core", True)
    assert lib.mix_ids() == ["core"]
    with pytest.raises(MockintError):
        lib.set_in_mix("nope", False)


def test_one_library_from_two_threads_at_once(lib: PackLibrary, tmp_path: Path) -> None:
    sources = [write(tmp_path, f"p{i}.toml", pack_toml(f"p{i}")) for i in range(6)]
    errors: list[BaseException] = []

    def importer() -> None:
        try:
            for src in sources:
                lib.import_source(src)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    worker = threading.Thread(target=importer)
    worker.start()
    while worker.is_alive():
        lib.list()
        lib.set_in_mix("core", True)
    worker.join()
    assert not errors
    assert {f"p{i}" for i in range(6)} <= {p.id for p in lib.list()}


def test_library_lock_is_held_while_installing(lib: PackLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mockint.core.packs import library as module

    seen: list[bool] = []
    original = PackLibrary._write

    def spy(self: PackLibrary, pack: object, target: Path) -> str | None:
        got = module._LOCK.acquire(blocking=False)  # re-entrant: only this thread can hold it now
        holder = threading.Thread(target=lambda: seen.append(module._LOCK.acquire(blocking=False)))
        holder.start()
        holder.join()
        if got:
            module._LOCK.release()
        return original(self, pack, target)  # type: ignore[arg-type]

    monkeypatch.setattr(PackLibrary, "_write", spy)
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha")))
    assert seen == [False]


def test_quick_mixed_interview_leaves_out_reverse_packs_and_packs_out_of_the_mix(lib: PackLibrary) -> None:
    from mockint.core.interview.interviewer import build_interview

    packs = lib.load_all()
    mixed = build_interview(packs, seed=1, count=50, mix=lib.mix_ids())
    assert {q.pack_id for q in mixed.questions} == {"core"}
    lib.set_in_mix("core", False)
    with pytest.raises(MockintError):
        build_interview(packs, seed=1, mix=lib.mix_ids())
    # Asked for by id, a pack out of the mix (or a reverse pack) is still there to practise.
    assert {q.pack_id for q in build_interview(packs, pack_id="ask", seed=1).questions} == {"ask"}


def test_the_builtin_reverse_pack_is_never_in_a_mix() -> None:
    from mockint.core.interview.interviewer import build_interview

    library = PackLibrary()
    assert "questions-to-ask" not in library.mix_ids()
    assert library.get("questions-to-ask").reverse
    mixed = build_interview(library.load_all(), seed=3, count=200)
    assert "questions-to-ask" not in {q.pack_id for q in mixed.questions}
