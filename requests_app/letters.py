"""Letters and notices to applicants and third parties, as official documents (GB/T 9704-2012, letter format).

`build(kind, request, item=None)` assembles one letter's parts from the request's records once; the printable
page (`templates/requests_app/letters/official.html`) and `to_docx` only lay them out, so both always say the same.
Each kind has its default wording here; the supervising office may replace the wording of any kind in the admin
(`LetterTemplate`), using the placeholders listed for it. The reply letter states its legal basis and remedies.
"""

from __future__ import annotations

import io
import string
from dataclasses import dataclass, field

from django.utils import timezone
from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from requests_app.models import EventKind, LetterKind, LetterTemplate, ReplyType

# Letters the applicant receives (and reads on the tracking page); the consultation letter goes to a third party.
APPLICANT_KINDS = (
    LetterKind.RECEIPT,
    LetterKind.CORRECTION,
    LetterKind.EXTENSION,
    LetterKind.FEE,
    LetterKind.TRANSFER,
    LetterKind.REPLY,
)
REGULATIONS = "《中华人民共和国政府信息公开条例》"

# reply type → (legal basis, decision sentence).
TEMPLATES: dict[str, tuple[str, str]] = {
    ReplyType.ALREADY_PUBLIC: (
        f"{REGULATIONS}第三十六条第（一）项",
        "您申请获取的政府信息已经主动公开，现告知您获取该政府信息的方式和途径如下。",
    ),
    ReplyType.PROVIDED: (f"{REGULATIONS}第三十六条第（二）项", "您申请获取的政府信息属于公开范围，本机关予以提供。"),
    ReplyType.PARTLY_PROVIDED: (
        f"{REGULATIONS}第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关向您提供可以公开的部分，"
        "对不予公开的部分说明理由如下。",
    ),
    ReplyType.WITHHELD: (f"{REGULATIONS}第三十六条第（三）项", "经审查，您申请获取的政府信息依法不予公开，理由如下。"),
    ReplyType.NOT_HELD: (f"{REGULATIONS}第三十六条第（四）项", "经检索，本机关没有您申请获取的政府信息。"),
    ReplyType.NOT_THIS_ORGAN: (f"{REGULATIONS}第三十六条第（五）项", "您申请获取的政府信息不属于本机关负责公开。"),
    ReplyType.REPEAT: (
        f"{REGULATIONS}第三十六条第（六）项",
        "您的申请属于重复申请，本机关已就相同内容作出过答复，不再重复处理。",
    ),
    ReplyType.OTHER_LAWS: (
        f"{REGULATIONS}第三十六条第（七）项",
        "您申请获取的信息，有关法律、行政法规对其获取有特别规定，请按照相关规定办理。",
    ),
    ReplyType.PETITION: (
        f"{REGULATIONS}第三十九条第一款",
        "您提出的事项属于信访、投诉、举报等诉求，不属于政府信息公开申请，本机关不作为政府信息公开申请处理，"
        "并告知您通过相应渠道提出。",
    ),
    ReplyType.PUBLICATION: (
        f"{REGULATIONS}第三十九条第二款",
        "您申请获取的是公开出版物，本机关不作为政府信息公开申请处理，您可以通过相应渠道获取。",
    ),
    ReplyType.NEEDS_PROCESSING: (
        f"{REGULATIONS}第三十八条",
        "您申请获取的政府信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
    ),
    ReplyType.STILL_UNCLEAR: (f"{REGULATIONS}第三十条", "您补正后的申请内容仍不明确，本机关无法确定所需的政府信息。"),
    ReplyType.EXCESSIVE_REFUSED: (
        f"{REGULATIONS}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
    ),
    ReplyType.RECORD_CORRECTION: (
        f"{REGULATIONS}第四十一条",
        "您提出的更正与您自身相关的政府信息记录的要求，本机关处理如下。",
    ),
    ReplyType.FEE_UNPAID: (
        f"{REGULATIONS}第四十二条、《政府信息公开信息处理费管理办法》",
        "您未在收费通知要求的期限内缴纳信息处理费，本机关不再处理您的政府信息公开申请。",
    ),
    ReplyType.OTHER: (REGULATIONS, "对您的申请，本机关处理如下。"),
}

# The default wording of each kind: one paragraph a line; {placeholders} from PLACEHOLDERS below.
DEFAULT_WORDING: dict[str, str] = {
    LetterKind.RECEIPT: (
        "本机关于{收到日期}收到您提出的政府信息公开申请，所需信息：“{信息名称}”。\n"
        "受理编号：{受理编号}。查询码：{查询码}。请妥善保管查询码，凭受理编号和查询码可在本机关政府信息公开平台查询办理进度。\n"
        "本机关将依照"
        + REGULATIONS
        + "第三十三条的规定，自收到申请之日起20个工作日内予以答复（答复期限：{答复期限}）；"
        "需要延长答复期限的，将另行告知，延长的期限最长不超过20个工作日。"
    ),
    LetterKind.CORRECTION: (
        "本机关于{收到日期}收到您提出的政府信息公开申请（受理编号：{受理编号}），所需信息：“{信息名称}”。\n"
        "经审查，您的申请内容不明确。根据" + REGULATIONS + "第三十条的规定，请您对以下事项作出补正：{补正事项}\n"
        "请于{补正期限}前补正。答复期限自本机关收到补正的申请之日起计算；无正当理由逾期不补正的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.EXTENSION: (
        "本机关于{收到日期}收到您提出的政府信息公开申请（受理编号：{受理编号}），所需信息：“{信息名称}”。\n"
        "因{延期理由}，本机关不能在20个工作日内作出答复。根据" + REGULATIONS + "第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，本机关将于{答复期限}前作出答复。"
    ),
    LetterKind.CONSULTATION: (
        "本机关于{收到日期}收到一项政府信息公开申请，所需信息：“{信息名称}”。该信息公开可能损害您（单位）的合法权益。\n"
        "根据"
        + REGULATIONS
        + "第三十二条的规定，现书面征求您（单位）的意见。请于{答复期限}前（收到本函之日起15个工作日内）"
        "将书面意见反馈本机关；逾期未提出意见的，由本机关依照条例的规定决定。"
    ),
    LetterKind.FEE: (
        "本机关于{收到日期}收到您提出的政府信息公开申请（受理编号：{受理编号}），所需信息：“{信息名称}”。\n"
        "您申请公开政府信息的数量、频次明显超过合理范围。根据"
        + REGULATIONS
        + "第四十二条和《政府信息公开信息处理费管理办法》"
        "的规定，本机关采用{计收方式}方式收取信息处理费，应缴金额{金额}元（{计收依据}）。\n"
        "请于{缴费期限}前缴纳。自本机关发出收费通知之日起至您缴纳费用之日止的期间，不计算在答复期限内；"
        "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.TRANSFER: (
        "本机关于{收到日期}收到您提出的政府信息公开申请（受理编号：{受理编号}），所需信息：“{信息名称}”。\n"
        "经审查，您申请获取的政府信息不属于本机关负责公开。根据" + REGULATIONS + "第三十六条第（五）项的规定，"
        "该信息由{有权机关}负责公开，您可以向其提出申请。"
    ),
}
PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    LetterKind.RECEIPT: ("收到日期", "信息名称", "受理编号", "查询码", "答复期限"),
    LetterKind.CORRECTION: ("收到日期", "受理编号", "信息名称", "补正事项", "补正期限"),
    LetterKind.EXTENSION: ("收到日期", "受理编号", "信息名称", "延期理由", "延长天数", "答复期限"),
    LetterKind.CONSULTATION: ("收到日期", "信息名称", "答复期限"),
    LetterKind.FEE: ("收到日期", "受理编号", "信息名称", "计收方式", "金额", "计收依据", "缴费期限"),
    LetterKind.TRANSFER: ("收到日期", "受理编号", "信息名称", "有权机关"),
}
TITLES = {
    LetterKind.RECEIPT: "政府信息公开申请受理回执",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开征求第三方意见函",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
    LetterKind.TRANSFER: "政府信息公开申请告知书",
    LetterKind.REPLY: "政府信息公开申请答复书",
}
# The event that dates each letter (and shows it exists).
EVENT_OF_KIND = {
    LetterKind.CORRECTION: EventKind.CORRECTION_REQUESTED,
    LetterKind.EXTENSION: EventKind.EXTENDED,
    LetterKind.TRANSFER: EventKind.TRANSFERRED,
}


@dataclass
class Letter:
    kind: str
    title: str
    issuer: str  # the organ in the red header (发文机关标志)
    reference: str  # 发文字号
    addressee: str
    paragraphs: list[str]
    signature: str
    date: str
    remedies: str = ""
    basis: str = ""
    notes: list[str] = field(default_factory=list)


def official_date(day) -> str:
    """Dates in official documents carry no leading zeros: 2025年3月3日 (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "—"


def reconsideration_organ(organisation) -> str:
    """Where to apply for reconsideration: the organ's parent government (or the county's own)."""
    parent = organisation.parent
    return parent.name if parent is not None else "本级人民政府"


class _Blank(dict):
    def __missing__(self, key):  # a placeholder the wording names but this letter cannot fill stays visible
        return "{" + key + "}"


def unknown_placeholders(kind: str, wording: str) -> list[str]:
    """Placeholders in `wording` that the kind does not offer (the admin refuses such a template)."""
    names = {name for _text, name, _spec, _conv in string.Formatter().parse(wording) if name}
    return sorted(names - set(PLACEHOLDERS.get(kind, ())))


def wording(kind: str) -> str:
    """The county's wording for the kind, if the supervising office set one, else the default."""
    custom = LetterTemplate.objects.filter(kind=kind).values_list("wording", flat=True).first()
    return custom or DEFAULT_WORDING[kind]


def _paragraphs(kind: str, values: dict) -> list[str]:
    text = wording(kind).format_map(_Blank(values))
    return [line.strip() for line in text.splitlines() if line.strip()]


def _reference(request, kind: str) -> str:
    word = {LetterKind.RECEIPT: "受", LetterKind.CONSULTATION: "征", LetterKind.FEE: "费"}.get(kind, "依申")
    return f"{request.organisation.display_name}{word}〔{request.year}〕{request.serial}号"


def _common(request) -> dict:
    return {
        "收到日期": official_date(request.received_on or timezone.localdate(request.submitted_at)),
        "受理编号": request.tracking_number,
        "信息名称": request.subject,
        "答复期限": official_date(request.due_on),
    }


def _event_on(request, event_kind):
    event = request.events.filter(kind=event_kind).order_by("-at", "-pk").first()
    return event


def available(request) -> list[tuple[str, object]]:
    """The letters this request has so far, oldest first: (kind, item) with item the consultation or fee notice."""
    found: list[tuple[str, object]] = []
    if request.received_on:
        found.append((LetterKind.RECEIPT, None))
    kinds = set(request.events.values_list("kind", flat=True))
    for kind, event_kind in EVENT_OF_KIND.items():
        if event_kind in kinds:
            found.append((kind, None))
    found += [(LetterKind.CONSULTATION, c) for c in request.consultations.all()]
    found += [(LetterKind.FEE, notice) for notice in request.fee_notices.all()]
    reply = getattr(request, "reply", None)
    if reply is not None:
        found.append((LetterKind.REPLY, None))
    return found


def links(request, *, applicant: bool = False) -> list[dict]:
    """The request's letters with their names, for the staff page; `applicant`: only those the applicant was sent
    (the reply letter once the reply has gone out), for the tracking page."""
    reply = getattr(request, "reply", None)
    found = []
    for kind, item in available(request):
        if applicant and (kind not in APPLICANT_KINDS or (kind == LetterKind.REPLY and not reply.sent_on)):
            continue
        found.append({"kind": kind, "label": LetterKind(kind).label, "item": item.pk if item is not None else None})
    return found


def find(request, kind: str, item_pk=None) -> Letter | None:
    """The letter `kind` of the request if it exists yet (a reply letter needs a reply, a fee notice its notice)."""
    for available_kind, item in available(request):
        if available_kind == kind and (item is None or item.pk == item_pk):
            return build(kind, request, item)
    return None


def build(kind: str, request, item=None, *, query_code: str = "") -> Letter:
    """One letter of `request` (`item`: the consultation or fee notice it is about)."""
    organisation = request.organisation
    values = _common(request)
    on = timezone.localdate()
    addressee = f"{request.applicant_name}："
    if kind == LetterKind.REPLY:
        return reply_letter(request.reply)
    if kind == LetterKind.RECEIPT:
        values["查询码"] = query_code or "（查询码已在受理时告知申请人，本回执补打时不再显示）"
        on = request.received_on or on
    elif kind == LetterKind.CORRECTION:
        event = _event_on(request, EventKind.CORRECTION_REQUESTED)
        values["补正事项"] = event.comment if event else ""
        values["补正期限"] = official_date(request.correction_due_on)
        on = event.on if event else on
    elif kind == LetterKind.EXTENSION:
        event = _event_on(request, EventKind.EXTENDED)
        values["延期理由"] = request.extension_reason or "情况复杂"
        values["延长天数"] = request.extension_days
        on = event.on if event else on
    elif kind == LetterKind.TRANSFER:
        event = _event_on(request, EventKind.TRANSFERRED)
        reply = getattr(request, "reply", None)
        values["有权机关"] = (reply.competent_organ if reply else "") or (event.comment if event else "") or "有权机关"
        on = event.on if event else on
    elif kind == LetterKind.CONSULTATION:
        values["答复期限"] = official_date(item.answer_due_on)
        addressee = f"{item.party}："
        on = item.sent_on
    elif kind == LetterKind.FEE:
        values["计收方式"] = item.get_method_display()
        values["金额"] = item.amount
        values["计收依据"] = (
            f"本月第{item.quantity}件申请" if item.method == "piece" else f"提供信息共{item.quantity}页"
        )
        values["缴费期限"] = official_date(item.payment_due_on)
        on = item.sent_on
    else:
        raise ValueError(f"unknown letter kind {kind!r}")
    return Letter(
        kind=kind,
        title=TITLES[kind],
        issuer=organisation.name,
        reference=_reference(request, kind),
        addressee=addressee,
        paragraphs=_paragraphs(kind, values),
        signature=organisation.name,
        date=official_date(on),
    )


def reply_letter(reply) -> Letter:
    request = reply.request
    organisation = request.organisation
    basis, decision = TEMPLATES.get(reply.reply_type, TEMPLATES[ReplyType.OTHER])
    received = official_date(request.received_on) if request.received_on else "—"
    paragraphs = [
        f"本机关于{received}收到您提出的政府信息公开申请（受理编号：{request.tracking_number}），"
        f"申请获取“{request.subject}”。",
        f"根据{basis}，现答复如下：{decision}",
    ]
    if reply.ground:
        ground = reply.get_ground_display()
        paragraphs.append(
            f"不予公开的法定理由：{ground}" + (f"（{reply.ground_detail}）。" if reply.ground_detail else "。")
        )
    if reply.competent_organ:
        paragraphs.append(f"该信息由{reply.competent_organ}负责公开，您可以向其提出申请。")
    paragraphs.extend(p.strip() for p in reply.body.splitlines() if p.strip())
    published = [d.title + (f"（{d.document_number}）" if d.document_number else "") for d in reply.documents.public()]
    if published:
        paragraphs.append("相关信息已主动公开，可在本机关政府信息公开平台查阅：" + "；".join(published) + "。")
    remedies = (
        f"如对本答复不服，可以自收到本答复之日起60日内向{reconsideration_organ(organisation)}申请行政复议，"
        "或者自收到本答复之日起6个月内依法向人民法院提起行政诉讼。"
    )
    return Letter(
        kind=LetterKind.REPLY,
        title=TITLES[LetterKind.REPLY],
        issuer=organisation.name,
        reference=f"{organisation.display_name}依申〔{request.year}〕{request.serial}号",
        addressee=f"{request.applicant_name}：",
        paragraphs=paragraphs,
        basis=basis,
        remedies=remedies,
        signature=organisation.name,
        date=official_date(reply.sent_on or timezone.localdate()),
    )


letter = reply_letter  # the reply letter, as the staff pages have always called it


# ---------------------------------------------------------------- DOCX in the official layout

BODY_FONT = "仿宋_GB2312"  # 3号 = 16 pt
TITLE_FONT = "方正小标宋简体"  # 2号 = 22 pt
RED = RGBColor(0xE6, 0x00, 0x12)


def _font(run, name: str, size: float, *, color: RGBColor | None = None) -> None:
    """Set the run's font for Latin and East Asian text alike (Word picks the eastAsia font for Chinese)."""
    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
    if color is not None:
        run.font.color.rgb = color


def _paragraph(document, text: str, *, font=BODY_FONT, size=16.0, align=None, indent=True, color=None):
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(28.9)  # 22 lines to the 225 mm text block
    paragraph.paragraph_format.space_after = Pt(0)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(size * 2)
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), font, size, color=color)
    return paragraph


def _red_rule(paragraph) -> None:
    """The red separator line under the header (版头中的分隔线)."""
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "6"), ("w:color", "E60012")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)


def to_docx(content: Letter) -> bytes:
    """The letter on A4 in the letter format of GB/T 9704: red organ name and rule, reference, title, addressee,
    body in 3号 仿宋, signature and date, space for the seal; document language zh-CN; no library default styles."""
    document = DocxDocument()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(language)
    document.core_properties.language = "zh-CN"
    document.core_properties.title = content.title

    header = _paragraph(
        document, content.issuer, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, color=RED
    )
    _red_rule(header)
    _paragraph(document, content.reference, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, "", indent=False)
    _paragraph(document, content.title, font=TITLE_FONT, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _paragraph(document, "", indent=False)
    _paragraph(document, content.addressee, indent=False)
    for text in content.paragraphs:
        _paragraph(document, text)
    if content.remedies:
        _paragraph(document, content.remedies)
    for _ in range(3):  # room for the seal (印章) above the signature
        _paragraph(document, "", indent=False)
    _paragraph(document, content.signature, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    _paragraph(document, content.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
