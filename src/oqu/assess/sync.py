"""Copy ``rules.json`` into ``oqu/player/scoring.js`` between its RULES markers.

Run ``python -m oqu.assess.sync`` after editing the rules; ``tests/assess`` fails while the
copy differs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from oqu.assess.scoring import rules

JS = Path(__file__).resolve().parents[1] / "player" / "scoring.js"
_BLOCK = re.compile(r"(// RULES-BEGIN[^\n]*\n)(.*?)(\n\s*// RULES-END)", re.S)


def rules_block() -> str:
    body = json.dumps(rules(), ensure_ascii=False, indent=2, sort_keys=True)
    return "  const RULES = " + body.replace("\n", "\n  ") + ";"


def js_rules(text: str) -> str:
    m = _BLOCK.search(text)
    return m.group(2) if m else ""


def sync() -> bool:
    """Rewrite the copy; True when the file changed."""
    text = JS.read_text("utf-8")
    new = _BLOCK.sub(lambda m: m.group(1) + rules_block() + m.group(3), text, count=1)
    if new != text:
        JS.write_text(new, "utf-8")
    return new != text


if __name__ == "__main__":
    print("updated" if sync() else "up to date")
