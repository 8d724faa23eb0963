"""The paper application form (政府信息公开申请表) each organisation's guide offers, as DOCX and as a print page.

One description of the form (`sections`) feeds both, so the two never differ. Layout after GB/T 9704: A4, margins
37/35/28/26 mm, title in 2号 方正小标宋简体, text in 仿宋_GB2312 (here 4号 in the table cells so it fits), zh-CN.
The wording is the form's prescribed Chinese (official-chinese), the same in every interface language.
"""

import io
from dataclasses import dataclass

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"
TITLE = "政府信息公开申请表"


@dataclass(frozen=True)
class Section:
    heading: str  # the left-hand merged cell
    rows: tuple[tuple[str, str], ...]  # pairs of labels side by side; "" leaves the right pair out


SECTIONS = (
    Section(
        "公民",
        (("姓名", "证件类型"), ("证件号码", "工作单位"), ("联系电话", "邮政编码"), ("通信地址", "电子邮箱")),
    ),
    Section(
        "法人或者其他组织",
        (("名称", "统一社会信用代码"), ("法定代表人", "联系人"), ("联系人电话", "电子邮箱"), ("通信地址", "")),
    ),
    Section(
        "所需信息情况",
        (
            ("所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述", ""),
            ("获取信息的方式（请勾选）：□纸质　□电子邮件　□光盘　□其他：", ""),
            ("信息的提供方式（请勾选）：□邮寄　□快递　□电子邮件　□传真　□自行领取/当场阅读、抄录", ""),
            ("是否申请减免费用：□申请　□不申请（申请减免的，请提供相关证明材料）", ""),
        ),
    ),
)
SIGNATURE = "申请人签名（盖章）：　　　　　　　　　申请时间：　　　年　　月　　日"


def notes(guide_data: dict | None, organisation_name: str) -> list[str]:
    """The lines under the table: where to send the form, from the published guide when there is one."""
    lines = [f"受理机关：{organisation_name}"]
    if guide_data:
        office = guide_data.get("office_name") or ""
        lines.append(
            f"受理机构：{office}　地址：{guide_data.get('address', '')}　邮政编码：{guide_data.get('postcode', '')}"
        )
        lines.append(
            f"电话：{guide_data.get('phone', '')}　传真：{guide_data.get('fax', '')}　办公时间：{guide_data.get('office_hours', '')}"
        )
    lines.append(
        "说明：申请人应当提供身份证明；所需信息描述越具体，越便于查找。申请表可当面递交、邮寄或传真，也可在网上提交。"
    )
    return lines


def _font(run, name: str, size: float, bold=False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _cell_text(cell, text: str, size=14.0, bold=False, align=None) -> None:
    paragraph = cell.paragraphs[0]
    if align is not None:
        paragraph.alignment = align
    _font(paragraph.add_run(text), BODY_FONT, size, bold=bold)


def _language(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(14)
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "zh-CN")
    language.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(language)
    document.core_properties.language = "zh-CN"
    document.core_properties.title = TITLE


def to_docx(organisation_name: str, guide_data: dict | None) -> bytes:
    document = DocxDocument()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _language(document)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(TITLE), TITLE_FONT, 22)
    table = document.add_table(rows=0, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for block in SECTIONS:
        start = len(table.rows)
        for left, right in block.rows:
            cells = table.add_row().cells
            if right:
                _cell_text(cells[1], left)
                _cell_text(cells[3], right)
            else:
                merged = cells[1].merge(cells[4])
                _cell_text(merged, left)
        heading = table.cell(start, 0).merge(table.cell(len(table.rows) - 1, 0))
        _cell_text(heading, block.heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    cells = table.add_row().cells
    _cell_text(cells[0].merge(cells[4]), SIGNATURE)
    for line in notes(guide_data, organisation_name):
        paragraph = document.add_paragraph()
        _font(paragraph.add_run(line), BODY_FONT, 12)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
