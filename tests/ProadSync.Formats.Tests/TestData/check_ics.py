"""Independent parser check: reads .ics files with the Python 'icalendar' module and prints what it sees as JSON.

Usage: python3 check_ics.py FILE...   (one JSON object per file, in order, as a JSON list on stdout)
"""
import datetime
import json
import sys

try:
    import icalendar
except ImportError:
    sys.stderr.write("The Python module 'icalendar' is missing: install python3-icalendar (apt-get install -y python3-icalendar).\n")
    sys.exit(3)


def when(component, name):
    prop = component.get(name)
    if prop is None:
        return None
    value = prop.dt
    tzid = prop.params.get("TZID")
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return {"kind": "floating", "local": value.isoformat(), "tzid": tzid}
        return {"kind": "datetime", "utc": value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "tzid": tzid}
    return {"kind": "date", "date": value.isoformat(), "value": prop.params.get("VALUE")}


def text(component, name):
    value = component.get(name)
    return None if value is None else str(value)


def describe(path):
    with open(path, "rb") as handle:
        calendar = icalendar.Calendar.from_ical(handle.read())
    items = [c for c in calendar.subcomponents if c.name in ("VEVENT", "VTODO")]
    zones = [str(z.get("TZID")) for z in calendar.walk("VTIMEZONE")]
    first = items[0]
    alarms = []
    for alarm in first.walk("VALARM"):
        trigger = alarm.get("TRIGGER")
        value = trigger.dt if trigger is not None else None
        if isinstance(value, datetime.datetime):
            value = value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        elif isinstance(value, datetime.timedelta):
            value = "relative:%d" % int(value.total_seconds())
        alarms.append({"action": text(alarm, "ACTION"), "trigger": value})
    return {
        "prodid": text(calendar, "PRODID"),
        "version": text(calendar, "VERSION"),
        "components": [c.name for c in items],
        "timezones": zones,
        "name": first.name,
        "uid": text(first, "UID"),
        "summary": text(first, "SUMMARY"),
        "description": text(first, "DESCRIPTION"),
        "location": text(first, "LOCATION"),
        "priority": None if first.get("PRIORITY") is None else int(first.get("PRIORITY")),
        "transp": text(first, "TRANSP"),
        "busystatus": text(first, "X-MICROSOFT-CDO-BUSYSTATUS"),
        "status": text(first, "STATUS"),
        "proadstatus": text(first, "X-PROAD-STATUS"),
        "proadid": text(first, "X-PROAD-ID"),
        "dtstamp": when(first, "DTSTAMP"),
        "dtstart": when(first, "DTSTART"),
        "dtend": when(first, "DTEND"),
        "due": when(first, "DUE"),
        "alarms": alarms,
        "forbidden": [n for n in ("ATTENDEE", "ORGANIZER", "ATTACH") if first.get(n) is not None],
    }


print(json.dumps([describe(p) for p in sys.argv[1:]], ensure_ascii=False))
