"""The two ways the command talks to Odoo, behind one small interface (``execute_kw`` and ``context``).

- ``OdoorpcClient``: JSON-RPC through odoorpc, with a login and a password (or an API key used as one): every
  Odoo from 11.0 to 19.0 serves it, but Odoo 19 deprecates ``/jsonrpc`` and schedules its removal for Odoo 20.
- ``Json2Client``: Odoo 19's JSON-2 API, ``POST /json/2/<model>/<method>`` with the arguments by name and an API
  key as a bearer token; the database goes in the ``X-Odoo-Database`` header.

Both raise ``ServerError`` when Odoo refuses a call, and let network errors through for the caller's retries.
"""
import json
import urllib.error
import urllib.request

import odoorpc

# JSON-2 takes every argument by name: the names of the positional arguments of the methods this command calls
# (the same on every Odoo the command supports).
POSITIONAL_NAMES = {
    "context_get": (),
    "importable_fields": (),
    "fields_get": ("allfields",),
    "search_read": ("domain",),
    "search_count": ("domain",),
    "import_batch": ("rows",),
}


class ServerError(Exception):
    """Odoo answered a call with an error; ``str()`` is its message (first line first)."""


class NotServed(Exception):
    """The server does not serve this transport (no JSON-2 before Odoo 19, no JSON-RPC after Odoo 19)."""


class AuthenticationFailed(Exception):
    """The login, password or API key was refused."""


class OdoorpcClient:
    """JSON-RPC through odoorpc: a login, and the user's password or an API key in its place."""
    name = "jsonrpc"

    def __init__(self, settings):
        self.settings = settings
        try:
            self.odoo = odoorpc.ODOO(settings.host, protocol=settings.protocol, port=settings.port,
                                     timeout=settings.timeout)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                raise NotServed("this server does not serve JSON-RPC (/jsonrpc)")
            raise
        except odoorpc.error.InternalError as error:
            raise ServerError(str(error))
        try:
            self.odoo.login(settings.db, settings.user, settings.password or settings.api_key)
        except odoorpc.error.RPCError as error:
            message = str(error)
            if "Wrong login" in message or "AccessDenied" in message or "Access denied" in message:
                raise AuthenticationFailed("wrong user or password for %r on database %r" % (
                    settings.user, settings.db))
            raise ServerError(message)

    @property
    def context(self):
        return self.odoo.env.context

    def execute_kw(self, model, method, args=(), kwargs=None):
        try:
            return self.odoo.execute_kw(model, method, list(args), kwargs or {})
        except odoorpc.error.RPCError as error:
            raise ServerError(str(error).strip() or repr(error))
        except urllib.error.HTTPError as error:
            if error.code == 404:
                raise NotServed("this server does not serve JSON-RPC (/jsonrpc)")
            raise

    def save(self, name, rc_file):
        self.odoo.save(name, rc_file)


class Json2Client:
    """Odoo 19's JSON-2 API with an API key; ``context`` is the user's, read once at connection."""
    name = "json2"

    def __init__(self, settings):
        self.settings = settings
        self._context = {}
        self._context = self.execute_kw("res.users", "context_get")

    @property
    def context(self):
        return self._context

    def execute_kw(self, model, method, args=(), kwargs=None):
        names = POSITIONAL_NAMES.get(method, ())
        if len(args) > len(names):
            raise TypeError("%s.%s: JSON-2 takes arguments by name; name the positional ones in "
                            "POSITIONAL_NAMES" % (model, method))
        body = dict(zip(names, args))
        body.update(kwargs or {})
        if self._context:
            body["context"] = dict(self._context, **body.get("context", {}))
        return self._post("/json/2/%s/%s" % (model, method), body)

    def _post(self, path, body):
        try:
            return self._request(path, body)
        except urllib.error.HTTPError as error:
            raise self._refusal(error) from None

    def _request(self, path, body):
        headers = {"Content-Type": "application/json; charset=utf-8", "X-Odoo-Database": self.settings.db,
                   "Authorization": "bearer %s" % self.settings.api_key}
        request = urllib.request.Request(self.settings.url + path, data=json.dumps(body).encode("utf-8"),
                                         headers=headers, method="POST")
        with urllib.request.urlopen(request, timeout=self.settings.timeout) as response:
            return json.loads(response.read().decode("utf-8"))

    def _refusal(self, error):
        """The exception an HTTP error answer stands for."""
        try:
            answer = json.loads(error.read().decode("utf-8"))
        except ValueError:
            answer = None
        if not (isinstance(answer, dict) and "arguments" in answer):
            # not JSON-2's answer (an HTML page or a JSON-RPC error): no such route here, or no such database
            if error.code == 404:
                return NotServed("this server does not serve JSON-2 (/json/2) for database %r" % self.settings.db)
            return error
        message = answer.get("message") or answer.get("name") or "HTTP %s" % error.code
        if error.code == 401:
            return AuthenticationFailed("the API key was refused on database %r (%s)" % (self.settings.db, message))
        return ServerError("%s\n%s" % (message, answer.get("name", "")))
