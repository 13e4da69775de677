#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# compare-stdnum.py: chq-ident's verdicts against python-stdnum's on generated inputs.
#
# Usage: compare-stdnum.py IDENT-VERDICTS-BINARY
#
# Generates a few thousand Belgian identifiers (valid ones, check digits off by one, odd
# separators, BIS numbers, partial and impossible birth dates, 9-digit enterprise numbers,
# structured communications, IBANs), asks tests/ident-verdicts.c for chq-ident's verdict
# on each and python-stdnum (Debian package python3-stdnum) for its own, and fails on any
# disagreement that ALLOWED below does not list with its reason. Speaks TAP; skips (plan
# 1..0) when python3-stdnum is missing.

import os
import random
import subprocess
import sys


def reexec_with_system_python():
    """A developer's pyenv or venv may hide Debian's python3-stdnum: try /usr/bin/python3."""
    system = '/usr/bin/python3'
    if os.environ.get('CHQ_STDNUM_REEXEC') or not os.path.exists(system) or \
            os.path.realpath(sys.executable) == os.path.realpath(system):
        return
    os.environ['CHQ_STDNUM_REEXEC'] = '1'
    os.execv(system, [system] + sys.argv)


try:
    from stdnum.be import iban as be_iban
    from stdnum.be import nn as be_nn
    from stdnum.be import vat as be_vat
    import stdnum
except ImportError:
    reexec_with_system_python()
    print('1..0 # SKIP python3-stdnum is not installed: install the Debian package '
          'python3-stdnum to compare chq-ident with it')
    sys.stderr.write('\n*** compare-stdnum SKIPPED: python3-stdnum is missing '
                     '(apt-get install python3-stdnum) ***\n\n')
    sys.exit(0)

try:
    from stdnum.be import bis as be_bis
except ImportError:
    be_bis = None
try:
    from stdnum.be import ogm_vcs as be_ogm
except ImportError:
    be_ogm = None

# chq-ident's error codes (ChqIdentError in app/core/chq-ident.h).
EMPTY, INVALID_CHARACTER, WRONG_LENGTH, WRONG_CHECK, INVALID_DATE, WRONG_COUNTRY, \
    ESTABLISHMENT_UNIT = range(7)

rng = random.Random(20261207)
SEPARATOR_VARIANTS = [
    ' ', '\u00a0', '\u202f', '\u2013', '\u2014', '\u2011', '\u2212', '.', '-',
]


def mod97(digits):
    check = int(digits) % 97
    return check or 97


def spread(value, separator):
    """Groups of three with @separator between them."""
    return separator.join(value[i:i + 3] for i in range(0, len(value), 3))


def variants(value, separators=SEPARATOR_VARIANTS):
    yield value
    sep = rng.choice(separators)
    yield spread(value, sep)
    yield ' ' + value + '\n'
    cut = rng.randrange(1, len(value))
    yield value[:cut] + '\t' + value[cut:]
    yield value[:cut] + '\n' + value[cut:]


def vat_inputs():
    for _ in range(600):
        first = rng.choice('0011' + '23456789')
        base = first + ''.join(rng.choice('0123456789') for _ in range(7))
        check = 97 - int(base) % 97
        good = base + '%02d' % check
        bad = base + '%02d' % ((check % 97) + 1)
        for value in (good, bad):
            yield from variants(value, SEPARATOR_VARIANTS + ['/'])
        yield 'BE' + good
        yield 'BE ' + spread(good, '.')
        if good.startswith('0'):
            yield good[1:]                      # the old 9-digit form
            yield '(0)' + good[1:]


def nn_inputs():
    for _ in range(700):
        year = rng.randrange(0, 100)
        month = rng.choice([rng.randrange(1, 13), 0, rng.randrange(13, 20),
                            rng.randrange(1, 13) + 20, rng.randrange(1, 13) + 40,
                            20, 40])
        day = rng.choice([rng.randrange(1, 29), 0, 29, 30, 31, 32])
        counter = rng.randrange(1, 998)
        first9 = '%02d%02d%02d%03d' % (year, month, day, counter)
        born_2000 = rng.random() < 0.3
        check = 97 - (int(('2' if born_2000 else '') + first9) % 97)
        good = first9 + '%02d' % check
        bad = first9 + '%02d' % ((check + 1) % 100)
        for value in (good, bad):
            yield from variants(value)
        yield '%s.%s.%s-%s.%s' % (good[0:2], good[2:4], good[4:6], good[6:9], good[9:])
        yield '%s/%s' % (good[:6], good[6:])


def ogm_inputs():
    for _ in range(400):
        ten = ''.join(rng.choice('0123456789') for _ in range(10))
        good = ten + '%02d' % mod97(ten)
        bad = ten + '%02d' % (mod97(ten) % 97 + 1)
        for value in (good, bad):
            yield value
            yield '+++%s/%s/%s+++' % (value[:3], value[3:7], value[7:])
            yield '***%s/%s/%s***' % (value[:3], value[3:7], value[7:])
            cut = rng.randrange(1, 12)
            yield value[:cut] + '\t' + value[cut:]


def iban_check(bban):
    moved = bban + '1114' + '00'                # "BE" = 11 14
    return '%02d' % (98 - int(moved) % 97)


def iban_inputs():
    banks = ['210', '001', '063', '068', '310', '363', '539', '735', '973', '999']
    for _ in range(400):
        ten = rng.choice(banks) + ''.join(rng.choice('0123456789') for _ in range(7))
        bban = ten + '%02d' % mod97(ten)
        good = 'BE' + iban_check(bban) + bban
        off_national = ten + '%02d' % (mod97(ten) % 97 + 1)
        bad_national = 'BE' + iban_check(off_national) + off_national
        bad_iban = 'BE' + '%02d' % ((int(iban_check(bban)) + 1) % 100) + bban
        for value in (good, bad_national, bad_iban):
            yield value
            yield ' '.join(value[i:i + 4] for i in range(0, 16, 4))
            yield '\u00a0'.join(value[i:i + 4] for i in range(0, 16, 4)).lower()
            cut = rng.randrange(3, 15)
            yield value[:cut] + '\t' + value[cut:]


def stdnum_verdict(kind, value):
    """(valid, compact value) by python-stdnum."""
    modules = {'vat': [be_vat], 'nn': [be_nn] + ([be_bis] if be_bis else []),
               'iban': [be_iban], 'ogm': [be_ogm] if be_ogm else []}[kind]
    for module in modules:
        try:
            return True, module.validate(value)
        except Exception:  # noqa: B902 (any ValidationError, or a bad input)
            continue
    return False, None


def reference_ogm(value):
    """The documented rule (DOMAIN.md), for stdnum versions without be.ogm_vcs."""
    digits = value.strip()
    for char in '+*/. -':
        digits = digits.replace(char, '')
    if len(digits) != 12 or not digits.isascii() or not digits.isdigit():
        return False, None
    return int(digits[10:]) == mod97(digits[:10]), digits


def digits_of(value):
    return ''.join(c for c in value if c.isdigit())


# Disagreements accepted on purpose: (kind, predicate(value, ours, theirs), reason).
ALLOWED = [
    ('vat', lambda v, ours, theirs: ours == ('error', ESTABLISHMENT_UNIT) and theirs[0],
     'chq-ident refuses 10-digit numbers starting 2-9: those are establishment unit '
     'numbers, not enterprise numbers (KBO/BCE); stdnum %s checks only the check digits'
     % stdnum.__version__),
    ('nn', lambda v, ours, theirs: ours == ('error', INVALID_DATE) and theirs[0],
     'chq-ident refuses a birth date that cannot exist (month 13-19, 33-39 or over 52, '
     'day 32, 30 February); stdnum %s be.nn checks only the check digits'
     % stdnum.__version__),
    ('nn', lambda v, ours, theirs: ours[0] == 'ok' and not theirs[0] and '/' in v,
     'chq-ident also accepts a slash between the birth date and the counter (as some '
     'payslips print it); stdnum be.nn strips spaces, dashes and dots only'),
    ('iban', lambda v, ours, theirs: ours[0] == 'ok' and not theirs[0]
     and not be_iban.info(ours[1]),
     'chq-ident checks a Belgian account by its check digits only; stdnum also wants the '
     'bank code in its own list of banks, which Chéquier does not keep (a new bank would '
     'be refused)'),
]


def main():
    if len(sys.argv) != 2:
        sys.stderr.write('Usage: compare-stdnum.py IDENT-VERDICTS-BINARY\n')
        return 2

    inputs = [(kind, value)
              for kind, generate in (('vat', vat_inputs), ('nn', nn_inputs),
                                     ('ogm', ogm_inputs), ('iban', iban_inputs))
              for value in generate()]
    stdin = ''.join('%s %s\n' % (kind, value.encode('utf-8').hex()) for kind, value in inputs)
    answer = subprocess.run([sys.argv[1]], input=stdin, capture_output=True, text=True,
                            check=True)
    lines = answer.stdout.splitlines()
    assert len(lines) == len(inputs), 'ident-verdicts answered %d of %d' % (len(lines),
                                                                          len(inputs))

    kinds = ['vat', 'nn', 'ogm', 'iban']
    print('1..%d' % (len(kinds) + 1))
    print('# python-stdnum %s; %d inputs' % (stdnum.__version__, len(inputs)))
    if be_ogm is None:
        print('# stdnum %s has no be.ogm_vcs: structured communications are compared with '
              'the rule of DOMAIN.md written out in this script' % stdnum.__version__)

    allowed_counts = {reason: 0 for _, _, reason in ALLOWED}
    failures = 0
    for number, kind in enumerate(kinds, start=1):
        n = 0
        bad = []
        for (k, value), line in zip(inputs, lines):
            if k != kind:
                continue
            n += 1
            word, _, rest = line.partition(' ')
            ours = ('ok', rest) if word == 'ok' else ('error', int(rest))
            if kind == 'ogm' and be_ogm is None:
                theirs = reference_ogm(value)
            else:
                theirs = stdnum_verdict(kind, value)
            if (ours[0] == 'ok') == theirs[0] and (not theirs[0] or ours[1] == theirs[1]):
                continue
            reason = next((r for k2, accept, r in ALLOWED
                           if k2 == kind and accept(value, ours, theirs)), None)
            if reason is not None:
                allowed_counts[reason] += 1
            else:
                bad.append((value, ours, theirs))
        if bad:
            failures += 1
            print('not ok %d - %s: %d of %d inputs disagree' % (number, kind, len(bad), n))
            for value, ours, theirs in bad[:20]:
                print('#   %r: chq-ident %s, stdnum %s' % (value, ours, theirs))
        else:
            print('ok %d - %s: %d inputs agree (or disagree on purpose)' % (number, kind, n))

    # Every disagreement listed must still happen: a rule that no longer differs is
    # taken out of the list rather than left to excuse something else.
    unused = [reason for reason, count in allowed_counts.items() if count == 0]
    if unused:
        failures += 1
        print('not ok %d - allow-list entries never used' % (len(kinds) + 1))
        for reason in unused:
            print('#   %s' % reason)
    else:
        print('ok %d - every disagreement on purpose happened' % (len(kinds) + 1))
    for reason, count in allowed_counts.items():
        print('# accepted %d times: %s' % (count, reason))

    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
