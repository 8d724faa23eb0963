import pytest


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    """Factories set real passwords; the default PBKDF2 costs ~0.3 s a user, which these tests do not need."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
