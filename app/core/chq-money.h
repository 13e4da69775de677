/* chq-money.h: amounts in integer euro cents, as text for people and for files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHQ_MONEY_ERROR (chq_money_error_quark ())

typedef enum {
  CHQ_MONEY_ERROR_EMPTY,
  CHQ_MONEY_ERROR_INVALID,
  CHQ_MONEY_ERROR_TOO_MANY_DECIMALS,
  CHQ_MONEY_ERROR_NEGATIVE,
  CHQ_MONEY_ERROR_OVERFLOW,
} ChqMoneyError;

GQuark   chq_money_error_quark  (void);

/* "1.234,50 €" (fr_BE), "€ 1.234,50" (nl_BE), "€1,234.50" (en_US), "EUR 1234.50" (C). */
char    *chq_money_format       (gint64       cents);
/* "1234.50", "-0.05": C locale, for CSV, JSON and tests. */
char    *chq_money_format_plain (gint64       cents);
/* "12,50", "12.50", "1 234,5", "€ 7", "1.234,50 €" -> cents. */
gboolean chq_money_parse        (const char  *text,
                                 gint64      *out_cents,
                                 GError     **error);

G_END_DECLS
