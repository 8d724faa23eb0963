"""The WSGI application; loading it also warms each app up, so no visitor pays for a cold worker.

An app that has something slow to load on first use defines `warm_up()` on its AppConfig (disclosure
loads the word segmenter's dictionary: the first search in each worker took 4.3 s). With gunicorn's
`--preload` this runs once in the master and the forked workers share the loaded data; without it,
each worker runs it as it starts, before it accepts requests.
"""

import os

from django.apps import apps
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

for config in apps.get_app_configs():
    if callable(warm_up := getattr(config, "warm_up", None)):
        warm_up()
