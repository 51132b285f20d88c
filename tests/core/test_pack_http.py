"""Importing packs over http(s): a loopback server serves good, bad, missing and oversized packs."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mockint.core.errors import MockintError
from mockint.core.packs.fetch import fetch_url, is_url
from mockint.core.packs.library import PackLibrary
from mockint.core.packs.loader import MAX_PACK_BYTES

GOOD = b'format = 1\n[pack]\nid = "remote"\nname = "Remote"\nversion = "1.0.0"\n[[questions]]\nid = "q"\ntext = "Why?"\n'
BAD = b'format = 1\n[pack]\nid = "remote"\nname = "Remote"\nversion = "1.0.0"\n[[questions]]\nid = "q"\ntext = 5\n'
MARKDOWN = b"# Remote talk\n\n- Why this team?\n"

# path -> (status, content type, body, send Content-Length)
ROUTES: dict[str, tuple[int, str, bytes, bool]] = {
    "/good.toml": (200, "application/toml", GOOD, True),
    "/bad.toml": (200, "application/toml", BAD, True),
    "/packs/Team%20Talk.md": (200, "text/plain", MARKDOWN, True),
    "/by-type": (200, "text/markdown; charset=utf-8", MARKDOWN, True),
    "/page.md": (200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body>GitHub</body></html>", True),
    "/unknown": (200, "application/octet-stream", GOOD, True),
    "/huge-declared.toml": (200, "application/toml", b"x" * (MAX_PACK_BYTES + 1), True),
    "/huge-streamed.toml": (200, "application/toml", b"# pad\n" * (MAX_PACK_BYTES // 6 + 10), False),
}


SLOW_STOP = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.path = self.path.split("?", 1)[0]
        if self.path == "/redirect-to-file":
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        if self.path == "/redirect-to-good":
            self.send_response(301)
            self.send_header("Location", "/good.toml")
            self.end_headers()
            return
        if self.path == "/slow.toml":  # one byte a second, for ever
            self.send_response(200)
            self.send_header("Content-Type", "application/toml")
            self.end_headers()
            try:
                for _ in range(120):
                    self.wfile.write(b"#")
                    self.wfile.flush()
                    SLOW_STOP.wait(1)
                    if SLOW_STOP.is_set():
                        return
            except (BrokenPipeError, ConnectionResetError):
                return
            return
        if self.path == "/short.toml":  # announces more than it sends
            self.send_response(200)
            self.send_header("Content-Type", "application/toml")
            self.send_header("Content-Length", str(len(GOOD) + 100))
            self.end_headers()
            self.wfile.write(GOOD)
            self.wfile.flush()
            self.close_connection = True
            return
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, ctype, body, length = route
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at the size cap

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    SLOW_STOP.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def lib(tmp_path: Path) -> PackLibrary:
    return PackLibrary(builtin_dir=tmp_path / "no-builtins")


def test_good_pack_installs(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/good.toml")
    assert (out.status, out.pack_id, out.exit_code) == ("installed", "remote", 0)
    assert out.message.endswith(f"from {server}/good.toml")
    assert lib.get("remote").questions[0].text == "Why?"
    assert lib.import_source(f"{server}/good.toml")[0].status == "unchanged"


def test_bad_pack_is_refused_with_diagnostics(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/bad.toml")
    assert (out.status, out.exit_code) == ("refused", 2)
    assert out.diagnostics[0].path == f"{server}/bad.toml" and out.diagnostics[0].line == 8
    assert lib.list() == []


def test_404_names_the_http_status(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/missing.toml")
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "HTTP 404 Not Found" in out.message
    with pytest.raises(MockintError) as exc:
        fetch_url(f"{server}/missing.toml", max_bytes=1000)
    assert exc.value.message == "HTTP 404 Not Found" and exc.value.exit_code == 1


@pytest.mark.parametrize("path", ["/huge-declared.toml", "/huge-streamed.toml"])
def test_oversized_body_is_refused(server: str, lib: PackLibrary, path: str) -> None:
    [out] = lib.import_source(server + path)
    assert (out.status, out.exit_code) == ("refused", 2)
    assert "8 MiB" in out.message
    assert lib.list() == []


def test_streamed_body_is_cut_at_the_cap(server: str) -> None:
    with pytest.raises(MockintError) as exc:
        fetch_url(f"{server}/huge-streamed.toml", max_bytes=100_000)
    assert "limit" in exc.value.message


def test_markdown_pack_id_and_format_from_url_path(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/packs/Team%20Talk.md?ref=main")
    assert (out.status, out.pack_id) == ("installed", "team-talk")
    assert lib.get("team-talk").name == "Remote talk"
    [out] = lib.import_source(f"{server}/packs/Team%20Talk.md", pack_id="given", name="Given")
    assert lib.get("given").name == "Given"


def test_format_from_content_type(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/by-type")
    assert (out.status, out.pack_id) == ("installed", "by-type")


def test_unknown_format_needs_format_option(server: str, lib: PackLibrary) -> None:
    [out] = lib.import_source(f"{server}/unknown")
    assert out.status == "refused" and "--format" in out.message
    assert lib.import_source(f"{server}/unknown", fmt="toml")[0].status == "installed"


def test_redirects_follow_http_only(server: str, lib: PackLibrary) -> None:
    assert lib.import_source(f"{server}/redirect-to-good")[0].status == "installed"
    [out] = lib.import_source(f"{server}/redirect-to-file")
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "file:///etc/passwd" in out.message and lib.list()[0].id == "remote"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/p.toml", "gopher://x/y.toml"])
def test_other_schemes_are_refused(lib: PackLibrary, url: str) -> None:
    assert is_url(url)
    [out] = lib.import_source(url)
    assert (out.status, out.exit_code) == ("refused", 2)
    assert "only http and https" in out.message


def test_unreachable_host_is_a_failure(lib: PackLibrary) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    [out] = lib.import_source(f"http://127.0.0.1:{port}/p.toml")
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "cannot fetch" in out.message


def test_windows_style_and_relative_paths_are_not_urls() -> None:
    assert not is_url("C:\\packs\\p.toml")
    assert not is_url("packs/p.toml")


def test_a_server_trickling_bytes_is_abandoned_at_the_total_deadline(lib: PackLibrary, server: str) -> None:
    [out] = lib.import_source(f"{server}/slow.toml", deadline=2.0)
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "gave up after 2 seconds" in out.message and lib.list() == []


def test_a_cancelled_fetch_stops_waiting(lib: PackLibrary, server: str) -> None:
    cancel = threading.Event()
    cancel.set()
    [out] = lib.import_source(f"{server}/slow.toml", cancel=cancel)
    assert out.status == "refused" and "cancelled" in out.message


def test_a_body_shorter_than_its_content_length_is_refused(lib: PackLibrary, server: str) -> None:
    [out] = lib.import_source(f"{server}/short.toml")
    assert (out.status, out.exit_code) == ("refused", 1)
    assert "announced" in out.message and lib.list() == []


def test_github_file_pages_are_read_as_their_raw_file() -> None:
    from mockint.core.packs.fetch import raw_url

    assert raw_url("https://github.com/o/r/blob/main/docs/Q%20list.md?plain=1#L3") == (
        "https://raw.githubusercontent.com/o/r/main/docs/Q%20list.md"
    )
    assert raw_url("https://example.org/blob/x.md") == "https://example.org/blob/x.md"


def test_a_web_page_is_refused_with_a_hint(lib: PackLibrary, server: str) -> None:
    [out] = lib.import_source(f"{server}/page.md")
    assert (out.status, out.exit_code) == ("refused", 2) and "raw file" in out.message
