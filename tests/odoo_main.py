"""Odoo's command line as a file, for the servers that tests/rpc_server.py starts.

With ``--workers``, Odoo starts its longpolling process by running ``sys.executable sys.argv[0] gevent ...``:
under ``python -c`` that is ``python -c gevent``, which fails and is spawned again, many times a second.
"""
import odoo

odoo.cli.main()
