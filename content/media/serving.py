"""Uploaded files served by the app itself: MEDIA_URL → MEDIA_ROOT, whatever DEBUG says.

What a web server does for WordPress's wp-content/uploads: validators (`Last-Modified`, a strong
`ETag`) and conditional requests (304, 412), byte ranges (206, 416) for audio and video
players, a cache lifetime (`WP_MEDIA_MAX_AGE`, `WP_MEDIA_IMMUTABLE`), the type from the file
name, `nosniff`, and a sandbox for types that could run scripts. Only regular files inside
MEDIA_ROOT are served: no `..`, no hidden files, no symbolic link leading outside. A site whose
web server (or S3) serves the uploads never reaches this view.
"""

import mimetypes
import os
import re
import stat
from pathlib import Path
from typing import Any, BinaryIO

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from content.media.files import MIME_TYPES
from wpapi.errors import WPError, error_response, no_route

# the type WordPress gave the attachment, by extension (jpg → image/jpeg), before mimetypes'
TYPES_BY_EXTENSION = {ext: mime for exts, mime in MIME_TYPES.items() for ext in exts.split("|")} | {
    "svg": "image/svg+xml"
}
# compressed files are sent as themselves, never with Content-Encoding (the browser would unpack)
COMPRESSED_TYPES = {
    "gzip": "application/gzip",
    "bzip2": "application/x-bzip2",
    "xz": "application/x-xz",
    "br": "application/x-brotli",
    "compress": "application/x-compress",
}
# Documents that can run scripts are shown in a sandbox (an origin of their own, no scripts),
# so an uploaded page cannot act as a logged-in visitor of the site.
ACTIVE_TYPES = {
    "text/html",
    "application/xhtml+xml",
    "image/svg+xml",
    "text/xml",
    "application/xml",
}
BYTE_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def content_type(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext in TYPES_BY_EXTENSION:
        return TYPES_BY_EXTENSION[ext]
    guessed, encoding = mimetypes.guess_type(name, strict=False)
    if encoding:
        return COMPRESSED_TYPES.get(encoding, "application/octet-stream")
    return guessed or "application/octet-stream"


def upload_path(path: str) -> Path | None:
    """The file under MEDIA_ROOT that `path` names, or None when it names no such file or
    anything outside (parent segments, hidden files, NUL, backslashes, links leading out)."""
    if "\x00" in path or "\\" in path:
        return None
    parts = [part for part in path.split("/") if part]
    if not parts or any(part.startswith(".") for part in parts):
        return None
    try:
        root = Path(settings.MEDIA_ROOT).resolve(strict=True)
        found = root.joinpath(*parts).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return None
    if not found.is_relative_to(root) or found == root:
        return None
    return found


def cache_control() -> str:
    seconds = max(int(getattr(settings, "WP_MEDIA_MAX_AGE", 86400)), 0)
    if getattr(settings, "WP_MEDIA_IMMUTABLE", False):
        return f"public, max-age={max(seconds, 31536000)}, immutable"
    return f"public, max-age={seconds}"


def byte_range(header: str, size: int) -> tuple[int, int] | None | bool:
    """RFC 9110 §14: (first, last) of a single satisfiable range; None to ignore the header
    (not one byte range: the whole file is sent); False when it cannot be satisfied (416)."""
    found = BYTE_RANGE.match(header.strip())
    if not found or found.groups() == ("", ""):
        return None
    first, last = found.groups()
    if first == "":  # the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            return False
        return max(size - length, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid: ignored, as the RFC says
    if start >= size:
        return False
    return start, min(int(last), size - 1) if last else size - 1


def _if_range_allows(request: HttpRequest, etag: str, mtime: int) -> bool:
    """If-Range: the range applies only while the client's copy is still current."""
    value = request.META.get("HTTP_IF_RANGE", "").strip()
    if not value:
        return True
    if value.startswith(('"', "W/")):
        return value == etag  # strong comparison: a weak tag never matches
    return parse_http_date_safe(value) == mtime


class _Slice:
    """`length` bytes of an open file from where it stands (the reader FileResponse streams)."""

    def __init__(self, handle: BinaryIO, length: int) -> None:
        self.handle, self.left = handle, length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return data

    def close(self) -> None:
        self.handle.close()


def _headers(response: HttpResponse, headers: dict[str, str]) -> HttpResponse:
    for name, value in headers.items():
        response[name] = value
    return response


def serve_upload(request: HttpRequest, path: str) -> HttpResponse:
    """GET/HEAD of one uploaded file (MEDIA_URL + path)."""
    if request.method not in ("GET", "HEAD"):
        return _headers(error_response(no_route()), {"Allow": "GET, HEAD"})
    found = upload_path(path)
    try:
        handle = found.open("rb") if found is not None else None
    except OSError:
        handle = None
    if handle is None:
        return error_response(no_route())
    status = os.fstat(handle.fileno())  # of the file being sent, even if replaced meanwhile
    if not stat.S_ISREG(status.st_mode):
        handle.close()
        return error_response(no_route())
    size, mtime = status.st_size, int(status.st_mtime)
    etag = f'"{status.st_mtime_ns:x}-{size:x}"'
    mime = content_type(found.name)
    headers = {
        "ETag": etag,
        "Last-Modified": http_date(mtime),
        "Cache-Control": cache_control(),
        "Accept-Ranges": "bytes",
        "X-Content-Type-Options": "nosniff",
    }
    if mime in ACTIVE_TYPES:
        headers["Content-Security-Policy"] = "sandbox"

    conditional = get_conditional_response(request, etag=etag, last_modified=mtime)
    if conditional is not None:
        handle.close()
        if conditional.status_code == 412:
            error = WPError("rest_precondition_failed", "The file has changed.", 412)
            return _headers(error_response(error), {"ETag": etag})
        return _headers(conditional, headers)  # 304

    wanted: Any = None
    if "HTTP_RANGE" in request.META and _if_range_allows(request, etag, mtime):
        wanted = byte_range(request.META["HTTP_RANGE"], size)
    if wanted is False:
        handle.close()
        error = WPError("rest_range_not_satisfiable", "The range is not satisfiable.", 416)
        return _headers(error_response(error), {**headers, "Content-Range": f"bytes */{size}"})

    first, last = wanted if wanted else (0, size - 1)
    length = max(last - first + 1, 0)
    if request.method == "HEAD":
        handle.close()
        response: HttpResponse = HttpResponse(b"", content_type=mime)
    elif wanted:
        handle.seek(first)
        response = FileResponse(_Slice(handle, length), content_type=mime)
    else:
        response = FileResponse(handle, content_type=mime)
    if wanted:
        response.status_code = 206
        headers["Content-Range"] = f"bytes {first}-{last}/{size}"
    if "Content-Disposition" in response:
        del response["Content-Disposition"]  # a web server sends none for a plain file
    headers["Content-Length"] = str(length)
    return _headers(response, headers)
