#!/usr/bin/python3
"""Cross-checks the fake's Exchange impersonation with an independent client: Debian's python3-exchangelib.

Usage: check_impersonation.py ENDPOINT SERVICE_USER PASSWORD TARGET_SMTP SUBJECT DENIED_USER DENIED_PASSWORD
SERVICE_USER holds the ApplicationImpersonation role; it creates a calendar item called SUBJECT in the mailbox
TARGET_SMTP (access_type=IMPERSONATION) and reads it back; DENIED_USER lacks the role and must get
ErrorImpersonateUserDenied. Prints "created-id: <ItemId>" and exits 0 when every step worked, 1 otherwise; a missing
exchangelib exits 3 with a message saying what to install.
"""
import sys
import datetime

from ews_check import check, configuration, run  # exits 3 with an install hint when exchangelib is missing
from exchangelib import Account, IMPERSONATION, CalendarItem, EWSDateTime, EWSTimeZone
from exchangelib.errors import ErrorImpersonateUserDenied, ErrorNonExistentMailbox
from exchangelib.items import SEND_TO_NONE


def account(endpoint, user, password, target):
    config = configuration(endpoint, user, password)
    return Account(primary_smtp_address=target, credentials=config.credentials, autodiscover=False, config=config,
                   access_type=IMPERSONATION, default_timezone=EWSTimeZone("Europe/Berlin"))


def expect(error_type, action, what):
    try:
        action()
    except error_type:
        check(True, what)
        return
    check(False, what + " (no error)")


def main():
    endpoint, user, password, target, subject, denied_user, denied_password = sys.argv[1:8]
    tz = EWSTimeZone("Europe/Berlin")

    boss = account(endpoint, user, password, target)
    cal = boss.calendar
    check(cal is not None, "calendar folder of the impersonated mailbox resolved (GetFolder)")
    check(list(cal.sync_items()) == [], "the impersonated calendar starts empty")
    start = EWSDateTime(2026, 12, 3, 9, 0, tzinfo=tz)
    item = CalendarItem(folder=cal, subject=subject, location="Board room", start=start,
                        end=start + datetime.timedelta(hours=1))
    item.save(send_meeting_invitations=SEND_TO_NONE)
    check(item.id and item.changekey, "CreateItem as the impersonated user returned ItemId and ChangeKey")
    got = cal.get(id=item.id)
    check(got.subject == subject and got.location == "Board room", "GetItem as the impersonated user reads it back")
    check([c[0] for c in cal.sync_items()] == ["create"], "sync of the impersonated calendar reports the create")

    expect(ErrorImpersonateUserDenied, lambda: list(account(endpoint, denied_user, denied_password, target).calendar.all()),
           "an account without ApplicationImpersonation gets ErrorImpersonateUserDenied")
    expect(ErrorNonExistentMailbox, lambda: list(account(endpoint, user, password, "nobody@example.test").calendar.all()),
           "an address without a mailbox gets ErrorNonExistentMailbox")

    print(f"created-id: {item.id}")
    print("exchangelib impersonation check passed")


if __name__ == "__main__":
    run(main)
