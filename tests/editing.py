"""Helpers for edit-conflict tests: the POST data a browser would send back for a rendered form."""


def form_data(form, **changes):
    """Every field's current value, as the rendered form would submit it, with `changes` applied."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        if isinstance(value, list | tuple):
            data[name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = str(getattr(value, "pk", value))
    data.update(changes)
    return data
