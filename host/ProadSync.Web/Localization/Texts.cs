using System.Globalization;

namespace ProadSync.Web.Localization;

/// <summary>
/// The UI's texts in English and German, chosen per request (the language cookie, else the browser's
/// Accept-Language). The key is the English text; a missing German text falls back to it. Sentences from the host's
/// rules (refusals) are shown as the services word them.
/// </summary>
public sealed class Texts
{
    /// <summary>The cookie that keeps the chosen language.</summary>
    public const string CultureCookie = "proadsync.lang";

    /// <summary>The languages offered.</summary>
    public static IReadOnlyList<string> SupportedCultures { get; } = ["en", "de"];

    private static readonly Dictionary<string, string> German = new(StringComparer.Ordinal)
    {
        ["(green)"] = "(grün)",
        ["Change password"] = "Passwort ändern",
        ["Current password"] = "Aktuelles Passwort",
        ["Confirm new password"] = "Neues Passwort bestätigen",
        ["At least {0} characters."] = "Mindestens {0} Zeichen.",
        ["Your web sign-in password for this database."] = "Ihr Passwort für die Web-Anmeldung an dieser Datenbank.",
        ["The current password is wrong; nothing was changed."] = "Das aktuelle Passwort ist falsch; nichts wurde geändert.",
        ["The new password and its confirmation differ; nothing was changed."] = "Das neue Passwort und seine Bestätigung stimmen nicht überein; nichts wurde geändert.",
        ["The new password must have at least {0} characters; nothing was changed."] = "Das neue Passwort muss mindestens {0} Zeichen haben; nichts wurde geändert.",
        ["Your password was changed; sign in with the new one from now on. Your other sessions have ended."] = "Ihr Passwort wurde geändert; melden Sie sich ab jetzt mit dem neuen an. Ihre anderen Sitzungen wurden beendet.",
        ["Pages"] = "Seiten",
        ["Previous page"] = "Vorherige Seite",
        ["Next page"] = "Nächste Seite",
        ["Page {0} of {1}"] = "Seite {0} von {1}",
        ["A development licence: for demos and tests, not for production."] = "Eine Entwicklungslizenz: für Demos und Tests, nicht für den Produktivbetrieb.",
        ["Access denied"] = "Zugriff verweigert",
        ["Account of"] = "Konto von",
        ["Account"] = "Konto",
        ["Accounts"] = "Konten",
        ["All day"] = "Ganztägig",
        ["Back to my account"] = "Zurück zu meinem Konto",
        ["Back to the list"] = "Zurück zur Liste",
        ["Bound since"] = "Gebunden seit",
        ["CalDAV/Exchange synchronisation"] = "CalDAV/Exchange-Synchronisation",
        ["CalDAV: auto, generic, davical, baikal, radicale, xandikos; empty for the plugin's default."] = "CalDAV: auto, generic, davical, baikal, radicale, xandikos; leer für die Voreinstellung des Plugins.",
        ["Choose a licence file (or paste its text) first."] = "Bitte zuerst eine Lizenzdatei wählen (oder ihren Text einfügen).",
        ["Comment"] = "Bemerkung",
        ["Consecutive failures"] = "Fehlversuche in Folge",
        ["Cutoff date"] = "Stichtag",
        ["Database"] = "Datenbank",
        ["Databases and interfaces"] = "Datenbanken und Schnittstellen",
        ["Databases"] = "Datenbanken",
        ["Discarded content"] = "Verworfener Inhalt",
        ["Empty: run time minus 12 months."] = "Leer: Laufzeitpunkt minus 12 Monate.",
        ["Enable synchronisation"] = "Synchronisation aktivieren",
        ["Enabled"] = "Eingeschaltet",
        ["Error"] = "Fehler",
        ["Expires"] = "Gültig bis",
        ["Export contacts"] = "Kontakte exportieren",
        ["External id"] = "Externe ID",
        ["External version"] = "Externe Version",
        ["Externally deleted"] = "Extern gelöscht",
        ["Failed"] = "Fehlgeschlagen",
        ["Filter"] = "Filtern",
        ["Finished"] = "Beendet",
        ["Fix the cause (or enter the password again), tick \"Enable synchronisation\" and save."] = "Ursache beheben (oder das Passwort neu eingeben), „Synchronisation aktivieren“ ankreuzen und speichern.",
        ["From"] = "Von",
        ["How to resume"] = "Fortsetzen",
        ["Id"] = "ID",
        ["Install licence"] = "Lizenz installieren",
        ["Interface"] = "Schnittstelle",
        ["Interface '{0}' of database '{1}' is now enabled."] = "Die Schnittstelle „{0}“ der Datenbank „{1}“ ist jetzt eingeschaltet.",
        ["Interface '{0}' of database '{1}' is now disabled."] = "Die Schnittstelle „{0}“ der Datenbank „{1}“ ist jetzt ausgeschaltet.",
        ["Interfaces"] = "Schnittstellen",
        ["Journal of overwritten external versions"] = "Journal der überschriebenen externen Fassungen",
        ["Kind"] = "Art",
        ["Language"] = "Sprache",
        ["Last error"] = "Letzter Fehler",
        ["Last run"] = "Letzter Lauf",
        ["Licence file"] = "Lizenzdatei",
        ["Licence id"] = "Lizenz-ID",
        ["Licence installed"] = "Lizenz installiert",
        ["Licence"] = "Lizenz",
        ["Licensed"] = "Lizenziert",
        ["Licensee"] = "Lizenznehmer",
        ["Links"] = "Verknüpfungen",
        ["Location"] = "Ort",
        ["Login"] = "Anmeldename",
        ["Main navigation"] = "Hauptnavigation",
        ["Marker"] = "Markierung",
        ["May configure synchronisation"] = "Darf Synchronisation einrichten",
        ["Mode"] = "Modus",
        ["Modified"] = "Geändert",
        ["Most recent runs, newest first"] = "Letzte Läufe, neueste zuerst",
        ["My account"] = "Mein Konto",
        ["Name"] = "Name",
        ["New password"] = "Neues Passwort",
        ["No account yet: choose a plugin, fill in the fields and save."] = "Noch kein Konto: Plugin wählen, Felder ausfüllen und speichern.",
        ["No databases yet; add one with 'proadsync databases add NAME'."] = "Noch keine Datenbanken; mit „proadsync databases add NAME“ anlegen.",
        ["No external version was overwritten."] = "Keine externe Fassung wurde überschrieben.",
        ["No licence is installed."] = "Es ist keine Lizenz installiert.",
        ["No runs yet."] = "Noch keine Läufe.",
        ["No to-dos match."] = "Keine To-dos gefunden.",
        ["Not linked to any external item."] = "Mit keinem externen Eintrag verknüpft.",
        ["Note"] = "Hinweis",
        ["Outcome"] = "Ergebnis",
        ["Password"] = "Passwort",
        ["Plugin"] = "Plugin",
        ["Plugins found, with their state and why"] = "Gefundene Plugins mit Zustand und Grund",
        ["Plugins"] = "Plugins",
        ["Profile"] = "Profil",
        ["Project"] = "Auftrag",
        ["Properties"] = "Eigenschaften",
        ["Provides"] = "Bietet",
        ["Reason"] = "Grund",
        ["Recent runs"] = "Letzte Läufe",
        ["Responsible"] = "Verantwortlich",
        ["Revision"] = "Revision",
        ["Run finished"] = "Lauf beendet",
        ["Run now"] = "Jetzt ausführen",
        ["Runs"] = "Läufe",
        ["Save"] = "Speichern",
        ["Server URL or Exchange endpoint; for vdir the folder."] = "Server-URL oder Exchange-Endpunkt; bei vdir der Ordner.",
        ["Server URL"] = "Server-URL",
        ["Server manager"] = "Servermanager",
        ["Set a user's web password"] = "Web-Passwort eines Benutzers setzen",
        ["Set password"] = "Passwort setzen",
        ["Settings"] = "Einstellungen",
        ["Sign in"] = "Anmelden",
        ["Sign out"] = "Abmelden",
        ["Sign-in failed: database, login or password is wrong, or no password is set for this user."] = "Anmeldung fehlgeschlagen: Datenbank, Anmeldename oder Passwort ist falsch, oder für diesen Benutzer ist kein Passwort gesetzt.",
        ["Skip to content"] = "Zum Inhalt springen",
        ["Something went wrong; the details are in the host's log."] = "Etwas ist schiefgegangen; die Einzelheiten stehen im Protokoll des Hosts.",
        ["Started"] = "Gestartet",
        ["State"] = "Zustand",
        ["Status"] = "Status",
        ["Subject"] = "Betreff",
        ["Switch off"] = "Ausschalten",
        ["Switch on"] = "Einschalten",
        ["Switch"] = "Wechseln",
        ["Switched off because"] = "Ausgeschaltet, weil",
        ["Sync active"] = "Sync aktiv",
        ["Synchronisation"] = "Synchronisation",
        ["Synchronisation/Export per database and interface; green = licensed and switched on."] = "Synchronisation/Export je Datenbank und Schnittstelle; grün = lizenziert und eingeschaltet.",
        ["Synchronise again"] = "Wieder synchronisieren",
        ["Test result"] = "Prüfergebnis",
        ["Test"] = "Prüfen",
        ["The account was saved. Use Test to check the connection."] = "Das Konto wurde gespeichert. Mit „Prüfen“ die Verbindung testen.",
        ["The connection does not work; see the failed step below."] = "Die Verbindung funktioniert nicht; siehe den fehlgeschlagenen Schritt unten.",
        ["The connection works."] = "Die Verbindung funktioniert.",
        ["The licence file is too large; a licence file has a few kilobytes."] = "Die Lizenzdatei ist zu groß; eine Lizenzdatei hat wenige Kilobyte.",
        ["The mark \"externally deleted\" was removed; the next run synchronises the to-do again."] = "Die Markierung „extern gelöscht“ wurde entfernt; der nächste Lauf synchronisiert das To-do wieder.",
        ["The password of '{0}' was set."] = "Das Passwort von „{0}“ wurde gesetzt.",
        ["The server refused the user name or password; enter them again and save."] = "Der Server hat Benutzername oder Passwort abgelehnt; bitte neu eingeben und speichern.",
        ["There is no account to run yet."] = "Es gibt noch kein Konto, das laufen könnte.",
        ["There is no plugin '{0}'."] = "Es gibt kein Plugin „{0}“.",
        ["This user does not have the right \"may configure synchronisation\"; an admin can grant it."] = "Dieser Benutzer hat nicht das Recht „darf Synchronisation einrichten“; ein Admin kann es vergeben.",
        ["Tier"] = "Stufe",
        ["To"] = "Bis",
        ["To-do"] = "To-do",
        ["To-dos"] = "To-dos",
        ["Updated"] = "Aktualisiert",
        ["User name"] = "Benutzername",
        ["Users of the database, their accounts and runs"] = "Benutzer der Datenbank, ihre Konten und Läufe",
        ["Users"] = "Benutzer",
        ["Valid"] = "Gültig",
        ["Version"] = "Version",
        ["Web password"] = "Web-Passwort",
        ["Write-only: leave empty to keep the stored password."] = "Nur schreibbar: leer lassen, um das gespeicherte Passwort zu behalten.",
        ["You may see and change only your own account; this page needs an admin."] = "Sie dürfen nur Ihr eigenes Konto sehen und ändern; diese Seite erfordert einen Admin.",
        ["active"] = "aktiv",
        ["admin"] = "Admin",
        ["all"] = "alle",
        ["appointment"] = "Termin",
        ["created"] = "angelegt",
        ["deleted"] = "gelöscht",
        ["enabled"] = "aktiviert",
        ["green"] = "grün",
        ["imported"] = "importiert",
        ["In"] = "Herein",
        ["inactive"] = "inaktiv",
        ["marked deleted"] = "als gelöscht markiert",
        ["no"] = "nein",
        ["none"] = "keins",
        ["off"] = "aus",
        ["or paste the licence text"] = "oder den Lizenztext einfügen",
        ["Out"] = "Hinaus",
        ["set"] = "gesetzt",
        ["stored (encrypted)"] = "gespeichert (verschlüsselt)",
        ["task"] = "Aufgabe",
        ["to-do(s)"] = "To-do(s)",
        ["updated"] = "geändert",
        ["yes"] = "ja",
        ["mode:export"] = "Export",
        ["mode:one-way"] = "1-Weg",
        ["mode:two-way"] = "2-Wege",
        ["mode:full"] = "Vollsynchronisation",
        ["outcome:succeeded"] = "erfolgreich",
        ["outcome:partial"] = "teilweise",
        ["outcome:failed"] = "fehlgeschlagen",
        ["outcome:refused"] = "abgelehnt",
        ["outcome:skipped"] = "übersprungen",
        ["outcome:running"] = "läuft",
        ["outcome:dry-run"] = "Probelauf",
        ["Passed"] = "OK",
        ["Skipped"] = "Übersprungen",
        ["Warning"] = "Warnung",
    };

    private static readonly Dictionary<string, string> EnglishOverrides = new(StringComparer.Ordinal)
    {
        ["mode:export"] = "Export",
        ["mode:one-way"] = "1-way",
        ["mode:two-way"] = "2-way",
        ["mode:full"] = "Full sync",
        ["Passed"] = "OK",
    };

    /// <summary>The language of the current request: <c>de</c> or <c>en</c>.</summary>
    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? "de" : "en";

    /// <summary>The text for a key in the current request's language.</summary>
    /// <param name="key">The English text.</param>
    /// <returns>The text.</returns>
    public string this[string key] => Get(key, Language);

    /// <summary>The text for a key in a language.</summary>
    /// <param name="key">The English text.</param>
    /// <param name="language"><c>de</c> or <c>en</c>.</param>
    /// <returns>The text.</returns>
    public static string Get(string key, string language)
    {
        if (language == "de" && German.TryGetValue(key, out var de))
        {
            return de;
        }

        if (EnglishOverrides.TryGetValue(key, out var en))
        {
            return en;
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && key.StartsWith("outcome:", StringComparison.Ordinal) ? key[(colon + 1)..] : key;
    }

    /// <summary>Whether every key has a German text (for the tests).</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when translated.</returns>
    internal static bool HasGerman(string key) => German.ContainsKey(key);
}
