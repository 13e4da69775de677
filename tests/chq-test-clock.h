/* chq-test-clock.h: give the app's clock the date of the sandbox a test talks to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "chq-clock.h"
#include "chq-sandbox.h"

/* The app then reads the sandbox's fixed date as today (token expiry, "today" in the pages,
 * expiry warnings, the year shown), whatever the real date and time of day. */
static inline void
test_clock_follow (ChqSandbox *sandbox)
{
  g_autoptr(GDateTime) now = chq_sandbox_dup_now (sandbox);

  chq_clock_set_start (now);
}
