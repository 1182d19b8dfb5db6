"""Comparing a whole run and writing its report."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from .compare import (
    MASKS,
    Deliberate,
    Difference,
    Window,
    apply_masks,
    by_id,
    classify,
    compare_answers,
    tied_order,
    trimmed,
)
from .generate import match_route
from .idmap import IdMap, Pairing, Translator, Unmapped, canonical_ids, route_kind
from .requests import Request


@dataclass
class Outcome:
    index: int
    request: Request
    route: str  # "GET /wp/v2/posts"
    verdict: str
    differences: list[Difference]
    a: dict[str, Any]
    b: dict[str, Any]


@dataclass
class Run:
    """Everything a comparison needs, as saved by a run."""

    requests: list[Request]
    answers_a: list[dict[str, Any]]
    answers_b: list[dict[str, Any]]
    ids_a: IdMap
    ids_b: IdMap
    base_a: str
    base_b: str
    window_a: Window
    window_b: Window
    templates: list[str]
    base_kinds: dict[str, str] = field(default_factory=dict)


def canonical(
    answer: dict[str, Any], translator: Translator, window: Window, kind: str | None, route: str
) -> dict[str, Any]:
    body = answer["body"]
    if answer["is_json"]:
        body = apply_masks(body, window, route)
        body = translator.body(body, kind)
    headers = {}
    own_id = answer["body"].get("id") if isinstance(answer["body"], dict) else None
    for name, value in answer["headers"].items():
        headers[name] = translator.header(name, value)
        if name == "link" and kind == "post":  # rel="alternate": an untitled post's own URL
            headers[name] = translator.id_slug(headers[name], own_id)
    return {**answer, "body": body, "headers": headers}


ENVELOPE = {"body", "status", "headers"}


def unwrapped(a: dict[str, Any], b: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two _envelope answers are compared as the answers they wrap: the status, headers and
    body inside (the outer 200 and its headers are the same by construction). When only one
    side enveloped its answer, both stay as they are, and differ."""

    def inner(answer: dict[str, Any]) -> dict[str, Any] | None:
        body = answer["body"]
        if answer["status"] != 200 or not (isinstance(body, dict) and set(body) == ENVELOPE):
            return None
        headers = body["headers"] if isinstance(body["headers"], dict) else {}
        return {
            "status": body["status"],
            "headers": {name.lower(): str(value) for name, value in headers.items()},
            "body": body["body"],
            "is_json": True,
        }

    inner_a, inner_b = inner(a), inner(b)
    if inner_a is None or inner_b is None:
        return a, b
    return inner_a, inner_b


def compare_run(run: Run, rules: list[Deliberate]) -> list[Outcome]:
    table_a = {kind: {v: v for v in names.values()} for kind, names in run.ids_a.ids.items()}
    table_b = canonical_ids(run.ids_b, run.ids_a)
    translate_a = Translator(table_a, run.base_a, run.base_a, run.base_kinds)
    translate_b = Translator(table_b, run.base_b, run.base_a, run.base_kinds)
    pairing = Pairing()
    outcomes = []
    for index, (request, a, b) in enumerate(
        zip(run.requests, run.answers_a, run.answers_b, strict=True)
    ):
        template = request.route or match_route(run.ids_a.resolve(request.path), run.templates)
        kind = route_kind(template, translate_a.base_kinds)
        if any(name == "_envelope" for name, _ in request.query):
            a, b = unwrapped(a, b)
        ca = canonical(a, translate_a, run.window_a, kind, template)
        cb = canonical(b, translate_b, run.window_b, kind, template)
        tie_key = tied_order(template, request.query)
        if tie_key is not None and request.method == "GET":
            for answer in (ca, cb):
                if isinstance(answer["body"], list):
                    answer["body"] = by_id(answer["body"], tie_key)
        differences = compare_answers(ca, cb, pairing)
        route = f"{request.method} {template or request.path}"
        saved = request.to_json()
        planned = json.dumps([saved["path"], saved["query"], saved["body"]], ensure_ascii=False)
        verdict, left = classify(route, differences, rules, planned)
        outcomes.append(Outcome(index, request, route, verdict, left or differences, ca, cb))
    return outcomes


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "-"


def table(rows: list[list[str]], header: list[str]) -> list[str]:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(header))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append(
            "  ".join(
                str(cell).ljust(widths[i]) if i == 0 else str(cell).rjust(widths[i])
                for i, cell in enumerate(row)
            )
        )
    return lines


def show(value: Any) -> Any:
    if isinstance(value, Unmapped):
        return str(value)
    if isinstance(value, list):
        return [show(v) for v in value]
    if isinstance(value, dict):
        return {k: show(v) for k, v in value.items()}
    return value


def answer_text(answer: dict[str, Any], limit: int = 500) -> str:
    headers = {k: v for k, v in answer["headers"].items() if k in ("x-wp-total", "link", "allow")}
    head = f"{answer['status']}"
    if headers:
        head += " " + trimmed(headers, 200)
    return f"{head} {trimmed(show(answer['body']), limit)}"


def summarize(
    outcomes: list[Outcome],
    rules: list[Deliberate],
    *,
    title: str,
    names: tuple[str, str],
    ids_a: IdMap,
    top: int = 40,
) -> list[str]:
    lines: list[str] = [title, "=" * len(title)]
    name_a, name_b = names
    verdicts = Counter(o.verdict for o in outcomes)
    total = len(outcomes)
    lines.append(
        f"{total} answers: {verdicts['identical']} identical as answered, "
        f"{verdicts['deliberate']} identical but for listed deliberate differences, "
        f"{verdicts['divergent']} divergent"
    )
    lines.append("")

    def grouped(key: Any) -> list[list[str]]:
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for outcome in outcomes:
            groups[key(outcome)][outcome.verdict] += 1
        rows = []
        for name, counts in sorted(groups.items(), key=lambda item: item[0]):
            whole = sum(counts.values())
            rows.append(
                [
                    name,
                    str(whole),
                    str(counts["identical"]),
                    str(counts["deliberate"]),
                    str(counts["divergent"]),
                    percent(counts["identical"] + counts["deliberate"], whole),
                ]
            )
        return rows

    header = ["", "answers", "identical", "deliberate", "divergent", "share"]
    lines.append("Per route")
    lines += table(grouped(lambda o: o.route), ["route", *header[1:]])
    lines.append("")
    lines.append("Per caller")
    lines += table(grouped(lambda o: o.request.caller), ["caller", *header[1:]])
    lines.append("")
    lines.append("Per phase")
    lines += table(grouped(lambda o: o.request.phase), ["phase", *header[1:]])
    lines.append("")

    signatures: dict[str, list[tuple[Outcome, Difference]]] = defaultdict(list)
    for outcome in outcomes:
        if outcome.verdict != "divergent":
            continue
        seen = set()
        for difference in outcome.differences:
            signature = difference.signature(outcome.route)
            if signature not in seen:
                seen.add(signature)
                signatures[signature].append((outcome, difference))
    # signatures met in exactly the same answers are one class: one cause, several fields
    classes: dict[frozenset[int], list[str]] = defaultdict(list)
    for signature, found in signatures.items():
        classes[frozenset(o.index for o, _ in found)].append(signature)
    ranked = sorted(classes.items(), key=lambda item: (-len(item[0]), sorted(item[1])[0]))
    lines.append(
        f"Divergence classes ({len(ranked)} classes of {len(signatures)} signatures "
        "'route | where and path | kind'; signatures met in the same answers form one class), "
        "most frequent first"
    )
    for number, (answers, members) in enumerate(ranked[:top], 1):
        members = sorted(members)
        found = signatures[members[0]]
        outcome = found[0][0]
        lines.append("")
        lines.append(f"#{number}  {len(answers)} answers  {members[0]}")
        for member in members[1:8]:
            lines.append(f"      and {member.split(' | ', 1)[1]}")
        if len(members) > 8:
            lines.append(f"      and {len(members) - 8} more signatures")
        lines.append(f"    request: {outcome.request.describe(ids_a)}")
        for member in members[:3]:
            difference = next(d for o, d in signatures[member] if o is outcome)
            if difference.where == "body" or difference.where.startswith("header"):
                place = difference.where + difference.path
                lines.append(f"    at {place}: {name_a} {trimmed(show(difference.a), 250)}")
                lines.append(
                    f"    {' ' * (len(place) + 4)}{name_b} {trimmed(show(difference.b), 250)}"
                )
        lines.append(f"    {name_a}: {answer_text(outcome.a)}")
        lines.append(f"    {name_b}: {answer_text(outcome.b)}")
    if len(ranked) > top:
        lines.append("")
        lines.append(f"... and {len(ranked) - top} rarer classes:")
        for answers, members in ranked[top:]:
            members = sorted(members)
            more = f" (+{len(members) - 1} signatures)" if len(members) > 1 else ""
            lines.append(f"    {len(answers):5d}  {members[0]}{more}")
    # the same field can diverge on many routes (a list, an item, an embed): counted together
    fields: dict[str, set[int]] = defaultdict(set)
    routes_of_field: dict[str, set[str]] = defaultdict(set)
    for signature, found in signatures.items():
        route, place, kind = signature.split(" | ")
        place = re.sub(r"^body(\[\])?", "body", place)
        fields[f"{place} | {kind}"].update(o.index for o, _ in found)
        routes_of_field[f"{place} | {kind}"].add(route)
    lines.append("")
    lines.append("The same divergences counted across routes (where and path | kind), top 30")
    for place, answers in sorted(fields.items(), key=lambda item: -len(item[1]))[:30]:
        lines.append(f"    {len(answers):5d}  {place}   ({len(routes_of_field[place])} routes)")
    lines.append("")
    lines.append("Masks (applied to both sides before comparing)")
    for mask in MASKS:
        lines.append(f"  - {mask.name}: {mask.reason}")
    lines.append("")
    lines.append("Deliberate differences (deliberate.toml): answers they explained")
    for rule in rules:
        lines.append(f"  - {rule.name} [{rule.count}]: {rule.reason}")
    return lines


def final_line(outcomes: list[Outcome]) -> str:
    total = len(outcomes)
    same = sum(1 for o in outcomes if o.verdict in ("identical", "deliberate"))
    share = math.floor(1000 * same / total) / 10 if total else 0.0  # 100% only when it is
    return f"{total} requests, {same} identical ({share:.1f}%)"


def dump_outcomes(outcomes: list[Outcome], path: Any) -> None:
    with open(path, "w") as out:
        for outcome in outcomes:
            out.write(
                json.dumps(
                    {
                        "index": outcome.index,
                        "route": outcome.route,
                        "caller": outcome.request.caller,
                        "verdict": outcome.verdict,
                        "differences": [
                            [d.where, d.path, d.kind, show(d.a), show(d.b)]
                            for d in outcome.differences
                        ],
                    },
                    ensure_ascii=False,
                    default=str,
                )
                + "\n"
            )
