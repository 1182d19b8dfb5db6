"""Image sub-sizes as WordPress makes them (wp_create_image_subsizes), drawn with Pillow.

WordPress registers thumbnail (150x150, cropped), medium (300x300), medium_large (768 wide),
large (1024x1024) and the two "big image" sizes 1536x1536 and 2048x2048; a size is made only
when it is smaller than the original (image_resize_dimensions()). The arithmetic below is
WordPress's, so the same upload gets the same file names and dimensions as on a WordPress site.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

#: name -> (max width, max height, crop), in the order WordPress registers them
IMAGE_SIZES: dict[str, tuple[int, int, bool]] = {
    "thumbnail": (150, 150, True),
    "medium": (300, 300, False),
    "medium_large": (768, 0, False),
    "large": (1024, 1024, False),
    "1536x1536": (1536, 1536, False),
    "2048x2048": (2048, 2048, False),
}
#: _wp_make_subsizes() makes these first, so `sizes` in the metadata starts with them
PRIORITY = ("medium", "large", "thumbnail", "medium_large")
#: wp_attachment_is_image(): the extensions WordPress treats as images
IMAGE_EXTENSIONS = ("jpg", "jpeg", "jpe", "gif", "png", "webp")
#: formats Pillow reads -> the MIME type WordPress records
FORMAT_MIME = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "GIF": "image/gif",
    "WEBP": "image/webp",
    "BMP": "image/bmp",
    "TIFF": "image/tiff",
    "ICO": "image/x-icon",
}
#: wp_read_image_metadata() for a file without EXIF/IPTC data
EMPTY_IMAGE_META: dict[str, Any] = {
    "aperture": "0",
    "credit": "",
    "camera": "",
    "caption": "",
    "created_timestamp": "0",
    "copyright": "",
    "focal_length": "0",
    "iso": "0",
    "shutter_speed": "0",
    "title": "",
    "orientation": "0",
    "keywords": [],
}
MAX_SRCSET_WIDTH = 2048
#: big_image_size_threshold: larger uploads (except PNGs) are scaled down to a "-scaled" copy
BIG_IMAGE_THRESHOLD = 2560


def php_round(value: float) -> int:
    """PHP's round(): halves away from zero (Python rounds them to even)."""
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


def fuzzy_match(a: float, b: float, precision: float = 1) -> bool:
    """wp_fuzzy_number_match()."""
    return abs(a - b) <= precision


def constrain_dimensions(
    width: int, height: int, max_width: int = 0, max_height: int = 0
) -> tuple[int, int]:
    """wp_constrain_dimensions(): fit width x height in a box, keeping the ratio."""
    if not max_width and not max_height:
        return width, height
    width_ratio = height_ratio = 1.0
    did_width = did_height = False
    if max_width > 0 and width > 0 and width > max_width:
        width_ratio, did_width = max_width / width, True
    if max_height > 0 and height > 0 and height > max_height:
        height_ratio, did_height = max_height / height, True
    smaller, larger = min(width_ratio, height_ratio), max(width_ratio, height_ratio)
    if php_round(width * larger) > max_width or php_round(height * larger) > max_height:
        ratio = smaller
    else:
        ratio = larger
    new_w = max(1, php_round(width * ratio))
    new_h = max(1, php_round(height * ratio))
    if did_width and new_w == max_width - 1:
        new_w = max_width
    if did_height and new_h == max_height - 1:
        new_h = max_height
    return new_w, new_h


@dataclass(frozen=True)
class Resize:
    """image_resize_dimensions(): the target size and the source box to take it from."""

    width: int
    height: int
    src_x: int
    src_y: int
    src_w: int
    src_h: int


def resize_dimensions(
    orig_w: int, orig_h: int, dest_w: int, dest_h: int, crop: bool
) -> Resize | None:
    """None when WordPress would not make this size (it would not be smaller)."""
    if orig_w <= 0 or orig_h <= 0 or (dest_w <= 0 and dest_h <= 0):
        return None
    if crop:
        aspect = orig_w / orig_h
        new_w, new_h = min(dest_w, orig_w), min(dest_h, orig_h)
        if not new_w:
            new_w = php_round(new_h * aspect)
        if not new_h:
            new_h = php_round(new_w / aspect)
        size_ratio = max(new_w / orig_w, new_h / orig_h)
        crop_w, crop_h = php_round(new_w / size_ratio), php_round(new_h / size_ratio)
        src_x, src_y = (orig_w - crop_w) // 2, (orig_h - crop_h) // 2
    else:
        crop_w, crop_h, src_x, src_y = orig_w, orig_h, 0, 0
        new_w, new_h = constrain_dimensions(orig_w, orig_h, dest_w, dest_h)
    if fuzzy_match(new_w, orig_w) and fuzzy_match(new_h, orig_h):
        return None
    return Resize(int(new_w), int(new_h), int(src_x), int(src_y), int(crop_w), int(crop_h))


def planned_sizes(width: int, height: int) -> dict[str, Resize]:
    """The sub-sizes an image of this size gets, in the order WordPress records them."""
    order = [*PRIORITY, *(name for name in IMAGE_SIZES if name not in PRIORITY)]
    plan = {}
    for name in order:
        max_w, max_h, crop = IMAGE_SIZES[name]
        resize = resize_dimensions(width, height, max_w, max_h, crop)
        if resize is not None:
            plan[name] = resize
    return plan


def scaled_size(width: int, height: int, mime_type: str) -> Resize | None:
    """wp_create_image_subsizes(): a JPEG/GIF/WebP over 2560px gets a copy fitting 2560x2560,
    which becomes the attached file; PNGs are never scaled."""
    if mime_type == "image/png":
        return None
    if width <= BIG_IMAGE_THRESHOLD and height <= BIG_IMAGE_THRESHOLD:
        return None
    new_w, new_h = constrain_dimensions(width, height, BIG_IMAGE_THRESHOLD, BIG_IMAGE_THRESHOLD)
    return Resize(new_w, new_h, 0, 0, width, height)


def size_file_name(base: str, ext: str, resize: Resize) -> str:
    """WP_Image_Editor::get_suffix(): name-{w}x{h}.ext."""
    return f"{base}-{resize.width}x{resize.height}.{ext}"


class NotAnImage(ValueError):
    """The bytes are not an image Pillow can read."""


@dataclass
class ImageInfo:
    width: int
    height: int
    mime_type: str
    image_meta: dict[str, Any]


def inspect_image(data: bytes) -> ImageInfo:
    """Dimensions, real type and wp_read_image_metadata() of an image file."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            fmt = image.format or ""
            meta = read_image_meta(image)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise NotAnImage(str(error)) from error
    return ImageInfo(width, height, FORMAT_MIME.get(fmt, ""), meta)


def _php_number(value: Any) -> str:
    """A float as PHP prints it: 2.2, 4 (not 4.0), 0.00025."""
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return repr(number)


def _frac(value: Any) -> float:
    """wp_exif_frac2dec(): "1/250" or a rational -> 0.004."""
    if isinstance(value, str) and "/" in value:
        top, _, bottom = value.partition("/")
        try:
            return float(top) / float(bottom) if float(bottom) else 0.0
        except ValueError:
            return 0.0
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return 0.0


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).replace("\x00", "").strip()


def _exif_timestamp(value: Any) -> str:
    """wp_exif_date2ts(): "2015:08:18 15:06:52" -> Unix time (UTC)."""
    from datetime import UTC, datetime

    try:
        moment = datetime.strptime(_text(value), "%Y:%m:%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return "0"
    return str(int(moment.timestamp()))


def read_image_meta(image: Image.Image) -> dict[str, Any]:
    """wp_read_image_metadata(): the EXIF fields of a JPEG or TIFF WordPress keeps, as strings;
    other formats get the empty defaults."""
    meta = {**EMPTY_IMAGE_META, "keywords": []}
    if image.format not in ("JPEG", "TIFF"):
        return meta
    try:
        exif = image.getexif()
        sub = exif.get_ifd(0x8769)
    except Exception:  # noqa: BLE001 - broken EXIF is ignored, as WordPress does
        return meta
    description = _text(exif.get(0x010E, ""))
    if description:
        if len(description.encode()) < 80:
            meta["title"] = description
        meta["caption"] = _text(sub.get(0x9286, "")) or description
    if exif.get(0x013B):
        meta["credit"] = _text(exif[0x013B])
    if exif.get(0x8298):
        meta["copyright"] = _text(exif[0x8298])
    if sub.get(0x829D):
        meta["aperture"] = _php_number(round(_frac(sub[0x829D]), 2))
    if exif.get(0x0110):
        meta["camera"] = _text(exif[0x0110])
    if sub.get(0x9004):
        meta["created_timestamp"] = _exif_timestamp(sub[0x9004])
    if sub.get(0x920A):
        meta["focal_length"] = _php_number(_frac(sub[0x920A]))
    iso = sub.get(0x8827)
    if iso:
        meta["iso"] = _text(iso[0] if isinstance(iso, tuple | list) else iso)
    if sub.get(0x829A):
        meta["shutter_speed"] = _php_number(_frac(sub[0x829A]))
    if exif.get(0x0112):
        meta["orientation"] = str(exif[0x0112])
    return meta


def exif_rotate(data: bytes) -> bytes | None:
    """WP_Image_Editor::maybe_exif_rotate() then save: the upright image, or None when the
    EXIF orientation asks for nothing."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format or "JPEG"
        upright = ImageOps.exif_transpose(image)
        if upright is image:
            return None
        if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
            upright = upright.convert("RGB")
        out = io.BytesIO()
        upright.save(out, format=fmt, **({"quality": 82} if fmt in ("JPEG", "WEBP") else {}))
    return out.getvalue()


def make_sub_size(data: bytes, resize: Resize) -> bytes:
    """One sub-size: crop the source box, scale to the target, same format as the original."""
    with Image.open(io.BytesIO(data)) as image:
        fmt = image.format or "PNG"
        source = ImageOps.exif_transpose(image) if fmt == "JPEG" else image
        box = (resize.src_x, resize.src_y, resize.src_x + resize.src_w, resize.src_y + resize.src_h)
        if source.mode == "P":
            source = source.convert("RGBA")
        scaled = source.resize((resize.width, resize.height), Image.Resampling.LANCZOS, box=box)
        if fmt == "JPEG" and scaled.mode not in ("RGB", "L"):
            scaled = scaled.convert("RGB")
        out = io.BytesIO()
        options: dict[str, Any] = {"quality": 82} if fmt in ("JPEG", "WEBP") else {}
        if fmt == "GIF":
            scaled = scaled.convert("P", palette=Image.Palette.ADAPTIVE)
        scaled.save(out, format=fmt, **options)
    return out.getvalue()


# --- <img> markup, as wp_get_attachment_image() writes it -----------------------------------------
def matches_ratio(src_w: int, src_h: int, target_w: int, target_h: int) -> bool:
    """wp_image_matches_ratio()."""
    if src_w > target_w:
        constrained = constrain_dimensions(src_w, src_h, target_w)
        expected = (target_w, target_h)
    else:
        constrained = constrain_dimensions(target_w, target_h, src_w)
        expected = (src_w, src_h)
    return fuzzy_match(constrained[0], expected[0]) and fuzzy_match(constrained[1], expected[1])


def downsize(details: dict[str, Any], size: str) -> tuple[str | None, int, int]:
    """image_downsize(): (file name of the size or None for the original, width, height)."""
    sizes = details.get("sizes") or {}
    if size in sizes:
        data = sizes[size]
        return data["file"], int(data["width"]), int(data["height"])
    width, height = int(details.get("width") or 0), int(details.get("height") or 0)
    if size in IMAGE_SIZES:
        max_w, max_h, _crop = IMAGE_SIZES[size]
        width, height = constrain_dimensions(width, height, max_w, max_h)
    return None, width, height


def srcset(
    details: dict[str, Any], url_of: Callable[[str], str], src: str, width: int, height: int
) -> str | None:
    """wp_calculate_image_srcset(): same-ratio files, the `src` one first; None under two."""
    file_path = details.get("file") or ""
    dirname = file_path.rsplit("/", 1)[0] + "/" if "/" in file_path else ""
    candidates = list((details.get("sizes") or {}).values())
    candidates.append(
        {
            "width": details.get("width"),
            "height": details.get("height"),
            "file": file_path.rsplit("/", 1)[-1],
        }
    )
    sources: dict[int, str] = {}
    src_matched = False
    for image in candidates:
        is_src = False
        if not src_matched and (dirname + image["file"]) in src:
            src_matched = is_src = True
        image_w, image_h = int(image.get("width") or 0), int(image.get("height") or 0)
        if image_w > MAX_SRCSET_WIDTH and not is_src:
            continue
        if image_w and matches_ratio(width, height, image_w, image_h):
            entry = f"{url_of(image['file'])} {image_w}w"
            if is_src:
                sources = {image_w: entry, **{k: v for k, v in sources.items() if k != image_w}}
            else:
                sources[image_w] = entry
    if len(sources) < 2:
        return None
    return ", ".join(sources.values())


def edit_image(data: bytes, modifiers: list[dict[str, Any]]) -> bytes:
    """The image editor's rotate and crop, in the order given (edit_media_item()): angles are
    clockwise degrees, crop boxes percentages of the current size."""
    with Image.open(io.BytesIO(data)) as opened:
        fmt = opened.format or "PNG"
        image = opened.copy()
    for modifier in modifiers:
        args = modifier.get("args") or {}
        if modifier.get("type") == "rotate":
            angle = float(args.get("angle") or 0)
            if angle % 360:
                image = image.rotate(-angle, expand=True)
        elif modifier.get("type") == "crop":
            width, height = image.size
            left = php_round(width * float(args["left"]) / 100)
            top = php_round(height * float(args["top"]) / 100)
            box_w = php_round(width * float(args["width"]) / 100)
            box_h = php_round(height * float(args["height"]) / 100)
            if (box_w, box_h) != (width, height) and box_w > 0 and box_h > 0:
                image = image.crop((left, top, left + box_w, top + box_h))
    if fmt == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 82} if fmt in ("JPEG", "WEBP") else {}))
    return out.getvalue()


def file_matches_meta(src: str, details: dict[str, Any]) -> bool:
    """wp_image_file_matches_image_meta(): `src` ends with the attached file, the original or
    one of the sub-sizes."""
    src = src.split("?", 1)[0]
    file = str(details.get("file") or "")
    if len(file) <= 4:
        return False
    if src.endswith(file):
        return True
    folder = file.rsplit("/", 1)[0] + "/" if "/" in file else ""
    candidates = [details.get("original_image")] + [
        size.get("file") for size in (details.get("sizes") or {}).values() if isinstance(size, dict)
    ]
    return any(name and src.endswith(folder + str(name)) for name in candidates)
