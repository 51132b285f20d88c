"""Fetch a pack from an http(s) URL: bounded in time and size, errors as MockintError.

Only http and https are accepted, also for redirects, so a URL can never make mockint read
a local file. The body is read in chunks and refused as soon as it passes the size cap, and a
body shorter than its Content-Length is refused. The whole fetch has a deadline (not only each
read): the request runs in a helper thread that the caller stops waiting for when the deadline
passes or the import is cancelled, and that stops at its next chunk.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException, HTTPMessage
from pathlib import PurePosixPath
from typing import IO, Any

from mockint.core.errors import EXIT_BAD_INPUT, EXIT_FAILED, MockintError, failure
from mockint.core.text import escape_controls

TIMEOUT_SECONDS = 15.0
#: The longest a whole fetch may take, headers and body.
DEADLINE_SECONDS = 60.0
# Server-supplied text (status reasons, redirect targets) may hold terminal controls.
CHUNK = 64 * 1024
URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")

_CONTENT_TYPES = {
    "text/markdown": "md",
    "text/x-markdown": "md",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/toml": "toml",
    "application/x-toml": "toml",
    "text/x-toml": "toml",
    "text/toml": "toml",
}


def _clean(text: object) -> str:
    return escape_controls(str(text))


@dataclass(frozen=True)
class Fetched:
    data: bytes
    #: The last segment of the URL path ("" if none), used for the format and default pack id.
    filename: str
    #: Format implied by the Content-Type header, if it names one.
    content_format: str | None
    #: The server sent a web page (Content-Type text/html), not a file.
    web_page: bool = False


_GITHUB_BLOB = re.compile(r"^https?://github\.com/([^/]+)/([^/]+)/(?:blob|raw)/(.+)$", re.I)


def raw_url(url: str) -> str:
    """A GitHub page of a file (`github.com/OWNER/REPO/blob/BRANCH/PATH`) as its raw file, which is
    what people copy from the browser; any other URL unchanged."""
    m = _GITHUB_BLOB.match(url.split("#", 1)[0].split("?", 1)[0])
    if m is None:
        return url
    return f"https://raw.githubusercontent.com/{m.group(1)}/{m.group(2)}/{m.group(3)}"


def is_url(source: str) -> bool:
    """Whether `source` looks like a URL (scheme://), whatever the scheme."""
    return bool(URL_RE.match(source))


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise failure(f"refused a redirect to a non-http(s) URL: {_clean(newurl)}", path=req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class Cancelled(MockintError):
    """The import was cancelled by the person who started it."""


def fetch_url(
    url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS, deadline: float | None = None,
    cancel: threading.Event | None = None,
) -> Fetched:
    """GET `url`. Raises MockintError: exit 2 for a bad URL or an oversized body, 1 for network/HTTP
    failures, a server too slow for `deadline` seconds, or a cancelled fetch (`Cancelled`)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise MockintError(
            f"unsupported URL scheme '{parts.scheme}': only http and https can be imported", path=url
        )
    if not parts.hostname:
        raise MockintError("URL has no host", path=url)
    limit = DEADLINE_SECONDS if deadline is None else deadline
    stop = threading.Event()
    box: list[Fetched | BaseException] = []

    def work() -> None:
        try:
            box.append(_fetch(url, max_bytes, timeout, limit, stop))
        except BaseException as exc:  # handed to the waiting thread
            box.append(exc)

    worker = threading.Thread(target=work, name="mockint-fetch", daemon=True)
    worker.start()
    ends = time.monotonic() + limit
    while worker.is_alive():
        if cancel is not None and cancel.is_set():
            stop.set()
            raise Cancelled("import cancelled", path=url, exit_code=EXIT_FAILED)
        left = ends - time.monotonic()
        if left <= 0:
            stop.set()
            raise failure(_too_slow(limit), path=url)
        worker.join(min(left, 0.1))
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _too_slow(limit: float) -> str:
    return f"gave up after {limit:g} seconds: the server is sending too slowly"


def _fetch(url: str, max_bytes: int, timeout: float, limit: float, stop: threading.Event) -> Fetched:
    ends = time.monotonic() + limit
    opener = urllib.request.build_opener(_SafeRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": "mockint", "Accept": "*/*"})
    try:
        with opener.open(request, timeout=timeout) as response:
            data = _read_capped(response, url, max_bytes, ends, stop, limit)
            content_type = response.headers.get_content_type()
            final = response.geturl() or url
    except urllib.error.HTTPError as exc:
        raise failure(f"HTTP {exc.code} {_clean(exc.reason)}", path=url) from None
    except urllib.error.URLError as exc:
        raise failure(f"cannot fetch: {_clean(exc.reason)}", path=url) from None
    except (TimeoutError, OSError, HTTPException) as exc:
        raise failure(f"cannot fetch: {_clean(exc) or type(exc).__name__}", path=url) from None
    name = PurePosixPath(urllib.parse.unquote(urllib.parse.urlsplit(final).path)).name
    return Fetched(data, name, _CONTENT_TYPES.get(content_type), content_type == "text/html")


def _read_capped(
    response: Any, url: str, max_bytes: int, ends: float, stop: threading.Event, limit: float
) -> bytes:
    too_big = MockintError(
        f"the pack is larger than the {max_bytes // (1024 * 1024)} MiB limit", path=url, exit_code=EXIT_BAD_INPUT
    )
    length = response.headers.get("Content-Length")
    expected = int(length) if length is not None and length.strip().isdigit() else None
    if expected is not None and expected > max_bytes:
        raise too_big
    chunks: list[bytes] = []
    total = 0
    while True:
        if stop.is_set() or time.monotonic() > ends:
            raise failure(_too_slow(limit), path=url)
        # read1 returns what has arrived, so a trickling server cannot hold one read for ever.
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > max_bytes:
            raise too_big
        chunks.append(chunk)
    if expected is not None and total < expected:
        raise failure(
            f"the server sent {total:,} of the {expected:,} bytes it announced (connection cut short); "
            "nothing was installed",
            path=url,
        )
    return b"".join(chunks)
