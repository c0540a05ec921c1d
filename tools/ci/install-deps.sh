#!/usr/bin/env bash
# Installs, from Debian's packages, what the test suite needs beside the .NET SDK: the independent clients used to
# cross-check our output (python3-icalendar, python3-caldav, python3-exchangelib) and the real CalDAV/CardDAV
# servers (Radicale, Xandikos, DAViCal with PostgreSQL + Apache/PHP, SabreDAV). Idempotent: installs only what is
# missing. dpkg must not start system services (nothing may listen on :80 or :5432), so a policy-rc.d refuses them
# for the duration of the install.
set -euo pipefail

packages=(
  python3-icalendar python3-caldav python3-exchangelib chromium
  radicale xandikos
  davical postgresql apache2 libapache2-mod-php
  php-cli php-sabre-dav php-sabre-vobject php-sqlite3 php-xml php-mbstring
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: everything present"
  exit 0
fi

if [ "$(id -u)" != "0" ]; then
  echo "install-deps: missing packages (${missing[*]}) and not root; install them with apt-get as root" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}"
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=1
fi
trap '[ "$created_policy" = 1 ] && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
