"""Reply letters (政府信息公开申请答复书): one template text per reply type, rendered as HTML and DOCX.

`letter(reply)` builds the paragraphs once; the printable page and `to_docx` only lay them out, so both
always say the same. Each letter states its legal basis and the applicant's remedies.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.utils import timezone
from docx import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from requests_app.models import Reply, ReplyType

# reply type → (legal basis, decision sentence). {organ} is the organisation's name.
TEMPLATES: dict[str, tuple[str, str]] = {
    ReplyType.ALREADY_PUBLIC: (
        "《中华人民共和国政府信息公开条例》第三十六条第（一）项",
        "您申请获取的政府信息已经主动公开，现告知您获取该政府信息的方式和途径如下。",
    ),
    ReplyType.PROVIDED: (
        "《中华人民共和国政府信息公开条例》第三十六条第（二）项",
        "您申请获取的政府信息属于公开范围，本机关予以提供。",
    ),
    ReplyType.PARTLY_PROVIDED: (
        "《中华人民共和国政府信息公开条例》第三十七条",
        "您申请获取的政府信息中含有不应当公开的内容，但能够作区分处理，本机关向您提供可以公开的部分，对不予公开的部分说明理由如下。",
    ),
    ReplyType.WITHHELD: (
        "《中华人民共和国政府信息公开条例》第三十六条第（三）项",
        "经审查，您申请获取的政府信息依法不予公开，理由如下。",
    ),
    ReplyType.NOT_HELD: (
        "《中华人民共和国政府信息公开条例》第三十六条第（四）项",
        "经检索，本机关没有您申请获取的政府信息。",
    ),
    ReplyType.NOT_THIS_ORGAN: (
        "《中华人民共和国政府信息公开条例》第三十六条第（五）项",
        "您申请获取的政府信息不属于本机关负责公开。",
    ),
    ReplyType.REPEAT: (
        "《中华人民共和国政府信息公开条例》第三十六条第（六）项",
        "您的申请属于重复申请，本机关已就相同内容作出过答复，不再重复处理。",
    ),
    ReplyType.OTHER_LAWS: (
        "《中华人民共和国政府信息公开条例》第三十六条第（七）项",
        "您申请获取的信息，有关法律、行政法规对其获取有特别规定，请按照相关规定办理。",
    ),
    ReplyType.PETITION: (
        "《中华人民共和国政府信息公开条例》第三十九条第一款",
        "您提出的事项属于信访、投诉、举报等诉求，不属于政府信息公开申请，本机关不作为政府信息公开申请处理，并告知您通过相应渠道提出。",
    ),
    ReplyType.PUBLICATION: (
        "《中华人民共和国政府信息公开条例》第三十九条第二款",
        "您申请获取的是公开出版物，本机关不作为政府信息公开申请处理，您可以通过相应渠道获取。",
    ),
    ReplyType.NEEDS_PROCESSING: (
        "《中华人民共和国政府信息公开条例》第三十八条",
        "您申请获取的政府信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。",
    ),
    ReplyType.STILL_UNCLEAR: (
        "《中华人民共和国政府信息公开条例》第三十条",
        "您补正后的申请内容仍不明确，本机关无法确定所需的政府信息。",
    ),
    ReplyType.EXCESSIVE_REFUSED: (
        "《中华人民共和国政府信息公开条例》第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
    ),
    ReplyType.RECORD_CORRECTION: (
        "《中华人民共和国政府信息公开条例》第四十一条",
        "您提出的更正与您自身相关的政府信息记录的要求，本机关处理如下。",
    ),
    ReplyType.FEE_UNPAID: (
        "《中华人民共和国政府信息公开条例》第四十二条、《政府信息公开信息处理费管理办法》",
        "您未在收费通知要求的期限内缴纳信息处理费，本机关不再处理您的政府信息公开申请。",
    ),
    ReplyType.OTHER: ("《中华人民共和国政府信息公开条例》", "对您的申请，本机关处理如下。"),
}


@dataclass
class Letter:
    title: str
    reference: str
    addressee: str
    paragraphs: list[str]
    basis: str
    remedies: str
    signature: str
    date: str


def official_date(day) -> str:
    """Dates in official documents carry no leading zeros: 2025年3月3日 (GB/T 9704)."""
    return f"{day.year}年{day.month}月{day.day}日"


def reconsideration_organ(organisation) -> str:
    """Where to apply for reconsideration: the organ's parent government (or the county's own)."""
    parent = organisation.parent
    return parent.name if parent is not None else "本级人民政府"


def letter(reply: Reply) -> Letter:
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
    sent = reply.sent_on or timezone.localdate()
    return Letter(
        title="政府信息公开申请答复书",
        reference=f"{organisation.display_name}依申〔{request.year}〕{request.serial}号",
        addressee=f"{request.applicant_name}：",
        paragraphs=paragraphs,
        basis=basis,
        remedies=remedies,
        signature=organisation.name,
        date=official_date(sent),
    )


def to_docx(content: Letter) -> bytes:
    document = DocxDocument()
    heading = document.add_heading(content.title, level=1)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(content.reference).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(content.addressee)
    for paragraph in content.paragraphs:
        document.add_paragraph(paragraph)
    document.add_paragraph(content.remedies)
    document.add_paragraph(content.signature).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph(content.date).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
