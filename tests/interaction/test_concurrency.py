"""Races on PostgreSQL with real transactions: two approvals make one answer; a double post makes one message."""

import threading

import pytest
from django.db import connection, connections

from interaction import services
from interaction.models import EventKind, Message, MessageEvent
from tests.factories import OrganisationFactory, member

from .factories import message_type, write_message

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _parallel(target, args_list):
    barrier = threading.Barrier(len(args_list))
    results, errors = [], []

    def run(*args):
        try:
            barrier.wait()
            results.append(target(*args))
        except Exception as error:  # surfaced by the assertions
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=args) for args in args_list]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_two_reviewers_approving_at_once_answer_once():
    organisation = OrganisationFactory()
    handler = member("message_handler", organisation)
    reviewers = [member("reviewer", organisation) for _ in range(2)]
    message, _ = write_message(organisation)
    services.submit_reply(message, "答复", by=handler)
    _results, errors = _parallel(lambda r: services.review_reply(message, "approve", by=r), [(r,) for r in reviewers])
    assert all("当前状态" in str(e) for e in errors)  # the loser is refused or sees a repeated click
    assert MessageEvent.objects.filter(message=message, kind=EventKind.APPROVE).count() == 1


def test_double_post_makes_one_message():
    organisation = OrganisationFactory()
    data = {"organisation": organisation, "mailbox": "organisation", "message_type": message_type(),
            "subject": "同一条留言", "body": "内容", "name": "王建华", "phone": "13905371234", "email": ""}  # fmt: skip
    results, errors = _parallel(lambda: services.submit_message(dict(data)), [() for _ in range(4)])
    assert errors == []
    assert Message.objects.count() == 1
    assert len({m.pk for m, _code in results}) == 1
    assert sum(1 for _m, code in results if code) == 1
