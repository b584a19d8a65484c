"""gunicorn settings for one province (docs/operations.md, "Web server").

    gunicorn -c deploy/gunicorn.conf.py config.wsgi:application

Figures, and why:

* workers = 2 x cores + 1, capped at 8 (``DULUAN_WEB_WORKERS`` overrides). Each
  worker holds Django, the URLconf and, once a page needs it, the text model:
  about 250 MB. Eight workers fit beside PostgreSQL, Redis and two Celery
  processes on a 4-core, 8 GB machine.
* threads = 4 per worker (gthread): a request mostly waits on PostgreSQL, so
  threads overlap those waits without another process's memory. Database
  connections: workers x threads (8 x 4 = 32) plus Celery; PostgreSQL's
  default max_connections of 100 leaves room.
* timeout = 60 s: the slowest legitimate requests are report PDFs (LibreOffice)
  and large exports, which take tens of seconds on a small machine; a request
  stuck longer than that is killed and its worker replaced. nginx waits 65 s,
  so gunicorn answers (or kills) first. Imports and report PDFs run as
  background jobs (docs/jobs.md), so they hold no request.
* graceful_timeout = 30 s: on restart, requests in flight get 30 s to finish.
* keepalive = 0: one request per connection. nginx sits on the same machine, so
  a new connection costs a fraction of a millisecond, while a kept-alive one
  races with a worker's recycling (below): the worker closes its idle
  connections as it exits, and a request the proxy was sending on one of them
  at that moment is reset; a GET would be retried, a POST (a report) is not.
  The load battery (``python -m bench load``) saw such resets on every worker
  recycle before this was set.
* max_requests = 0: workers are not recycled after a number of requests
  (``DULUAN_WEB_MAX_REQUESTS`` sets one). A gthread worker that reaches its
  count closes the connections it has accepted but not yet read, so each
  recycle reset a request or two in flight: the load battery saw two resets in
  five recycles at 1000 (``python -m bench load``, 5 December). Nothing needed
  it: a worker's memory stayed at 280 MB from its 100th to its 3,000th request
  of dashboards, panels, lists, the briefing and XLSX/CSV exports (measured on
  the demo, one worker). Set a count (e.g. 5000, with jitter) if a deployment
  sees memory grow; behind nginx a reset GET is retried on another worker
  (``proxy_next_upstream``), a POST is not.
* preload_app = False: the application is loaded in each worker, not in the
  master. The start-up refusal on unapplied migrations opens a database
  connection, which must never be shared by forked workers; the master stays
  small; and ``systemctl reload`` (HUP) starts workers on new code. Heavy
  libraries load lazily, so copy-on-write sharing would save little.
* Logs go to stdout/stderr, i.e. the journal (``journalctl -u duluan-web``).
"""

from __future__ import annotations

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


wsgi_app = "config.wsgi:application"
bind = os.environ.get("DULUAN_WEB_BIND", "127.0.0.1:8000")
workers = _int("DULUAN_WEB_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "gthread"
threads = _int("DULUAN_WEB_THREADS", 4)
timeout = 60
graceful_timeout = 30
keepalive = 0
max_requests = _int("DULUAN_WEB_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
preload_app = False
# nginx on the same machine sets X-Forwarded-For/-Proto; trust only it.
forwarded_allow_ips = "127.0.0.1,::1"
accesslog = "-"
errorlog = "-"
loglevel = "info"
# Method, path (never the query string: eSMS's SMS calls carry the sender's number
# and text there), protocol, status, size, duration in microseconds; no cookies.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(D)sus "%(a)s"'
proc_name = "duluan-web"
