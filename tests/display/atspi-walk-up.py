#!/usr/bin/python3
# Drives the real kiosk in --demo through the accessibility bus, by accessible
# names only: open the demo card tray, place a card, type a phone number on
# the keypad, file, see the confirmation. Prints TAP.
import sys

from kiosk_atspi import BUTTONS, control, find_app, find, find_on_page, log, open_demo_tray, \
    page_on_show, press, press_keys, run_demo_scenario, wait_for, walk


def scenario():
    open_demo_tray()
    press(control("放置：陈建国", BUTTONS))
    wait_for("the card on the reader", lambda: find(find_app(), "取走：陈建国", BUTTONS))
    wait_for("the masked ID number", lambda: find_on_page("请核对您的信息", "440305********1236"))
    log("the card page shows the card")
    press_keys("请核对您的信息", "手机号码", "13800138000")
    press(wait_for("the File button", lambda: find_on_page("请核对您的信息", "建档", BUTTONS)))
    # only a filing puts its number, masked, on the confirmation page, and
    # only one with every digit typed could be filed
    wait_for("the confirmation with the number filed",
             lambda: named_with(page_on_show("已建档"), "138****8000"))
    log("filed")


def named_with(root, text):
    return root is not None and any(text in (node.get_name() or "") for node in walk(root))


if __name__ == "__main__":
    sys.exit(run_demo_scenario("/atspi/walk-up-filing", scenario))
