#!/usr/bin/python3
# Drives staff mode of the real kiosk in --demo through the accessibility bus,
# by accessible names only: sign in with the demo staff account, open manual
# filing, fill every field a resident's manual filing needs and file it.
# Prints TAP.
import os
import signal
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

TIMEOUT = 30
BUTTONS = ("push button", "toggle button", "button")
ENTRIES = ("text", "entry", "password text", "text box")


def log(message):
    print("# " + message, flush=True)


def walk(node, depth=0):
    if node is None or depth > 60:
        return
    yield node
    try:
        count = node.get_child_count()
    except Exception:
        return
    for i in range(count):
        try:
            child = node.get_child_at_index(i)
        except Exception:
            continue
        yield from walk(child, depth + 1)


def find(root, name, roles=None):
    for node in walk(root):
        try:
            if node.get_name() != name:
                continue
            if roles and node.get_role_name() not in roles:
                continue
            return node
        except Exception:
            continue
    return None


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "practitioner-kiosk":
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    return None


def wait_for(what, fn):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        app = find_app()
        if app is not None:
            app.clear_cache()
        found = fn()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("not found in time: " + what)


def control(name, roles):
    return wait_for(name, lambda: find(find_app(), name, roles))


def press(node):
    Atspi.Action.do_action(node, 0)


def type_into(name, text):
    node = control(name, ENTRIES)
    Atspi.EditableText.set_text_contents(node, text)


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=True)


def main():
    kiosk = sys.argv[1]
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    proc = subprocess.Popen([kiosk, "--demo"], env=env)
    print("1..1", flush=True)
    try:
        wait_for("the welcome page", lambda: find(find_app(), "请将第二代居民身份证放在读卡区"))
        # the hidden staff entry: hold the top-right corner for three seconds
        screen = subprocess.run(["xdotool", "getdisplaygeometry"], check=True,
                                capture_output=True, text=True).stdout.split()
        xdotool("mousemove", str(int(screen[0]) - 30), "30", "mousedown", "1")
        time.sleep(3.5)
        xdotool("mouseup", "1")

        type_into("工作人员账号", "demo")
        type_into("密码", "demo2468")
        press(control("登录", BUTTONS))
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
        press(control("建档", BUTTONS))
        wait_for("the confirmation",
                 lambda: any(n.get_name().startswith("已建档")
                             for n in walk(find_app()) if n.get_name()))
        log("filed")
        print("ok 1 /atspi/staff-manual-filing", flush=True)
        status = 0
    except AssertionError as error:
        app = find_app()
        if app is not None:
            app.clear_cache()
            for node in walk(app):
                try:
                    if node.get_name():
                        log("%s %r" % (node.get_role_name(), node.get_name()))
                except Exception:
                    pass
        print("not ok 1 /atspi/staff-manual-filing # " + str(error), flush=True)
        status = 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    return status


if __name__ == "__main__":
    sys.exit(main())
