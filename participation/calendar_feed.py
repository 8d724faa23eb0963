"""The public calendar of open days as iCalendar (RFC 5545), written with the `icalendar` package.

Only what the public page shows: theme, time, place, agenda, organiser and the page's address; never
anything about who signed up.
"""

from django.conf import settings
from django.utils.translation import gettext
from icalendar import Calendar, Event


def render(open_days, request) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Gongkai//Open days//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{settings.GONGKAI_SITE_NAME} {gettext('政府开放日')}")
    host = request.get_host()
    for day in open_days.order_by("starts_at", "pk")[:500]:
        event = Event()
        event.add("uid", f"open-day-{day.pk}@{host}")
        event.add("summary", day.theme)
        event.add("dtstart", day.starts_at)
        event.add("dtend", day.ends_at)
        event.add("dtstamp", day.published_at or day.updated_at)
        event.add("last-modified", day.updated_at)
        event.add("location", day.place)
        event.add("description", day.agenda)
        event.add("categories", [day.organisation.name])
        event.add("url", request.build_absolute_uri(day.get_absolute_url()))
        calendar.add_component(event)
    return calendar.to_ical()
