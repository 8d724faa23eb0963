"""Attachments in S3-compatible object storage, against a real S3 server (moto_server, started by .ci/run).

Set GONGKAI_TEST_S3_ENDPOINT (e.g. http://127.0.0.1:9000) to run these; without it they skip. The upload goes
through the staff page, the download through the public download view, which still starts from
`Document.objects.public()`: the bucket is private and no object URL is handed out.
"""

import os
import time
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from disclosure.models import Attachment, DocumentEvent, EventKind
from portal.objectstorage import ObjectStorageUnavailable, PrivateS3Storage
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.faults import closed_port, silent_server

ENDPOINT = os.environ.get("GONGKAI_TEST_S3_ENDPOINT", "")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not ENDPOINT, reason="no S3-compatible server (set GONGKAI_TEST_S3_ENDPOINT; .ci/run does)"),
]
KEYS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}
PDF = b"%PDF-1.4\n" + "公开附件".encode() * 5000


@pytest.fixture
def s3():
    import boto3

    client = boto3.client("s3", endpoint_url=ENDPOINT, aws_access_key_id="testing",
                          aws_secret_access_key="testing", region_name="us-east-1")
    bucket = f"gongkai-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket)
    yield client, bucket
    for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=item["Key"])
    client.delete_bucket(Bucket=bucket)


@pytest.fixture
def attachments_in(s3):
    """Point the attachment field at a storage (a bucket of the real server, or a broken endpoint)."""
    from portal import objectstorage

    field = Attachment._meta.get_field("file")
    original = field.storage
    objectstorage._down_until.clear()

    def point(endpoint=ENDPOINT, bucket=None):
        field.storage = PrivateS3Storage(
            bucket_name=bucket or s3[1], endpoint_url=endpoint, location="private", **KEYS
        )
        return field.storage

    yield point
    field.storage = original
    objectstorage._down_until.clear()


def objects(s3):
    client, bucket = s3
    return [item["Key"] for item in client.list_objects_v2(Bucket=bucket).get("Contents", [])]


def test_a_staff_upload_lands_in_the_bucket_as_a_private_object(client, s3, attachments_in):
    attachments_in()
    org = OrganisationFactory()
    document = DocumentFactory(organisation=org)
    client.force_login(member("editor", org))
    response = client.post(
        f"/staff/org/{org.pk}/documents/{document.pk}/attachments/",
        {"file": SimpleUploadedFile("通知.pdf", PDF)},
        follow=True,
    )
    assert response.status_code == 200
    attachment = Attachment.objects.get(document=document)
    keys = objects(s3)
    assert keys == [f"private/{attachment.file.name}"]
    assert s3[0].get_object(Bucket=s3[1], Key=keys[0])["Body"].read() == PDF
    grants = s3[0].get_object_acl(Bucket=s3[1], Key=keys[0])["Grants"]
    assert all("URI" not in grant["Grantee"] for grant in grants)  # no AllUsers / AuthenticatedUsers grant


def test_the_public_download_reads_through_the_gate_and_the_bucket(client, s3, attachments_in):
    attachments_in()
    public = DocumentFactory(published=True)
    draft = DocumentFactory(organisation=public.organisation)
    shown = Attachment.objects.create(
        document=public, file=ContentFile(PDF, name="a.pdf"), original_name="公告.pdf", kind="pdf", size=len(PDF)
    )
    hidden = Attachment.objects.create(
        document=draft, file=ContentFile(PDF, name="b.pdf"), original_name="草稿.pdf", kind="pdf", size=len(PDF)
    )
    assert len(objects(s3)) == 2

    response = client.get(f"/documents/{public.pk}/files/{shown.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "filename*=utf-8''%E5%85%AC%E5%91%8A.pdf" in response["Content-Disposition"]
    # The object store holds the draft's file, but the gate does not let it out.
    assert client.get(f"/documents/{draft.pk}/files/{hidden.pk}/").status_code == 404
    # No URL of the bucket appears anywhere on the public page.
    page = client.get(f"/documents/{public.pk}/").content.decode()
    assert ENDPOINT not in page and s3[1] not in page


def test_an_object_lost_from_the_bucket_is_a_404(client, s3, attachments_in):
    attachments_in()
    document = DocumentFactory(published=True)
    attachment = Attachment.objects.create(
        document=document, file=ContentFile(PDF, name="a.pdf"), original_name="a.pdf", kind="pdf", size=len(PDF)
    )
    s3[0].delete_object(Bucket=s3[1], Key=f"private/{attachment.file.name}")
    assert client.get(f"/documents/{document.pk}/files/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize("fault", ["closed port", "silent server"])
def test_an_object_store_that_is_down_keeps_neither_file_nor_record(client, s3, attachments_in, fault):
    org = OrganisationFactory()
    document = DocumentFactory(organisation=org)
    client.force_login(member("editor", org))
    started = time.monotonic()
    if fault == "closed port":
        storage = attachments_in(endpoint=f"http://127.0.0.1:{closed_port()}")
        response = client.post(
            f"/staff/org/{org.pk}/documents/{document.pk}/attachments/",
            {"file": SimpleUploadedFile("通知.pdf", PDF)}, follow=True,
        )
    else:
        with silent_server() as port:
            storage = attachments_in(endpoint=f"http://127.0.0.1:{port}")
            response = client.post(
                f"/staff/org/{org.pk}/documents/{document.pk}/attachments/",
                {"file": SimpleUploadedFile("通知.pdf", PDF)}, follow=True,
            )
    took = time.monotonic() - started
    assert response.status_code == 200
    assert "文件和相应记录均未保存" in response.content.decode()
    assert not Attachment.objects.filter(document=document).exists()
    assert not DocumentEvent.objects.filter(document=document, kind=EventKind.ATTACHMENT_ADDED).exists()
    assert took < 30  # two attempts of at most 2 s connect + 5 s read, then the outage is remembered
    started = time.monotonic()
    with pytest.raises(ObjectStorageUnavailable):
        storage.exists("anything")
    assert time.monotonic() - started < 0.5  # no second wait within the outage
