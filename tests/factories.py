"""Factories for the shared core. Each app's tests add their own next to them (tests/<app>/factories.py)."""

import factory
from django.contrib.auth import get_user_model

from portal.models import Membership, Organisation, OrganisationKind
from portal.roles import Role
from portal.validators import credit_code_check_character

TEST_PASSWORD = "pw-Gongkai-2026"


def make_credit_code(n: int) -> str:
    first17 = f"113799{n:010d}M"[:17]
    return first17 + credit_code_check_character(first17)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"测试县第{n}局")
    short_name = factory.Sequence(lambda n: f"第{n}局")
    kind = OrganisationKind.DEPARTMENT
    credit_code = factory.Sequence(make_credit_code)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"工作人员{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Role.EDITOR


def member(role: str, organisation=None, user=None):
    """A user holding `role` in `organisation` (both made if not given)."""
    kwargs = {"role": role}
    if organisation is not None:
        kwargs["organisation"] = organisation
    if user is not None:
        kwargs["user"] = user
    return MembershipFactory(**kwargs).user
