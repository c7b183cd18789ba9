"""Forms of the People area and the profile page: they parse and validate input; every change
is an action in :mod:`oqu.portal.people.actions`, which checks the rules again."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.utils.translation import gettext_lazy as _

from oqu.portal.people.actions import PersonSpec, normalise_email
from oqu.portal.people.models import Department, Faculty, Role, User

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=256)


class ForgotPasswordForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)


ROLE_SCOPE_HELP = _(
    "Author and head of department: choose a department. Dean: choose a faculty. "
    "Center reviewer, Center director, first vice-rector, administrator: choose neither."
)


def _plain_password_help() -> str:
    """The validators' rules as one sentence (Django's help text is an HTML list)."""
    return " ".join(str(t) for t in password_validation.password_validators_help_texts())


class DepartmentChoiceField(forms.ModelChoiceField[Department]):
    """Departments labelled with their faculty: two faculties may name a department alike."""

    def label_from_instance(self, obj: Department) -> str:
        return f"{obj.name} ({obj.faculty.name})"


def _faculty_field(empty_label: StrPromise) -> forms.ModelChoiceField[Faculty]:
    """An optional faculty (a filter, a role's scope); ``empty_label`` names the choice of none."""
    return forms.ModelChoiceField(
        label=_("Faculty"), queryset=Faculty.objects.all(), required=False, empty_label=empty_label
    )


def _department_field(empty_label: StrPromise) -> DepartmentChoiceField:
    """An optional department, as :func:`_faculty_field`."""
    return DepartmentChoiceField(
        label=_("Department"),
        queryset=Department.objects.select_related("faculty").order_by("faculty__name", "name"),
        required=False,
        empty_label=empty_label,
    )


class PeopleFilterForm(forms.Form):
    """The search and filters of the people list (GET); invalid values are ignored."""

    q = forms.CharField(
        label=_("Name or e-mail"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", _("all")), *Role.choices], required=False
    )
    faculty = _faculty_field(empty_label=_("all"))
    department = _department_field(empty_label=_("all"))
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("all")), ("active", _("active")), ("inactive", _("deactivated"))],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "f-%s")
        super().__init__(*args, **kwargs)


class ProfileForm(forms.Form):
    """Form 01 item 1: name, position, academic degree, academic title."""

    full_name = forms.CharField(label=_("Full name"), max_length=255)
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    degree = forms.CharField(
        label=_("Academic degree"), max_length=100, required=False, help_text=_("e.g. PhD")
    )
    academic_title = forms.CharField(
        label=_("Academic title"),
        max_length=100,
        required=False,
        help_text=_("e.g. associate professor"),
    )

    def spec(self) -> PersonSpec:
        d = self.cleaned_data
        return PersonSpec(d["full_name"], d["position"], d["degree"], d["academic_title"])

    @staticmethod
    def initial_for(user: User) -> dict[str, str]:
        return {
            "email": user.email,
            "full_name": user.full_name,
            "position": user.position,
            "degree": user.degree,
            "academic_title": user.academic_title,
        }


class PersonForm(ProfileForm):
    """An administrator edits a person: the profile plus the e-mail (the sign-in name)."""

    email = forms.EmailField(label=_("E-mail"), max_length=254)
    field_order = ("email", "full_name", "position", "degree", "academic_title")

    def clean_email(self) -> str:
        return normalise_email(self.cleaned_data["email"])


class PersonCreateForm(PersonForm):
    """A new person, with an initial password or none (then they cannot sign in yet)."""

    password1 = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Initial password again"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password1"].help_text = _(
            "Leave both empty to create the account without a password: the person cannot sign "
            "in until one is set. %(rules)s"
        ) % {"rules": _plain_password_help()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        p1, p2 = data.get("password1", ""), data.get("password2", "")
        if p1 != p2:
            self.add_error("password2", _("The two passwords differ."))
        elif p1 and "email" in data and "full_name" in data:
            probe = User(email=data["email"], full_name=data["full_name"])  # for the validators
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as e:
                self.add_error("password1", e)
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    department = _department_field(empty_label=_("none"))
    faculty = _faculty_field(empty_label=_("none"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", "role")
        super().__init__(*args, **kwargs)
        self.fields["role"].help_text = ROLE_SCOPE_HELP


class FacultyForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    short_name = forms.CharField(label=_("Short name"), max_length=50, required=False)


class DepartmentForm(forms.Form):
    faculty = forms.ModelChoiceField(label=_("Faculty"), queryset=Faculty.objects.all())
    name = forms.CharField(label=_("Name"), max_length=255)


class AdminSetPasswordForm(SetPasswordForm[User]):
    """Django's form (two fields, the validators run with the user), plain-text help."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].help_text = _plain_password_help()


class OwnPasswordChangeForm(PasswordChangeForm):
    """Django's form: the old password is checked, the new one validated for the user."""

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].help_text = _plain_password_help()


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("List of people"),
        help_text=_("CSV (UTF-8) or XLSX, the first row naming the columns."),
    )
    invite = forms.BooleanField(
        label=_("Send each a link to choose a password"), required=False, initial=True
    )
    check_only = forms.BooleanField(label=_("Only check the list: create nobody"), required=False)
