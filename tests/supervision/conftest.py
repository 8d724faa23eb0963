import pytest
from django.contrib.auth.models import Group, Permission

from portal.roles import all_permissions
from tests.factories import UserFactory


@pytest.fixture
def supervisor(db):
    """A member of the supervising office: staff holding every portal permission globally (as portal/demo.py)."""
    user = UserFactory(username="duban_test", is_staff=True)
    group, _created = Group.objects.get_or_create(name="督导办公室")
    group.permissions.add(*Permission.objects.filter(content_type__app_label="portal", codename__in=all_permissions()))
    user.groups.add(group)
    return user
