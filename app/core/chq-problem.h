/* chq-problem.h: ChqProblem, an error answer of the service (RFC 9457 problem details)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_PROBLEM (chq_problem_get_type ())

G_DECLARE_FINAL_TYPE (ChqProblem, chq_problem, CHQ, PROBLEM, GObject)

ChqProblem *chq_problem_new              (void);

const char *chq_problem_get_problem_type (ChqProblem *self);
const char *chq_problem_get_title        (ChqProblem *self);
guint       chq_problem_get_status       (ChqProblem *self);
const char *chq_problem_get_detail       (ChqProblem *self);
const char *chq_problem_get_code         (ChqProblem *self);
const char *chq_problem_get_field        (ChqProblem *self);
int         chq_problem_get_left         (ChqProblem *self);

G_END_DECLS
