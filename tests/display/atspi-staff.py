#!/usr/bin/python3
# Drives staff mode of the real kiosk in --demo through the accessibility bus,
# by accessible names only: sign in with the demo staff account, open manual
# filing, fill every field a resident's manual filing needs, pick the
# nationality from the country list and file it; the registry keeps the
# country's code. Prints TAP.
import glob
import os
import shutil
import sqlite3
import sys
import tempfile

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from kiosk_atspi import BUTTONS, ENTRIES, control, find, hold_staff_corner, log, page_on_show, \
    press, run_demo_scenario, type_into, wait_for, walk  # noqa: E402


FILING_PAGE = "人工建档"
NUMBER = "11010519491231002X"
# the demo makes its folder (the registry's database) under TMPDIR
DEMO_PARENT = tempfile.mkdtemp(prefix="atspi-staff-")


def page(title):
    """The page of @title, while it is the one on show: buttons may have a
    page's title as their name (the staff page's 人工建档), and several pages
    controls of one name."""
    return page_on_show(title)


def on_filing_page(name, roles):
    return wait_for(name, lambda: find(page(FILING_PAGE), name, roles))


def field(name, text):
    Atspi.EditableText.set_text_contents(on_filing_page(name, ENTRIES), text)


def registry_nationality(number):
    """The nationality the demo registry keeps for the filing of @number."""
    for path in glob.glob(os.path.join(DEMO_PARENT, "*", "registry.db")):
        try:
            db = sqlite3.connect("file:%s?mode=ro" % path, uri=True)
            try:
                row = db.execute("SELECT nationality FROM filings WHERE doc_number = ?",
                                 (number,)).fetchone()
            finally:
                db.close()
        except sqlite3.Error:
            continue
        if row is not None:
            return row[0]
    return None


def scenario():
    hold_staff_corner()
    type_into("工作人员账号", "demo", page="工作人员登录")
    type_into("密码", "demo2468", page="工作人员登录")
    # the welcome page has a 登录 of its own, and the staff page is named as
    # the filing page: each control is looked for on its page
    press(wait_for("登录", lambda: find(page("工作人员登录"), "登录", BUTTONS)))
    press(wait_for("人工建档", lambda: find(page("工作人员模式"), "人工建档", BUTTONS)))
    log("signed in; manual filing")

    # every field and button looked for on the filing page: other pages have
    # controls of the same names (the card page's 建档), and GTK 4.8 does not
    # say which page shows
    field("证件号码", NUMBER)
    field("中文姓名", "张三")
    press(on_filing_page("男", BUTTONS))
    field("出生日期", "1949-12-31")
    field("有效期起始", "2015-01-01")
    press(on_filing_page("长期有效", BUTTONS))
    # the nationality from the country list, by the country's name
    press(on_filing_page("国籍", BUTTONS))
    press(on_filing_page("英国", BUTTONS))
    for name in ("证件类型", "外文姓名", "手机号码（选填）", "有效期截止", "返回"):
        control(name, None)
    press(on_filing_page("我已核验证件原件", BUTTONS))
    press(on_filing_page("建档", BUTTONS))
    wait_for("the confirmation",
             lambda: any(n.get_name().startswith("已建档：")
                         for n in walk(page(FILING_PAGE)) if n.get_name()))
    log("filed")
    wait_for("the filing at the registry, with GBR",
             lambda: registry_nationality(NUMBER) == "GBR")
    log("the registry has the nationality as GBR")


if __name__ == "__main__":
    os.environ["TMPDIR"] = DEMO_PARENT
    try:
        status = run_demo_scenario("/atspi/staff-manual-filing", scenario)
    finally:
        shutil.rmtree(DEMO_PARENT, ignore_errors=True)
    sys.exit(status)
