#!/usr/bin/python3
# Drives the real kiosk in --demo through the accessibility bus, by accessible
# names only, the way assistive technology would: open the demo card tray,
# place a card, type a phone number on the keypad, file, see the confirmation.
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


# GTK 4.8 does not report which widgets are showing, so searches are scoped
# to the page they concern, which pages name by their titles.
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


def wait_for(what, fn):
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        # pages fill in widgets as they go: never trust a cached tree
        app = find_app()
        if app is not None:
            app.clear_cache()
        found = fn()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError("not found in time: " + what)


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "practitioner-kiosk":
            # pages fill in widgets as they go: never answer from a cache
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    return None


def press(node):
    Atspi.Action.do_action(node, 0)


BUTTONS = ("push button", "toggle button", "button")


def find_on_page(page_title, name, roles=None):
    app = find_app()
    page = find(app, page_title) if app is not None else None
    return find(page, name, roles) if page is not None else None


def main():
    kiosk = sys.argv[1]
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    proc = subprocess.Popen([kiosk, "--demo"], env=env)
    print("1..1", flush=True)
    try:
        app = wait_for("the kiosk on the accessibility bus", find_app)
        wait_for("the welcome page", lambda: find(find_app(), "请将第二代居民身份证放在读卡区"))
        log("found the kiosk")
        press(wait_for("the demo tray handle", lambda: find(app, "演示证件托盘", BUTTONS)))
        time.sleep(1)  # the drawer slides open; its buttons act once it is out
        press(wait_for("a demo card", lambda: find(app, "放置：陈建国", BUTTONS)))
        wait_for("the card on the reader", lambda: find(find_app(), "取走：陈建国", BUTTONS))
        log("the card is on the reader")
        wait_for("the masked ID number",
                 lambda: find_on_page("您的证件", "440305********1236"))
        log("the card page shows the card")
        for digit in "13800138000":
            press(wait_for("key " + digit, lambda: find_on_page("您的证件", digit, BUTTONS)))
        press(wait_for("the File button", lambda: find_on_page("您的证件", "建档", BUTTONS)))
        wait_for("the confirmation", lambda: find(app, "建档成功"))
        log("filed")
        print("ok 1 /atspi/walk-up-filing", flush=True)
        status = 0
    except AssertionError as error:
        app = find_app()
        if app is not None:
            app.clear_cache()
            for node in walk(find(app, "您的证件") or app):
                try:
                    log("%s %r" % (node.get_role_name(), node.get_name()))
                except Exception:
                    pass
        print("not ok 1 /atspi/walk-up-filing # " + str(error), flush=True)
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
