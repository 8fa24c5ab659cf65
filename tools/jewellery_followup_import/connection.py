"""Where to connect, as whom and how: flags, then environment variables, then an odoorpc saved session.

The password and the API key are never printed: not in messages, not in errors.
"""
import getpass
import http.client
import json
import os
import socket
import sys
import urllib.error

import odoorpc.session

from .transport import AuthenticationFailed, Json2Client, NotServed, OdoorpcClient, ServerError

ENVIRONMENT = {
    "host": "ODOO_HOST",
    "port": "ODOO_PORT",
    "protocol": "ODOO_PROTOCOL",
    "db": "ODOO_DB",
    "user": "ODOO_USER",
    "password": "ODOO_PASSWORD",
    "api_key": "ODOO_API_KEY",
    "transport": "ODOO_TRANSPORT",
}
DEFAULTS = {"host": "localhost", "port": 8069, "protocol": "jsonrpc", "transport": "auto"}
TRANSPORTS = ("auto", "jsonrpc", "json2")


class ConnectionFailed(Exception):
    """Cannot reach the server or log in; the message is meant for the user."""


class SettingsError(Exception):
    """The connection settings are incomplete or invalid (a usage error)."""


class Settings:
    """The resolved connection settings; ``describe()`` is safe to print (no password)."""

    def __init__(self, host, port, protocol, db, user, password, timeout, api_key=None, transport="auto"):
        self.host, self.port, self.protocol = host, port, protocol
        self.db, self.user, self.password, self.timeout = db, user, password, timeout
        self.api_key, self.transport = api_key, transport

    @property
    def url(self):
        return "%s://%s:%s" % ("https" if self.protocol == "jsonrpc+ssl" else "http", self.host, self.port)

    def describe(self):
        if self.user:
            return "database %r at %s as %r" % (self.db, self.url, self.user)
        return "database %r at %s with an API key" % (self.db, self.url)

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
    if values["transport"] not in TRANSPORTS:
        raise SettingsError("the transport must be auto, jsonrpc or json2 (got %r)" % values["transport"])
    if not values["db"]:
        raise SettingsError("which database? give --db, ODOO_DB or --session")
    if values["transport"] == "json2" and not values["api_key"]:
        raise SettingsError("JSON-2 needs an API key: give --api-key or ODOO_API_KEY (Odoo: Preferences > "
                            "Account Security > New API Key)")
    if values["api_key"] and values["transport"] != "jsonrpc":
        return Settings(timeout=args.timeout, **values)  # the key says who: no login, no password
    if not values["user"]:
        raise SettingsError("which user? give --user, ODOO_USER or --session")
    if not values["password"] and not values["api_key"]:
        if sys.stdin.isatty():
            try:
                values["password"] = getpass.getpass("Odoo password for %s: " % values["user"])
            except EOFError:
                values["password"] = None
        if not values["password"]:
            raise SettingsError("no password: give --password, ODOO_PASSWORD, --session or an API key "
                                "(--api-key, ODOO_API_KEY)")
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
    """A logged-in client (``transport.OdoorpcClient`` or ``Json2Client``); raises ConnectionFailed with a clear
    message otherwise. ``auto`` takes JSON-2 when there is an API key and the server serves it (Odoo 19 and
    later), and JSON-RPC through odoorpc otherwise."""
    try:
        if settings.transport == "json2" or (settings.transport == "auto" and settings.api_key):
            try:
                return Json2Client(settings)
            except NotServed:
                if settings.transport == "json2" or not settings.user:
                    raise
        return OdoorpcClient(settings)
    except NotServed as error:
        hint = (" (before Odoo 19: use --transport jsonrpc with --user and the key or password)"
                if "JSON-2" in str(error) else
                " (Odoo 19 and later: give an API key, --api-key or ODOO_API_KEY, for JSON-2)")
        raise ConnectionFailed("%s at %s%s" % (error, settings.url, hint))
    except AuthenticationFailed as error:
        raise ConnectionFailed("login refused: %s" % error)
    except ServerError as error:
        message = str(error)
        if "does not exist" in message and settings.db in message:
            raise ConnectionFailed("database %r does not exist on %s" % (settings.db, settings.url))
        raise ConnectionFailed("cannot log in to %s: %s" % (settings.describe(), message.splitlines()[0]))
    except NETWORK_ERRORS as error:
        raise ConnectionFailed(describe_network_error(settings, error) or str(error))
