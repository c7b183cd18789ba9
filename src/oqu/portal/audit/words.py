"""The audit log's entries as sentences (issue 15.8): the history on a resource's, a plan's, a
person's or a unit's page says "returned version 1 for revision", not
``review.return: in_review → returned``. The log itself (clause 12) keeps the codes: they are
hashed, and the audit page shows them to those who read the log.

Every action code an action appends has its sentence here (``tests/portal/audit/test_history.py``
finds the codes in the source and fails on one without a sentence); a code without one — an
entry written by an older or newer version of the portal — is shown as the code.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from oqu.portal.people.models import Role

# code → the sentence; ``%(name)s`` is filled from the entry's data (and ``role`` from its state)
SENTENCES: dict[str, Any] = {
    "audit.keyed": _("the audit log is chained with a key from here on"),
    "resource.create": _("created the resource"),
    "resource.edit": _("changed the record"),
    "resource.authors": _("changed the authors"),
    "resource.submit": _("submitted version %(version)s to the Center"),
    "resource.check_failed": _("the check of version %(version)s could not run: back to draft"),
    "resource.publish": _("recorded the publication of version %(version)s"),
    "resource.extract": _("confirmed the department's minutes extract of version %(version)s"),
    "review.start": _("started the review of version %(version)s"),
    "review.comment": _("commented on slide %(slide)s of version %(version)s"),
    "review.approve": _("approved version %(version)s"),
    "review.return": _("returned version %(version)s for revision"),
    "certificate.issue": _("issued placement certificate %(number)s"),
    "certificate.supersede": _("superseded certificate %(number)s by %(by)s"),
    "plan.create": _("created the plan"),
    "plan.add_item": _("added a discipline to the plan"),
    "plan.approve": _("approved the plan"),
    "plan.remind": _("sent a deadline reminder"),
    "plan.authors": _("changed the authors of %(discipline)s"),
    "plan.deadline": _("moved the deadline of %(discipline)s"),
    "user.create": _("created the account"),
    "user.update": _("changed the account"),
    "user.deactivate": _("deactivated the account"),
    "user.reactivate": _("reactivated the account"),
    "user.set_password": _("set a new password"),
    "user.reset_password": _("set a new password through a sign-in link"),
    "user.sign_in_link": _("sent a sign-in link"),
    "profile.update": _("changed their profile"),
    "profile.password": _("changed their password"),
    "role.assign": _("gave the role “%(role)s”"),
    "role.remove": _("took away the role “%(role)s”"),
    "faculty.create": _("created the faculty"),
    "faculty.update": _("changed the faculty"),
    "faculty.delete": _("deleted the faculty"),
    "department.create": _("created the department"),
    "department.update": _("changed the department"),
    "department.delete": _("deleted the department"),
}


def sentence(action: str, from_state: str, to_state: str, data: Any) -> str:
    """What the entry did, in the active language; the code itself when it has no sentence."""
    text = SENTENCES.get(action)
    if text is None:
        return action
    values = (
        {k: v for k, v in data.items() if isinstance(v, str | int)}
        if isinstance(data, dict)
        else {}
    )
    role = to_state or from_state
    values["role"] = str(Role(role).label) if role in Role.values else role
    try:
        return str(text) % values
    except (KeyError, TypeError, ValueError):
        return action
