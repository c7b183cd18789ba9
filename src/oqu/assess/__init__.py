"""Assessment: scoring, LMS interaction records and question banks (10.1.4, 10.4.4, 9.3.1).

The scoring rules live once, as data, in ``rules.json``; :mod:`oqu.assess.scoring` (Python, for
reports, the checker and bank export) and ``oqu/player/scoring.js`` (the learner's browser)
both follow it, and both run the shared vectors in ``vectors.json``.
"""

from __future__ import annotations

from oqu.assess.export import question_from_json, question_to_json
from oqu.assess.interactions import interaction
from oqu.assess.scoring import Outcome, draw, normalise_text, parse_number, right_response, score

__all__ = [
    "Outcome",
    "draw",
    "interaction",
    "normalise_text",
    "parse_number",
    "question_from_json",
    "question_to_json",
    "right_response",
    "score",
]
