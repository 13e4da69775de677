/* chq-ident.h: Belgian identifiers (enterprise number, NISS, structured communication, IBAN)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CHQ_IDENT_ERROR (chq_ident_error_quark ())

typedef enum {
  CHQ_IDENT_ERROR_EMPTY,
  CHQ_IDENT_ERROR_INVALID_CHARACTER,
  CHQ_IDENT_ERROR_WRONG_LENGTH,
  CHQ_IDENT_ERROR_WRONG_CHECK,
  CHQ_IDENT_ERROR_INVALID_DATE,
  CHQ_IDENT_ERROR_WRONG_COUNTRY,
} ChqIdentError;

GQuark   chq_ident_error_quark                    (void);

/* Enterprise number (BCE/KBO): normalize -> "0123456749", format -> "0123.456.749". */
char    *chq_enterprise_number_normalize          (const char  *input,
                                                   GError     **error);
gboolean chq_enterprise_number_validate           (const char  *input,
                                                   GError     **error);
char    *chq_enterprise_number_format             (const char  *input);

/* National register number (NISS/INSZ): normalize -> 11 digits, format -> "85.07.30-033.28". */
char    *chq_niss_normalize                       (const char  *input,
                                                   GError     **error);
gboolean chq_niss_validate                        (const char  *input,
                                                   GError     **error);
char    *chq_niss_format                          (const char  *input);

/* Structured communication (OGM/VCS): normalize -> 12 digits,
 * format -> "+++100/0012/34560+++". */
char    *chq_structured_communication_normalize   (const char  *input,
                                                   GError     **error);
gboolean chq_structured_communication_validate    (const char  *input,
                                                   GError     **error);
char    *chq_structured_communication_format      (const char  *input);
/* Ten digits -> the twelve digits with the check appended (0 written 97). */
char    *chq_structured_communication_from_digits (const char  *ten_digits,
                                                   GError     **error);

/* Belgian IBAN: normalize -> "BE51210000098062", format -> "BE51 2100 0009 8062". */
char    *chq_iban_normalize                       (const char  *input,
                                                   GError     **error);
gboolean chq_iban_validate                        (const char  *input,
                                                   GError     **error);
char    *chq_iban_format                          (const char  *input);

G_END_DECLS
