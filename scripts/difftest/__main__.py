"""Differential tester: the same requests to a WordPress site and to wpapi, answers compared.

    python3 -m scripts.difftest [--requests 5000] [--seed 1] [--database postgres://...]
    python3 -m scripts.difftest --self-check          # WordPress against itself: must be 100%
    python3 -m scripts.difftest --compare var/difftest/<run>   # compare a saved run again

Both sides are reset to an empty site, seeded alike through the REST API, then asked the same
generated requests (see generate.py); the answers are saved under --out and compared. The report
ends with the line `N requests, M identical (P%)`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .compare import Window, load_deliberate
from .generate import Endpoint, Generator, match_route
from .idmap import BASE_KINDS, IdMap
from .report import Run, compare_run, dump_outcomes, final_line, summarize
from .requests import Request, Side
from .seed import empty, prepare_credentials, register_revisions, seed_plan
from .sites import ROOT, WordPressSite, WpapiSite

HERE = Path(__file__).resolve().parent


def log(message: str) -> None:
    print(f"[difftest {datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def index_of(side: Side) -> dict[str, Any]:
    answer = side.call("anonymous", "GET", "/wp-json/")
    if not isinstance(answer.data, dict):
        raise RuntimeError(f"{side.label}: no /wp-json/ index ({answer.status})")
    return answer.data


def base_kinds_of(side: Side) -> dict[str, str]:
    kinds = {}
    for path, kind in (("/wp-json/wp/v2/types", "post"), ("/wp-json/wp/v2/taxonomies", "term")):
        answer = side.call("administrator", "GET", path)
        if isinstance(answer.data, dict):
            for item in answer.data.values():
                if isinstance(item, dict) and item.get("rest_base"):
                    kinds[item["rest_base"]] = kind
    return kinds


def routes_of(indexes: list[dict[str, Any]]) -> tuple[dict[str, list[Endpoint]], list[str]]:
    """The union of the sides' routes (the first side's description wins), in index order."""
    routes: dict[str, list[Endpoint]] = {}
    order: list[str] = []
    for index in indexes:
        for template, route in index.get("routes", {}).items():
            if template in routes:
                continue
            endpoints = []
            for endpoint in route.get("endpoints", []):
                args = endpoint.get("args") or {}
                endpoints.append(
                    Endpoint(template, list(endpoint.get("methods", [])), dict(args or {}))
                )
            routes[template] = endpoints
            order.append(template)
    return routes, order


def properties_of(side: Side, templates: list[str]) -> dict[str, list[str]]:
    """Schema property names per route (for _fields), from OPTIONS on the collections."""
    found: dict[str, list[str]] = {}
    for template in templates:
        if "(?P<" in template:
            continue
        answer = side.call("anonymous", "OPTIONS", "/wp-json" + template)
        schema = answer.data.get("schema") if isinstance(answer.data, dict) else None
        if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
            found[template] = sorted(schema["properties"])
    for template in templates:
        if template in found:
            continue
        collection = template.split("/(?P<")[0]
        if collection in found and template.count("(?P<") == 1:
            found[template] = found[collection]
    return found


def pools_from(plan: list[Request]) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"user": ["admin"], "cat": ["cat.uncategorized"]}
    for request in plan:
        if request.register:
            kind, name = request.register
            group = "apppw" if kind == "uuid" else name.split(".")[0]
            pools.setdefault(group, []).append(name)
    pools["rev"] = [
        f"rev.{key}.{index}"
        for key in ("post.blocks", "post.by-author", "page.about")
        for index in range(3)
    ]
    return pools


def prepare(side: Side, site: Any, seed_requests: list[Request], out: Path) -> list[dict]:
    """Reset, empty and seed one side; returns the seed answers."""
    side.started = datetime.now(UTC)
    log(f"{side.label}: reset ({site.describe()})")
    password = site.reset()
    prepare_credentials(side, password)
    problems = empty(side)
    for problem in problems:
        log(f"{side.label}: while emptying: {problem}")
    log(f"{side.label}: seeding ({len(seed_requests)} requests)")
    answers = execute(side, seed_requests, out / f"seed-{side.label}.jsonl")
    register_revisions(side)
    return answers


def execute(side: Side, requests: list[Request], path: Path) -> list[dict]:
    answers = []
    started = time.monotonic()
    with open(path, "w") as saved:
        for number, request in enumerate(requests, 1):
            answer = side.execute(request).to_json()
            answers.append(answer)
            saved.write(json.dumps(answer, ensure_ascii=False) + "\n")
            if number % 500 == 0:
                rate = number / (time.monotonic() - started)
                log(f"{side.label}: {number}/{len(requests)} requests ({rate:.0f}/s)")
    side.ended = datetime.now(UTC)
    return answers


def save_meta(out: Path, meta: dict[str, Any]) -> None:
    (out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False))


def load_run(out: Path) -> tuple[Run, Run, dict[str, Any]]:
    meta = json.loads((out / "meta.json").read_text())

    def lines(name: str) -> list[Any]:
        return [json.loads(line) for line in (out / name).read_text().splitlines() if line]

    seed = [Request.from_json(r) for r in lines("seed-plan.jsonl")]
    plan = [Request.from_json(r) for r in lines("plan.jsonl")]
    a, b = meta["sides"]
    common = {
        "ids_a": IdMap.from_json(a["ids"]),
        "ids_b": IdMap.from_json(b["ids"]),
        "base_a": a["base"],
        "base_b": b["base"],
        "window_a": Window.from_json(a["window"]),
        "window_b": Window.from_json(b["window"]),
        "templates": meta["templates"],
        "base_kinds": meta["base_kinds"],
    }
    answers_a = lines(f"answers-{a['label']}.jsonl")
    answers_b = (
        lines(f"answers-{b['label']}.jsonl")
        if (out / f"answers-{b['label']}.jsonl").exists()
        else []
    )
    count = min(len(plan), len(answers_a), len(answers_b))  # a run that stopped half-way
    seed_run = Run(
        seed, lines(f"seed-{a['label']}.jsonl"), lines(f"seed-{b['label']}.jsonl"), **common
    )
    main_run = Run(plan[:count], answers_a[:count], answers_b[:count], **common)
    return seed_run, main_run, meta


def report(out: Path, deliberate: Path, top: int) -> str:
    seed_run, main_run, meta = load_run(out)
    names = tuple(side["label"] for side in meta["sides"])
    rules = load_deliberate(deliberate)
    lines = [
        f"Differential run {meta['started']}: {meta['sides'][0]['describe']}  vs  "
        f"{meta['sides'][1]['describe']}",
        f"seed {meta['seed']}, {meta['requests']} generated requests, "
        f"{len(meta['templates'])} routes in the union of both indexes; saved in {out}",
        "",
    ]
    seed_outcomes = compare_run(seed_run, rules)
    dump_outcomes(seed_outcomes, out / "seed-outcomes.jsonl")
    seeded = Counter(o.verdict for o in seed_outcomes)
    lines.append(
        f"Seeding: {len(seed_outcomes)} requests, {seeded['identical']} identical answers, "
        f"{seeded['deliberate']} identical but for deliberate differences"
    )
    for outcome in seed_outcomes:
        if outcome.verdict == "divergent":
            first = outcome.differences[0]
            lines.append(
                f"  #{outcome.index} {outcome.request.describe(seed_run.ids_a, 80)}: "
                f"{len(outcome.differences)} differences, first {first.signature(outcome.route)}"
            )
    lines.append("")
    for rule in rules:
        rule.count = 0  # counted for the generated requests only
    outcomes = compare_run(main_run, rules)
    lines += summarize(
        outcomes,
        rules,
        title="Generated requests",
        names=names,  # type: ignore[arg-type]
        ids_a=main_run.ids_a,
        top=top,
    )
    dump_outcomes(outcomes, out / "outcomes.jsonl")
    lines.append("")
    lines.append(final_line(outcomes))
    text = "\n".join(lines) + "\n"
    (out / "report.txt").write_text(text)
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m scripts.difftest", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--wp", default=os.environ.get("DIFFTEST_WP", "http://127.0.0.1:8083"))
    parser.add_argument(
        "--wp-scripts", default=os.environ.get("WP_SCRIPTS", "/work/shared/wordpress")
    )
    parser.add_argument("--wp-reset", choices=["script", "api"], default="script")
    parser.add_argument("--wp-password", help="the admin's application password (--wp-reset api)")
    parser.add_argument("--wpapi-port", type=int, default=8300)
    parser.add_argument(
        "--database",
        default=os.environ.get("DIFFTEST_DATABASE", "sqlite"),
        help="sqlite, or a PostgreSQL URL whose database the run drops and creates",
    )
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--self-check", action="store_true", help="WordPress against itself")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--compare", type=Path, help="compare a saved run again, no requests")
    parser.add_argument("--deliberate", type=Path, default=HERE / "deliberate.toml")
    parser.add_argument("--top", type=int, default=40, help="signatures shown with examples")
    args = parser.parse_args(argv)

    if args.compare:
        deliberate = args.deliberate if not _self_check_run(args.compare) else Path("/nonexistent")
        print(report(args.compare, deliberate, args.top), end="")
        return 0

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    label = "self-check" if args.self_check else "wp-vs-wpapi"
    out = args.out or ROOT / "var" / "difftest" / f"{stamp}-{label}"
    out.mkdir(parents=True, exist_ok=True)
    scripts = Path(args.wp_scripts) if args.wp_scripts else None
    wordpress = WordPressSite(
        args.wp, scripts=scripts, reset_mode=args.wp_reset, password=args.wp_password
    )
    if args.self_check:
        second: Any = wordpress
        labels = ("wordpress", "wordpress-again")
    else:
        second = WpapiSite(
            port=args.wpapi_port, database=args.database, work_dir=out, workers=args.workers
        )
        labels = ("wordpress", "wpapi")
    side_a = Side(labels[0], wordpress.base)
    side_b = Side(labels[1], second.base)
    seed_requests = seed_plan()
    (out / "seed-plan.jsonl").write_text(
        "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in seed_requests)
    )
    started = datetime.now(UTC)
    order: list[str] = []
    base_kinds: dict[str, str] = {}

    def write_meta() -> None:
        """Saved after every step, so a run that stops half-way can still be compared."""
        save_meta(
            out,
            {
                "started": started.isoformat(),
                "seed": args.seed,
                "requests": args.requests,
                "self_check": args.self_check,
                "templates": order,
                "base_kinds": {**BASE_KINDS, **base_kinds},
                "sides": [
                    {
                        "label": side.label,
                        "base": side.base,
                        "describe": site.describe(),
                        "ids": side.ids.to_json(),
                        "window": Window(side.started, side.ended or datetime.now(UTC)).to_json(),
                    }
                    for side, site in ((side_a, wordpress), (side_b, second))
                ],
            },
        )

    try:
        prepare(side_a, wordpress, seed_requests, out)
        indexes = [index_of(side_a)]
        base_kinds = base_kinds_of(side_a)
        if not args.self_check:
            prepare(side_b, second, seed_requests, out)
            indexes.append(index_of(side_b))
            base_kinds = {**base_kinds_of(side_b), **base_kinds}
        routes, order = routes_of(indexes)
        served = [set(index.get("routes", {})) for index in indexes]
        one_sided = set(order) - set.intersection(*served)
        generator = Generator(
            routes,
            properties_of(side_a, order),
            pools_from(seed_requests),
            seed=args.seed,
            order=order,
            one_sided=one_sided,
        )
        plan = generator.plan(args.requests)
        for request in [*plan, *seed_requests]:
            if not request.route:
                request.route = match_route(side_a.ids.resolve(request.path), order)
        for name, requests in (("plan", plan), ("seed-plan", seed_requests)):
            (out / f"{name}.jsonl").write_text(
                "".join(json.dumps(r.to_json(), ensure_ascii=False) + "\n" for r in requests)
            )
        log(f"{len(plan)} requests planned over {len(order)} routes")
        write_meta()
        execute(side_a, plan, out / f"answers-{side_a.label}.jsonl")
        write_meta()
        if args.self_check:
            prepare(side_b, second, seed_requests, out)
            write_meta()
        execute(side_b, plan, out / f"answers-{side_b.label}.jsonl")
        write_meta()
    finally:
        second.stop()
    deliberate = Path("/nonexistent") if args.self_check else args.deliberate
    print(report(out, deliberate, args.top), end="")
    return 0


def _self_check_run(out: Path) -> bool:
    try:
        return bool(json.loads((out / "meta.json").read_text()).get("self_check"))
    except (OSError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(main())
