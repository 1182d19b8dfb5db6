"""Uploaded files as WordPress sees them: the allowed types (get_allowed_mime_types), checks
of the real content, file names (sanitize_file_name) and WAV metadata; and the text and date
helpers the media services apply to what clients send (dates are wpapi.dates')."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from content.media import images
from users.capabilities import user_can
from wpapi.dates import parse_request_date
from wpapi.errors import WPError
from wpapi.formatting import remove_accents

# --- allowed file types (wp_get_mime_types / get_allowed_mime_types) ----------------------------
MIME_TYPES: dict[str, str] = {
    # Images
    "jpg|jpeg|jpe": "image/jpeg",
    "gif": "image/gif",
    "png": "image/png",
    "bmp": "image/bmp",
    "tiff|tif": "image/tiff",
    "webp": "image/webp",
    "ico": "image/x-icon",
    "heic": "image/heic",
    # Video
    "asf|asx": "video/x-ms-asf",
    "wmv": "video/x-ms-wmv",
    "wmx": "video/x-ms-wmx",
    "wm": "video/x-ms-wm",
    "avi": "video/avi",
    "divx": "video/divx",
    "flv": "video/x-flv",
    "mov|qt": "video/quicktime",
    "mpeg|mpg|mpe": "video/mpeg",
    "mp4|m4v": "video/mp4",
    "ogv": "video/ogg",
    "webm": "video/webm",
    "mkv": "video/x-matroska",
    "3gp|3gpp": "video/3gpp",
    "3g2|3gp2": "video/3gpp2",
    # Text
    "txt|asc|c|cc|h|srt": "text/plain",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "ics": "text/calendar",
    "rtx": "text/richtext",
    "css": "text/css",
    "htm|html": "text/html",
    "vtt": "text/vtt",
    "dfxp": "application/ttaf+xml",
    # Audio
    "mp3|m4a|m4b": "audio/mpeg",
    "aac": "audio/aac",
    "ra|ram": "audio/x-realaudio",
    "wav": "audio/wav",
    "ogg|oga": "audio/ogg",
    "flac": "audio/flac",
    "mid|midi": "audio/midi",
    "wma": "audio/x-ms-wma",
    "wax": "audio/x-ms-wax",
    "mka": "audio/x-matroska",
    # Other application formats
    "rtf": "application/rtf",
    "js": "application/javascript",
    "pdf": "application/pdf",
    "swf": "application/x-shockwave-flash",
    "class": "application/java",
    "tar": "application/x-tar",
    "zip": "application/zip",
    "gz|gzip": "application/x-gzip",
    "rar": "application/rar",
    "7z": "application/x-7z-compressed",
    "exe": "application/x-msdownload",
    "psd": "application/octet-stream",
    "xcf": "application/octet-stream",
    # MS Office
    "doc": "application/msword",
    "pot|pps|ppt": "application/vnd.ms-powerpoint",
    "wri": "application/vnd.ms-write",
    "xla|xls|xlt|xlw": "application/vnd.ms-excel",
    "mdb": "application/vnd.ms-access",
    "mpp": "application/vnd.ms-project",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "docm": "application/vnd.ms-word.document.macroEnabled.12",
    "dotx": "application/vnd.openxmlformats-officedocument.wordprocessingml.template",
    "dotm": "application/vnd.ms-word.template.macroEnabled.12",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12",
    "xlsb": "application/vnd.ms-excel.sheet.binary.macroEnabled.12",
    "xltx": "application/vnd.openxmlformats-officedocument.spreadsheetml.template",
    "xltm": "application/vnd.ms-excel.template.macroEnabled.12",
    "xlam": "application/vnd.ms-excel.addin.macroEnabled.12",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "pptm": "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
    "ppsx": "application/vnd.openxmlformats-officedocument.presentationml.slideshow",
    "ppsm": "application/vnd.ms-powerpoint.slideshow.macroEnabled.12",
    "potx": "application/vnd.openxmlformats-officedocument.presentationml.template",
    "potm": "application/vnd.ms-powerpoint.template.macroEnabled.12",
    "ppam": "application/vnd.ms-powerpoint.addin.macroEnabled.12",
    "sldx": "application/vnd.openxmlformats-officedocument.presentationml.slide",
    "sldm": "application/vnd.ms-powerpoint.slide.macroEnabled.12",
    "onetoc|onetoc2|onetmp|onepkg": "application/onenote",
    "oxps": "application/oxps",
    "xps": "application/vnd.ms-xpsdocument",
    # OpenOffice, WordPerfect, iWork
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odg": "application/vnd.oasis.opendocument.graphics",
    "odc": "application/vnd.oasis.opendocument.chart",
    "odb": "application/vnd.oasis.opendocument.database",
    "odf": "application/vnd.oasis.opendocument.formula",
    "wp|wpd": "application/wordperfect",
    "key": "application/vnd.apple.keynote",
    "numbers": "application/vnd.apple.numbers",
    "pages": "application/vnd.apple.pages",
}
#: getimagesize_mimes_to_exts: the extension a mislabelled image is renamed to
IMAGE_MIME_TO_EXT = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/bmp": "bmp",
    "image/tiff": "tif",
    "image/webp": "webp",
}
#: what WordPress's image editor (GD) resizes, and what it only measures
RESIZABLE_TYPES = ("image/jpeg", "image/png", "image/gif", "image/webp")
DISPLAYABLE_TYPES = (*RESIZABLE_TYPES, "image/bmp", "image/x-icon")
TEXT_TYPES = (
    "text/plain",
    "text/csv",
    "text/tab-separated-values",
    "text/calendar",
    "text/richtext",
    "text/css",
    "text/vtt",
    "text/html",
)
# _wp_handle_upload()'s refusals. WordPress answers them with 500 (rest_upload_unknown_error,
# rest_upload_sideload_error); the fault is the client's file, so they keep WordPress's code
# and answer with a 4xx: 415 for a type that may not be uploaded or content that is not what
# its name says, 413 for a file over the limit, 400 otherwise.
REFUSED_TYPE_STATUS = 415
TOO_BIG_STATUS = 413
BAD_FILE_STATUS = 400
FAILED_UPLOAD_TEST = "Specified file failed upload test."
NOT_ALLOWED = "Sorry, you are not allowed to upload this file type."
EMPTY_FILE = (
    "File is empty. Please upload something more substantial. This error could also "
    "be caused by uploads being disabled in your php.ini file or by post_max_size being "
    "defined as smaller than upload_max_filesize in php.ini."
)


def allowed_mime_types(user: Any) -> dict[str, str]:
    """get_allowed_mime_types(): no swf/exe, and html/js only with unfiltered_html."""
    types = {exts: mime for exts, mime in MIME_TYPES.items() if exts not in ("swf", "exe")}
    if not user_can(user, "unfiltered_html"):
        types.pop("htm|html", None)
        types.pop("js", None)
    return types


def media_types(user: Any = None) -> dict[str, list[str]]:
    """get_media_types(): MIME types grouped by their first part (image, video, text, ...)."""
    groups: dict[str, list[str]] = {}
    for mime in (allowed_mime_types(user) if user is not None else MIME_TYPES).values():
        groups.setdefault(mime.split("/", 1)[0], []).append(mime)
    return groups


def check_filetype(filename: str, mimes: dict[str, str]) -> tuple[str, str]:
    """wp_check_filetype(): (extension, MIME type) from the name, or ("", "")."""
    for exts, mime in mimes.items():
        match = re.search(r"\.(" + exts + r")$", filename, re.I)
        if match:
            return match.group(1), mime
    return "", ""


# --- file names -------------------------------------------------------------------------------
MAX_BASE_NAME = 150
SPECIAL_CHARS = set("?[]/\\=<>:;,'\"&$#*()|~`!{}%+\u2019\u00ab\u00bb\u201d\u201c\x00")


def sanitize_file_name(filename: str) -> str:
    """sanitize_file_name(): no special characters, dashes for spaces, no leading dots/dashes,
    inner extensions that are not allowed get a trailing underscore."""
    name = "".join(
        char
        for char in remove_accents(filename)
        if char not in SPECIAL_CHARS and (ord(char) >= 32 or char in "\r\n\t")
    )
    name = name.replace("%20", "-").replace("+", "-")
    name = re.sub(r"[\r\n\t -]+", "-", name)
    name = name.strip(".-_")
    parts = name.split(".")
    if len(parts) > 2:
        base, ext, middle = parts[0], parts[-1], parts[1:-1]
        fixed = []
        for part in middle:
            known = check_filetype(f"x.{part}", MIME_TYPES)[0]
            alpha = re.fullmatch(r"[a-zA-Z]{2,5}\d?", part)
            fixed.append(part + "_" if alpha and not known else part)
        name = ".".join([base, *fixed, ext])
    return name


def split_ext(filename: str) -> tuple[str, str]:
    base, dot, ext = filename.rpartition(".")
    if not dot or not base:
        return filename, ""
    return base, ext.lower()


def _looks_like_text(data: bytes) -> bool:
    return b"\x00" not in data[:8192]


def content_matches(mime: str, data: bytes) -> bool:
    """A light stand-in for WordPress's fileinfo check of non-image files."""
    if mime in TEXT_TYPES:
        return _looks_like_text(data)
    if mime == "application/pdf":
        return data.startswith(b"%PDF")
    return True


def wav_metadata(data: bytes) -> dict[str, Any] | None:
    import wave

    try:
        with wave.open(io.BytesIO(data)) as reader:
            channels, width, rate = (
                reader.getnchannels(),
                reader.getsampwidth(),
                reader.getframerate(),
            )
            frames = reader.getnframes()
    except (wave.Error, EOFError, OSError):
        return None
    seconds = images.php_round(frames / rate) if rate else 0
    return {
        "dataformat": "wav",
        "bitrate_mode": "cbr",
        "wformattag": 1,
        "codec": "Pulse Code Modulation (PCM)",
        "channels": channels,
        "sample_rate": rate,
        "bitrate": rate * channels * width * 8,
        "bits_per_sample": width * 8,
        "lossless": True,
        "channelmode": "mono" if channels == 1 else "stereo",
        "compression_ratio": 1,
        "fileformat": "wav",
        "length": seconds,
        "formatted": f"{seconds // 60}:{seconds % 60:02d}",
    }


def raw_text(value: Any) -> str | None:
    """title / caption / description arrive as a string or as {"raw": ...}."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value.get("raw") is not None:
        raw = value["raw"]
        if isinstance(raw, bool):
            return "1" if raw else ""
        return (
            raw
            if isinstance(raw, str)
            else (str(raw) if not isinstance(raw, dict | list) else None)
        )
    return None


# --- dates ------------------------------------------------------------------------------------
def date_from_params(params: dict[str, Any]) -> datetime | None:
    if params.get("date"):
        found = parse_request_date(params["date"], is_gmt=False)
    elif params.get("date_gmt"):
        found = parse_request_date(params["date_gmt"], is_gmt=True)
    else:
        return None
    if found is None:
        raise WPError("rest_invalid_date", "Invalid date.", 400)
    return found
