"""Village affairs belong to township and street offices: the editor and reviewer roles granted
`draft_village_affairs` at every organisation until `VillagesConfig.permission_kinds` restricted it, so
departments' editors saw a village workspace with nothing in it. Remove those grants (memberships stay)."""

from django.db import migrations

VILLAGE_PARENT_KINDS = ("township", "street")


def forwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    UserObjectPermission = apps.get_model("guardian", "UserObjectPermission")
    Organisation = apps.get_model("portal", "Organisation")
    content_type = ContentType.objects.filter(app_label="portal", model="organisation").first()
    if content_type is None:
        return
    permission = Permission.objects.filter(content_type=content_type, codename="draft_village_affairs").first()
    if permission is None:  # a fresh database: the row is created after migrate, with no grants yet
        return
    elsewhere = Organisation.objects.exclude(kind__in=VILLAGE_PARENT_KINDS).values_list("pk", flat=True)
    UserObjectPermission.objects.filter(
        permission=permission, content_type=content_type, object_pk__in=[str(pk) for pk in elsewhere]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("villages", "0002_catalog_item"),
        ("portal", "0003_membership_granted_by"),
        ("guardian", "0003_remove_groupobjectpermission_guardian_gr_content_ae6aec_idx_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    # Backwards: nothing to restore; re-saving a membership re-grants what its roles give.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
