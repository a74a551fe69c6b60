"""ssg's parts import only from the parts below them (README, Development): a stage never
knows the stages after it, and no part reaches sideways into another of its level."""

from __future__ import annotations

import ast
from pathlib import Path

import ssg

PACKAGE = Path(ssg.__file__).parent
# Lowest first. A module may import from its own part and from any lower level; the
# records every part uses (level 0) import only from each other.
LEVELS = {
    "article": 0, "config": 0, "digest": 0, "errors": 0, "fontfiles": 0, "generators": 0, "options": 0, "progress": 0,
    "text": 0, "__init__": 0,
    "reading": 1, "pictures": 1, "webfonts": 1, "wordpress": 1, "model": 2, "rendering": 3, "output": 3, "execution": 4,
    "incremental": 5,
    "search": 6, "build": 7, "commands": 8, "__main__": 9,
}


def imported_parts(path: Path) -> set[str]:
    """The parts of ssg that the module at PATH imports from (its own included)."""
    here = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[:-1])[:len(here) - node.level]
            target = base + (node.module.split(".") if node.module else [])
            found.add(target[0] if target else "__init__")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ssg."):
            found.add(node.module.split(".")[1])
    return found


def test_every_module_imports_only_from_its_own_part_and_the_parts_below():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        part = path.relative_to(PACKAGE).parts[0].removesuffix(".py")
        assert part in LEVELS, f"{part}: give the new part its level here and in the README"
        for other in imported_parts(path) - {part}:
            if LEVELS[other] > LEVELS[part] or (LEVELS[other] == LEVELS[part] and LEVELS[part] != 0):
                wrong.append(f"{path.relative_to(PACKAGE)} imports ssg.{other}")
    assert wrong == []
