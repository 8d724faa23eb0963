"""Private attachments in S3-compatible object storage (django-storages), when GONGKAI_S3_BUCKET is set.

The bucket stays private: objects are written with the `private` ACL and no URL to them is given out —
the download views read the file through the storage after the public gate (`Document.objects.public()`
and friends) exactly as with the filesystem, so the gate stays the one place that decides.

An object store that is down, refuses or does not answer within the short timeouts below raises OSError,
the error `portal.uploads.stored_together` already turns into the "file not saved" message (the upload and
its rows are kept or dropped together); a missing object is FileNotFoundError (a 404 in the download view).
After such a failure the process does not ask the store again for OUTAGE_SECONDS (the same rule as Redis and
the read replicas), so a hanging store costs one timeout per process and outage, not one per call.
"""

import logging
import time

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from storages.backends.s3 import S3Storage

logger = logging.getLogger(__name__)
OUTAGE_SECONDS = 15.0
# endpoint -> monotonic time until which the store counts as down (per process).
_down_until: dict[str, float] = {}


class ObjectStorageUnavailable(OSError):
    """The object store did not do what was asked (down, hanging, refused)."""


def _not_found(error: ClientError) -> bool:
    return error.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404


class PrivateS3Storage(S3Storage):
    default_acl = "private"
    file_overwrite = False  # stored names are random already (portal/uploads.py); never replace an object
    querystring_auth = True  # if anything ever asks for a URL, it is signed and short-lived
    querystring_expire = 300

    def get_default_settings(self):
        defaults = super().get_default_settings()
        defaults["client_config"] = Config(
            connect_timeout=2, read_timeout=5, retries={"max_attempts": 2, "mode": "standard"}
        )
        return defaults

    def _call(self, method, *args, **kwargs):
        endpoint = self.endpoint_url or "aws"
        if _down_until.get(endpoint, 0.0) > time.monotonic():
            raise ObjectStorageUnavailable(f"object storage {endpoint} failed less than {OUTAGE_SECONDS:.0f} s ago")
        try:
            return method(*args, **kwargs)
        except FileNotFoundError:
            raise
        except ClientError as error:
            if _not_found(error):
                raise FileNotFoundError(str(error)) from error
            self._outage(endpoint, error)
            raise ObjectStorageUnavailable(str(error)) from error
        except BotoCoreError as error:  # connection refused, timeouts, bad endpoint
            self._outage(endpoint, error)
            raise ObjectStorageUnavailable(str(error)) from error

    @staticmethod
    def _outage(endpoint, error):
        logger.error("object storage %s unavailable: %s", endpoint, error)
        _down_until[endpoint] = time.monotonic() + OUTAGE_SECONDS

    def _save(self, name, content):
        return self._call(super()._save, name, content)

    def _open(self, name, mode="rb"):
        return self._call(super()._open, name, mode)

    def exists(self, name):
        return self._call(super().exists, name)

    def delete(self, name):
        return self._call(super().delete, name)

    def size(self, name):
        return self._call(super().size, name)
