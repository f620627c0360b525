#!/usr/bin/python3
# Drives staff mode of the real kiosk in --demo through the accessibility bus,
# by accessible names only: sign in with the demo staff account, open manual
# filing, fill every field a resident's manual filing needs and file it.
# Prints TAP.
import subprocess
import sys
import time

from kiosk_atspi import BUTTONS, control, find, find_app, find_on_page, log, press, \
    run_demo_scenario, type_into, wait_for, walk


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def scenario():
    # the hidden staff entry: hold the top-right corner for three seconds
    screen = subprocess.run(["xdotool", "getdisplaygeometry"], check=True,
                            capture_output=True, text=True).stdout.split()
    xdotool("mousemove", str(int(screen[0]) - 30), "30", "mousedown", "1")
    time.sleep(3.5)
    xdotool("mouseup", "1")

    type_into("工作人员账号", "demo", page="工作人员登录")
    type_into("密码", "demo2468", page="工作人员登录")
    # the sign-in page's 登录, not the walk-up one on the welcome page
    press(wait_for("登录", lambda: find_on_page("工作人员登录", "登录", BUTTONS)))
    press(control("人工建档", BUTTONS))
    log("signed in; manual filing")

    type_into("证件号码", "11010519491231002X")
    type_into("中文姓名", "张三")
    press(control("男", BUTTONS))
    type_into("出生日期", "1949-12-31")
    type_into("有效期起始", "2015-01-01")
    press(control("长期有效", BUTTONS))
    for name in ("证件类型", "外文姓名", "国籍", "手机号码（选填）", "有效期截止", "返回"):
        control(name, None)
    press(control("我已核验证件原件", BUTTONS))
    # this page's 建档, not the card page's (both may be in the tree)
    press(wait_for("建档", lambda: find(find(find_app(), "人工建档", ("panel",)), "建档", BUTTONS)))
    # "已建档：NAME。…" on the form; the confirmation page's title 已建档 is
    # no proof, as that page may be in the tree unshown
    wait_for("the confirmation",
             lambda: any(n.get_name().startswith("已建档：")
                         for n in walk(find_app()) if n.get_name()))
    log("filed")


if __name__ == "__main__":
    sys.exit(run_demo_scenario("/atspi/staff-manual-filing", scenario))
