#!/usr/bin/python3
# Drives the on-screen keyboard of the real kiosk in --demo through the
# accessibility bus: staff sign in and open manual filing, which opens with
# the keyboard up for the document number; Tab moves on to the Chinese name,
# and then every layer is walked by
# accessible names only: each key has a name of its own and pressing it by
# that name types what it shows. Prints TAP.
import subprocess
import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

from kiosk_atspi import BUTTONS, control, find, find_app, find_on_page, has_state, \
    hold_staff_corner, log, press, run_demo_scenario, type_into, wait_for, walk  # noqa: E402

KEYBOARD = "屏幕键盘"
# layer button, the layer's group of keys, keys it must have
LAYERS = [
    ("英文字母", "字母键盘", ["q", "m", "大写字母", "撇号", "连字符", "点"]),
    ("数字和标点", "数字和标点键盘", ["0", "9", "顿号", "逗号", "句号", "间隔号", "左括号",
                                   "右括号", "破折号"]),
    ("手写", "手写", ["手写板", "重写"]),
    ("拼音", "拼音键盘", ["q", "z", "隔音符号"]),
]
COMMON = ["拼音", "手写", "英文字母", "数字和标点", "空格", "删除", "清空", "完成"]
NAMED_ONLY = ("大写字母",)  # toggles the case; types nothing


# Walking the whole application for each lookup is slow (every page is in
# the tree); the keyboard and the field stay the same widgets, so once found
# they are kept.
found = {}


def keyboard():
    if "keyboard" not in found:
        node = find(find_app(), KEYBOARD)
        if node is None:
            return None
        found["keyboard"] = node
    return found["keyboard"]


def name_field():
    if "field" not in found:
        found["field"] = control("中文姓名", ("text", "entry"))
    return found["field"]


def field_text():
    field = name_field()
    return Atspi.Text.get_text(field, 0, Atspi.Text.get_character_count(field))


def tab_to_name():
    """Moves the focus on from the document number with Tab, as a keyboard
    user of assistive technology does (GTK 4.8 neither grabs focus nor gives
    positions for a tap through AT-SPI), to the Chinese name (the number's
    hint between them takes no focus), with the keyboard up for it."""
    wait_for("the document number to have the focus as the page opens",
             lambda: has_state(find_on_page("人工建档", "证件号码", ("text", "entry")),
                               Atspi.StateType.FOCUSED))
    subprocess.run(["xdotool", "key", "Tab"], check=True)
    wait_for("the Chinese name to have the focus after Tab",
             lambda: has_state(name_field(), Atspi.StateType.FOCUSED))
    wait_for("the keyboard up for the Chinese name", keyboard_up)


def keyboard_up():
    # looked up afresh: a hidden keyboard leaves the tree
    node = find(find_app(), KEYBOARD)
    return node is not None and node.get_state_set().contains(Atspi.StateType.VISIBLE)


def keep_awake():
    """Presses through AT-SPI are not input events, so the kiosk's idle timer
    would run out during the walk; a small real pointer move restarts it."""
    subprocess.run(["xdotool", "mousemove_relative", "--", "1", "0"], check=True)


def keys_of(group):
    """Every control in a layer that has an accessible name: name -> node."""
    found = {}
    for node in walk(group):
        try:
            role = node.get_role_name()
            name = node.get_name()
        except Exception:
            continue
        if role in BUTTONS or role == "image":
            assert name, "a %s without an accessible name" % role
            assert name not in found, "two keys named %r" % name
            found[name] = node
    return found


def wait_text(text):
    try:
        wait_for("the name field to read %r" % text, lambda: field_text() == text)
    except AssertionError:
        raise AssertionError("the name field reads %r, not %r" % (field_text(), text))


def scenario():
    # staff sign-in with the demo account, then manual filing
    hold_staff_corner()
    type_into("工作人员账号", "demo", page="工作人员登录")
    type_into("密码", "demo2468", page="工作人员登录")
    # the sign-in page's 登录, not the walk-up one on the welcome page
    press(wait_for("登录", lambda: find_on_page("工作人员登录", "登录", BUTTONS)))
    press(control("人工建档", BUTTONS))

    # the page opens with the number's caret, and the keyboard under it
    wait_for("the keyboard for the document number", keyboard_up)
    wait_for("the digit keys", lambda: find(keyboard(), "数字和标点键盘"))
    log("the keyboard is up for the document number as the page opens")
    tab_to_name()
    log("the keyboard is up for the Chinese name")
    for name in COMMON:
        wait_for("the key " + name, lambda: find(keyboard(), name, BUTTONS))

    for button, group_name, expected in LAYERS:
        keep_awake()
        layer_button = find(keyboard(), button, BUTTONS)
        press(layer_button)
        # the layer's keys act once it is shown: its button says so
        wait_for("the layer " + group_name, lambda: is_pressed(layer_button))
        group = find(keyboard(), group_name)
        keys = keys_of(group)
        for name in expected:
            assert name in keys, "no key named %r on %s; it has %s" % (name, group_name,
                                                                       sorted(keys))
        # every key is reachable by its name, and typing keys type what they show
        if group_name in ("字母键盘", "数字和标点键盘"):
            press(find(keyboard(), "清空", BUTTONS))
            wait_text("")
            typed = ""
            for name, key in sorted(keys.items()):
                if name in NAMED_ONLY:
                    continue
                press(key)
                typed += shown_text(key, name)
            # presses act in order, each a moment after it is made
            wait_text(typed)
        if group_name == "字母键盘":
            # capitals: the letter keys change their names with what they type
            press(keys["大写字母"])
            wait_for("capital letters", lambda: find(find(keyboard(), group_name), "Q", BUTTONS))
            press(find(find(keyboard(), group_name), "Q", BUTTONS))
            wait_text(typed + "Q")
            press(keys["大写字母"])
            wait_for("small letters", lambda: find(find(keyboard(), group_name), "q", BUTTONS))
        log("%s: %d keys, each by its own name" % (group_name, len(keys)))

    # pinyin by name: z h a n g, then the candidate 张
    press(find(keyboard(), "清空", BUTTONS))
    wait_text("")
    for letter in "zhang":
        press(find(find(keyboard(), "拼音键盘"), letter, BUTTONS))
    # presses act a moment after they are made: the pinyin shows when all have
    wait_for("the pinyin zhang", lambda: find(keyboard(), "zhang", ("label",)))
    first = wait_for("the candidates", lambda: candidate_named("候选 1：")).get_name()
    assert first in ("候选 1：张", "候选 1：章"), first
    # the next page of candidates, and back
    press(find(keyboard(), "下一页候选", BUTTONS))
    wait_for("the next page", lambda: candidate_named("候选 1：").get_name() != first)
    press(find(keyboard(), "上一页候选", BUTTONS))
    wait_for("the first page", lambda: candidate_named("候选 1：").get_name() == first)
    candidate = wait_for("the candidate 张", lambda: candidate_named("：张", end=True))
    press(candidate)
    wait_text("张")
    press(find(keyboard(), "删除", BUTTONS))
    wait_text("")
    log("typed 张 by names, deleted it")

    press(find(keyboard(), "完成", BUTTONS))
    wait_for("the keyboard to go", lambda: not keyboard_up())


def is_pressed(toggle):
    states = toggle.get_state_set()
    return states.contains(Atspi.StateType.CHECKED) or states.contains(Atspi.StateType.PRESSED)


def candidate_named(text, end=False):
    """The candidate whose name starts (or ends) with @text."""
    for node in walk(keyboard()):
        name = node.get_name() or ""
        if node.get_role_name() in BUTTONS and name.startswith("候选") and \
                (name.endswith(text) if end else name.startswith(text)):
            return node
    return None


def shown_text(key, name):
    """What a key shows: its label, where its name is a word for it (顿号 for
    、); else its name, as read when the keys were collected (a second read
    over the bus can come back empty while the kiosk is busy)."""
    for node in walk(key):
        try:
            if node.get_role_name() == "label" and node.get_name():
                return node.get_name()
        except Exception:
            continue
    return name


if __name__ == "__main__":
    sys.exit(run_demo_scenario("/atspi/keyboard-by-names", scenario))
