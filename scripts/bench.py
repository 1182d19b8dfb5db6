#!/usr/bin/env python3
"""Benchmark wpapi on a real-sized site, side by side with real WordPress; prints figures only.

    .venv/bin/python scripts/bench.py --posts 10000 --against http://127.0.0.1:8082

Loads (once) a PostgreSQL database `wpapi_bench_<N>` with `manage.py seed_bench --posts N` (the
reference WordPress's seed at size N), serves it as production does (gunicorn.conf.py: gthread,
two single-threaded workers per core; DEBUG off; `--cache`: anonymous answers kept in each
process under the database's content version (the default), in Redis, or not at all) on a
loopback port, then
drives every scenario with wrk from a separate process, bounded in time (1 thread, 8
connections, 8 s, median of 3 runs). With --against, the same scenarios run against that
WordPress in the same run, alternately, on the same objects (picked by slug on each server),
and the ratio is printed.

Per scenario: requests per second, p50 and p99 latency, SQL queries of one request and the time
one request spends in SQL and in all (CaptureQueriesContext in a separate Django process, so
the served processes are not slowed), and the peak resident memory of a gunicorn worker
(VmHWM in /proc). The last lines are a markdown table for the README. --queries-only skips the
load and prints what one request of each scenario costs; --explain adds the EXPLAIN ANALYZE of
each one's slowest query.

The write scenario (POST /wp/v2/posts as the administrator, with an application password)
creates posts on both servers; they are deleted again at the end, also after an interruption.
"""

import argparse
import base64
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
WRITE_MARKER = "wpapi-bench-write"


@dataclass
class Scenario:
    name: str
    path: dict[str, str]  # server label -> path below the server's base URL
    method: str = "GET"
    min_posts: int = 0
    etag: bool = False
    write: bool = False


@dataclass
class Server:
    label: str
    base: str
    user: str
    password: str
    pids: list[int] = field(default_factory=list)  # gunicorn master, for memory figures

    @property
    def auth(self) -> str:
        return "Basic " + base64.b64encode(f"{self.user}:{self.password}".encode()).decode()


@dataclass
class Run:
    rate: float
    p50: float  # ms
    p99: float  # ms
    errors: int


# ---------------------------------------------------------------------------------------- setup
def manage(env: dict[str, str], *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else None,
    )
    return result.stdout or ""


def django_code(env: dict[str, str], code: str) -> str:
    return manage(env, "shell", "--no-imports", "-c", code, capture=True)


def ensure_database(url: str, reseed: bool) -> bool:
    """Create the PostgreSQL database named in `url` (dropped first with --reseed); True when
    it was created empty."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def prepare(env: dict[str, str], args: argparse.Namespace) -> None:
    url = env["DATABASE_URL"]
    created = url.startswith("postgres") and ensure_database(url, args.reseed)
    manage(env, "migrate", "--noinput", "-v", "0")
    empty = django_code(
        env, "from content.models import Post; print(int(not Post.objects.exists()))"
    ).strip()
    if created or empty == "1":
        started = time.monotonic()
        seed = ["seed_bench", "--posts", str(args.posts), "--source", args.source]
        if args.source == "copy":
            seed += ["--from-url", args.against, "--from-password", args.against_password]
        manage(env, *seed)
        print(f"loaded in {time.monotonic() - started:.0f}s", flush=True)
    else:
        # a migration may have added stored counts since the database was seeded
        print(f"reusing {url.rsplit('/', 1)[-1]} (--reseed loads it again)", flush=True)
    # posts a previous (interrupted) run wrote go; counts (a migration may have added stored
    # ones since the database was seeded) are recomputed; dead rows are vacuumed away
    removed = cleanup_writes(env, None, WRITE_MARKER)
    if removed:
        print(f"removed {removed} posts left by an earlier run", flush=True)


def make_app_password(env: dict[str, str]) -> tuple[str, str]:
    code = """
from users.models import ApplicationPassword
from wpapi.management.commands.seed_bench import site_admin
admin = site_admin()
ApplicationPassword.objects.filter(name="bench").delete()
plain = ApplicationPassword.generate()
key = ApplicationPassword(user=admin, name="bench")
key.set_password(plain)
key.save()
print(admin.username, plain)
"""
    user, plain = django_code(env, code).split()
    return user, plain


def start_gunicorn(env: dict[str, str], args: argparse.Namespace) -> subprocess.Popen:
    command = [PYTHON, "-m", "gunicorn", "wpapi.wsgi", "-k", "gthread"]
    command += ["-w", str(args.workers), "--threads", str(args.threads)]
    command += ["-b", f"127.0.0.1:{args.port}", "--log-level", "warning"]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/wp-json/", timeout=2).read()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer")


# ---------------------------------------------------------------------------------------- http
def get_json(base: str, path: str, auth: str = "") -> tuple[object, dict[str, str]]:
    request = urllib.request.Request(base + path, headers={"Authorization": auth} if auth else {})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read()), dict(response.headers)


def first_id(server: Server, route: str, slug: str) -> int:
    found, _ = get_json(server.base, f"/wp-json/wp/v2/{route}?slug={slug}&_fields=id")
    if not found:
        raise SystemExit(f"{server.label}: no {route} with slug {slug}")
    return found[0]["id"]


def scenarios(servers: list[Server], posts: int) -> list[Scenario]:
    """The same objects on every server: resolved by slug, since IDs may differ (--source copy)."""
    ids = {}
    for server in servers:
        ids[server.label] = {
            "post": first_id(server, "posts", "reference-post-3"),
            "category": first_id(server, "categories", "python"),
            "tag": first_id(server, "tags", "gamma"),
            "page": first_id(server, "pages", "about"),
        }
    slug = f"reference-post-{max(1, posts // 2)}"

    def each(template: str) -> dict[str, str]:
        return {label: "/wp-json" + template.format(**ids[label]) for label in ids}

    lists = "/wp/v2/posts?per_page=10"
    return [
        Scenario("posts per_page=10", each(lists)),
        Scenario("posts per_page=100", each("/wp/v2/posts?per_page=100")),
        Scenario("posts per_page=10 _embed", each(lists + "&_embed")),
        Scenario("posts per_page=100 _embed", each("/wp/v2/posts?per_page=100&_embed")),
        Scenario(
            "posts categories+search", each("/wp/v2/posts?categories={category}&search=tempor")
        ),
        Scenario("posts tags", each("/wp/v2/posts?tags={tag}")),
        Scenario("posts orderby=title", each("/wp/v2/posts?orderby=title")),
        Scenario("posts search", each("/wp/v2/posts?search=tempor")),
        Scenario("posts page=500", each(lists + "&page=500"), min_posts=5_000),
        Scenario("posts page=5000", each(lists + "&page=5000"), min_posts=50_000),
        Scenario("post by id", each("/wp/v2/posts/{post}")),
        Scenario("post by slug", each(f"/wp/v2/posts?slug={slug}")),
        Scenario("comments of a post", each("/wp/v2/comments?post={post}")),
        Scenario("comments _embed", each("/wp/v2/comments?_embed")),
        Scenario("categories", each("/wp/v2/categories")),
        Scenario("users", each("/wp/v2/users")),
        Scenario("pages parent", each("/wp/v2/pages?parent={page}")),
        Scenario("media", each("/wp/v2/media")),
        Scenario("index /wp-json/", {label: "/wp-json/" for label in ids}),
        Scenario("posts If-None-Match", each(lists), etag=True),
        Scenario("POST posts (admin)", each("/wp/v2/posts"), method="POST", write=True),
    ]


# ---------------------------------------------------------------------------------------- wrk
def parse_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(url: str, args: argparse.Namespace, seconds: float, script: str = "", headers=()) -> Run:
    command = ["wrk", f"-t{args.wrk_threads}", f"-c{args.connections}", f"-d{seconds:g}s"]
    command += ["--timeout", "30s", "--latency"]
    for header in headers:
        command += ["-H", header]
    if script:
        command += ["-s", script]
    result = subprocess.run([*command, url], capture_output=True, text=True, timeout=seconds + 60)
    out = result.stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    done = re.search(r"(\d+) requests in", out)
    errors = int(bad.group(1)) if bad else 0
    errors += sum(int(n) for n in socket.groups()) if socket else 0
    if not rate or not p50 or not done or not int(done.group(1)):
        # nothing answered in time: the requests still running are waited for all the same
        time.sleep(min(30, seconds))
        return Run(0.0, 0.0, 0.0, errors)
    run = Run(float(rate.group(1)), parse_ms(p50.group(1)), parse_ms(p99.group(1)), errors)
    # wrk leaves up to -c requests in flight; let the server finish them before the next run
    # (of the other server, too) so that no run pays for the previous one's leftovers
    time.sleep(min(30, 0.3 + 1.5 * run.p99 / 1000))
    return run


def write_script(server: Server, category: int, marker: str) -> str:
    """A wrk Lua script creating published posts as the administrator."""
    lua = f"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "{server.auth}"
local n = 0
request = function()
  n = n + 1
  local body = '{{"title":"{marker} ' .. n .. '","status":"publish",'
    .. '"content":"<!-- wp:paragraph --><p>Written by the benchmark.</p><!-- /wp:paragraph -->",'
    .. '"categories":[{category}]}}'
  return wrk.format(nil, nil, nil, body)
end
"""
    handle, path = tempfile.mkstemp(prefix="wpapi-bench-", suffix=".lua")
    with os.fdopen(handle, "w") as out:
        out.write(lua)
    return path


def worker_peak_rss(master: int) -> float:
    """The largest VmHWM (peak resident set, MiB) among the gunicorn master's workers."""
    peak = 0
    try:
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    except OSError:
        return 0.0
    for child in children:
        try:
            status = Path(f"/proc/{child}/status").read_text()
        except OSError:
            continue
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        peak = max(peak, int(found.group(1)) if found else 0)
    return peak / 1024


def fpm_rss() -> float:
    """Largest resident set (MiB) of the reference site's php-fpm workers (shared pool)."""
    peak = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if not (proc / "cmdline").read_bytes().startswith(b"php-fpm: pool wp-ref"):
                continue
            found = re.search(r"VmRSS:\s+(\d+) kB", (proc / "status").read_text())
        except OSError:
            continue
        peak = max(peak, int(found.group(1)) if found else 0)
    return peak / 1024


# ---------------------------------------------------------------------------------------- queries
COUNT_CODE = """
import json, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(HTTP_HOST={host!r})
out = []
for method, path, headers, body in json.loads({jobs!r}):
    extra = {{"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items()}}
    def call():
        if method == "POST":
            return client.post(path, body, content_type="application/json", **extra)
        return client.get(path, **extra)
    call()  # warm per-process caches (and, with Redis, the response cache)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        status = call().status_code
        total = time.perf_counter() - started
    sql = sum(float(q["time"]) for q in captured.captured_queries)
    slowest = max(captured.captured_queries, key=lambda q: float(q["time"]), default=None)
    plan = ""
    if {explain!r} and slowest and slowest["sql"].startswith("SELECT"):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest["sql"])
            plan = "\\n".join(row[0] for row in cursor.fetchall())
    out.append({{"status": status, "queries": len(captured.captured_queries),
                "ms": total * 1000, "sql_ms": sql * 1000,
                "slowest": slowest and {{"ms": float(slowest["time"]) * 1000,
                                        "sql": slowest["sql"][:300], "plan": plan}}}})
print("JSON" + json.dumps(out))
"""


def count_queries(
    env: dict[str, str], jobs: list[tuple], host: str, explain: bool = False
) -> list[dict]:
    """Queries and in-process time of one request per job, in a separate Django process (and
    the plan of each one's slowest query, with `explain`)."""
    code = COUNT_CODE.format(host=host, jobs=json.dumps(jobs), explain=explain)
    output = django_code(env, code)
    return json.loads(output.split("JSON", 1)[1])


def cleanup_writes(env: dict[str, str], server: Server | None, marker: str) -> int:
    """Remove the posts the write scenario made (and restore the counts they changed)."""
    if server is None:
        code = f"""
from content.models import Post
from wpapi.management.commands.seed_bench import refresh_derived_data, tidy_database
print(Post.objects.filter(title__startswith={marker!r}).delete()[1].get("content.Post", 0))
refresh_derived_data()
tidy_database()
"""
        return int(django_code(env, code).split()[0])
    removed = 0
    while True:
        path = f"/wp-json/wp/v2/posts?search={marker}&per_page=100&_fields=id&status=any"
        found, _ = get_json(server.base, path, server.auth)
        if not found:
            return removed
        for post in found:
            request = urllib.request.Request(
                f"{server.base}/wp-json/wp/v2/posts/{post['id']}?force=true",
                method="DELETE",
                headers={"Authorization": server.auth},
            )
            urllib.request.urlopen(request, timeout=60).read()
            removed += 1


# ---------------------------------------------------------------------------------------- report
def print_queries(chosen: list[Scenario], counted: list[dict], explain: bool) -> None:
    """One request per scenario: queries, time in SQL and in all, the slowest query."""
    print(f"\n{'scenario':27} {'status':>6} {'queries':>7} {'SQL ms':>7} {'all ms':>7}  slowest")
    for scenario, count in zip(chosen, counted, strict=True):
        slowest = count["slowest"] or {"ms": 0, "sql": "", "plan": ""}
        print(
            f"{scenario.name:27} {count['status']:>6} {count['queries']:>7} "
            f"{count['sql_ms']:7.1f} {count['ms']:7.1f}  {slowest['ms']:.1f} ms: "
            f"{slowest['sql'][:90]}",
            flush=True,
        )
        if explain and slowest.get("plan"):
            print("    " + slowest["plan"].replace("\n", "\n    "), flush=True)


def machine() -> str:
    memory, cpu = "?", platform.processor() or platform.machine()
    with contextlib.suppress(OSError, AttributeError):
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        memory = f"{kb / 1024 / 1024:.0f} GiB"
    with contextlib.suppress(OSError, AttributeError):
        cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text()).group(1)
    return f"{os.cpu_count()} CPUs ({cpu}), {memory} RAM"


def fmt(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}f}" if value else "-"


def fmt_rate(run: Run, seconds: float) -> str:
    """Requests per second; a run in which no answer came back shows as below one per run."""
    if not run.rate:
        return f"<{1 / seconds:.2f}"
    return f"{run.rate:.1f}" if run.rate < 10 else f"{run.rate:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--posts", type=int, default=10_000, help="published posts N (10000)")
    parser.add_argument(
        "--database-url", help="default postgres://postgres@127.0.0.1:5432/wpapi_bench_<N>"
    )
    parser.add_argument("--reseed", action="store_true", help="drop and load the database again")
    parser.add_argument(
        "--source",
        choices=["generate", "copy"],
        default="generate",
        help="generate seed.php's content (default), or copy --against through its REST API "
        "(exactly its content, in database wpapi_bench_<N>_copy; about 50 posts a second)",
    )
    parser.add_argument("--against", default="", help="a WordPress base URL to compare with")
    parser.add_argument(
        "--against-password",
        default=os.environ.get("WP_APP_PASSWORD", ""),
        help="admin application password of --against (default: $WP_APP_PASSWORD, or the "
        "reference site's state/<port>/app-password)",
    )
    parser.add_argument("--against-user", default="admin")
    parser.add_argument(
        "--cache",
        choices=["none", "process", "redis"],
        default="process",
        help="anonymous answers: not kept (WP_RESPONSE_CACHE_SECONDS=0), kept in each process "
        "under the database's content version (the default without REDIS_URL), or in Redis",
    )
    parser.add_argument("--redis", action="store_true", help="same as --cache redis")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1), help="2 per core, as production"
    )
    parser.add_argument("--threads", type=int, default=1, help="gthread threads per worker")
    parser.add_argument("--port", type=int, default=8200)
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=8, help="seconds per wrk run")
    parser.add_argument("--runs", type=int, default=3, help="runs per scenario (median)")
    parser.add_argument("--only", default="", help="only scenarios whose name contains this")
    parser.add_argument(
        "--skip", action="append", default=[], help="leave out scenarios whose name contains this"
    )
    parser.add_argument("--no-write", action="store_true", help="skip the POST scenario")
    parser.add_argument(
        "--queries-only",
        action="store_true",
        help="only count queries and time one request per scenario (no wrk)",
    )
    parser.add_argument(
        "--explain",
        action="store_true",
        help="print EXPLAIN ANALYZE of each scenario's slowest query",
    )
    args = parser.parse_args()
    # a terminated run still stops its server and removes what it wrote (finally: below)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed (apt-get install wrk)")
    if args.against and not args.against_password:
        port = urllib.parse.urlsplit(args.against).port or 80
        for candidate in (
            Path(f"/work/shared/wordpress/state/{port}/app-password"),
            Path(f"/var/lib/wordpress/ref-state/{port}/app-password"),
        ):
            if candidate.exists():
                args.against_password = candidate.read_text().strip()
                break
        else:
            raise SystemExit("--against needs --against-password (or WP_APP_PASSWORD)")

    db_name = f"wpapi_bench_{args.posts}" + ("_copy" if args.source == "copy" else "")
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + os.urandom(16).hex(),
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT / "scripts"), str(ROOT), os.environ.get("PYTHONPATH")])
        ),
        "DATABASE_URL": args.database_url or f"postgres://postgres@127.0.0.1:5432/{db_name}",
        "WPAPI_VAR_DIR": str(ROOT / "var" / db_name),
        "LOG_LEVEL": "ERROR",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP to loopback
        "REQUEST_LOG_LEVEL": "WARNING",  # a log line per request would be measured too
    }
    env.pop("REDIS_URL", None)
    env.pop("WP_RESPONSE_CACHE_SECONDS", None)
    if args.redis:
        args.cache = "redis"
    if args.cache == "none":
        env["WP_RESPONSE_CACHE_SECONDS"] = "0"
    if args.cache == "redis":
        import redis

        env["REDIS_URL"] = args.redis_url
        redis.Redis.from_url(args.redis_url).flushdb()
    prepare(env, args)
    user, password = make_app_password(env)
    wpapi = Server("wpapi", f"http://127.0.0.1:{args.port}", user, password)
    servers = [wpapi]
    if args.against:
        servers.append(
            Server("WordPress", args.against.rstrip("/"), args.against_user, args.against_password)
        )
    gunicorn = start_gunicorn(env, args)
    args.load = [os.getloadavg()[0]]
    marker = f"{WRITE_MARKER}-{os.getpid()}"
    results: list[tuple[Scenario, dict]] = []
    try:
        all_scenarios = [
            s
            for s in scenarios(servers, args.posts)
            if args.only in s.name
            and not any(text in s.name for text in args.skip)
            and args.posts >= s.min_posts
            and not (s.write and args.no_write)
        ]
        category = {server.label: first_id(server, "categories", "news") for server in servers}
        jobs = []
        for scenario in all_scenarios:
            headers = {"Authorization": wpapi.auth} if scenario.write else {}
            body = json.dumps({"title": f"{marker} count", "status": "publish"})
            jobs.append((scenario.method, scenario.path["wpapi"], headers, body))
        counted = count_queries(env, jobs, f"127.0.0.1:{args.port}", args.explain)
        if args.queries_only or args.explain:
            print_queries(all_scenarios, counted, args.explain)
        if args.queries_only:
            return
        print(
            f"\n{'scenario':27} {'server':9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} "
            f"{'err':>4} {'queries':>7} {'sql/all ms':>11} {'RSS MiB':>7}",
            flush=True,
        )
        for scenario, count in zip(all_scenarios, counted, strict=True):
            figures = bench_scenario(scenario, servers, args, marker, category)
            figures["count"] = count
            figures["rss"] = worker_peak_rss(gunicorn.pid)
            results.append((scenario, figures))
            for label in figures["runs"]:
                run = figures[label]
                extra = ""
                if label == "wpapi":
                    extra = (
                        f"{count['queries']:>7} {count['sql_ms']:5.1f}/{count['ms']:<5.1f} "
                        f"{figures['rss']:7.0f}"
                    )
                rate = fmt_rate(run, args.duration)
                print(
                    f"{scenario.name:27} {label:9} {rate:>7} {run.p50:7.1f} {run.p99:7.1f} "
                    f"{run.errors:4d} {extra}",
                    flush=True,
                )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)
        # also after an interrupted run: the posts the write scenario made go again
        removed = cleanup_writes(env, None, WRITE_MARKER)
        for server in servers[1:]:
            removed += cleanup_writes(env, server, WRITE_MARKER)
        if removed:
            print(f"removed {removed} posts written by the benchmark", flush=True)
        django_code(
            env,
            "from users.models import ApplicationPassword\n"
            "ApplicationPassword.objects.filter(name='bench').delete()",
        )
    args.load.append(os.getloadavg()[0])
    if results:
        report(results, servers, args, env)


def bench_scenario(
    scenario: Scenario, servers: list[Server], args: argparse.Namespace, marker: str, category
) -> dict:
    figures: dict = {"runs": [server.label for server in servers]}
    runs: dict[str, list[Run]] = {server.label: [] for server in servers}
    scripts, headers = {}, {}
    for server in servers:
        url = server.base + scenario.path[server.label]
        headers[server.label] = []
        if scenario.write:
            scripts[server.label] = write_script(server, category[server.label], marker)
        elif scenario.etag:
            _, answer = get_json(server.base, scenario.path[server.label])
            etag = {k.lower(): v for k, v in answer.items()}.get("etag")
            headers[server.label] = [f"If-None-Match: {etag}"] if etag else []
            figures.setdefault("etag", {})[server.label] = bool(etag)
        # warm up: opcache, connections, per-process caches (a verified application password)
        wrk(url, args, 1, scripts.get(server.label, ""), headers[server.label])
    try:
        for _ in range(args.runs):
            for server in servers:  # alternately, so both see the same machine load
                url = server.base + scenario.path[server.label]
                runs[server.label].append(
                    wrk(
                        url,
                        args,
                        args.duration,
                        scripts.get(server.label, ""),
                        headers[server.label],
                    )
                )
    finally:
        for path in scripts.values():
            os.unlink(path)
    for label, measured in runs.items():
        answered = [r for r in measured if r.rate] or [Run(0.0, 0.0, 0.0, 0)]
        figures[label] = Run(
            statistics.median(r.rate for r in measured),
            statistics.median(r.p50 for r in answered),
            statistics.median(r.p99 for r in answered),
            sum(r.errors for r in measured),
        )
    return figures


def cells(run: Run, seconds: float) -> str:
    return f"{fmt_rate(run, seconds)} | {fmt(run.p50, 1)} | {fmt(run.p99, 1)}"


def report(results: list, servers: list[Server], args: argparse.Namespace, env: dict) -> None:
    against = len(servers) > 1
    cache = {
        "none": "no response cache",
        "process": "per-process response cache (the default without Redis)",
        "redis": "Redis response cache",
    }[args.cache]
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    print(
        f"\n### N = {args.posts:,} posts, PostgreSQL, {cache} ({when})\n\n"
        f"Machine: {machine()}. wpapi: gunicorn gthread {args.workers} workers x {args.threads} "
        f"threads, DEBUG off. wrk -t{args.wrk_threads} -c{args.connections} "
        f"-d{args.duration:g}s, median of {args.runs} runs"
        + (
            f"; WordPress 6.1 (nginx + php-fpm) at {servers[1].base}, same content"
            if against
            else ""
        )
        + f". Load average (1 min) {args.load[0]:.1f} at the start, {args.load[1]:.1f} at the "
        "end (the machine is shared).\n"
    )
    head = "| Scenario | wpapi req/s | p50 ms | p99 ms | queries | SQL / total ms |"
    rule = "|---|---:|---:|---:|---:|---:|"
    if against:
        head += " WordPress req/s | p50 ms | p99 ms | wpapi / WP |"
        rule += "---:|---:|---:|---:|"
    print(head + "\n" + rule)
    for scenario, figures in results:
        ours, count = figures["wpapi"], figures["count"]
        name = scenario.name
        if scenario.etag and not any(figures.get("etag", {}).values()):
            name += " (no ETag sent: plain GET)"
        line = (
            f"| {name} | {cells(ours, args.duration)} | "
            f"{count['queries']} | {count['sql_ms']:.1f} / {count['ms']:.1f} |"
        )
        if ours.errors:
            line = line.replace(f"| {name} |", f"| {name} ({ours.errors} errors) |")
        if against:
            theirs = figures[servers[1].label]
            ratio = f"{ours.rate / theirs.rate:.2f}" if theirs.rate and ours.rate else "-"
            line += f" {cells(theirs, args.duration)} | {ratio} |"
        print(line)
    rss = max((figures["rss"] for _, figures in results), default=0)
    print(f"\nPeak RSS per gunicorn worker: {rss:.0f} MiB", end="")
    if against:
        print(f"; largest php-fpm worker (shared pool): {fpm_rss():.0f} MiB", end="")
    print(".")


if __name__ == "__main__":
    main()
