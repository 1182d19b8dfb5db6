"""Attachments' files: copied from a local uploads folder (--uploads), fetched from their URLs
(--fetch-media), or left where they are (the attachment keeps its original URL). The sub-sizes
an image's metadata lists come along the same way, and are made again from the original when
they cannot be had."""

from __future__ import annotations

import posixpath
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile

from content.media import images
from content.media.services import media_storage
from wpimport.records import PostRecord

FETCH_TIMEOUT = 30


@dataclass
class AttachmentFile:
    """Where an attachment's file will be: `name` is a storage path, or an absolute URL when
    the file stays on the old site."""

    name: str
    source: str  # the uploads-relative path on the old site
    url: str  # its URL on the old site


class MediaFiles:
    """What to do with attachments' files, and doing it."""

    def __init__(
        self,
        *,
        uploads: str | Path | None,
        fetch: bool,
        uploads_url: str,
        dry_run: bool,
        report: Any,
    ) -> None:
        self.uploads = Path(uploads) if uploads else None
        self.fetch = fetch
        self.uploads_url = uploads_url.rstrip("/")
        self.dry_run = dry_run
        self.report = report
        self.storage = media_storage()

    @property
    def mode(self) -> str:
        if self.uploads is not None:
            return "copy"
        return "fetch" if self.fetch else "link"

    def locate(self, post: PostRecord, attached: str) -> AttachmentFile | None:
        """The file an attachment record names (_wp_attached_file, else its URL), and where
        it will be kept."""
        url = post.attachment_url
        source = attached.lstrip("/")
        if not source and url and self.uploads_url and url.startswith(self.uploads_url + "/"):
            source = url[len(self.uploads_url) + 1 :]
        if not url and source and self.uploads_url:
            url = f"{self.uploads_url}/{source}"
        if not source and not url:
            return None
        if self.mode == "link" or not source:
            return AttachmentFile(name=url, source=source, url=url)
        if self.mode == "copy" and not (self.uploads / source).is_file():
            self.report.explain(
                "files",
                "skipped",
                post.id,
                "not in the uploads folder: the attachment keeps its URL on the old site",
            )
            return AttachmentFile(name=url or source, source=source, url=url)
        return AttachmentFile(name=source, source=source, url=url)

    # --- bringing files over --------------------------------------------------------------
    def bring(self, post_id: int, file: AttachmentFile, details: dict[str, Any]) -> str:
        """Copy or fetch the original and its sub-sizes; make the sizes that could not be had.
        Files already stored with the same size are left alone (a second run copies nothing).
        Returns where the file is: its storage path, or its URL when it could not be had."""
        if file.name.startswith(("http://", "https://")) or self.dry_run:
            return file.name
        original = self._obtain(file.source, file.url, post_id)
        if original is None:
            self.report.skip(
                "files", post_id, f"{self.mode}: the original could not be had; it keeps its URL"
            )
            return file.url or file.name
        folder = posixpath.dirname(file.source)
        url_folder = posixpath.dirname(file.url) if file.url else ""
        extra = []
        if details.get("original_image"):
            extra.append(str(details["original_image"]))
        for other in extra:
            self._obtain(posixpath.join(folder, other), f"{url_folder}/{other}", post_id)
        for name, size in (details.get("sizes") or {}).items():
            if not isinstance(size, dict) or not size.get("file"):
                continue
            size_file = posixpath.basename(str(size["file"]))
            path = posixpath.join(folder, size_file)
            if self._obtain(path, f"{url_folder}/{size_file}", post_id) is None:
                self._rebuild(post_id, original, path, name, size, details)
        return file.name

    def _obtain(self, path: str, url: str, post_id: int) -> bytes | None:
        """The bytes of a file (None when it cannot be had), stored at `path` unless a file of
        the same size is there already."""
        data = self._read(path, url)
        if data is None:
            return None
        if self.storage.exists(path):
            if self.storage.size(path) == len(data):
                self.report.count("files", "unchanged")
                return data
            self.storage.delete(path)
            outcome = "updated"
        else:
            outcome = "created"
        saved = self.storage.save(path, ContentFile(data))
        if saved != path:  # the storage renamed it: never leave a file under another name
            self.storage.delete(saved)
            self.report.skip("files", post_id, f"could not be stored as {path}")
            return None
        self.report.count("files", outcome)
        return data

    def _read(self, path: str, url: str) -> bytes | None:
        if self.mode == "copy":
            local = self.uploads / path
            try:
                return local.read_bytes() if local.is_file() else None
            except OSError:
                return None
        if not url:
            return None
        try:
            with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as answer:  # noqa: S310
                return answer.read()
        except (urllib.error.URLError, OSError, ValueError):
            return None

    def _rebuild(
        self,
        post_id: int,
        original: bytes,
        path: str,
        size_name: str,
        size: dict[str, Any],
        details: dict[str, Any],
    ) -> None:
        """Make a sub-size WordPress had made, from the original, at the size it recorded
        (once: a size made by an earlier run is kept)."""
        if self.storage.exists(path):
            self.report.count("files", "unchanged")
            return
        try:
            width, height = int(size.get("width") or 0), int(size.get("height") or 0)
            orig_w, orig_h = int(details.get("width") or 0), int(details.get("height") or 0)
        except (TypeError, ValueError):
            return
        if not (width and height and orig_w and orig_h):
            return
        planned = images.planned_sizes(orig_w, orig_h).get(size_name)
        if planned is not None and (planned.width, planned.height) == (width, height):
            resize = planned
        else:
            resize = images.Resize(width, height, 0, 0, orig_w, orig_h)
        try:
            data = images.make_sub_size(original, resize)
        except (OSError, ValueError, images.Image.DecompressionBombError):
            self.report.skip("files", post_id, f"the {size_name} size could not be made")
            return
        self.storage.save(path, ContentFile(data))
        self.report.count("files", "created")
        self.report.explain("files", "created", post_id, "sub-size made again from the original")
