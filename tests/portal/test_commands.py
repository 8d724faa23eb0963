import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from portal.models import Membership, Organisation
from tests.factories import make_credit_code

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent():
    call_command("seed_demo", stdout=io.StringIO())
    counts = (Organisation.objects.count(), Membership.objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert (Organisation.objects.count(), Membership.objects.count()) == counts
    assert "gongkai-demo-2026" in out.getvalue()
    assert Organisation.objects.filter(kind="village").exists()


def test_import_organisations_from_csv(tmp_path):
    county_code, dept_code = make_credit_code(900), make_credit_code(901)
    path = tmp_path / "orgs.csv"
    path.write_text(
        "名称,简称,类型,上级机构,统一社会信用代码\n"
        f"示例县人民政府,示例县,县（市、区）人民政府,,{county_code}\n"
        f"示例县民政局,县民政局,政府部门,示例县人民政府,{dept_code}\n"
        "示例村村民委员会,示例村,village,示例县人民政府,\n",
        encoding="gb18030",
    )
    call_command("import_organisations", str(path), stdout=io.StringIO())
    dept = Organisation.objects.get(name="示例县民政局")
    assert dept.parent.name == "示例县人民政府"
    assert Organisation.objects.get(name="示例村村民委员会").credit_code is None


def test_import_organisations_from_xlsx_applies_nothing_on_a_bad_row(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["名称", "类型", "上级机构", "统一社会信用代码"])
    sheet.append(["好机构", "政府部门", "", make_credit_code(902)])
    sheet.append(["坏机构", "政府部门", "", "91350100M000100Y44"])
    sheet.append(["无名机构", "不知道", "", ""])
    path = tmp_path / "orgs.xlsx"
    book.save(path)
    err = io.StringIO()
    with pytest.raises(CommandError, match="未导入任何机构"):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=err)
    assert "第3行“统一社会信用代码”" in err.getvalue()
    assert "第4行“类型”" in err.getvalue()
    assert not Organisation.objects.filter(name="好机构").exists()


def test_deploy_check_is_clean_with_debug_off():
    import subprocess
    import sys

    env = {
        "DJANGO_SECRET_KEY": "x" * 60 + "-deploy-check-secret-9f8e7d6c",
        "DJANGO_DEBUG": "0",
        "PATH": "/usr/bin:/bin",
        "DJANGO_EMAIL_URL": "smtp+tls://gongkai:secret@mail.example.org:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_a_clear_error():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        capture_output=True,
        text=True,
        env={"DJANGO_DEBUG": "0", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_import_refuses_an_undecodable_file(tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_bytes(b"\xff\xfe\x00\xd8\x00\xdc garbage \x81")
    with pytest.raises(CommandError):
        call_command("import_organisations", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_production_cache_and_database_settings_come_from_the_environment():
    import subprocess
    import sys

    env = {
        "DJANGO_DEBUG": "1",
        "PATH": "/usr/bin:/bin",
        "DJANGO_CACHE_URL": "redis://127.0.0.1:6379/3",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/gongkai",
    }
    probe = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'portal.settings'; django.setup();"
        "from django.conf import settings as s;"
        "print(s.CACHES['default']['BACKEND'], s.DATABASES['default']['OPTIONS']['options'])"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env)
    assert result.stdout.split() == ["portal.rediscache.RedisCache", "-c", "jit=off"], result.stderr


def test_seed_demo_hashes_the_demo_password_once(monkeypatch):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password

    from portal.demo import DEMO_PASSWORD

    calls = []
    monkeypatch.setattr("portal.demo.make_password", lambda raw: calls.append(raw) or make_password(raw))
    call_command("seed_demo", stdout=io.StringIO())
    assert calls == [DEMO_PASSWORD]
    users = get_user_model().objects  # (authenticate() needs a request once django-axes guards logins)
    assert users.get(username="mz_editor").check_password(DEMO_PASSWORD)
    admin = users.get(username="admin")
    assert admin.check_password(DEMO_PASSWORD) and admin.is_superuser
