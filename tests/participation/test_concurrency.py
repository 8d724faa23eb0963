"""Two people never both take the last place, and a cancellation moves exactly one person up (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from participation import services
from participation.models import Registration, RegistrationStatus

from .factories import OpenDayFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]


def _race(target, args_list):
    barrier = threading.Barrier(len(args_list))
    errors, results = [], []

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


def test_the_last_place_goes_to_one_person():
    day = OpenDayFactory(capacity=3)
    services.sign_up(day, name="甲", phone="13900000000")
    services.sign_up(day, name="乙", phone="13900000001")  # one place left

    def sign_up(n):
        return services.sign_up(day, name=f"市民{n}", phone=f"1390000{n:04d}")

    results, errors = _race(sign_up, [(n,) for n in range(10, 18)])
    assert errors == []
    statuses = sorted(r.status for r, _code in results)
    assert statuses.count(RegistrationStatus.CONFIRMED) == 1
    assert Registration.objects.filter(open_day=day, status=RegistrationStatus.CONFIRMED).count() == 3
    assert Registration.objects.filter(open_day=day, status=RegistrationStatus.WAITING).count() == 7
    numbers = list(Registration.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))


def test_parallel_cancellations_promote_one_waiting_person_each():
    day = OpenDayFactory(capacity=2)
    placed = [services.sign_up(day, name=f"甲{n}", phone=f"1380000000{n}") for n in range(2)]
    waiting = [services.sign_up(day, name=f"乙{n}", phone=f"1370000000{n}")[0] for n in range(3)]

    results, errors = _race(services.cancel_registration, [(r.number, code) for r, code in placed])
    assert errors == []
    promoted = {p.pk for _cancelled, p in results}
    assert promoted == {waiting[0].pk, waiting[1].pk}
    assert Registration.objects.filter(open_day=day, status=RegistrationStatus.CONFIRMED).count() == 2
    assert Registration.objects.get(pk=waiting[2].pk).status == RegistrationStatus.WAITING
