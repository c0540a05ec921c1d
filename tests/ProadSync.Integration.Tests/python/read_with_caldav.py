#!/usr/bin/python3
"""Independent check: reads one calendar object or vCard with Debian's python3-caldav (and vobject) and prints the
fields as JSON, so the integration tests can compare what another client sees with what ProadSync wrote.

usage: read_with_caldav.py calendar|contact COLLECTION_URL ITEM_URL USER PASSWORD
"""
import json
import re
import sys

import caldav
import vobject


def text(component, name):
    value = getattr(component, name, None)
    return None if value is None else value.value


def read_event(client, collection_url, item_url):
    calendar = caldav.Calendar(client=client, url=collection_url)
    obj = calendar.event_by_url(item_url)
    obj.load()
    cal = vobject.readOne(obj.data)
    comp = getattr(cal, "vevent", None) or getattr(cal, "vtodo", None)
    start = getattr(comp, "dtstart", None)
    end = getattr(comp, "dtend", None) or getattr(comp, "due", None)

    def when(prop):
        if prop is None:
            return None
        # vobject turns TZID into a tzinfo and drops the parameter: read the TZID from the text as sent.
        tzid = re.search(r"^" + prop.name + r";(?:[^:]*;)?TZID=\"?([^:;\"]+)", obj.data, re.M | re.I)
        return {"value": prop.value.isoformat(), "tzid": tzid.group(1) if tzid else None,
                "date_only": not hasattr(prop.value, "hour")}

    return {
        "component": comp.name,
        "uid": text(comp, "uid"),
        "summary": text(comp, "summary"),
        "location": text(comp, "location"),
        "description": text(comp, "description"),
        "priority": text(comp, "priority"),
        "status": text(comp, "status"),
        "transp": text(comp, "transp"),
        "class": text(comp, "class"),
        "x_proad_id": text(comp, "x_proad_id"),
        "start": when(start),
        "end": when(end),
        "has_attendee": hasattr(comp, "attendee"),
        "has_rrule": hasattr(comp, "rrule"),
    }


def read_contact(client, item_url):
    response = client.request(item_url, "GET", "", {"Accept": "text/vcard, text/x-vcard;q=0.9, */*;q=0.5"})
    if response.status != 200:
        raise SystemExit(f"GET {item_url} answered {response.status}")
    card = vobject.readOne(response.raw if isinstance(response.raw, str) else response.raw.decode("utf-8"))
    n = card.n.value
    tels = [{"types": [t.upper() for t in tel.params.get("TYPE", [])], "value": tel.value}
            for tel in card.contents.get("tel", [])]
    mails = [mail.value for mail in card.contents.get("email", [])]
    adr = card.adr.value if hasattr(card, "adr") else None
    return {
        "uid": text(card, "uid"),
        "fn": text(card, "fn"),
        "family": n.family,
        "given": n.given,
        # ORG is structured (name;unit…); DAViCal stores an escaped ";" of the name as a separator.
        "org": ";".join(card.org.value) if hasattr(card, "org") else None,
        "title": text(card, "title"),
        "street": adr.street if adr else None,
        "city": adr.city if adr else None,
        "code": adr.code if adr else None,
        "country": adr.country if adr else None,
        "tel": tels,
        "email": mails,
        "url": text(card, "url"),
        "x_proad_id": text(card, "x_proad_id"),
    }


def main():
    kind, collection_url, item_url, user, password = sys.argv[1:6]
    client = caldav.DAVClient(url=collection_url, username=user, password=password)
    result = read_event(client, collection_url, item_url) if kind == "calendar" else read_contact(client, item_url)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
