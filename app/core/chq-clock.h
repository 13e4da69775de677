/* chq-clock.h: the one clock the app reads "now" and "today" from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *chq_clock_now_utc      (void);
GDateTime *chq_clock_now_local    (void);
gint64     chq_clock_get_real_time (void);
void       chq_clock_get_today    (GDate     *date);

void       chq_clock_set_start    (GDateTime *start);
void       chq_clock_reset        (void);

G_END_DECLS
