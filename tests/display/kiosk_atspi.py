# Shared by the AT-SPI tests: find the real kiosk on the accessibility bus and
# drive it by accessible names only, the way assistive technology would.
import os
import signal
import subprocess
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi, GLib  # noqa: E402

# A deadline, not a measure: on a busy machine the kiosk answers late, and
# every wait and every call over the bus may take this long before it fails.
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


def find_app():
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == "practitioner-kiosk":
            # pages fill in widgets as they go: never answer from a cache
            app.set_cache_mask(Atspi.Cache.NONE)
            return app
    return None


def find_on_page(page_title, name, roles=None):
    app = find_app()
    page = find(app, page_title) if app is not None else None
    return find(page, name, roles) if page is not None else None


def wait_for(what, fn):
    """Polls fn() until it answers something true, and returns that. Every wait
    for what the kiosk does is this one, never a fixed pause: after TIMEOUT
    seconds it fails naming `what`, the thing that never came. A call over the
    bus that fails on the way (a node that went, a kiosk busy past the call's
    timeout) counts as "not yet"."""
    deadline = time.monotonic() + TIMEOUT
    problem = ""
    while True:
        try:
            app = find_app()
            if app is not None:
                app.clear_cache()
            found = fn()
            if found:
                return found
        except GLib.Error as error:
            problem = " (last: %s)" % error.message
        if time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    raise AssertionError("waited %d s for %s, in vain%s" % (TIMEOUT, what, problem))


def control(name, roles):
    return wait_for(name, lambda: find(find_app(), name, roles))


def press(node):
    Atspi.Action.do_action(node, 0)


def type_into(name, text, page=None):
    """Sets the text of the field named `name`, on the page titled `page` when
    given: two pages may have fields of the same name (staff sign in on the
    sign-in page and on the page where they confirm a signed form)."""
    if page is None:
        node = control(name, ENTRIES)
    else:
        node = wait_for(name, lambda: find_on_page(page, name, ENTRIES))
    Atspi.EditableText.set_text_contents(node, text)


def run_demo_scenario(test_name, scenario):
    """Starts `KIOSK --demo` (KIOSK is argv[1]), runs scenario() and prints
    one TAP result; on failure it lists what the kiosk showed."""
    env = dict(os.environ, GSETTINGS_BACKEND="memory")
    # a kiosk busy past the bus's default 0.8 s would fail a call that is fine
    Atspi.set_timeout(TIMEOUT * 1000, TIMEOUT * 1000)
    proc = subprocess.Popen([sys.argv[1], "--demo"], env=env)
    print("1..1", flush=True)
    try:
        wait_for("the welcome page", lambda: find(find_app(), "请将第二代居民身份证放在读卡区"))
        scenario()
        print("ok 1 " + test_name, flush=True)
        return 0
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
        print("not ok 1 %s # %s" % (test_name, error), flush=True)
        return 1
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
