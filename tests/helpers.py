"""Helpers for tests: building article sources, and requiring external tools."""

from __future__ import annotations

import os

import pytest


def strict() -> bool:
    """Under SSG_STRICT=1 (CI) a test whose external tool is missing fails instead of skipping."""
    return os.environ.get("SSG_STRICT") == "1"


def require_tool(found: bool, what: str) -> None:
    if not found:
        if strict():
            pytest.fail(f"{what} is required under SSG_STRICT=1 but was not found")
        pytest.skip(f"{what} not found")


def article(title: str = "عنوان", date: str = "2024-09-13", body: str = "نص.", **keys: str) -> str:
    """Markdown source of one article with YAML front-matter."""
    lines = [f'title: "{title}"', f"date: {date}"] + [f"{k}: {v}" for k, v in keys.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + body + "\n"
