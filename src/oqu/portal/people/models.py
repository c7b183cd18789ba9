"""Tables of the people app: the organisation (faculties, departments), people and their
roles (clause 11), and log-in attempts (the rate limit).

Models hold invariants and status enums; every change is an action in
:mod:`oqu.portal.people.actions`, and who may see what is :mod:`oqu.portal.people.policy`'s.

The app keeps the Django label ``portal`` (and so the tables ``portal_*``, the migration history
and ``AUTH_USER_MODEL = "portal.User"``): the label of a custom user model is written into every
existing database and into the migrations of Django's own apps, and Django does not support
changing it. The other models moved to their apps with their tables (``db_table``).
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# --- organisation -----------------------------------------------------------------------------


class Faculty(models.Model):
    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("faculty")
        verbose_name_plural = _("faculties")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    faculty = models.ForeignKey(Faculty, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField(_("name"), max_length=255)

    class Meta:
        ordering = ("name",)
        constraints: ClassVar = [
            models.UniqueConstraint(fields=("faculty", "name"), name="department_unique_name")
        ]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


# --- people and roles -------------------------------------------------------------------------


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class AuthSource(models.TextChoices):
    """Where the account's identity comes from; OIDC/LDAP users carry ``external_id``."""

    LOCAL = "local", _("password")
    OIDC = "oidc", _("single sign-on (OIDC)")
    LDAP = "ldap", _("directory (LDAP)")


class User(AbstractBaseUser, PermissionsMixin):
    """A person: logs in with an e-mail address. Form 01 item 1 needs position, degree, title."""

    email = models.EmailField(_("e-mail"), unique=True)
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    degree = models.CharField(_("academic degree"), max_length=100, blank=True)
    academic_title = models.CharField(_("academic title"), max_length=100, blank=True)
    auth_source = models.CharField(
        _("sign-in source"), max_length=10, choices=AuthSource.choices, default=AuthSource.LOCAL
    )
    external_id = models.CharField(_("external id"), max_length=255, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ("full_name",)
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=("auth_source", "external_id"),
                condition=~models.Q(external_id=""),
                name="user_unique_external_id",
            )
        ]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email


class Role(models.TextChoices):
    """Roles of clause 11; scope: author/head → department, dean → faculty, others → university."""

    AUTHOR = "author", _("author")
    HEAD = "head", _("head of department")
    DEAN = "dean", _("dean")
    REVIEWER = "reviewer", _("Center reviewer")
    DIRECTOR = "director", _("Center director")
    VICE_RECTOR = "vicerector", _("first vice-rector")
    ADMIN = "admin", _("administrator")


# Sorted wherever they reach a migration: a frozenset's order changes between runs, which made
# makemigrations see a "changed" constraint.
DEPARTMENT_ROLES = frozenset({Role.AUTHOR, Role.HEAD})
FACULTY_ROLES = frozenset({Role.DEAN})
SCOPED_ROLES = DEPARTMENT_ROLES | FACULTY_ROLES


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.CASCADE)
    faculty = models.ForeignKey(Faculty, null=True, blank=True, on_delete=models.CASCADE)

    class Meta:
        constraints: ClassVar = [
            # NULL scopes compare equal (SQLite has no NULLS NOT DISTINCT): an index on COALESCE.
            models.UniqueConstraint(
                "user",
                "role",
                Coalesce("department", 0),
                Coalesce("faculty", 0),
                name="role_assignment_unique",
            ),
            # The scope matches the role: department roles have a department only, and so on.
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=sorted(r.value for r in DEPARTMENT_ROLES),
                        department__isnull=False,
                        faculty__isnull=True,
                    )
                    | models.Q(
                        role__in=sorted(r.value for r in FACULTY_ROLES),
                        department__isnull=True,
                        faculty__isnull=False,
                    )
                    | (
                        ~models.Q(role__in=sorted(r.value for r in SCOPED_ROLES))
                        & models.Q(department__isnull=True, faculty__isnull=True)
                    )
                ),
                name="role_assignment_scope",
            ),
        ]

    def __str__(self) -> str:
        scope = self.department or self.faculty or _("university")
        return f"{self.user} — {self.get_role_display()} ({scope})"


def fold(text: str) -> str:
    """The search form of a text: NFKC, Unicode case folding (Kazakh and Russian letters too:
    SQLite's ``LIKE``/``lower()`` fold ASCII only), ``ё`` → ``е``, whitespace collapsed. Stored
    in :attr:`Resource.search_text` and applied to the query, so a plain ``LIKE`` matches on
    every database."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(folded.split())


# --- log-in attempts (rate limit) ---------------------------------------------------------------


class LoginThrottle(models.Model):
    key = models.CharField(max_length=300, unique=True)  # "ip|email"
    failures = models.PositiveIntegerField(default=0)
    first_failure_at = models.DateTimeField(null=True)
    locked_until = models.DateTimeField(null=True)
