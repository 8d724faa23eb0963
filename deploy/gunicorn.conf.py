"""gunicorn settings for one web machine (docs/deployment.md): `gunicorn -c deploy/gunicorn.conf.py`.

Threads per worker suit a portal whose requests wait on PostgreSQL and Redis; workers = 2 × cores is the
usual start (the bench ran 4 workers × 2 threads on 2 cores). Override any value with GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
# Load the application (and the search's word-segmenter dictionary, portal/wsgi.py) once in the master and
# share it with the forked workers (README: without it each worker loads it before taking requests).
preload_app = True
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")  # behind nginx on the same machine
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = 60  # a request stuck longer than this is killed and logged, the worker replaced
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # recycle workers now and then (bounded memory growth)
max_requests_jitter = 500
# X-Forwarded-Proto from nginx on this machine only; the client address is portal/proxy.py's job.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
