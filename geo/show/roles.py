"""Who may change the data through the page: visitors read, editors write.

An editor is, in this order:
- a user signed in with Streamlit's OIDC (``st.login``, configured under ``[auth]`` in
  ``.streamlit/secrets.toml``), when that sign-in is configured; if ``[tidemark] editors``
  lists e-mail addresses, only those;
- else whoever enters the editor token (``[tidemark] editor_token`` in the secrets, or
  ``$TIDEMARK_EDITOR_TOKEN``) in the sidebar;
- else, with no sign-in and no token configured, everybody, but ONLY when
  ``$TIDEMARK_OPEN_EDITING=1`` (a trusted machine: nothing sets it by default). Without it
  the page is read-only.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    """The visitor's role: ``editor`` is the name recorded with each change ("" for a reader)."""

    editor: str = ""
    how: str = ""  # "oidc", "token", "open" or "" (read-only)
    why: str = ""  # for a reader: how to become an editor

    @property
    def can_edit(self) -> bool:
        return bool(self.editor)


def _section(secrets: Mapping) -> Mapping:
    try:
        return secrets.get("tidemark", {}) or {}
    except Exception:  # noqa: BLE001 - st.secrets raises when no secrets file exists
        return {}


def oidc_configured(secrets: Mapping) -> bool:
    """Whether the secrets configure Streamlit's OIDC sign-in (an ``[auth]`` section)."""
    try:
        return "auth" in secrets
    except Exception:  # noqa: BLE001 - no secrets file
        return False


def editor_token(secrets: Mapping, environ: Mapping[str, str]) -> str:
    """The configured editor token: the secrets' ``[tidemark] editor_token``, else the environment's."""
    return str(_section(secrets).get("editor_token", "") or environ.get("TIDEMARK_EDITOR_TOKEN", ""))


def resolve_role(
    *,
    secrets: Mapping,
    environ: Mapping[str, str],
    user: Mapping | None = None,
    entered_token: str = "",
    name: str = "",
) -> Role:
    """The role of one visitor. ``user``: ``st.user`` (``is_logged_in``, ``email``, ``name``);
    ``name``: what a token editor calls themself (recorded with their changes)."""
    if oidc_configured(secrets):
        if not user or not user.get("is_logged_in"):
            return Role(why="Sign in to add reports or correct places.")
        who = str(user.get("email") or user.get("name") or "signed-in user")
        allowed = [str(e).casefold() for e in _section(secrets).get("editors", []) or []]
        if allowed and who.casefold() not in allowed:
            return Role(why=f"{who} is signed in but is not an editor of this map.")
        return Role(editor=who, how="oidc")
    token = editor_token(secrets, environ)
    if token:
        if entered_token and hmac.compare_digest(entered_token.encode(), token.encode()):
            return Role(editor=(name or "").strip()[:80] or "token editor", how="token")
        why = "Enter the editor token in the sidebar to add reports or correct places."
        return Role(why="Wrong editor token." if entered_token else why)
    if environ.get("TIDEMARK_OPEN_EDITING") == "1":
        return Role(editor="local editor", how="open")
    return Role(
        why="This page is read-only. Editing needs a sign-in, an editor token, or "
        "TIDEMARK_OPEN_EDITING=1 on a trusted machine (docs/deploy.md)."
    )
