"""Who may read the audit log (12): the director, the first vice-rector and administrators."""

from __future__ import annotations

from oqu.portal.people.models import Role, User
from oqu.portal.people.policy import has_role, is_admin


def can_read_audit(user: User) -> bool:
    return is_admin(user) or has_role(user, Role.DIRECTOR) or has_role(user, Role.VICE_RECTOR)
