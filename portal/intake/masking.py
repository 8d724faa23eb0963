"""Masking of personal data for lists and exports. Only the handler's detail page shows it unmasked."""


def mask_middle(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    """`110101199003071234` → `110***********1234`; short values are masked entirely."""
    value = value or ""
    if len(value) <= keep_start + keep_end:
        return "*" * len(value)
    end = value[len(value) - keep_end :]  # not value[-keep_end:]: with keep_end=0 that is the whole value
    return value[:keep_start] + "*" * (len(value) - keep_start - keep_end) + end


def mask_email(value: str) -> str:
    if "@" not in (value or ""):
        return mask_middle(value or "", 1, 0)
    local, domain = value.split("@", 1)
    return (local[:1] + "***@" + domain) if local else "***@" + domain


def mask_name(name: str, natural_person: bool) -> str:
    """A natural person's name keeps its first character (张**); organisations' names are not personal data."""
    if not natural_person:
        return name
    return name[:1] + "*" * max(len(name) - 1, 1)
