"""The archives and calendar blocks: published posts counted by month (or year, or day) in
the site's timezone, with WordPress's date-archive links (/2024/01/)."""

from __future__ import annotations

import calendar as pycalendar
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Count
from django.db.models.functions import TruncDay, TruncMonth, TruncYear
from django.utils import timezone

from content.blocks.context import RenderContext
from content.blocks.parser import Block
from content.blocks.render import renders
from content.blocks.supports import wrapper_attributes
from content.blocks.util import (
    MONTHS,
    WEEKDAYS,
    day_link,
    esc_attr,
    esc_html,
    local,
    month_link,
    php_date,
    site_date,
    year_link,
)
from wpapi.dates import site_timezone
from wpapi.site import get_option

TRUNCATE = {"yearly": TruncYear, "monthly": TruncMonth, "daily": TruncDay}
SELECT_LABELS = {
    "yearly": "Select Year",
    "monthly": "Select Month",
    "daily": "Select Day",
    "weekly": "Select Week",
}


def _published_posts() -> Any:
    from content.models import Post

    return Post.objects.filter(type="post", status="publish")


def _periods(kind: str) -> list[tuple[datetime, int]]:
    """(local start of the period, number of posts), newest first."""
    truncate = TRUNCATE.get(kind, TruncMonth)
    rows = (
        _published_posts()
        .annotate(period=truncate("date", tzinfo=site_timezone()))
        .values("period")
        .annotate(count=Count("id"))
        .order_by("-period")
    )
    return [(local(row["period"]), row["count"]) for row in rows]


def _postbypost() -> list[Any]:
    return list(_published_posts().order_by("-date", "-id"))


def archive_items(kind: str, site: str, ctx: RenderContext) -> list[tuple[str, str, int | None]]:
    """(URL, text, count) for each archive wp_get_archives() lists."""
    if kind in ("postbypost", "alpha"):
        from content.formatting import render_title
        from content.permalinks import post_permalink

        posts = ctx.load("archives-posts", _postbypost)
        if kind == "alpha":
            posts = sorted(posts, key=lambda post: post.title.lower())
        return [
            (post_permalink(site, post, {}), render_title(post.title) or str(post.pk), None)
            for post in posts
        ]
    if kind == "weekly":
        kind = "daily"  # weeks are shown per day here (documented difference)
    items = []
    for start, count in ctx.load(("archives", kind), lambda: _periods(kind)):
        if kind == "yearly":
            items.append((year_link(site, start.year), str(start.year), count))
        elif kind == "daily":
            url = day_link(site, start.year, start.month, start.day)
            items.append((url, site_date(start), count))
        else:
            text = f"{MONTHS[start.month - 1]} {start.year}"
            items.append((month_link(site, start.year, start.month), text, count))
    return items


@renders("core/archives")
def archives(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    show_count = bool(attrs.get("showPostCounts"))
    kind = str(attrs.get("type") or "monthly")
    items = archive_items(kind, ctx.site, ctx)
    if attrs.get("displayAsDropdown"):
        dropdown_id = ctx.unique_id("wp-block-archives-")
        options = "".join(
            f"\t<option value='{url}'> {text} "
            f"{f'&nbsp;({count})' if show_count and count is not None else ''}</option>\n"
            for url, text, count in items
        )
        wrapper = wrapper_attributes(
            "core/archives", attrs, {"class": " wp-block-archives-dropdown"}
        )
        label_class = "" if attrs.get("showLabel") else " screen-reader-text"
        label = SELECT_LABELS.get(kind, "Select Post")
        return (
            f'<div {wrapper}><label for="{dropdown_id}" class="wp-block-archives__label'
            f'{label_class}">Archives</label>\n\t\t<select id="{dropdown_id}" '
            'name="archive-dropdown" onchange="document.location.href=this.options['
            'this.selectedIndex].value;">\n\t\t'
            f'<option value="">{esc_html(label)}</option>{options}</select></div>'
        )
    wrapper = wrapper_attributes("core/archives", attrs, {"class": " wp-block-archives-list"})
    if not items:
        return f"<div {wrapper}>No archives to show.</div>"
    listed = "".join(
        f"\t<li><a href='{url}'>{text}</a>"
        f"{f'&nbsp;({count})' if show_count and count is not None else ''}</li>\n"
        for url, text, count in items
    )
    return f"<ul {wrapper}>{listed}</ul>"


# --- calendar -----------------------------------------------------------------------------------
def now() -> datetime:
    """The site's current time (tests replace it)."""
    return timezone.now()


def _calendar_data(year: int, month: int) -> tuple[bool, set[int], Any, Any]:
    """Whether any post is published, the days of the month with posts, and the months of the
    nearest posts before and after it."""
    posts = _published_posts()
    zone = site_timezone()
    start = datetime(year, month, 1, tzinfo=zone)
    days_in_month = pycalendar.monthrange(year, month)[1]
    end = start + timedelta(days=days_in_month)
    exists = posts.exists()
    in_month = posts.filter(date__gte=start, date__lt=end).values_list("date", flat=True)
    days = {local(value).day for value in in_month}
    before = posts.filter(date__lt=start).order_by("-date").values_list("date", flat=True).first()
    after = posts.filter(date__gte=end).order_by("date").values_list("date", flat=True).first()
    return exists, days, before, after


@renders("core/calendar")
def calendar_block(attrs: dict[str, Any], content: str, block: Block, ctx: RenderContext) -> str:
    today = local(now())
    # the month and year attributes apply only when permalinks have %year% and %monthnum%
    year, month = today.year, today.month
    exists, days, before, after = ctx.load(
        ("calendar", year, month), lambda: _calendar_data(year, month)
    )
    if not exists:
        if getattr(ctx.user, "is_authenticated", False):
            return "<div>The calendar block is hidden because there are no published posts.</div>"
        return ""
    wrapper = wrapper_attributes("core/calendar", attrs, {})
    return f"<div {wrapper}>{get_calendar(year, month, today, days, before, after, ctx.site)}</div>"


def get_calendar(
    year: int,
    month: int,
    today: datetime,
    days: set[int],
    before: Any,
    after: Any,
    site: str,
) -> str:
    """get_calendar() with initials for the weekdays."""
    week_begins = int(get_option("start_of_week") or 0)
    output = (
        '<table id="wp-calendar" class="wp-calendar-table">\n\t<caption>'
        f"{MONTHS[month - 1]} {year}</caption>\n\t<thead>\n\t<tr>"
    )
    for offset in range(7):
        name = WEEKDAYS[(offset + week_begins) % 7]
        output += f'\n\t\t<th scope="col" title="{esc_attr(name)}">{name[0]}</th>'
    output += "\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>"
    first_weekday = (datetime(year, month, 1).weekday() + 1) % 7  # 0 = Sunday
    pad = (first_weekday - week_begins) % 7
    if pad:
        output += f'\n\t\t<td colspan="{pad}" class="pad">&nbsp;</td>'
    days_in_month = pycalendar.monthrange(year, month)[1]
    new_row = False
    for day in range(1, days_in_month + 1):
        if new_row:
            output += "\n\t</tr>\n\t<tr>\n\t\t"
        new_row = False
        is_today = (today.year, today.month, today.day) == (year, month, day)
        output += '<td id="today">' if is_today else "<td>"
        if day in days:
            label = f"Posts published on {php_date('F j, Y', datetime(year, month, day))}"
            output += (
                f'<a href="{day_link(site, year, month, day)}" aria-label="{esc_attr(label)}">'
                f"{day}</a>"
            )
        else:
            output += str(day)
        output += "</td>"
        weekday = (datetime(year, month, day).weekday() + 1) % 7
        if (weekday - week_begins) % 7 == 6:
            new_row = True
    after_last = (datetime(year, month, days_in_month).weekday() + 2) % 7
    pad = 7 - (after_last - week_begins) % 7
    if pad not in (0, 7):
        output += f'\n\t\t<td class="pad" colspan="{pad}">&nbsp;</td>'
    output += "\n\t</tr>\n\t</tbody>\n\t</table>"
    output += '<nav aria-label="Previous and next months" class="wp-calendar-nav">'
    if before is not None:
        previous = local(before)
        output += (
            '\n\t\t<span class="wp-calendar-nav-prev"><a href="'
            f'{month_link(site, previous.year, previous.month)}">&laquo; '
            f"{MONTHS[previous.month - 1][:3]}</a></span>"
        )
    else:
        output += '\n\t\t<span class="wp-calendar-nav-prev">&nbsp;</span>'
    output += '\n\t\t<span class="pad">&nbsp;</span>'
    if after is not None:
        following = local(after)
        output += (
            '\n\t\t<span class="wp-calendar-nav-next"><a href="'
            f'{month_link(site, following.year, following.month)}">'
            f"{MONTHS[following.month - 1][:3]} &raquo;</a></span>"
        )
    else:
        output += '\n\t\t<span class="wp-calendar-nav-next">&nbsp;</span>'
    return output + "\n\t</nav>"
