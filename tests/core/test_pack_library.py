"""The installed-pack library: listing through the index, shadowing, update rules, removal, atomicity."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs import library as library_module
from mockint.core.packs.library import PackLibrary, builtin_packs_dir
from mockint.core.paths import get_paths


def pack_toml(pack_id: str, version: str = "1.0.0", questions: int = 2, name: str | None = None,
              extra: str = "") -> str:
    qs = "".join(
        f'[[questions]]\nid = "q{i}"\ntext = "Question {i} of {pack_id}?"\ncategory = "general"\n{extra}\n'
        for i in range(1, questions + 1)
    )
    return (
        f'format = 1\n[pack]\nid = "{pack_id}"\nname = "{name or pack_id.title()}"\nversion = "{version}"\n'
        f'[[categories]]\nid = "general"\nname = "General"\n{qs}'
    )


@pytest.fixture
def builtin(tmp_path: Path) -> Path:
    d = tmp_path / "builtin"
    d.mkdir()
    (d / "core.toml").write_text(pack_toml("core", questions=3), encoding="utf-8")
    (d / "extra.toml").write_text(pack_toml("extra"), encoding="utf-8")
    (d / "README.md").write_text("# Not a pack\n", encoding="utf-8")
    return d


@pytest.fixture
def lib(builtin: Path) -> PackLibrary:
    return PackLibrary(builtin_dir=builtin)


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / "incoming" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def user_files() -> list[str]:
    d = get_paths().packs_dir
    return sorted(os.listdir(d)) if d.exists() else []


def test_builtin_dir_points_at_the_shipped_packs() -> None:
    d = builtin_packs_dir()
    assert d.name == "question_packs" and d.is_dir()
    ids = {p.id for p in PackLibrary().list()}
    assert {"backgrounder-openers", "product-leadership", "behavioral-star", "product-sense"} <= ids


def test_list_builtin_packs_with_metadata(lib: PackLibrary) -> None:
    packs = lib.list()
    assert [(p.id, p.source, p.questions) for p in packs] == [("core", "builtin", 3), ("extra", "builtin", 2)]
    core = packs[0]
    assert core.categories == ("general",) and core.category_counts == {"general": 3}
    assert lib.warnings == []  # README.md in the built-in directory is not a pack


def test_index_is_reused_and_refreshed_only_for_changed_files(lib: PackLibrary, builtin: Path, tmp_path: Path) -> None:
    for i in range(5):
        lib.import_source(write(tmp_path, f"u{i}.toml", pack_toml(f"user-{i}")))
    lib.list()
    fresh = PackLibrary(builtin_dir=builtin)
    fresh.list()
    assert fresh.refreshed == 0
    target = get_paths().packs_dir / "user-3.toml"
    target.write_text(pack_toml("user-3", "1.0.1", questions=4), encoding="utf-8")
    os.utime(target, ns=(1, 1))  # a different mtime even on coarse clocks
    listing = fresh.list()
    assert fresh.refreshed == 1
    assert next(p for p in listing if p.id == "user-3").questions == 4
    index = json.loads(get_paths().pack_index.read_text(encoding="utf-8"))
    assert index["files"][str(target)]["version"] == "1.0.1"


def test_listing_does_not_parse_unchanged_packs(lib: PackLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    lib.list()
    import mockint.core.packs.loader as loader

    def boom(*a: object, **k: object) -> None:
        raise AssertionError("a pack was parsed")

    monkeypatch.setattr(loader, "load_pack_file", boom)
    assert len(PackLibrary(builtin_dir=lib.builtin_dir).list()) == 2


@pytest.mark.parametrize("garbage", ["{not json", "[]", '{"version": 1, "files": {"x": 3}}', '{"version": 99}'])
def test_corrupt_index_is_rebuilt(lib: PackLibrary, garbage: str) -> None:
    index = get_paths().pack_index
    index.parent.mkdir(parents=True, exist_ok=True)
    index.write_text(garbage, encoding="utf-8")
    assert [p.id for p in lib.list()] == ["core", "extra"]
    assert json.loads(index.read_text(encoding="utf-8"))["version"] == 1


def test_stale_index_entry_for_a_deleted_file_is_dropped(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha")))
    (get_paths().packs_dir / "alpha.toml").unlink()
    assert "alpha" not in [p.id for p in lib.list()]
    index = json.loads(get_paths().pack_index.read_text(encoding="utf-8"))
    assert not any("alpha" in k for k in index["files"])


def test_broken_user_file_is_a_warning_not_a_crash(lib: PackLibrary) -> None:
    d = get_paths().packs_dir
    d.mkdir(parents=True)
    (d / "broken.toml").write_text("format = 1\n[pack\n", encoding="utf-8")
    assert [p.id for p in lib.list()] == ["core", "extra"]
    assert lib.warnings and all(w.severity == "warning" for w in lib.warnings)
    assert any(w.path == str(d / "broken.toml") and w.line for w in lib.warnings)


def test_install_new_pack(lib: PackLibrary, tmp_path: Path) -> None:
    src = write(tmp_path, "cpo.toml", pack_toml("cpo-leadership", "1.2.0", questions=4))
    [out] = lib.import_source(src)
    assert (out.status, out.pack_id, out.version, out.exit_code) == ("installed", "cpo-leadership", "1.2.0", 0)
    assert out.message == f"installed  cpo-leadership 1.2.0 (4 questions)  from {src}"
    assert user_files() == ["cpo-leadership.toml"]
    assert lib.get("cpo-leadership").questions[3].id == "q4"
    assert [p.id for p in lib.list()] == ["core", "cpo-leadership", "extra"]


def test_higher_version_replaces(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.0.0")))
    [out] = lib.import_source(write(tmp_path, "b.toml", pack_toml("alpha", "1.1.0", questions=5)))
    assert out.status == "updated" and out.previous_version == "1.0.0"
    assert "updated  alpha 1.0.0 → 1.1.0 (5 questions)" in out.message
    assert lib.get("alpha").version == "1.1.0"
    assert user_files() == ["alpha.toml"]


def test_same_version_identical_content_is_unchanged(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha")))
    before = (get_paths().packs_dir / "alpha.toml").stat().st_mtime_ns
    # Same model written differently (comments, spacing) is still identical content.
    [out] = lib.import_source(write(tmp_path, "b.toml", "# a comment\n" + pack_toml("alpha").replace(" = ", "=")))
    assert (out.status, out.exit_code) == ("unchanged", 0)
    assert (get_paths().packs_dir / "alpha.toml").stat().st_mtime_ns == before


def test_same_version_from_markdown_is_identical_to_its_toml_install(lib: PackLibrary, tmp_path: Path) -> None:
    md = write(tmp_path, "talk.md", "# Talk\n\n## General\n- Why this job?\n  - Why now?\n")
    assert lib.import_source(md)[0].status == "installed"
    assert lib.import_source(md)[0].status == "unchanged"


def test_same_version_different_content_is_refused_then_forced(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.0.0", questions=2)))
    src = write(tmp_path, "b.toml", pack_toml("alpha", "1.0.0", questions=3))
    [out] = lib.import_source(src)
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "1.0.0" in out.message and "--force" in out.message and "different content" in out.message
    assert lib.get("alpha").questions.__len__() == 2
    [forced] = lib.import_source(src, force=True)
    assert forced.status == "updated" and "--force" in forced.message
    assert len(lib.get("alpha").questions) == 3


def test_lower_version_is_refused_naming_both_versions_then_forced(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "2.0.0")))
    src = write(tmp_path, "b.toml", pack_toml("alpha", "1.9.9"))
    [out] = lib.import_source(src)
    assert out.status == "refused" and "1.9.9" in out.message and "2.0.0" in out.message and "--force" in out.message
    assert lib.get("alpha").version == "2.0.0"
    assert lib.import_source(src, force=True)[0].status == "updated"
    assert lib.get("alpha").version == "1.9.9"


def test_versions_compare_numerically(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.9.0")))
    assert lib.import_source(write(tmp_path, "b.toml", pack_toml("alpha", "1.10.0")))[0].status == "updated"


def test_force_with_identical_content_is_still_unchanged(lib: PackLibrary, tmp_path: Path) -> None:
    src = write(tmp_path, "a.toml", pack_toml("alpha"))
    lib.import_source(src)
    assert lib.import_source(src, force=True)[0].status == "unchanged"


def test_user_pack_shadows_builtin_and_listing_says_so(lib: PackLibrary, tmp_path: Path) -> None:
    [out] = lib.import_source(write(tmp_path, "c.toml", pack_toml("core", "1.1.0", questions=1)))
    assert out.status == "installed" and "(shadows the built-in pack 1.0.0)" in out.message
    packs = {(p.id, p.source): p for p in lib.list()}
    assert packs[("core", "user")].shadows_builtin and not packs[("core", "user")].shadowed
    assert packs[("core", "builtin")].shadowed
    assert [p.source for p in lib.effective() if p.id == "core"] == ["user"]
    assert len(lib.get("core").questions) == 1
    assert {p.id: len(p.questions) for p in lib.load_all()} == {"core": 1, "extra": 2}


def test_builtin_rules_apply_to_a_shadowing_import(lib: PackLibrary, tmp_path: Path) -> None:
    # The built-in is the installed pack: same version with other content needs --force.
    src = write(tmp_path, "c.toml", pack_toml("core", "1.0.0", questions=1))
    assert lib.import_source(src)[0].status == "refused"
    assert user_files() == []
    [forced] = lib.import_source(src, force=True)
    assert forced.status == "installed" and "--force" in forced.message and "shadows" in forced.message
    assert user_files() == ["core.toml"]
    # From then on the user copy is the installed one: the usual update rules apply to it.
    assert lib.import_source(write(tmp_path, "d.toml", pack_toml("core", "1.0.1")))[0].status == "updated"


def test_remove_user_pack_unshadows_builtin(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "c.toml", pack_toml("core", "2.0.0", questions=1)))
    lib.remove("core")
    assert user_files() == []
    assert [(p.id, p.source, p.shadowed) for p in lib.list() if p.id == "core"] == [("core", "builtin", False)]
    assert len(lib.get("core").questions) == 3


def test_builtin_cannot_be_removed(lib: PackLibrary) -> None:
    with pytest.raises(MockintError) as exc:
        lib.remove("core")
    assert exc.value.exit_code == 1 and "built-in" in exc.value.message
    assert [p.id for p in lib.list()] == ["core", "extra"]


@pytest.mark.parametrize("pack_id", ["nope", "../etc/passwd", ""])
def test_unknown_pack_is_exit_1(lib: PackLibrary, pack_id: str) -> None:
    with pytest.raises(MockintError) as exc:
        lib.remove(pack_id)
    assert exc.value.exit_code == 1
    with pytest.raises(MockintError) as exc:
        lib.get(pack_id)
    assert exc.value.exit_code == 1


def test_invalid_pack_installs_nothing(lib: PackLibrary, tmp_path: Path) -> None:
    bad = pack_toml("alpha").replace('text = "Question 2 of alpha?"', "text = 42")
    [out] = lib.import_source(write(tmp_path, "bad.toml", bad))
    assert (out.status, out.exit_code) == ("refused", 2)
    assert out.diagnostics and out.diagnostics[0].line is not None
    assert user_files() == []
    assert "alpha" not in [p.id for p in lib.list()]


def test_strict_refuses_a_pack_with_warnings(lib: PackLibrary, tmp_path: Path) -> None:
    src = write(tmp_path, "w.toml", pack_toml("alpha", extra="follow_up = ['x']"))
    assert lib.import_source(src, strict=True)[0].status == "refused"
    [out] = lib.import_source(src)
    assert out.status == "installed"
    assert any("follow_ups" in d.message for d in out.diagnostics)


def test_directory_import_reports_each_file_in_order(lib: PackLibrary, tmp_path: Path) -> None:
    d = tmp_path / "many"
    d.mkdir()
    (d / "b-good.toml").write_text(pack_toml("bravo"), encoding="utf-8")
    (d / "a-bad.toml").write_text("format = 1\n", encoding="utf-8")
    (d / "c.md").write_text("# Charlie\n- Why?\n", encoding="utf-8")
    (d / "d.csv").write_text("text,category\nHow?,Craft\n", encoding="utf-8")
    (d / "notes.txt").write_text("ignored", encoding="utf-8")
    (d / ".hidden.toml").write_text("ignored", encoding="utf-8")
    outs = lib.import_source(str(d))
    assert [(Path(o.source).name, o.status) for o in outs] == [
        ("a-bad.toml", "refused"), ("b-good.toml", "installed"), ("c.md", "installed"), ("d.csv", "installed"),
    ]
    assert user_files() == ["bravo.toml", "c.toml", "d.toml"]
    assert lib.get("c").name == "Charlie" and lib.get("d").name == "d"


def test_directory_without_packs_and_missing_path_are_refused(lib: PackLibrary, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    [out] = lib.import_source(str(tmp_path / "empty"))
    assert out.status == "refused" and out.exit_code == 2
    [out] = lib.import_source(str(tmp_path / "missing.toml"))
    assert out.status == "refused" and out.exit_code == 2


def test_markdown_overrides_from_importer(lib: PackLibrary, tmp_path: Path) -> None:
    src = write(tmp_path, "Some File.md", "# Heading\n- Q?\n")
    [out] = lib.import_source(src, pack_id="given", name="Given name", version="3.0.0")
    assert (out.pack_id, out.version) == ("given", "3.0.0")
    assert lib.get("given").name == "Given name"


def _fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    import mockint.core.atomic as atomic

    def failing_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", failing_replace)


def test_failed_write_leaves_nothing_behind(lib: PackLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib.list()
    index_before = get_paths().pack_index.read_bytes()
    with monkeypatch.context() as m:
        _fail_replace(m)
        [out] = lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha")))
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "No space left on device" in out.message
    assert user_files() == []  # not even a temp file
    assert get_paths().pack_index.read_bytes() == index_before
    assert [p.id for p in lib.list()] == ["core", "extra"]


def test_failed_update_keeps_the_installed_version(lib: PackLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.0.0")))
    installed = (get_paths().packs_dir / "alpha.toml").read_bytes()
    listing = lib.list()
    import mockint.core.atomic as atomic

    def failing_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    with monkeypatch.context() as m:
        m.setattr(atomic.os, "fsync", failing_fsync)  # fails after the data was written, before the rename
        [out] = lib.import_source(write(tmp_path, "b.toml", pack_toml("alpha", "1.1.0")))
    assert out.status == "refused"
    assert user_files() == ["alpha.toml"]
    assert (get_paths().packs_dir / "alpha.toml").read_bytes() == installed
    assert lib.list() == listing


def test_pack_files_are_written_only_under_slug_names(lib: PackLibrary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written: list[Path] = []
    real = library_module._write_pack

    def spy(target: Path, text: str) -> None:
        written.append(target)
        real(target, text)

    monkeypatch.setattr(library_module, "_write_pack", spy)
    lib.import_source(write(tmp_path, "x.toml", pack_toml("alpha")))
    assert written == [get_paths().packs_dir / "alpha.toml"]


def test_broken_user_pack_can_still_be_removed_by_id(lib: PackLibrary) -> None:
    d = get_paths().packs_dir
    d.mkdir(parents=True)
    (d / "gone.toml").write_text("not toml [", encoding="utf-8")
    assert "gone" not in [p.id for p in lib.list()]
    lib.remove("gone")
    assert user_files() == []


def test_file_named_after_the_id_holding_another_pack_is_not_overwritten(lib: PackLibrary, tmp_path: Path) -> None:
    d = get_paths().packs_dir
    d.mkdir(parents=True)
    (d / "alpha.toml").write_text(pack_toml("beta"), encoding="utf-8")
    [out] = lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha")))
    assert (out.status, out.exit_code) == ("refused", 1) and "'beta'" in out.message
    assert "beta" in (d / "alpha.toml").read_text(encoding="utf-8")


def test_hand_placed_file_under_another_name_is_replaced_by_an_update(lib: PackLibrary, tmp_path: Path) -> None:
    d = get_paths().packs_dir
    d.mkdir(parents=True)
    (d / "mine.toml").write_text(pack_toml("alpha", "1.0.0"), encoding="utf-8")
    assert lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.1.0")))[0].status == "updated"
    assert user_files() == ["alpha.toml"]


def test_a_pack_that_does_not_round_trip_is_not_installed(lib: PackLibrary, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import mockint.core.packs.export as export

    monkeypatch.setattr(export, "pack_to_toml", lambda pack: pack_toml(pack.id, pack.version, questions=1))
    [out] = lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", questions=2)))
    assert (out.status, out.exit_code) == ("refused", 1) and "internal error" in out.message
    assert user_files() == []


def test_same_size_same_mtime_replacement_is_still_noticed(lib: PackLibrary, tmp_path: Path) -> None:
    lib.import_source(write(tmp_path, "a.toml", pack_toml("alpha", "1.0.1")))
    target = get_paths().packs_dir / "alpha.toml"
    st = target.stat()
    lib.list()
    # Replace the file atomically with one of identical size and mtime (a coarse-clock filesystem).
    other = get_paths().packs_dir / ".swap"
    other.write_text(target.read_text(encoding="utf-8").replace("1.0.1", "1.0.2"), encoding="utf-8")
    assert other.stat().st_size == st.st_size
    os.utime(other, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(other, target)
    fresh = PackLibrary(builtin_dir=lib.builtin_dir)
    assert next(p for p in fresh.list() if p.id == "alpha").version == "1.0.2"
    assert fresh.refreshed == 1
