<?php
/*
 * A Baikal-0.2-like CalDAV/CardDAV server: SabreDAV 1.8 (as Debian 12 ships it) with the PDO backends on SQLite and
 * Digest authentication (realm BaikalDAV), served by `php -S 127.0.0.1:PORT server.php` for the integration tests.
 * The database file comes from the environment variable SABREDAV_DB (created by servers.sh).
 * Layout: /dav.php/principals/, /dav.php/calendars/USER/default/, /dav.php/addressbooks/USER/default/.
 */

// SabreDAV 1.8 predates PHP 8: keep deprecation notices out of the responses.
error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED);
ini_set('display_errors', '0');
set_include_path('/usr/share/php' . PATH_SEPARATOR . get_include_path());
date_default_timezone_set('UTC');

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if ($path === '/.well-known/caldav' || $path === '/.well-known/carddav') {
    header('Location: /dav.php/', true, 301);
    exit;
}
if (strpos($path, '/dav.php') !== 0) {
    http_response_code(404);
    echo "Not found\n";
    exit;
}

set_error_handler(function ($errno, $errstr, $errfile, $errline) {
    if ($errno & (E_DEPRECATED | E_USER_DEPRECATED | E_NOTICE | E_USER_NOTICE | E_STRICT)) {
        return true;
    }
    throw new ErrorException($errstr, 0, $errno, $errfile, $errline);
});

require_once 'Sabre/autoload.php';

$db = getenv('SABREDAV_DB');
if ($db === false || $db === '') {
    $db = __DIR__ . '/db.sqlite';
}
$pdo = new \PDO('sqlite:' . $db);
$pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
$pdo->exec('PRAGMA busy_timeout = 5000');

$authBackend = new \Sabre\DAV\Auth\Backend\PDO($pdo);
$principalBackend = new \Sabre\DAVACL\PrincipalBackend\PDO($pdo);
$carddavBackend = new \Sabre\CardDAV\Backend\PDO($pdo);
$caldavBackend = new \Sabre\CalDAV\Backend\PDO($pdo);

$nodes = array(
    new \Sabre\CalDAV\Principal\Collection($principalBackend),
    new \Sabre\CalDAV\CalendarRootNode($principalBackend, $caldavBackend),
    new \Sabre\CardDAV\AddressBookRoot($principalBackend, $carddavBackend),
);

$server = new \Sabre\DAV\Server($nodes);
$server->setBaseUri('/dav.php/');
$server->addPlugin(new \Sabre\DAV\Auth\Plugin($authBackend, 'BaikalDAV'));
$server->addPlugin(new \Sabre\CalDAV\Plugin());
$server->addPlugin(new \Sabre\CardDAV\Plugin());
$server->addPlugin(new \Sabre\DAVACL\Plugin());
$server->exec();
