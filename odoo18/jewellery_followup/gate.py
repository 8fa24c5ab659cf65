# Copyright 2026 jewellery_followup contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The key of the one gate: records in the engine's hands may write the follow-up's protected fields."""

ENGINE_KEY = "jewellery_followup_engine"
# Not JSON: no RPC context can carry it, so only the engine can open the gate of the protected fields.
_ENGINE_TOKEN = object()


def through_engine(records):
    """``records`` in the engine's hands: they may write the follow-up's protected fields."""
    return records.with_context(**{ENGINE_KEY: _ENGINE_TOKEN})


def is_engine(records):
    return records.env.context.get(ENGINE_KEY) is _ENGINE_TOKEN
