#!/usr/bin/python3
"""Cross-checks the fake EWS server with an independent client: Debian's python3-exchangelib.

Usage: check_fake_ews.py ENDPOINT USER PASSWORD
Exits 0 when every step worked; prints the failing step and exits 1 otherwise.
Missing exchangelib exits 3 with a message saying what to install.
"""
import sys
import datetime
from decimal import Decimal

from ews_check import check, configuration, run  # exits 3 with an install hint when exchangelib is missing
import requests
from exchangelib import (Account, DELEGATE, CalendarItem, Contact, EWSDateTime, EWSTimeZone, HTMLBody, Task)
from exchangelib.errors import (ErrorInvalidSyncStateData, ErrorIrresolvableConflict, ErrorItemNotFound,
                                ErrorServerBusy, UnauthorizedError)
from exchangelib.protocol import FailFast, FaultTolerance
from exchangelib.extended_properties import ExtendedProperty
from exchangelib.indexed_properties import EmailAddress, PhoneNumber, PhysicalAddress
from exchangelib.items import SEND_TO_NONE, ALL_OCCURRENCES


class ProadSyncId(ExtendedProperty):
    distinguished_property_set_id = "PublicStrings"
    property_name = "ProadSyncId"
    property_type = "String"


for cls in (CalendarItem, Task, Contact):
    cls.register("proadsync_id", ProadSyncId)


def drain(folder, max_changes=100):
    changes = list(folder.sync_items(max_changes_returned=max_changes))
    return changes


def main():
    endpoint, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
    config = configuration(endpoint, user, password)
    account = Account(primary_smtp_address=f"{user}@example.test", config=config, autodiscover=False,
                      access_type=DELEGATE, default_timezone=EWSTimeZone("Europe/Berlin"))
    tz = EWSTimeZone("Europe/Berlin")

    # ---- calendar ----
    cal = account.calendar
    check(cal is not None, "calendar folder resolved (GetFolder)")
    check(drain(cal) == [], "initial calendar sync is empty")
    state_after_first = cal.item_sync_state
    start = EWSDateTime(2026, 12, 1, 10, 0, tzinfo=tz)
    item = CalendarItem(folder=cal, subject="Planning", body="Agenda", location="Room 1",
                        start=start, end=start + datetime.timedelta(hours=1),
                        legacy_free_busy_status="OOF", importance="High",
                        reminder_is_set=True, reminder_minutes_before_start=30, proadsync_id="db:appt:1")
    item.save(send_meeting_invitations=SEND_TO_NONE)
    check(item.id and item.changekey, "CreateItem returned ItemId and ChangeKey")
    created_changekey = item.changekey
    got = cal.get(id=item.id)
    check(got.subject == "Planning" and got.location == "Room 1", "GetItem returns subject and location")
    check(got.start == start and got.legacy_free_busy_status == "OOF" and got.importance == "High",
          "GetItem returns start, free/busy and importance")
    check(got.proadsync_id == "db:appt:1", "extended property round-trips")
    found = list(cal.filter(proadsync_id="db:appt:1"))
    check(len(found) == 1 and found[0].id == item.id, "FindItem restriction on the extended property finds the item")
    check(list(cal.filter(proadsync_id="nope")) == [], "FindItem restriction excludes other values")
    item.subject = "Planning moved"
    item.save(update_fields=["subject"], send_meeting_invitations=SEND_TO_NONE)
    check(item.changekey != created_changekey, "UpdateItem changes the ChangeKey")
    check(cal.get(id=item.id).subject == "Planning moved", "UpdateItem stored the subject")
    changes = drain(cal)
    check([c[0] for c in changes] == ["create"] and changes[0][1].id == item.id, "sync reports the new item as create")
    check(drain(cal) == [], "sync after catching up is empty")

    # stale ChangeKey with NeverOverwrite
    stale = CalendarItem(account=account, folder=cal, id=item.id, changekey=created_changekey, subject="stale")
    try:
        stale.save(update_fields=["subject"], conflict_resolution="NeverOverwrite", send_meeting_invitations=SEND_TO_NONE)
        check(False, "stale ChangeKey must fail")
    except ErrorIrresolvableConflict:
        check(True, "stale ChangeKey with NeverOverwrite gives ErrorIrresolvableConflict")

    item.location = "Room 2"
    item.save(update_fields=["location"], send_meeting_invitations=SEND_TO_NONE)
    changes = drain(cal)
    check([c[0] for c in changes] == ["update"], "sync reports a change as update")

    # paging over several pages
    more = [CalendarItem(folder=cal, subject=f"Bulk {i}", start=start, end=start + datetime.timedelta(minutes=30))
            for i in range(5)]
    for m in more:
        m.save(send_meeting_invitations=SEND_TO_NONE)
    changes = drain(cal, max_changes=2)
    check(sorted(c[1].id for c in changes) == sorted(m.id for m in more), "sync pages through 5 creates with MaxChangesReturned=2")

    deleted_id = item.id
    item.delete(send_meeting_cancellations=SEND_TO_NONE)
    try:
        gone = cal.get(id=deleted_id)
    except Exception as e:  # exchangelib raises or returns the error, depending on the call path
        gone = e
    check(isinstance(gone, ErrorItemNotFound) or type(gone).__name__ == "DoesNotExist",
          "GetItem of a deleted item gives ErrorItemNotFound")
    changes = drain(cal)
    check([c[0] for c in changes] == ["delete"] and changes[0][1].id == deleted_id, "sync reports the deletion")

    cal.item_sync_state = "bm90IGEgc3luYyBzdGF0ZQ=="
    try:
        drain(cal)
        check(False, "corrupt sync state must fail")
    except ErrorInvalidSyncStateData:
        check(True, "corrupt sync state gives ErrorInvalidSyncStateData")
    cal.item_sync_state = state_after_first

    # ---- tasks ----
    tasks = account.tasks
    drain(tasks)
    task = Task(folder=tasks, subject="Write report", body=HTMLBody("<p>Draft</p>"), status="InProgress",
                percent_complete=Decimal(50),
                due_date=datetime.date(2026, 12, 5), start_date=datetime.date(2026, 12, 1), proadsync_id="db:task:1")
    task.save()
    got = tasks.get(id=task.id)
    check(got.subject == "Write report" and got.status == "InProgress", "task created and read back")
    check(got.due_date == datetime.date(2026, 12, 5), "task due date round-trips")
    task.status = "Completed"
    task.save(update_fields=["status"])
    got = tasks.get(id=task.id)
    check(got.status == "Completed" and got.percent_complete == 100, "task completed sets percent complete")
    check([c[0] for c in drain(tasks)] == ["create"], "task sync reports the create")
    task.delete(affected_task_occurrences=ALL_OCCURRENCES)
    check([c[0] for c in drain(tasks)] == ["delete"], "task sync reports the delete")

    # ---- contacts ----
    contacts = account.contacts
    drain(contacts)
    contact = Contact(folder=contacts, display_name="Tanja Plate", given_name="Tanja", surname="Plate", job_title="Manager",
                      company_name="Blue Yonder Airlines", business_homepage="https://example.test",
                      email_addresses=[EmailAddress(label="EmailAddress1", email="tplate@example.test")],
                      phone_numbers=[PhoneNumber(label="BusinessPhone", phone_number="4255550199"),
                                     PhoneNumber(label="MobilePhone", phone_number="4255550100")],
                      physical_addresses=[PhysicalAddress(label="Business", street="1234 56th Ave", city="La Habra",
                                                          country="USA", zipcode="90631")],
                      proadsync_id="db:contact:1")
    contact.save()
    got = contacts.get(id=contact.id)
    check(got.given_name == "Tanja" and got.surname == "Plate" and got.job_title == "Manager", "contact names round-trip")
    check(got.email_addresses[0].email == "tplate@example.test", "contact e-mail round-trips")
    check({p.label: p.phone_number for p in got.phone_numbers} == {"BusinessPhone": "4255550199", "MobilePhone": "4255550100"},
          "contact phones round-trip")
    check(got.physical_addresses[0].city == "La Habra" and got.physical_addresses[0].zipcode == "90631",
          "contact address round-trips")
    contact.job_title = "Director"
    contact.phone_numbers = [PhoneNumber(label="BusinessPhone", phone_number="4255550111")]
    contact.save(update_fields=["job_title", "phone_numbers"])
    got = contacts.get(id=contact.id)
    check(got.job_title == "Director" and [p.phone_number for p in got.phone_numbers] == ["4255550111"],
          "contact update of a plain and an indexed field")
    check([c[0] for c in drain(contacts)] == ["create"], "contact sync reports the create")
    contact.delete()
    check([c[0] for c in drain(contacts)] == ["delete"], "contact sync reports the delete")

    # ---- injected faults, through the fake's admin endpoint ----
    admin = endpoint[: endpoint.index("/EWS/")] + "/fake-admin/"
    session = requests.Session()
    session.trust_env = False

    def inject(path):
        response = session.post(admin + path, timeout=10)
        response.raise_for_status()

    inject("server-busy?count=1&backOffMs=250&shape=fault")
    try:
        list(tasks.all())
        check(False, "an injected ErrorServerBusy fault must surface with fail-fast")
    except ErrorServerBusy as e:
        check(e.back_off == 0.25, "ErrorServerBusy fault carries BackOffMilliseconds (exchangelib reads 0.25 s)")

    inject("server-busy?count=1&backOffMs=500&shape=message")
    try:
        list(tasks.all())
        check(False, "an injected per-message ErrorServerBusy must surface with fail-fast")
    except ErrorServerBusy:
        # exchangelib 4.9 reads BackOffMilliseconds only from faults; the per-message value is checked by the .NET tests.
        check(True, "per-message ErrorServerBusy surfaces as ErrorServerBusy")

    # exchangelib shares one protocol per endpoint and credentials: switch its retry policy to fault-tolerant.
    account.protocol.config.retry_policy = FaultTolerance(max_wait=30)
    inject("server-busy?count=1&backOffMs=300&shape=fault")
    check(list(tasks.all()) == [], "exchangelib honours the back-off and the retry succeeds")
    account.protocol.config.retry_policy = FailFast()

    inject("auth-failures?count=1")
    try:
        list(tasks.all())
        check(False, "an injected 401 must surface")
    except UnauthorizedError:
        check(True, "an injected 401 is an authentication error for exchangelib")
    print("exchangelib cross-check passed")


if __name__ == "__main__":
    run(main)
