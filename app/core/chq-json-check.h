/* chq-json-check.h: the strict RFC 8259 check run before json-glib reads a document
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CHQ_JSON_CHECK_OK,
  CHQ_JSON_CHECK_NOT_JSON,    /* not one RFC 8259 document (syntax, UTF-8, trailing text) */
  CHQ_JSON_CHECK_TOO_DEEP,    /* arrays and objects nested deeper than allowed */
  CHQ_JSON_CHECK_BAD_TEXT,    /* a string value holds \u0000 or a lone surrogate */
  CHQ_JSON_CHECK_BAD_NUMBER,  /* an integer past 64 bits, or a number past a double's range */
} ChqJsonCheckResult;

/* Where the check stopped and, for BAD_TEXT and BAD_NUMBER, the path of the member at
 * fault ("days[1].hours"; "" for the top-level value). */
typedef struct {
  gsize  offset;
  char  *path; /* owned, nullable */
} ChqJsonCheckFault;

ChqJsonCheckResult chq_json_check             (const char        *data,
                                               gsize              len,
                                               guint              max_depth,
                                               ChqJsonCheckFault *out_fault);
void               chq_json_check_fault_clear (ChqJsonCheckFault *fault);

G_END_DECLS
