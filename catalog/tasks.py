"""Background work of the catalog, run by the task worker (`manage.py db_worker --backend background`)."""

import logging

from django.core.exceptions import ValidationError
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import ImportJob

logger = logging.getLogger(__name__)


@task(backend="background")
def run_import(job_id: int) -> None:
    """Read and apply one queued spreadsheet import, recording its progress and outcome on the job."""
    from catalog import services
    from catalog.spreadsheet import read_catalog

    job = ImportJob.objects.select_related("organisation", "domain", "by").get(pk=job_id)
    if job.is_finished:
        return  # a repeated delivery
    jobs = ImportJob.objects.filter(pk=job.pk)
    jobs.update(state=ImportJob.State.READING)
    outcome = {"state": ImportJob.State.FAILED}
    try:
        result = read_catalog(bytes(job.data), on_row=lambda n: jobs.update(rows_read=n), domain=job.domain)
        jobs.update(rows_read=len(result.rows) + len(result.errors))
        if result.errors:
            outcome["problems"] = result.errors
        else:
            jobs.update(state=ImportJob.State.APPLYING)
            catalog = services.catalog_for(job.organisation, job.domain)
            try:
                added, updated = services.import_items(catalog, result.rows, by=job.by, filename=job.filename)
            except ValidationError as error:
                outcome["problems"] = error.messages
            else:
                outcome = {"state": ImportJob.State.DONE, "added": added, "updated": updated}
    except Exception:
        logger.exception("catalog import job %s failed", job.pk)
        outcome["problems"] = [_("导入时出现系统错误，未导入任何事项。请稍后重试或联系管理员。")]
        raise
    finally:
        jobs.update(data=b"", finished_at=timezone.now(), **outcome)
