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
WELCOME_PAGE = "欢迎"


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


def children(node):
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield child


def pages_listed():
    """The pages the kiosk's flow lists on the bus, as (title, node). GTK 4.8
    marks no widget as showing, and every page once built stays in the
    flow's stack: the kiosk hides all but the page on show from assistive
    technology, so this is that page alone (none in the moment a page
    changes)."""
    flow = find(find_app(), "KioskFlow")
    if flow is None:
        return []
    return [(page.get_name(), page)
            for stack in children(flow)
            for stack_page in children(stack)
            for page in children(stack_page)]


def page_on_show(title):
    """The page titled @title if it is the one on show, else None. Only a
    page listed alone counts: a kiosk that listed the pages it left as well
    would make every wait for a page fail, not pass at once."""
    pages = pages_listed()
    if len(pages) == 1 and pages[0][0] == title:
        return pages[0][1]
    return None


def find_on_page(page_title, name, roles=None):
    page = page_on_show(page_title)
    return find(page, name, roles) if page is not None else None


def wait_for_page(title, what):
    """Waits until the page titled @title is the one on show, and returns it;
    fails naming `what` and the pages the kiosk lists instead."""
    listed = []

    def on_show():
        listed[:] = [name for name, _ in pages_listed()]
        return page_on_show(title)

    try:
        return wait_for(what, on_show)
    except AssertionError as error:
        raise AssertionError("%s; the kiosk shows %s" % (
            error, " and ".join(repr(name) for name in listed) or "no page")) from None


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


def has_state(node, state):
    return node is not None and node.get_state_set().contains(state)


def on_screen(node):
    """Whether @node has a place of its own on the screen: laid out with a size
    and inside the screen. A page's controls have no size until its first
    layout, and the demo drawer's buttons lie off the screen's left edge until
    it has slid out."""
    if node is None:
        return False
    box = Atspi.Component.get_extents(node, Atspi.CoordType.SCREEN)
    width, height = screen_size()
    return box.width > 0 and box.height > 0 and box.x >= 0 and box.y >= 0 and \
        box.x + box.width <= width and box.y + box.height <= height


def screen_size():
    size = subprocess.run(["xdotool", "getdisplaygeometry"], check=True, capture_output=True,
                          text=True).stdout.split()
    return int(size[0]), int(size[1])


def text_of(node):
    return Atspi.Text.get_text(node, 0, Atspi.Text.get_character_count(node))


def open_demo_tray():
    """Slides the demo drawer out; its buttons act once they are on the
    screen (a button the drawer still hides takes no press)."""
    press(control("演示证件托盘", BUTTONS))
    wait_for("the demo drawer out, its first card's button on the screen",
             lambda: on_screen(find(find_app(), "放置：陈建国", BUTTONS)))


def press_keys(page, field_name, keys):
    """Presses keypad keys of the page titled @page by their names, each once
    the field named @field_name shows the key before: GTK makes a press a
    click a moment after it, and a second press of one key in that moment is
    not a second click."""
    field = wait_for(field_name, lambda: find_on_page(page, field_name, ENTRIES))
    keypad = wait_for("the keypad", lambda: find_on_page(page, "KioskKeypad"))
    for key in keys:
        typed = text_of(field) + key
        press(wait_for("the key " + key, lambda: find(keypad, key, BUTTONS)))
        wait_for("%s to read %r" % (field_name, typed), lambda: text_of(field) == typed)


def hold_staff_corner():
    """Opens staff sign-in the hidden way: a press on the top-right corner,
    held until the sign-in page has come (it opens after three seconds of
    holding), then released."""
    width, _ = screen_size()
    subprocess.run(["xdotool", "mousemove", str(width - 30), "30", "mousedown", "1"], check=True)
    try:
        # pages are made when first shown: the kiosk had no sign-in page
        wait_for("staff sign-in, after holding the top-right corner",
                 lambda: find_on_page("工作人员登录", "工作人员账号", ENTRIES))
    finally:
        subprocess.run(["xdotool", "mouseup", "1"], check=True)


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
        wait_for_page(WELCOME_PAGE, "the welcome page")
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
