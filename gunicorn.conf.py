"""gunicorn's settings for serving wpapi (`gunicorn wpapi.wsgi` reads this file from the working
directory; options on the command line win).

A request's work is Python and holds the interpreter lock, so a worker's threads take turns
rather than run side by side: processes use the cores, threads only queue. Two single-threaded
workers per core served the 10,000-post benchmark 17% (a page of 10 posts) to 50% (a page of
100) faster than four workers of four threads on two cores (README, Speed). A slow client holds
its worker's thread, so put a buffering proxy (nginx, a load balancer) in front, as usual.
"""

import multiprocessing
import os

wsgi_app = "wpapi.wsgi"
worker_class = "gthread"  # keeps connections alive between requests, unlike "sync"
workers = int(os.environ.get("WEB_CONCURRENCY", 2 * multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
