"""Factories for participation: published consultations and open days unless told otherwise."""

import datetime as dt

import factory
from django.utils import timezone

from participation import rules
from participation.models import (
    DecisionKind,
    DecisionMatter,
    OpenDay,
    PublicComment,
    PublicConsultation,
    Registration,
    RegistrationStatus,
    ReviewStatus,
)
from tests.factories import OrganisationFactory


def today():
    return timezone.localdate()


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicConsultation

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"安平县养老服务设施布局规划（征求意见稿）第{n}稿")
    kind = DecisionKind.OTHER
    draft_text = "第一条 为完善养老服务体系，制定本规划。"
    explanation = "一、起草背景……"
    opens_on = factory.LazyFunction(lambda: today() - dt.timedelta(days=3))
    closes_on = factory.LazyFunction(lambda: today() + dt.timedelta(days=30))
    ways_to_comment = "电子邮箱：canyu@example.gov.cn"
    status = ReviewStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    feedback_due_on = factory.LazyAttribute(lambda c: rules.feedback_due(c.closes_on))


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicComment

    consultation = factory.SubFactory(ConsultationFactory)
    receipt_number = factory.Sequence(lambda n: f"YJ-2026-{n + 900000:06d}")
    name = "欧阳明辉"
    phone = factory.Sequence(lambda n: f"1860537{n:04d}")
    email = factory.Sequence(lambda n: f"ouyang{n}@example.com")
    body = factory.Sequence(lambda n: f"建议增加社区养老服务站的数量（第{n}条）。")
    fingerprint = factory.Sequence(lambda n: f"{n:064d}")


class MatterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionMatter

    organisation = factory.SubFactory(OrganisationFactory)
    year = 2026
    title = factory.Sequence(lambda n: f"重大决策事项{n}")
    ways = "网上征求意见；座谈会"
    is_published = True


class OpenDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpenDay

    organisation = factory.SubFactory(OrganisationFactory)
    theme = factory.Sequence(lambda n: f"走进县政务服务中心（第{n}期）")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=10))
    ends_at = factory.LazyAttribute(lambda d: d.starts_at + dt.timedelta(hours=3))
    place = "县政务服务中心"
    agenda = "09:00 签到\n09:30 参观"
    capacity = 2
    eligibility = "本县居民"
    signup_opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    signup_closes_at = factory.LazyAttribute(lambda d: d.starts_at - dt.timedelta(days=1))
    status = ReviewStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    open_day = factory.SubFactory(OpenDayFactory)
    number = factory.Sequence(lambda n: f"KFR-2026-{n + 900000:06d}")
    code_hash = "x"
    name = "司马光华"
    phone = factory.Sequence(lambda n: f"1770537{n:04d}")
    status = RegistrationStatus.CONFIRMED
    fingerprint = "f"
