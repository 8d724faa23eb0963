"""Journeys: a consultation from draft to feedback and final policy; an open day that fills up."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from participation.models import OpenDay, PublicConsultation
from portal.roles import Role
from tests.disclosure.factories import DocumentFactory
from tests.factories import OrganisationFactory, member
from tests.participation.factories import OpenDayFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
D = dt.timedelta


def logout(page):
    page.get_by_role("button", name="退出").click()


def test_consultation_opened_commented_moderated_closed_answered_and_linked(page, browser, live_server, browser_login):
    page.set_default_timeout(10_000)
    org = OrganisationFactory(name="安平县住房和城乡建设局")
    officer = member("participation_officer", org)
    reviewer = member(Role.REVIEWER, org)
    policy = DocumentFactory(organisation=org, published=True, title="安平县城区停车设施专项规划（2026—2030年）")
    today = timezone.localdate()

    browser_login(page, officer.username)
    page.get_by_role("link", name="意见征集与公众参与").first.click()
    page.get_by_role("link", name="新建意见征集").click()
    page.get_by_label("标题").fill("安平县城区停车设施专项规划（征求意见稿）")
    page.get_by_label("草案类别").select_option(label="重大行政决策")
    page.get_by_label("草案全文").fill("第一条 为缓解城区停车难，制定本规划。")
    page.get_by_label("起草说明").fill("一、起草背景：城区机动车保有量快速增长。")
    page.get_by_label("开始日期").fill(today.isoformat())
    page.get_by_label("截止日期").fill((today + D(days=14)).isoformat())
    page.get_by_label("意见反馈方式").fill("信函：县府路1号")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("征集期限为 15 天，少于重大行政决策一般不少于 30 天").first).to_be_visible()
    expect(page.get_by_label("标题")).to_have_value("安平县城区停车设施专项规划（征求意见稿）")
    page.get_by_label("征集期限较短的理由").fill("须在汛期前完成立项。")
    page.get_by_role("button", name="保存草稿").click()
    expect(page.get_by_text("已保存草稿。")).to_be_visible()
    page.get_by_role("button", name="提交审核").click()
    expect(page.get_by_text("已完成：提交审核。")).to_be_visible()
    logout(page)

    browser_login(page, reviewer.username)
    page.get_by_role("link", name="意见征集和开放日审核").first.click()
    page.get_by_role("link", name="安平县城区停车设施专项规划（征求意见稿）").click()
    page.get_by_role("button", name="审核通过并发布").click()
    expect(page.get_by_text("已完成：审核通过并发布。")).to_be_visible()
    consultation = PublicConsultation.objects.get()

    citizen = browser.new_context(locale="zh-CN").new_page()
    citizen.goto(f"{live_server.url}/participation/")
    citizen.get_by_role("link", name="安平县城区停车设施专项规划（征求意见稿）").first.click()
    expect(citizen.get_by_text("须在汛期前完成立项。")).to_be_visible()
    citizen.get_by_label("姓名").fill("欧阳明辉")
    citizen.get_by_label("联系电话").fill("13912345678")
    citizen.get_by_label("意见内容").fill("建议在学校周边设置限时停车泊位。")
    citizen.get_by_role("button", name="提交意见").click()
    expect(citizen.get_by_role("heading", name="意见已提交")).to_be_visible()
    receipt = consultation.comments.get().receipt_number
    expect(citizen.get_by_text(receipt)).to_be_visible()

    page.goto(f"{live_server.url}/staff/org/{org.pk}/participation/consultations/{consultation.pk}/")
    expect(page.get_by_text("13912345678")).to_be_visible()
    page.get_by_role("button", name=f"公开 {receipt}").click()
    expect(page.get_by_text("意见已公开。")).to_be_visible()
    citizen.get_by_role("link", name="返回征集页面").click()
    expect(citizen.get_by_text("建议在学校周边设置限时停车泊位。")).to_be_visible()
    expect(citizen.get_by_text("欧阳明辉")).to_have_count(0)

    # The period ends.
    PublicConsultation.objects.filter(pk=consultation.pk).update(
        opens_on=today - D(days=16), closes_on=today - D(days=1)
    )
    page.reload()
    page.get_by_role("link", name="发布意见采纳情况反馈").click()
    page.get_by_label("收到意见条数").fill("1")
    page.get_by_label("提出意见的人数").fill("1")
    page.get_by_role("textbox", name="采纳的意见", exact=True).fill("采纳：在学校周边设置限时停车泊位。")
    page.get_by_label("未采纳的意见及理由").fill("无")
    page.get_by_role("button", name="发布反馈").click()
    expect(page.get_by_text("已发布意见采纳情况反馈。")).to_be_visible()
    page.get_by_role("combobox", name="正式发布的政策文件").select_option(label=str(policy))
    page.get_by_role("button", name="关联政策文件").click()
    expect(page.get_by_text("已关联正式发布的政策文件。")).to_be_visible()

    citizen.reload()
    expect(citizen.get_by_role("heading", name="意见采纳情况反馈")).to_be_visible()
    expect(citizen.get_by_text("采纳：在学校周边设置限时停车泊位。")).to_be_visible()
    citizen.get_by_role("link", name=policy.title).click()
    expect(citizen.get_by_role("heading", name=policy.title)).to_be_visible()
    expect(citizen.get_by_text("本文件起草过程中公开征求了意见")).to_be_visible()
    citizen.get_by_role("link", name="安平县城区停车设施专项规划（征求意见稿）").click()
    expect(citizen.get_by_role("heading", name="安平县城区停车设施专项规划（征求意见稿）")).to_be_visible()
    citizen.context.close()


def sign_up(page, live_server, day, name, phone):
    page.goto(f"{live_server.url}{day.get_absolute_url()}")
    page.get_by_label("姓名").fill(name)
    page.get_by_label("手机号码").fill(phone)
    page.locator("#sign-up button[type=submit]").click()
    return page.locator("#registration-number").inner_text(), page.locator("#confirmation-code").inner_text()


def test_open_day_fills_up_a_cancellation_moves_the_waiting_list_summary_published(
    page, browser, live_server, browser_login
):
    page.set_default_timeout(10_000)
    org = OrganisationFactory(name="安平县民政局")
    officer = member("participation_officer", org)
    day = OpenDayFactory(organisation=org, theme="走进县民政局：社会救助审批全流程", capacity=1)

    first = browser.new_context(locale="zh-CN").new_page()
    number, code = sign_up(first, live_server, day, "甲市民", "13900000001")
    expect(first.get_by_role("heading", name="报名成功")).to_be_visible()
    second = browser.new_context(locale="zh-CN").new_page()
    second.goto(f"{live_server.url}{day.get_absolute_url()}")
    expect(second.get_by_text("名额已满，现在报名将进入候补名单")).to_be_visible()
    sign_up(second, live_server, day, "乙市民", "13900000002")
    expect(second.get_by_role("heading", name="已进入候补名单")).to_be_visible()

    first.goto(f"{live_server.url}/participation/open-days/cancel/")
    first.get_by_label("报名编号").fill(number)
    first.get_by_label("确认码").fill(code)
    first.get_by_role("button", name="查询").click()
    first.get_by_role("button", name="取消报名").click()
    expect(first.get_by_text("已取消报名。")).to_be_visible()

    browser_login(page, officer.username)
    page.get_by_role("link", name="政府开放日活动管理").first.click()
    page.get_by_role("link", name="走进县民政局：社会救助审批全流程").click()
    expect(page.get_by_text("报名成功 1 / 1，候补 0")).to_be_visible()
    page.get_by_role("button", name="签到：乙市民").click()
    expect(page.get_by_text("乙市民 已签到。")).to_be_visible()
    page.get_by_role("link", name="导出报名名单（xlsx，供场所核验）").is_visible()

    # The day has come and gone.
    now = timezone.now()
    OpenDay.objects.filter(pk=day.pk).update(
        signup_opens_at=now - D(days=5), signup_closes_at=now - D(days=2), starts_at=now - D(hours=4),
        ends_at=now - D(hours=1),
    )  # fmt: skip
    page.reload()
    page.get_by_role("textbox", name="群众提出的问题").fill("临时救助多久能批下来？")
    page.get_by_role("textbox", name="答复", exact=True).fill("急难型临时救助实行先行救助，24小时内办结。")
    page.get_by_role("button", name="添加问答").click()
    expect(page.get_by_text("已添加问答。")).to_be_visible()
    page.get_by_label("实到人数").fill("1")
    page.get_by_role("textbox", name="活动总结").fill("市民代表参观了社会救助审批大厅。")
    page.get_by_role("button", name="发布活动总结").click()
    expect(page.get_by_text("已发布活动总结。")).to_be_visible()

    second.goto(f"{live_server.url}{day.get_absolute_url()}")
    expect(second.get_by_role("heading", name="活动总结")).to_be_visible()
    expect(second.get_by_text("实到 1 人。")).to_be_visible()
    expect(second.get_by_text("急难型临时救助实行先行救助，24小时内办结。")).to_be_visible()
    expect(second.get_by_text("乙市民")).to_have_count(0)
    first.context.close()
    second.context.close()
