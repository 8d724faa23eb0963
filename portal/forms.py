from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from portal.models import Membership
from portal.roles import permissions_for_roles, role_choices


class AddMemberForm(forms.Form):
    # The same rules as Django's own user model (letters, digits and @.+-_ only; 150 characters).
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        validators=get_user_model()._meta.get_field("username").validators,
        help_text=_("150 个字符以内，只能包含字母、数字和 @ . + - _。"),
    )
    role = forms.ChoiceField(label=_("角色"), choices=role_choices)
    full_name = forms.CharField(label=_("姓名（新账号）"), max_length=150, required=False)
    email = forms.EmailField(label=_("电子邮箱（新账号）"), required=False)
    password = forms.CharField(
        label=_("初始密码（新账号）"),
        required=False,
        widget=forms.PasswordInput(render_value=True),
        help_text=_("仅在创建新账号时需要；请线下告知本人并要求其首次登录后修改。"),
    )

    def __init__(self, *args, organisation, **kwargs):
        self.organisation = organisation
        super().__init__(*args, **kwargs)
        # A role whose permissions all belong to other kinds of organisation (permission_kinds: the village-affairs
        # clerk at a department) would grant nothing here: it is not offered.
        self.fields["role"].choices = [
            (value, label)
            for value, label in role_choices()
            if not permissions_for_roles({value}) or permissions_for_roles({value}, kind=organisation.kind)
        ]

    def clean(self):
        data = super().clean()
        username, role = data.get("username"), data.get("role")
        if not username or not role:
            return data
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            if not data.get("password"):
                self.add_error("password", _("该用户名尚无账号；创建新账号需要设置初始密码。"))
            else:
                candidate = get_user_model()(username=username, email=data.get("email", ""))
                try:
                    password_validation.validate_password(data["password"], candidate)
                except forms.ValidationError as error:
                    self.add_error("password", error)
        elif Membership.objects.filter(user=user, organisation=self.organisation, role=role).exists():
            self.add_error("role", _("该用户在本机构已有此角色。"))
        return data


# The range of the BigAutoField primary keys: a larger number typed into a form is no row, not a query error.
PK_RANGE = (-(2**63), 2**63 - 1)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """ModelMultipleChoiceField whose chosen keys are checked for the key's range before the database is asked
    (Django's `__in` lookup passes 10**40 on to the driver, which fails with an OverflowError or DataError)."""

    def _check_values(self, value):
        key = self.to_field_name or "pk"
        model_field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        if model_field.get_internal_type() in {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField"}:
            for pk in value if isinstance(value, list | tuple) else [value]:
                try:
                    number = int(pk)
                except (TypeError, ValueError):
                    continue  # Django's own check reports it
                if not PK_RANGE[0] <= number <= PK_RANGE[1]:
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                    )
        return super()._check_values(value)


class StaffLoginForm(AuthenticationForm):
    """The staff login. A username longer than any account's is refused by the field before authentication:
    a failed login makes django-axes store the name tried in a 255-character column, which PostgreSQL refuses
    for a longer one (a 500 the fuzz test found). Django's form sets the length only on the widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
