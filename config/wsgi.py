import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Serve nothing from a database the code has outgrown (docs/operations.md, upgrade order).
# An exception, not SystemExit: gunicorn then stops ("Worker failed to boot") instead of
# respawning the worker forever.
from duluan.core.startup import UnappliedMigrations, migrations_check  # noqa: E402

_refusal = migrations_check("the web server")
if _refusal:
    raise UnappliedMigrations(_refusal)
