namespace ProadSync.Storage.Sqlite.Schema;

/// <summary>
/// The schema of one leading database. Explicit columns, enums as their names, times as ISO-8601 text with offset
/// (plus UTC ticks where the store queries by time), so a PostgreSQL store or a PROAD API adapter maps 1:1.
/// </summary>
internal static class StoreSchema
{
    /// <summary>Version 1: the tables.</summary>
    public static readonly Migration Tables = new(1, "tables: users, todos, contacts, accounts, links, state, journal, runs", """
        CREATE TABLE users (
            id                  INTEGER PRIMARY KEY,
            login               TEXT    NOT NULL COLLATE NOCASE UNIQUE,
            display_name        TEXT    NOT NULL,
            may_configure_sync  INTEGER NOT NULL CHECK (may_configure_sync IN (0, 1)),
            is_admin            INTEGER NOT NULL CHECK (is_admin IN (0, 1)),
            password_hash       TEXT
        );

        CREATE TABLE todos (
            id                  INTEGER PRIMARY KEY,
            kind                TEXT    NOT NULL CHECK (kind IN ('Appointment', 'Task')),
            subject             TEXT    NOT NULL,
            start_at            TEXT,
            start_utc_ticks     INTEGER,
            end_at              TEXT,
            end_utc_ticks       INTEGER,
            all_day             INTEGER NOT NULL CHECK (all_day IN (0, 1)),
            time_zone           TEXT,
            description         TEXT,
            description_format  TEXT    NOT NULL CHECK (description_format IN ('PlainText', 'Html')),
            location            TEXT,
            priority            TEXT    NOT NULL CHECK (priority IN ('Low', 'Normal', 'High')),
            show_as             TEXT    NOT NULL CHECK (show_as IN ('Free', 'Tentative', 'Busy', 'OutOfOffice')),
            status              TEXT    NOT NULL CHECK (status IN ('New', 'Started', 'Waiting', 'Deferred', 'Done', 'Cancelled')),
            reminder_at         TEXT,
            is_private          INTEGER NOT NULL CHECK (is_private IN (0, 1)),
            is_recurring        INTEGER NOT NULL CHECK (is_recurring IN (0, 1)),
            source_tag          TEXT,
            project_number      TEXT,
            project_name        TEXT,
            responsible_user_id INTEGER NOT NULL REFERENCES users (id),
            created_at          TEXT    NOT NULL,
            modified_at         TEXT    NOT NULL,
            revision            INTEGER NOT NULL CHECK (revision >= 1),
            externally_deleted  INTEGER NOT NULL CHECK (externally_deleted IN (0, 1)),
            CHECK (end_utc_ticks IS NULL OR start_utc_ticks IS NULL OR end_utc_ticks >= start_utc_ticks)
        );

        CREATE TABLE contacts (
            id                  INTEGER PRIMARY KEY,
            first_name          TEXT,
            last_name           TEXT,
            function            TEXT,
            company             TEXT,
            street              TEXT,
            postcode            TEXT,
            city                TEXT,
            country             TEXT,
            phone1              TEXT,
            phone2              TEXT,
            mobile              TEXT,
            fax                 TEXT,
            email1              TEXT,
            email2              TEXT,
            website             TEXT,
            source_tag          TEXT,
            active              INTEGER NOT NULL CHECK (active IN (0, 1)),
            revision            INTEGER NOT NULL CHECK (revision >= 1),
            modified_at         TEXT    NOT NULL
        );

        CREATE TABLE accounts (
            id                   INTEGER PRIMARY KEY,
            user_id              INTEGER NOT NULL UNIQUE REFERENCES users (id),
            enabled              INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            plugin_id            TEXT    NOT NULL,
            contact_plugin_id    TEXT,
            profile              TEXT,
            url                  TEXT,
            user_name            TEXT,
            protected_secret     TEXT,
            mode                 TEXT    NOT NULL CHECK (mode IN ('Export', 'OneWay', 'TwoWay', 'Full')),
            export_contacts      INTEGER NOT NULL CHECK (export_contacts IN (0, 1)),
            cutoff               TEXT,
            consecutive_failures INTEGER NOT NULL CHECK (consecutive_failures >= 0),
            last_error           TEXT,
            last_run_at          TEXT,
            bound_at             TEXT,
            disabled_reason      TEXT,
            options_json         TEXT    NOT NULL
        );

        CREATE TABLE links (
            account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            kind                TEXT    NOT NULL CHECK (kind IN ('Appointment', 'Task', 'Contact')),
            leading_id          INTEGER NOT NULL,
            identity            TEXT    NOT NULL,
            external_id         TEXT    NOT NULL,
            external_version    TEXT    NOT NULL,
            leading_revision    INTEGER NOT NULL,
            external_hash       TEXT,
            active              INTEGER NOT NULL CHECK (active IN (0, 1)),
            inactive_reason     TEXT,
            updated_at          TEXT    NOT NULL,
            PRIMARY KEY (account_id, kind, leading_id),
            UNIQUE (account_id, kind, external_id)
        );

        CREATE TABLE state (
            account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            key                 TEXT    NOT NULL,
            value               TEXT    NOT NULL,
            PRIMARY KEY (account_id, key)
        );

        CREATE TABLE journal (
            id                  INTEGER PRIMARY KEY,
            todo_id             INTEGER NOT NULL REFERENCES todos (id) ON DELETE CASCADE,
            account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            at                  TEXT    NOT NULL,
            at_utc_ticks        INTEGER NOT NULL,
            reason              TEXT    NOT NULL,
            external_id         TEXT    NOT NULL,
            external_version    TEXT    NOT NULL,
            content_json        TEXT    NOT NULL
        );

        CREATE TABLE runs (
            id                  INTEGER PRIMARY KEY,
            account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            started_at          TEXT    NOT NULL,
            started_utc_ticks   INTEGER NOT NULL,
            finished_at         TEXT,
            outcome             TEXT    NOT NULL CHECK (outcome IN ('running', 'succeeded', 'partial', 'failed', 'refused')),
            summary_json        TEXT,
            error               TEXT
        );
        """);

    /// <summary>Version 2: indexes for the engine's frequent queries.</summary>
    public static readonly Migration QueryIndexes = new(2, "indexes for candidate, link, journal and run queries", """
        CREATE INDEX ix_todos_responsible_end ON todos (responsible_user_id, end_utc_ticks);
        CREATE INDEX ix_links_item ON links (kind, leading_id);
        CREATE INDEX ix_journal_todo ON journal (todo_id, at_utc_ticks);
        CREATE INDEX ix_runs_account_started ON runs (account_id, started_utc_ticks);
        """);

    /// <summary>
    /// Version 3 (found by the chaos runs): a link may remember that its external item was deleted (an empty external id,
    /// export and 1-way), so the uniqueness of external ids holds only for non-empty ones; to-do and contact ids are
    /// never reused after a delete (a reused id would carry the same external identity and adopt the deleted item's
    /// external copy).
    /// </summary>
    public static readonly Migration LinksRememberGoneAndIdsNeverReused = new(3, "links may remember a deleted external item; ids are never reused", """
        CREATE TABLE links_v3 (
            account_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
            kind                TEXT    NOT NULL CHECK (kind IN ('Appointment', 'Task', 'Contact')),
            leading_id          INTEGER NOT NULL,
            identity            TEXT    NOT NULL,
            external_id         TEXT    NOT NULL,
            external_version    TEXT    NOT NULL,
            leading_revision    INTEGER NOT NULL,
            external_hash       TEXT,
            active              INTEGER NOT NULL CHECK (active IN (0, 1)),
            inactive_reason     TEXT,
            updated_at          TEXT    NOT NULL,
            PRIMARY KEY (account_id, kind, leading_id)
        );
        INSERT INTO links_v3 (account_id, kind, leading_id, identity, external_id, external_version, leading_revision, external_hash, active, inactive_reason, updated_at)
            SELECT account_id, kind, leading_id, identity, external_id, external_version, leading_revision, external_hash, active, inactive_reason, updated_at FROM links;
        DROP TABLE links;
        ALTER TABLE links_v3 RENAME TO links;
        CREATE UNIQUE INDEX ux_links_external ON links (account_id, kind, external_id) WHERE external_id <> '';
        CREATE INDEX ix_links_item ON links (kind, leading_id);

        CREATE TABLE id_high_water (
            name                TEXT    NOT NULL PRIMARY KEY,
            value               INTEGER NOT NULL
        );
        INSERT INTO id_high_water (name, value) SELECT 'todos', COALESCE(MAX(id), 0) FROM todos;
        INSERT INTO id_high_water (name, value) SELECT 'contacts', COALESCE(MAX(id), 0) FROM contacts;
        CREATE TRIGGER tr_todos_high_water AFTER INSERT ON todos
            BEGIN UPDATE id_high_water SET value = MAX(value, NEW.id) WHERE name = 'todos'; END;
        CREATE TRIGGER tr_contacts_high_water AFTER INSERT ON contacts
            BEGIN UPDATE id_high_water SET value = MAX(value, NEW.id) WHERE name = 'contacts'; END;
        """);

    /// <summary>
    /// Version 4: a change counter (one row) that triggers raise with every insert, update and delete of users, to-dos,
    /// contacts and links, in the writer's own transaction (<c>ILeadingSystem.GetChangeCounterAsync</c>, the engine's
    /// no-change fast path).
    /// </summary>
    public static readonly Migration ChangeCounter = new(4, "change counter raised by triggers on users, todos, contacts and links", """
        CREATE TABLE change_counter (
            id                  INTEGER PRIMARY KEY CHECK (id = 1),
            value               INTEGER NOT NULL
        );
        INSERT INTO change_counter (id, value) VALUES (1, 1);
        CREATE TRIGGER tr_users_change_insert AFTER INSERT ON users
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_users_change_update AFTER UPDATE ON users
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_users_change_delete AFTER DELETE ON users
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_todos_change_insert AFTER INSERT ON todos
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_todos_change_update AFTER UPDATE ON todos
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_todos_change_delete AFTER DELETE ON todos
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_contacts_change_insert AFTER INSERT ON contacts
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_contacts_change_update AFTER UPDATE ON contacts
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_contacts_change_delete AFTER DELETE ON contacts
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_links_change_insert AFTER INSERT ON links
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_links_change_update AFTER UPDATE ON links
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        CREATE TRIGGER tr_links_change_delete AFTER DELETE ON links
            BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
        """);

    /// <summary>All migrations, in order.</summary>
    public static readonly IReadOnlyList<Migration> Migrations = [Tables, QueryIndexes, LinksRememberGoneAndIdsNeverReused, ChangeCounter];
}
