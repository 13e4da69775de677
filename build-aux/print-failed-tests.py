#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Prints what each test that did not pass wrote (the end of its standard output and error),
# from a meson build folder's meson-logs/testlog.json, so that a failure far back in a
# long log, or in a root that is gone once CI ends, can still be read.
#   print-failed-tests.py BUILDDIR [LINES]
import json
import sys

PASSED = {'OK', 'SKIP', 'EXPECTEDFAIL'}


def main():
    if len(sys.argv) not in (2, 3):
        print('usage: print-failed-tests.py BUILDDIR [LINES]', file=sys.stderr)
        return 2
    lines = int(sys.argv[2]) if len(sys.argv) == 3 else 150
    path = sys.argv[1] + '/meson-logs/testlog.json'
    try:
        log = open(path, encoding='utf-8', errors='replace')
    except OSError as e:
        print(f'print-failed-tests.py: {e}', file=sys.stderr)
        return 1
    with log:
        for text in log:
            test = json.loads(text)
            if test.get('result') in PASSED:
                continue
            print(f"==== {test['name']}: {test.get('result')} "
                  f"(exit {test.get('returncode')}, {test.get('duration', 0):.2f} s)")
            for stream in ('stdout', 'stderr'):
                output = (test.get(stream) or '').splitlines()
                if output:
                    print(f'---- its {stream}, last {min(lines, len(output))} lines')
                    print('\n'.join(output[-lines:]))
    return 0


if __name__ == '__main__':
    sys.exit(main())
