"""Where cnet keeps its files by default."""

from __future__ import annotations

import os
from pathlib import Path

APP = "cnet"


def default_db_path() -> Path:
    """Return the database in the platform's user data folder."""
    import platformdirs

    return platformdirs.user_data_path(APP, appauthor=False) / "cnet.db"


def config_dir() -> Path:
    """Return the user's config folder for cnet (policy, templates)."""
    import platformdirs

    return platformdirs.user_config_path(APP, appauthor=False)


def resolve_db_path(option: str | os.PathLike[str] | None) -> Path:
    """Return the database path from --db / CNET_DB, else the default."""
    if option:
        return Path(option).expanduser()
    env = os.environ.get("CNET_DB")
    if env:
        return Path(env).expanduser()
    return default_db_path()


def policy_path() -> Path:
    """The user's policy file: CNET_POLICY, else policy.toml in the user config folder."""
    env = os.environ.get("CNET_POLICY")
    if env:
        return Path(env).expanduser()
    return config_dir() / "policy.toml"
