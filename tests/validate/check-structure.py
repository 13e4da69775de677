#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Files a newcomer can hold in their head (docs/architecture.md), as a TAP test:

1. no source file of app/ is longer than MAX_LINES;
2. no two source files call each other, directly or around a circle: the graph of "this
   file calls a function that file defines" has no cycle. That holds for the parts of one
   class split over several files too (chq-foo.c, chq-foo-*.c sharing chq-foo-private.h):
   the class's main file calls its parts, and a part never calls back up.

Usage: check-structure.py APP_DIR
"""
import os
import re
import sys

MAX_LINES = 1100

DEFINITION = re.compile(r'^(_?chq_[a-z0-9_]+)\s*\(', re.M)
CALL = re.compile(r'\b(_?chq_[a-z0-9_]+)\s*\(')
TYPE_MACRO = re.compile(r'\bCHQ_(?:IS_)?([A-Z0-9_]+)\s*\(')
COMMENT = re.compile(r'/\*.*?\*/', re.S)


def sources(app_dir):
    for folder, _, names in sorted(os.walk(app_dir)):
        for name in sorted(names):
            if name.endswith('.c') or name.endswith('.h'):
                yield os.path.join(folder, name)


def main():
    app_dir = sys.argv[1]
    files = list(sources(app_dir))
    c_files = [f for f in files if f.endswith('.c')]
    print('1..2')

    long_files = []
    for path in files:
        with open(path, encoding='utf-8') as f:
            n = sum(1 for _ in f)
        if n > MAX_LINES:
            long_files.append('%s: %d lines' % (os.path.relpath(path, app_dir), n))
    if long_files:
        print('not ok 1 - files over %d lines' % MAX_LINES)
        for line in long_files:
            print('# ' + line)
    else:
        print('ok 1 - no file over %d lines' % MAX_LINES)

    defined_in = {}
    texts = {}
    for path in c_files:
        text = COMMENT.sub('', open(path, encoding='utf-8').read())
        texts[path] = text
        for name in DEFINITION.findall(text):
            defined_in.setdefault(name, path)
    edges = {}
    for path, text in texts.items():
        called = set(CALL.findall(text))
        # CHQ_FOO (x) and CHQ_IS_FOO (x) call chq_foo_get_type ().
        called |= {'chq_%s_get_type' % m.lower() for m in TYPE_MACRO.findall(text)}
        for name in called:
            target = defined_in.get(name)
            if target is None or target == path:
                continue
            edges.setdefault(path, {}).setdefault(target, set()).add(name)

    # Tarjan's strongly connected components, iteratively.
    index, low, on_stack, stack, cycles = {}, {}, set(), [], []
    counter = [0]
    nodes = sorted(c_files)
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, {}))))]
        index[root] = low[root] = counter[0]
        counter[0] += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]
                    counter[0] += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, {})))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))

    if cycles:
        print('not ok 2 - files that call each other')
        for component in cycles:
            print('# circle: ' + ' '.join(os.path.relpath(c, app_dir) for c in component))
            for a in component:
                for b in component:
                    names = sorted(edges.get(a, {}).get(b, ()))
                    if names:
                        print('#   %s -> %s: %s' % (os.path.relpath(a, app_dir),
                                                  os.path.relpath(b, app_dir),
                                                  ', '.join(names[:5])))
    else:
        print('ok 2 - no two files call each other')


if __name__ == '__main__':
    main()
