#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""test-ui-names: what a screen reader hears. Runs the app (demo data) on a private AT-SPI bus,
goes through every page and the dialogs a person opens from them, and checks the name of
every control that can take the focus: not empty, not a class name (GtkToggleButton,
GtkListItemWidget), not said twice ("Cancel Cancel"). Speaks TAP.

Needs python3-pyatspi and at-spi2-core; run inside the test's D-Bus session and X server."""
import os
import re
import subprocess
import sys
import tempfile
import time

try:
    import pyatspi
except ImportError:
    print("1..0 # SKIP python3-pyatspi is not installed")
    sys.exit(0)

APP = sys.argv[1]
CLASS_NAME = re.compile(r"^(Gtk|Adw|Chq)[A-Z]\w+$")
# Containers are read through what they hold; the checks are for what a person operates.
CONTAINERS = {"scroll pane", "panel", "filler", "viewport", "section", "frame", "window",
              "dialog", "application", "layered pane", "tool bar", "page tab list", "label"}

results = []


def tap(ok, what, detail=""):
    results.append((ok, what, detail))


def wait_for(what, timeout=60.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        found = what()
        if found:
            return found
        time.sleep(0.3)
    return None


def walk(node, visit, depth=0):
    if node is None or depth > 60:
        return
    try:
        visit(node)
        for i in range(min(node.childCount, 3000)):
            walk(node.getChildAtIndex(i), visit, depth + 1)
    except Exception:  # an object gone while walking
        pass


def find(root, role, name):
    hits = []

    def visit(node):
        try:
            if node.getRoleName() == role and re.fullmatch(name, node.name or ""):
                hits.append(node)
        except Exception:
            pass
    walk(root, visit)
    return hits[0] if hits else None


def doubled(name):
    # "Place of birth Place of Birth" is read twice as much as "Address Address".
    words = name.casefold().split()
    n = len(words)
    return n >= 2 and n % 2 == 0 and words[: n // 2] == words[n // 2:]


def check_names(root, where):
    problems = []

    def visit(node):
        states = node.getState()
        # GTK 4.8 says nothing of what is on screen: hidden pages are checked too.
        if not (states.contains(pyatspi.STATE_FOCUSABLE) and states.contains(pyatspi.STATE_SENSITIVE)):
            return
        role = node.getRoleName()
        if role in CONTAINERS:
            return
        name = (node.name or "").strip()
        if not name:
            problems.append(f"{role} with no name")
        elif CLASS_NAME.match(name):
            problems.append(f"{role} named {name}")
        elif doubled(name):
            problems.append(f"{role} named twice: {name!r}")
    walk(root, visit)
    tap(not problems, f"every focusable control of {where} has a name", "; ".join(problems))


def click(node):
    if node is None:
        return False
    action = node.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "activate", "press", "clicked"):
            action.doAction(i)
            return True
    if action.nActions > 0:
        action.doAction(0)
        return True
    return False


def app_root():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        a = desktop.getChildAtIndex(i)
        if a is not None and a.name in ("chequier", "Chéquier"):
            return a
    return None


def toplevel(app, title):
    for i in range(app.childCount):
        w = app.getChildAtIndex(i)
        if w is not None and re.fullmatch(title, w.name or ""):
            return w
    return None


def main():
    home = tempfile.mkdtemp(prefix="chq-ui-names-")
    env = dict(os.environ)
    for key in ("NO_AT_BRIDGE",):
        env.pop(key, None)
    env.update({"GTK_A11Y": "atspi", "LANGUAGE": "en", "LC_ALL": "C.UTF-8",
                "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config",
                "XDG_CACHE_HOME": f"{home}/cache", "XDG_STATE_HOME": f"{home}/state",
                "GSETTINGS_BACKEND": "memory"})
    bus = subprocess.Popen(["/usr/libexec/at-spi-bus-launcher", "--launch-immediately"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1)
    proc = subprocess.Popen([APP, "--demo"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        app = wait_for(app_root)
        tap(app is not None, "the app is on the accessibility bus")
        if app is None:
            return
        window = wait_for(lambda: toplevel(app, "Chéquier"))
        # The demo has synced once the catalogue lists its courses.
        wait_for(lambda: find(window, "list item", ".+"), 90)

        for page in ("Catalogue", "Vouchers", "Training Hours", "Workers"):
            tab = find(window, "page tab", page)
            tap(tab is not None, f"a tab for the {page} page")
            if tab is None:
                continue
            click(tab)
            time.sleep(2)
            check_names(window, f"the {page} page")

        # The dialogs opened from the pages.
        for page, button, title in (("Vouchers", "Order Vouchers…", "Order Vouchers"),
                                    ("Workers", "Add Worker…", "Add Worker|New Worker|Worker")):
            tab = find(window, "page tab", page)
            tap(tab is not None, f"a tab for the {page} page, again")
            click(tab)
            time.sleep(1)
            opener = wait_for(lambda: find(window, "push button", re.escape(button)), 10)
            tap(opener is not None, f"a button {button}")
            if opener is None:
                continue
            click(opener)
            dialog = wait_for(lambda: toplevel(app, title), 10)
            tap(dialog is not None, f"{button} opens its dialog")
            if dialog is None:
                continue
            time.sleep(1)
            time.sleep(1)
            role = dialog.getRoleName()
            tap(role == "dialog", f"the {title} dialog is announced as a dialog", f"its role is {role!r}")
            check_names(dialog, f"the {title} dialog")
            cancel = find(dialog, "push button", "Cancel")
            if cancel is not None:
                click(cancel)
            time.sleep(1)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        bus.terminate()

    print(f"1..{len(results)}")
    for i, (ok, what, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} {what}")
        if not ok and detail:
            print(f"# {detail}")


main()
