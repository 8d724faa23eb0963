import pytest
from django.urls import reverse

from .factories import InformationRequestFactory

pytestmark = pytest.mark.django_db


def test_supervising_office_browses_requests_in_admin(admin_client):
    info_request = InformationRequestFactory()
    for name in ("informationrequest", "reply", "remedy", "requestevent"):
        assert admin_client.get(reverse(f"admin:requests_app_{name}_changelist")).status_code == 200
    response = admin_client.get(reverse("admin:requests_app_informationrequest_change", args=[info_request.pk]))
    assert response.status_code == 200
    assert (
        admin_client.get(
            reverse("admin:requests_app_informationrequest_changelist"), {"q": info_request.tracking_number}
        ).status_code
        == 200
    )


def test_audit_trail_masks_identity_numbers():
    from auditlog.models import LogEntry

    from .factories import RESIDENT_ID

    info_request = InformationRequestFactory()
    entry = LogEntry.objects.get_for_object(info_request).first()
    assert entry is not None and RESIDENT_ID not in str(entry.changes)


def test_the_supervising_office_sees_applicants_masked_in_the_admin(admin_client):
    from .factories import EMAIL, PHONE, RESIDENT_ID

    info_request = InformationRequestFactory(applicant_name="张三丰", postal_address="安平县人民路8号")
    html = admin_client.get(reverse("admin:requests_app_informationrequest_change", args=[info_request.pk]))
    text = html.content.decode()
    assert html.status_code == 200 and "张**" in text
    for secret in (RESIDENT_ID, PHONE, EMAIL, "张三丰", "人民路8号", info_request.query_code_hash):
        assert secret not in text
    listing = admin_client.get(reverse("admin:requests_app_informationrequest_changelist")).content.decode()
    assert "张三丰" not in listing


def test_the_audit_log_keeps_no_personal_data_or_query_code_hash_in_clear():
    from auditlog.models import LogEntry

    from .factories import EMAIL, PHONE, RESIDENT_ID

    info_request = InformationRequestFactory(applicant_name="张三丰")
    changes = " ".join(str(entry.changes) for entry in LogEntry.objects.get_for_object(info_request))
    for secret in (RESIDENT_ID, PHONE, EMAIL, "张三丰", info_request.query_code_hash):
        assert secret not in changes
