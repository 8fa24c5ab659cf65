"""Where to connect and as whom: flags, then environment variables, then an odoorpc saved session.

The password is never printed: not in messages, not in errors.
"""
import getpass
import http.client
import json
import os
import socket
import sys
import urllib.error

import odoorpc
import odoorpc.session

ENVIRONMENT = {
    "host": "ODOO_HOST",
    "port": "ODOO_PORT",
    "protocol": "ODOO_PROTOCOL",
    "db": "ODOO_DB",
    "user": "ODOO_USER",
    "password": "ODOO_PASSWORD",
}
DEFAULTS = {"host": "localhost", "port": 8069, "protocol": "jsonrpc"}


class ConnectionFailed(Exception):
    """Cannot reach the server or log in; the message is meant for the user."""


class SettingsError(Exception):
    """The connection settings are incomplete or invalid (a usage error)."""


class Settings:
    """The resolved connection settings; ``describe()`` is safe to print (no password)."""

    def __init__(self, host, port, protocol, db, user, password, timeout):
        self.host, self.port, self.protocol = host, port, protocol
        self.db, self.user, self.password, self.timeout = db, user, password, timeout

    @property
    def url(self):
        return "%s://%s:%s" % ("https" if self.protocol == "jsonrpc+ssl" else "http", self.host, self.port)

    def describe(self):
        return "database %r at %s as %r" % (self.db, self.url, self.user)

    def __repr__(self):  # never the password
        return "Settings(%s)" % self.describe()


def resolve(args, environ=None):
    """Settings from the parsed arguments, the environment and the saved session (in that order)."""
    environ = os.environ if environ is None else environ
    session = {}
    session_name = args.session or environ.get("ODOO_SESSION")
    if session_name:
        rc_file = args.session_file
        try:
            data = odoorpc.session.get(session_name, rc_file)
        except ValueError:
            raise SettingsError("no odoorpc session named %r in %s" % (session_name, rc_file))
        except OSError as error:
            raise SettingsError("cannot read the odoorpc sessions file %s: %s" % (rc_file, error))
        session = {"host": data.get("host"), "port": data.get("port"), "protocol": data.get("protocol"),
                   "db": data.get("database"), "user": data.get("user"), "password": data.get("passwd")}
    values = {}
    for key, variable in ENVIRONMENT.items():
        value = getattr(args, key, None)
        if value in (None, ""):
            value = environ.get(variable) or None
        if value in (None, ""):
            value = session.get(key)
        if value in (None, ""):
            value = DEFAULTS.get(key)
        values[key] = value
    try:
        values["port"] = int(values["port"])
    except (TypeError, ValueError):
        raise SettingsError("the port must be a number (got %r)" % values["port"])
    if values["protocol"] not in ("jsonrpc", "jsonrpc+ssl"):
        raise SettingsError("the protocol must be jsonrpc or jsonrpc+ssl (got %r)" % values["protocol"])
    if not values["db"]:
        raise SettingsError("which database? give --db, ODOO_DB or --session")
    if not values["user"]:
        raise SettingsError("which user? give --user, ODOO_USER or --session")
    if not values["password"]:
        if sys.stdin.isatty():
            try:
                values["password"] = getpass.getpass("Odoo password for %s: " % values["user"])
            except EOFError:
                values["password"] = None
        if not values["password"]:
            raise SettingsError("no password: give --password, ODOO_PASSWORD or --session")
    return Settings(timeout=args.timeout, **values)


def describe_network_error(settings, error):
    """A sentence for a network-level failure, or None when ``error`` is not one."""
    reason = getattr(error, "reason", error)
    if isinstance(error, urllib.error.HTTPError):
        return "%s answered HTTP %s %s: is it an Odoo server? (check --host and --port)" % (
            settings.url, error.code, error.reason)
    if isinstance(reason, ConnectionRefusedError):
        return "cannot reach Odoo at %s: connection refused (is the server running? check --host and --port)" % (
            settings.url)
    if isinstance(reason, socket.gaierror):
        return "cannot reach Odoo at %s: unknown host %r" % (settings.url, settings.host)
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "Odoo at %s did not answer within %s seconds" % (settings.url, settings.timeout)
    if isinstance(reason, (ConnectionError, OSError, http.client.HTTPException)):
        return "cannot talk to Odoo at %s: %s" % (settings.url, reason or type(reason).__name__)
    if isinstance(error, (ValueError, json.JSONDecodeError)):
        return "%s does not answer like an Odoo server (check --host and --port)" % settings.url
    return None


NETWORK_ERRORS = (urllib.error.URLError, OSError, http.client.HTTPException, ValueError)


def connect(settings):
    """A logged-in ``odoorpc.ODOO``; raises ConnectionFailed with a clear message otherwise."""
    try:
        odoo = odoorpc.ODOO(settings.host, protocol=settings.protocol, port=settings.port,
                            timeout=settings.timeout)
    except NETWORK_ERRORS as error:
        raise ConnectionFailed(describe_network_error(settings, error) or str(error))
    except odoorpc.error.InternalError as error:
        raise ConnectionFailed("cannot talk to Odoo at %s: %s" % (settings.url, error))
    try:
        odoo.login(settings.db, settings.user, settings.password)
    except odoorpc.error.RPCError as error:
        message = str(error)
        if "Wrong login" in message or "AccessDenied" in message or "Access denied" in message:
            raise ConnectionFailed("login refused: wrong user or password for %r on database %r" % (
                settings.user, settings.db))
        if "does not exist" in message and settings.db in message:
            raise ConnectionFailed("database %r does not exist on %s" % (settings.db, settings.url))
        raise ConnectionFailed("cannot log in to %s: %s" % (settings.describe(), message.splitlines()[0]))
    except NETWORK_ERRORS as error:
        raise ConnectionFailed(describe_network_error(settings, error) or str(error))
    return odoo
