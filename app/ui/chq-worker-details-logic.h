/* chq-worker-details-logic.h: the checks of the training account's details in the worker
 * dialog, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CHQ_DETAILS_FIELD_NONE,
  CHQ_DETAILS_FIELD_BIRTH_DATE,
  CHQ_DETAILS_FIELD_WORK_FRACTION,
  CHQ_DETAILS_FIELD_JOINT_COMMITTEE,
  CHQ_DETAILS_FIELD_ENTRY_DATE,
  CHQ_DETAILS_FIELD_LEAVING_DATE,
} ChqDetailsField;

/* What the form holds, as typed. */
typedef struct {
  const char *niss;             /* the worker's national register number, or "" */
  const char *birth_date;
  const char *work_fraction;    /* empty when the worker works full time */
  const char *joint_committee;
  const char *entry_date;
  const char *leaving_date;
} ChqDetailsForm;

/* A date as typed: "30/07/1985", "30.07.1985", "30-07-1985" or "1985-07-30". */
gboolean        chq_details_parse_date          (const char            *text,
                                                 GDate                 *out);
/* "DD/MM/YYYY", the way the form shows a date. */
char           *chq_details_format_date         (const GDate           *date);
/* A part-time fraction as typed: "0,8", "0.8", "4/5", "80 %", "1". */
gboolean        chq_details_parse_fraction      (const char            *text,
                                                 double                *out);
/* Each check: TRUE when acceptable (every field is optional, so empty is); otherwise FALSE
 * and a translated sentence saying what to do. */
gboolean        chq_details_check_date          (const char            *text,
                                                 char                 **out_message);
gboolean        chq_details_check_fraction      (const char            *text,
                                                 char                 **out_message);
gboolean        chq_details_check_joint_committee (const char          *text,
                                                 char                 **out_message);
/* The whole group against @today: each field, then that the birth date is the one the
 * national register number encodes and lies in the past, and that the entry comes after
 * the birth and before the leaving. The first field at fault, and its message. */
ChqDetailsField chq_details_check_form          (const ChqDetailsForm  *form,
                                                 const GDate           *today,
                                                 char                 **out_message);

G_END_DECLS
