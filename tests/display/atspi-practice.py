#!/usr/bin/python3
# Drives practice information in the real kiosk in --demo through the
# accessibility bus, by accessible names: file a card with a phone number,
# log in with that phone and an SMS code (the demo's picture code reads 2468,
# the code comes from the demo phone in the drawer), open the education
# section, open its form, go back home and log out. Prints TAP.
#
# GTK 4.8 does not put widgets made after its window is shown on the bus, and
# the form makes its fields from the record kind when it opens: entering a
# record field by field is driven in-process by test-kiosk-practice.c.
import re
import subprocess
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from kiosk_atspi import BUTTONS, ENTRIES, WELCOME_PAGE, control, find, find_app, find_on_page, \
    has_state, log, on_screen, open_demo_tray, press, press_keys, run_demo_scenario, text_of, \
    wait_for, wait_for_page, walk  # noqa: E402

CARD_PAGE = "请核对您的信息"
FILED_PAGE = "已建档"
LOGIN_PAGE = "使用身份证号和手机号登录"
HOME_PAGE = "我的从业信息"
ID_NUMBER = "440305198507091236"
PHONE = "13800138000"
MASKED_PHONE = "138****8000"


def keep_awake():
    """Presses through AT-SPI are not input events: a small real pointer
    move keeps the kiosk's idle timer from running out."""
    subprocess.run(["xdotool", "mousemove_relative", "--", "1", "0"], check=True)


def tap_field(page, name):
    """A tap in the middle of the field named @name, where the bus says it is
    once its page has laid it out; the keypad types into it once it has the
    focus."""
    def laid_out():
        node = find_on_page(page, name, ENTRIES)
        return node if on_screen(node) else None

    node = wait_for(name + " laid out on the screen", laid_out)
    box = Atspi.Component.get_extents(node, Atspi.CoordType.SCREEN)
    subprocess.run(["xdotool", "mousemove", str(box.x + box.width // 2),
                    str(box.y + box.height // 2), "click", "1"], check=True)
    wait_for(name + " to have the focus after a tap",
             lambda: has_state(node, Atspi.StateType.FOCUSED))


def sms_code(tray):
    """The code in the newest message on the demo phone."""
    for node in walk(tray):
        try:
            name = node.get_name()
        except Exception:
            continue
        if name and MASKED_PHONE in name:
            found = re.search(r"(?<!\d)(\d{6})(?!\d)", name)
            if found:
                return found.group(1)
    return None


def field(page, name):
    return wait_for(name, lambda: find_on_page(page, name, ENTRIES))


def scenario():
    open_demo_tray()
    press(control("放置：陈建国", BUTTONS))
    wait_for("the masked ID number", lambda: find_on_page(CARD_PAGE, "440305********1236"))
    press_keys(CARD_PAGE, "手机号码", PHONE)
    press(wait_for("the File button", lambda: find_on_page(CARD_PAGE, "建档", BUTTONS)))
    wait_for("the confirmation", lambda: find_on_page(FILED_PAGE, "建档成功"))
    press(control("取走：陈建国", BUTTONS))
    wait_for("the card lifted", lambda: find(find_app(), "放置：陈建国", BUTTONS))
    press(wait_for("完成", lambda: find_on_page(FILED_PAGE, "完成", BUTTONS)))
    log("filed with a phone number")

    press(wait_for("登录", lambda: find_on_page(WELCOME_PAGE, "登录", BUTTONS)))
    keep_awake()
    Atspi.EditableText.set_text_contents(field(LOGIN_PAGE, "公民身份号码"), ID_NUMBER)
    for name, keys in (("手机号码", PHONE), ("图形验证码答案", "2468")):
        tap_field(LOGIN_PAGE, name)
        press_keys(LOGIN_PAGE, name, keys)
        assert text_of(field(LOGIN_PAGE, name)) == keys, \
            "%s reads %r" % (name, text_of(field(LOGIN_PAGE, name)))
    press(wait_for("获取短信验证码", lambda: find_on_page(LOGIN_PAGE, "获取短信验证码", BUTTONS)))
    tray = control("KioskDemoTray", None)
    code = wait_for("the SMS on the demo phone", lambda: sms_code(tray))
    keep_awake()
    tap_field(LOGIN_PAGE, "短信验证码")
    press_keys(LOGIN_PAGE, "短信验证码", code)
    press(wait_for("登录", lambda: find_on_page(LOGIN_PAGE, "登录", BUTTONS)))
    wait_for("the practitioner's home",
             lambda: find_on_page(HOME_PAGE, "证件号码 440305********1236 · 手机 138****8000"))
    log("logged in by SMS")

    keep_awake()
    for section in ("基本信息", "学历", "学位", "职称", "技能培训证书", "工作经历", "注册信息",
                    "工程业绩", "个人签名信息"):
        control(section, BUTTONS)
    press(find_on_page(HOME_PAGE, "学历", BUTTONS))
    # 添加 takes no press while the section's records load
    add = wait_for("添加", lambda: find(find_app(), "添加", BUTTONS))
    wait_for("添加 to take a press, once the records have loaded",
             lambda: has_state(add, Atspi.StateType.SENSITIVE))
    press(add)
    save = wait_for("保存", lambda: find(find_app(), "保存", BUTTONS))
    # nothing is filled in: 保存 saves nothing and says what is left
    assert save.get_state_set().contains(Atspi.StateType.SENSITIVE), "保存 cannot be pressed"
    press(save)
    wait_for("the count of fields left", lambda: find(find_app(), "还有5项需要填写"))
    log("the empty education form is not saved: 保存 says 5 fields are left")
    keep_awake()
    # back to the practitioner's home, page by page: 退出登录 is there, and a
    # press through the bus would act on a page that is not on show too
    press(wait_for("返回", lambda: find_on_page("添加学历", "返回", BUTTONS)))
    press(find(wait_for_page("学历", "the education list"), "返回", BUTTONS))
    wait_for_page(HOME_PAGE, "the practitioner's home again")
    press(wait_for("退出登录", lambda: find_on_page(HOME_PAGE, "退出登录", BUTTONS)))
    wait_for_page(WELCOME_PAGE, "the welcome page after logging out")
    log("logged out")


if __name__ == "__main__":
    sys.exit(run_demo_scenario("/atspi/practice-by-names", scenario))
