"""Information processing fees (信息处理费), Art. 42 and 国办函〔2020〕109号, as pure functions.

No fee is the rule. Only where one applicant's requests clearly exceed a reasonable amount may an organ
charge, either per piece (the applicant's applications in one calendar month) or per page (the pages
provided for one application), never both. The tiers are in shared/reference/annual-report.md.
"""

# Per page: (first page of the tier, yuan per page); pages 1-30 are free.
PAGE_TIERS = ((31, 10), (101, 20), (201, 40))
FREE_PIECES_PER_MONTH = 10


def piece_fee(nth_in_month: int) -> int:
    """Yuan charged for an applicant's nth application in a calendar month (per-piece method).

    1st-10th free; 11th-30th 100 yuan each; from the 31st the price rises by 100 yuan for each further 10
    (31st-40th 200, 41st-50th 300, ...).
    """
    if nth_in_month < 1:
        raise ValueError("applications are counted from 1")
    if nth_in_month <= FREE_PIECES_PER_MONTH:
        return 0
    if nth_in_month <= 30:
        return 100
    return 100 + 100 * ((nth_in_month - 21) // 10)


def page_fee(pages: int) -> int:
    """Yuan charged for the pages provided for one application (per-page method), tier by tier:
    pages 1-30 free, 31-100 at 10 yuan, 101-200 at 20 yuan, from 201 at 40 yuan."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total = 0
    for index, (first, price) in enumerate(PAGE_TIERS):
        last = PAGE_TIERS[index + 1][0] - 1 if index + 1 < len(PAGE_TIERS) else pages
        if pages >= first:
            total += (min(pages, last) - first + 1) * price
    return total
