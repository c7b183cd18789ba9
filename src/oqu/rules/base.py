"""What every rule module uses: :func:`finding` and :func:`t` (a message in kk/ru/en).

They are defined in :mod:`oqu.diagnostics` (so :mod:`oqu.smoke` says its one rule without
importing every rule here) and named here for the rules.
"""

from __future__ import annotations

from oqu.diagnostics import Entry, finding, msg, t

__all__ = ["Entry", "finding", "msg", "t"]
