/* chq-training-year-loader.h: reads what a ChqTrainingYear is built from, off the main
 * thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-backend.h"
#include "chq-register.h"
#include "chq-training-year.h"

G_BEGIN_DECLS

/* The date a year's balances are counted at: @today within @year, else the year's first or
 * last day. */
void             chq_training_year_clamp_date (int                  year,
                                               GDateTime           *today,
                                               GDate               *out);
/* Reads every stored enrolment and, when @reg is open, the register, then builds @year at
 * @at for @account and @workers (already read by the caller). */
void             chq_training_year_load_async  (ChqStore            *store,
                                                ChqRegister         *reg,
                                                int                  year,
                                                const GDate         *at,
                                                ChqAccount          *account,
                                                GPtrArray           *workers,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* @out_data: (optional): the register's data read, for the caller to keep. */
ChqTrainingYear *chq_training_year_load_finish (GAsyncResult        *result,
                                                ChqRegisterData    **out_data,
                                                GError             **error);

G_END_DECLS
