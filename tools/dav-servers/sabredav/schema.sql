-- SabreDAV 1.8 PDO schema for SQLite (as in the package's examples), one user with Baikal's default collections.
CREATE TABLE users (id INTEGER PRIMARY KEY ASC, username TEXT, digesta1 TEXT, UNIQUE(username));
CREATE TABLE principals (id INTEGER PRIMARY KEY ASC, uri TEXT, email TEXT, displayname TEXT, vcardurl TEXT, UNIQUE(uri));
CREATE TABLE groupmembers (id INTEGER PRIMARY KEY ASC, principal_id INTEGER, member_id INTEGER, UNIQUE(principal_id, member_id));
CREATE TABLE calendars (id INTEGER PRIMARY KEY ASC, principaluri TEXT, displayname TEXT, uri TEXT, ctag INTEGER,
  description TEXT, calendarorder INTEGER, calendarcolor TEXT, timezone TEXT, components TEXT, transparent BOOL);
CREATE TABLE calendarobjects (id INTEGER PRIMARY KEY ASC, calendardata BLOB, uri TEXT, calendarid INTEGER,
  lastmodified INTEGER, etag TEXT, size INTEGER, componenttype TEXT, firstoccurence INTEGER, lastoccurence INTEGER);
CREATE TABLE addressbooks (id INTEGER PRIMARY KEY ASC, principaluri TEXT, displayname TEXT, uri TEXT, description TEXT, ctag INTEGER);
CREATE TABLE cards (id INTEGER PRIMARY KEY ASC, addressbookid INTEGER, carddata BLOB, uri TEXT, lastmodified INTEGER);
CREATE TABLE locks (id INTEGER PRIMARY KEY ASC, owner TEXT, timeout INTEGER, created INTEGER, token TEXT, scope INTEGER, depth INTEGER, uri TEXT);
