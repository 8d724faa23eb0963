"""Every form on the site renders through one pair of templates (settings.FORM_RENDERER):

    {{ form }}        templates/forms/form.html   error summary (role=alert, links to the fields), hidden fields
    {{ form.field }}  templates/forms/field.html  label, input, help and errors wired with aria-describedby;
                                                  radio and checkbox groups in fieldset/legend; the honeypot hidden

Django itself adds aria-invalid and aria-describedby (`<id>_helptext`, `<id>_error`) to each input; the
field template gives the help and error elements those ids.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting

from portal.intake.honeypot import HONEYPOT_FIELD

CHOICE_GROUPS = {"radioselect", "checkboxselectmultiple"}


class PortalBoundField(BoundField):
    @property
    def is_honeypot(self) -> bool:
        return self.name == HONEYPOT_FIELD

    @property
    def is_choice_group(self) -> bool:
        """Radio buttons or checkboxes: one fieldset, the label as its legend, one label per choice."""
        return self.widget_type in CHOICE_GROUPS


class FormRenderer(TemplatesSetting):
    """The site's templates (so counties may override them too) for forms, fields and Django's widgets."""

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
    bound_field_class = PortalBoundField
