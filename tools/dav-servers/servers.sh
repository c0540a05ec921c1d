#!/usr/bin/env bash
# Real CalDAV/CardDAV servers for the integration tests, bound to 127.0.0.1 only, state in a temp folder.
#
#   servers.sh install   apt-get the Debian 12 packages that are missing (no system service is started)
#   servers.sh start     start Radicale, Xandikos, DAViCal and a Baikal-like SabreDAV 1.8 on free ports,
#                        wait until each answers and write the env file (KEY=VALUE) the tests read
#   servers.sh stop      stop everything started by "start" and remove the state folder
#   servers.sh status    print the env file
#
# The state folder is $DAV_STATE_DIR (default: /tmp/proadsync-dav); the env file is $DAV_STATE_DIR/servers.env.
# Must run as root (apt-get, the PostgreSQL user switch, the DAViCal config in /etc/davical). Idempotent: "start"
# stops a previous instance first; "install" installs only what is missing.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${DAV_STATE_DIR:-/tmp/proadsync-dav}"
ENV_FILE="$STATE/servers.env"
DAV_USER="${DAV_USER:-test}"
DAV_PASSWORD="${DAV_PASSWORD:-test-Pa55}"
PY=/usr/bin/python3
PACKAGES=(radicale xandikos davical postgresql apache2 libapache2-mod-php php-cli php-sabre-dav php-sabre-vobject
  php-sqlite3 php-xml php-mbstring python3-caldav curl ca-certificates)
SECONDS_AT_START=$(date +%s.%N)

die() { echo "servers.sh: $*" >&2; exit 1; }

elapsed() { # elapsed seconds since $1 (a date +%s.%N value)
  awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'
}

log() { printf '[servers +%ss] %s\n' "$(elapsed "$SECONDS_AT_START")" "$*"; }

require_root() { [ "$(id -u)" = 0 ] || die "must run as root"; }

free_port() {
  "$PY" - <<'PYEOF'
import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])
s.close()
PYEOF
}

# wait_http URL [SECONDS]: poll until the server answers with any HTTP status.
wait_http() {
  local url=$1 limit=${2:-30} t0 code
  t0=$(date +%s.%N)
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 -X OPTIONS "$url" || true)
    if [ -n "$code" ] && [ "$code" != 000 ]; then return 0; fi
    if awk -v a="$t0" -v b="$(date +%s.%N)" -v l="$limit" 'BEGIN { exit !(b - a > l) }'; then
      return 1
    fi
    sleep 0.1
  done
}

# dav METHOD URL [BODY] [extra curl args...]: prints the status code.
dav() {
  local method=$1 url=$2 body=${3:-}
  shift 3 || shift $#
  if [ -n "$body" ]; then
    curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X "$method" -H 'Content-Type: application/xml; charset=utf-8' \
      --data-binary "$body" "$@" "$url"
  else
    curl -s -o /dev/null -w '%{http_code}' --max-time 20 -X "$method" "$@" "$url"
  fi
}

mkcalendar_body() { # $1 display name, $2.. components
  local name=$1; shift
  local comps=""
  for c in "$@"; do comps="$comps<C:comp name=\"$c\"/>"; done
  printf '<?xml version="1.0" encoding="utf-8"?><C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><D:set><D:prop><D:displayname>%s</D:displayname><C:supported-calendar-component-set>%s</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>' "$name" "$comps"
}

mkcol_addressbook_body() {
  printf '<?xml version="1.0" encoding="utf-8"?><D:mkcol xmlns:D="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><D:set><D:prop><D:resourcetype><D:collection/><CR:addressbook/></D:resourcetype><D:displayname>%s</D:displayname></D:prop></D:set></D:mkcol>' "$1"
}

# ---------------------------------------------------------------------------------------------------------- install
cmd_install() {
  require_root
  local missing=() p t0
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    log "install: all packages present"
    return 0
  fi
  log "install: missing ${missing[*]}"
  t0=$(date +%s.%N)
  local created_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    created_policy=1
  fi
  local rc=0
  {
    DEBIAN_FRONTEND=noninteractive apt-get update -q &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
  } > "${TMPDIR:-/tmp}/proadsync-dav-apt.log" 2>&1 || rc=$?
  if [ $created_policy = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
  if [ $rc != 0 ]; then
    tail -n 40 "${TMPDIR:-/tmp}/proadsync-dav-apt.log" >&2
    die "apt-get failed (exit $rc)"
  fi
  log "install: done in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------------------------------------------------- radicale
start_radicale() {
  local t0 port dir
  t0=$(date +%s.%N)
  port=$(free_port)
  dir="$STATE/radicale"
  mkdir -p "$dir/collections"
  # A second user without any collection, for discovery tests that must create the calendar.
  printf '%s:%s\n%s:%s\n' "$DAV_USER" "$DAV_PASSWORD" "$DAV_USER-empty" "$DAV_PASSWORD" > "$dir/users"
  cat > "$dir/config" <<EOF
[server]
hosts = 127.0.0.1:$port
[auth]
type = htpasswd
htpasswd_filename = $dir/users
htpasswd_encryption = plain
delay = 0
[rights]
type = owner_only
[storage]
filesystem_folder = $dir/collections
[web]
type = none
[logging]
level = warning
EOF
  setsid radicale --config "$dir/config" > "$dir/log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  local base="http://127.0.0.1:$port"
  wait_http "$base/" 30 || { cat "$dir/log" >&2; die "Radicale did not answer on $base"; }
  # A PROPFIND on the principal creates it; Radicale has no default collections (servers.md), we create none.
  dav PROPFIND "$base/$DAV_USER/" "" -u "$DAV_USER:$DAV_PASSWORD" -H 'Depth: 0' > /dev/null
  {
    echo "RADICALE_URL=$base/"
    echo "RADICALE_HOME=$base/$DAV_USER/"
    echo "RADICALE_EMPTY_USER=$DAV_USER-empty"
    echo "RADICALE_PID=$(cat "$dir/pid")"
    echo "RADICALE_PORT=$port"
  } >> "$ENV_FILE"
  log "radicale: up on $base in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------------------------------------------------- xandikos
start_xandikos() {
  local t0 port dir
  t0=$(date +%s.%N)
  port=$(free_port)
  dir="$STATE/xandikos"
  mkdir -p "$dir/data"
  setsid xandikos -d "$dir/data" --defaults -l 127.0.0.1 -p "$port" --current-user-principal /user/ \
    > "$dir/log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  local base="http://127.0.0.1:$port"
  wait_http "$base/" 30 || { cat "$dir/log" >&2; die "Xandikos did not answer on $base"; }
  {
    echo "XANDIKOS_URL=$base/"
    echo "XANDIKOS_HOME=$base/user/calendars/"
    echo "XANDIKOS_CALENDAR_URL=$base/user/calendars/calendar/"
    echo "XANDIKOS_ADDRESSBOOK_URL=$base/user/contacts/addressbook/"
    echo "XANDIKOS_PID=$(cat "$dir/pid")"
    echo "XANDIKOS_PORT=$port"
  } >> "$ENV_FILE"
  log "xandikos: up on $base in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------------------------------------------------- davical
DAVICAL_CONF_DIR=/etc/davical/proadsync.d
DAVICAL_MARKER="ProadSync dav-servers dispatcher"

write_davical_dispatchers() {
  local name f
  for name in 127.0.0.1 localhost; do
    f="/etc/davical/$name-conf.php"
    if [ -e "$f" ] && ! grep -q -e "$DAVICAL_MARKER" -e "ProadSync's tools/dav-servers/servers.sh" "$f"; then
      die "$f exists and was not written by servers.sh; move it away to run the test DAViCal"
    fi
    cat > "$f.tmp" <<'EOF'
<?php
// ProadSync dav-servers dispatcher: each test DAViCal (tools/dav-servers/servers.sh) has its own config per port.
$proadsync_conf = '/etc/davical/proadsync.d/' . intval($_SERVER['SERVER_PORT']) . '.php';
if (file_exists($proadsync_conf)) {
  include($proadsync_conf);
}
EOF
    chmod 644 "$f.tmp"
    mv -f "$f.tmp" "$f"
  done
}

remove_davical_dispatchers_if_unused() {
  local name f
  if [ -d "$DAVICAL_CONF_DIR" ] && [ -z "$(ls -A "$DAVICAL_CONF_DIR")" ]; then
    rmdir "$DAVICAL_CONF_DIR" 2>/dev/null || true
    for name in 127.0.0.1 localhost; do
      f="/etc/davical/$name-conf.php"
      if [ -f "$f" ] && grep -q "$DAVICAL_MARKER" "$f"; then rm -f "$f"; fi
    done
  fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1; }

start_davical() {
  local t0 port pgport dir pgbin
  t0=$(date +%s.%N)
  port=$(free_port)
  pgport=$(free_port)
  dir="$STATE/davical"
  pgbin=$(pg_bin)
  mkdir -p "$dir/pg" "$dir/sock" "$dir/run" "$dir/lock"
  chown -R postgres:postgres "$dir/pg" "$dir/sock"
  chmod 755 "$STATE" "$dir"
  runuser -u postgres -- "$pgbin/initdb" -D "$dir/pg/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 --no-sync \
    > "$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 30 start \
    -o "-p $pgport -c listen_addresses=127.0.0.1 -k $dir/sock -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    > "$dir/pg_ctl.log" 2>&1 || { cat "$dir/pg_ctl.log" "$dir/pg/postgres.log" >&2; die "PostgreSQL did not start"; }
  echo "$pgport" > "$dir/pgport"
  log "davical: PostgreSQL up on 127.0.0.1:$pgport after $(elapsed "$t0") s"

  (cd /usr/share/davical/dba &&
    PGHOST=127.0.0.1 PGPORT=$pgport PGUSER=postgres ./create-database.sh davical "admin-$DAV_PASSWORD") \
    > "$dir/create-database.log" 2>&1 || { cat "$dir/create-database.log" >&2; die "DAViCal create-database.sh failed"; }
  log "davical: database created after $(elapsed "$t0") s"

  # The user with DAViCal's default collections, as its admin page would create them (CreateHomeCollections:
  # calendar/, .out/, .in/, addresses/).
  PGHOST=127.0.0.1 PGPORT=$pgport psql -qXAt -U postgres -v ON_ERROR_STOP=1 davical > "$dir/user.log" 2>&1 <<EOF ||
INSERT INTO usr (active, email_ok, updated, username, password, fullname, email)
  VALUES (TRUE, current_date, current_date, '$DAV_USER', '**$DAV_PASSWORD', 'Test User', '$DAV_USER@example.invalid');
INSERT INTO principal (type_id, user_no, displayname, default_privileges)
  SELECT 1, user_no, fullname, NULL FROM usr WHERE username = '$DAV_USER';
INSERT INTO collection (user_no, parent_container, dav_name, dav_etag, dav_displayname, is_calendar, is_addressbook,
    default_privileges, created, modified, resourcetypes)
  SELECT user_no, '/$DAV_USER/', '/$DAV_USER/' || c.name || '/', '-1', 'Test User' || c.suffix, c.cal, NOT c.cal, NULL,
    current_timestamp, current_timestamp,
    CASE WHEN c.cal THEN '<DAV::collection/><urn:ietf:params:xml:ns:caldav:calendar/>'
         ELSE '<DAV::collection/><urn:ietf:params:xml:ns:carddav:addressbook/>' END
  FROM usr, (VALUES ('calendar', ' calendar', TRUE), ('.out', ' Outbox', TRUE), ('.in', ' Inbox', TRUE),
                    ('addresses', ' addressbook', FALSE)) AS c(name, suffix, cal)
  WHERE username = '$DAV_USER';
EOF
  { cat "$dir/user.log" >&2; die "creating the DAViCal user failed"; }

  # DAViCal reads /etc/davical/<SERVER_NAME>-conf.php. Several instances (parallel test runs, other worktrees) share
  # that file, so it only dispatches by port to /etc/davical/proadsync.d/<PORT>.php, which belongs to this instance.
  write_davical_dispatchers
  mkdir -p "$DAVICAL_CONF_DIR"
  cat > "$DAVICAL_CONF_DIR/$port.php" <<EOF
<?php
// DAViCal on 127.0.0.1:$port for ProadSync's integration tests (state: $dir); removed by "servers.sh stop".
\$c->pg_connect[] = "host=127.0.0.1 port=$pgport dbname=davical user=davical_app";
\$c->http_auth_mode = "Basic";
\$c->system_name = "DAViCal test server";
\$c->admin_email = "admin@example.invalid";
\$c->restrict_setup_to_admin = true;
EOF
  chmod 644 "$DAVICAL_CONF_DIR/$port.php"
  echo "$DAVICAL_CONF_DIR/$port.php" > "$dir/etc-files"

  local modules=/usr/lib/apache2/modules php_so
  php_so=$(ls "$modules"/libphp*.so | head -n 1)
  cat > "$dir/apache2.conf" <<EOF
ServerRoot "$dir"
DefaultRuntimeDir "$dir/run"
PidFile "$dir/run/apache2.pid"
Mutex file:$dir/lock default
Listen 127.0.0.1:$port
ServerName 127.0.0.1
User www-data
Group www-data
ErrorLog "$dir/error.log"
LogLevel warn
LoadModule mpm_prefork_module $modules/mod_mpm_prefork.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule mime_module $modules/mod_mime.so
LoadModule dir_module $modules/mod_dir.so
LoadModule rewrite_module $modules/mod_rewrite.so
LoadModule env_module $modules/mod_env.so
LoadModule setenvif_module $modules/mod_setenvif.so
LoadModule php_module $php_so
StartServers 4
MinSpareServers 2
MaxSpareServers 6
MaxRequestWorkers 16
KeepAlive On
TypesConfig /etc/mime.types
DocumentRoot /usr/share/davical/htdocs
DirectoryIndex index.php
<FilesMatch "\.php\$">
  SetHandler application/x-httpd-php
</FilesMatch>
<Directory /usr/share/davical/htdocs>
  AllowOverride None
  Require all granted
  AcceptPathInfo On
  php_value include_path /usr/share/awl/inc
  php_value magic_quotes_gpc 0
  php_value register_globals 0
  php_value error_reporting "E_ALL & ~E_NOTICE & ~E_DEPRECATED"
  php_value default_charset "utf-8"
</Directory>
<Directory />
  Require all denied
</Directory>
RewriteEngine On
RewriteRule ^/\.well-known/(.*)\$ /caldav.php/.well-known/\$1 [NC,L,PT]
EOF
  apache2 -f "$dir/apache2.conf" -k start > "$dir/apache-start.log" 2>&1 ||
    { cat "$dir/apache-start.log" "$dir/error.log" >&2 2>/dev/null; die "Apache for DAViCal did not start"; }
  local base="http://127.0.0.1:$port"
  wait_http "$base/caldav.php/" 30 || { cat "$dir/error.log" >&2; die "DAViCal did not answer on $base"; }
  local i
  for i in $(seq 1 50); do [ -s "$dir/run/apache2.pid" ] && break; sleep 0.1; done
  {
    echo "DAVICAL_URL=$base/caldav.php/"
    echo "DAVICAL_ROOT_URL=$base/"
    echo "DAVICAL_HOME=$base/caldav.php/$DAV_USER/"
    echo "DAVICAL_CALENDAR_URL=$base/caldav.php/$DAV_USER/calendar/"
    echo "DAVICAL_ADDRESSBOOK_URL=$base/caldav.php/$DAV_USER/addresses/"
    echo "DAVICAL_PID=$(cat "$dir/run/apache2.pid")"
    echo "DAVICAL_PORT=$port"
    echo "DAVICAL_PG_PORT=$pgport"
  } >> "$ENV_FILE"
  log "davical: up on $base in $(elapsed "$t0") s"
}

stop_davical() {
  local dir="$STATE/davical" pgbin
  if [ -f "$dir/apache2.conf" ]; then
    apache2 -f "$dir/apache2.conf" -k stop > /dev/null 2>&1 || true
    local pid
    pid=$(cat "$dir/run/apache2.pid" 2>/dev/null || true)
    for _ in $(seq 1 50); do
      if [ -z "$pid" ] || ! alive "$pid"; then break; fi
      sleep 0.1
    done
    if [ -n "$pid" ] && alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  if [ -d "$dir/pg/data" ]; then
    pgbin=$(pg_bin)
    runuser -u postgres -- "$pgbin/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 20 stop > /dev/null 2>&1 || true
  fi
  if [ -f "$dir/etc-files" ]; then
    while read -r f; do case "$f" in "$DAVICAL_CONF_DIR"/*.php) rm -f "$f" ;; esac; done < "$dir/etc-files"
    remove_davical_dispatchers_if_unused
  fi
}

# ---------------------------------------------------------------------------------------------------------- sabredav
start_sabredav() {
  local t0 port dir
  t0=$(date +%s.%N)
  port=$(free_port)
  dir="$STATE/sabredav"
  mkdir -p "$dir"
  local a1
  a1=$(printf '%s' "$DAV_USER:BaikalDAV:$DAV_PASSWORD" | md5sum | cut -d' ' -f1)
  "$PY" - "$dir/db.sqlite" "$HERE/sabredav/schema.sql" "$DAV_USER" "$a1" <<'PYEOF'
import sqlite3, sys
db, schema, user, a1 = sys.argv[1:5]
con = sqlite3.connect(db)
con.executescript(open(schema, encoding="utf-8").read())
con.execute("INSERT INTO users (username, digesta1) VALUES (?, ?)", (user, a1))
for uri in (f"principals/{user}", f"principals/{user}/calendar-proxy-read", f"principals/{user}/calendar-proxy-write"):
    con.execute("INSERT INTO principals (uri, email, displayname) VALUES (?, ?, ?)",
                (uri, f"{user}@example.invalid" if uri.count("/") == 1 else None, "Test User" if uri.count("/") == 1 else None))
con.execute("INSERT INTO calendars (principaluri, displayname, uri, ctag, description, calendarorder, calendarcolor, "
            "timezone, components, transparent) VALUES (?, 'Default calendar', 'default', 1, '', 0, '', NULL, "
            "'VEVENT,VTODO', 0)", (f"principals/{user}",))
con.execute("INSERT INTO addressbooks (principaluri, displayname, uri, description, ctag) "
            "VALUES (?, 'Default Address Book', 'default', '', 1)", (f"principals/{user}",))
con.commit()
con.close()
PYEOF
  chmod 666 "$dir/db.sqlite"
  SABREDAV_DB="$dir/db.sqlite" PHP_CLI_SERVER_WORKERS=4 setsid php -d error_reporting=24575 -d display_errors=0 \
    -d include_path=".:/usr/share/php" -S "127.0.0.1:$port" -t "$HERE/sabredav" "$HERE/sabredav/server.php" \
    > "$dir/log" 2>&1 < /dev/null &
  echo $! > "$dir/pid"
  local base="http://127.0.0.1:$port"
  wait_http "$base/dav.php/" 30 || { cat "$dir/log" >&2; die "SabreDAV did not answer on $base"; }
  {
    echo "SABREDAV_URL=$base/dav.php/"
    echo "SABREDAV_ROOT_URL=$base/"
    echo "SABREDAV_HOME=$base/dav.php/calendars/$DAV_USER/"
    echo "SABREDAV_CALENDAR_URL=$base/dav.php/calendars/$DAV_USER/default/"
    echo "SABREDAV_ADDRESSBOOK_URL=$base/dav.php/addressbooks/$DAV_USER/default/"
    echo "SABREDAV_PID=$(cat "$dir/pid")"
    echo "SABREDAV_PORT=$port"
  } >> "$ENV_FILE"
  log "sabredav: up on $base in $(elapsed "$t0") s"
}

# ---------------------------------------------------------------------------------------------------------- start/stop
# alive PID: the process exists and is not a zombie (in a container nobody may reap it).
alive() {
  local st
  # The third field of /proc/PID/stat is the state (no procps needed on a bare Debian).
  st=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)
  [ -n "$st" ] && [ "$st" != Z ]
}

kill_pidfile() {
  local f=$1 pid
  [ -f "$f" ] || return 0
  pid=$(cat "$f" 2>/dev/null || true)
  [ -n "$pid" ] || return 0
  if alive "$pid"; then
    # setsid made the server a process-group leader: end the group (php -S workers, radicale children).
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  fi
}

cmd_stop() {
  require_root
  local t0
  t0=$(date +%s.%N)
  if [ -d "$STATE" ]; then
    kill_pidfile "$STATE/radicale/pid"
    kill_pidfile "$STATE/xandikos/pid"
    kill_pidfile "$STATE/sabredav/pid"
    stop_davical
    rm -rf "$STATE"
  fi
  log "stop: done in $(elapsed "$t0") s"
}

cmd_start() {
  require_root
  local t0
  t0=$(date +%s.%N)
  for tool in radicale xandikos apache2 php curl "$PY"; do
    command -v "$tool" > /dev/null || die "$tool is missing: run '$0 install' first"
  done
  [ -x /usr/share/davical/dba/create-database.sh ] || die "davical is missing: run '$0 install' first"
  if [ -d "$STATE" ]; then cmd_stop; fi
  mkdir -p "$STATE"
  chmod 755 "$STATE"
  : > "$ENV_FILE"
  {
    echo "DAV_STATE_DIR=$STATE"
    echo "DAV_USER=$DAV_USER"
    echo "DAV_PASSWORD=$DAV_PASSWORD"
  } >> "$ENV_FILE"
  start_radicale
  start_xandikos
  start_sabredav
  start_davical
  echo "DAV_READY=1" >> "$ENV_FILE"
  log "start: all four servers up in $(elapsed "$t0") s; env file $ENV_FILE"
}

case "${1:-}" in
  install) cmd_install ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  restart) cmd_stop; cmd_start ;;
  status) [ -f "$ENV_FILE" ] && cat "$ENV_FILE" || { echo "not running"; exit 1; } ;;
  env-file) echo "$ENV_FILE" ;;
  *) echo "usage: $0 install|start|stop|restart|status|env-file" >&2; exit 2 ;;
esac
