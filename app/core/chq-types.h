/* chq-types.h: the enumerations of the voucher scheme and their API words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The three kinds of training voucher (DOMAIN.md); API words "cf", "cfl", "eco". */
typedef enum {
  CHQ_VOUCHER_TYPE_CF,
  CHQ_VOUCHER_TYPE_CFL,
  CHQ_VOUCHER_TYPE_ECO,
} ChqVoucherType;
#define CHQ_N_VOUCHER_TYPES 3

/* API words "employer", "self_employed_main", "self_employed_secondary". */
typedef enum {
  CHQ_ACCOUNT_KIND_EMPLOYER,
  CHQ_ACCOUNT_KIND_SELF_EMPLOYED_MAIN,
  CHQ_ACCOUNT_KIND_SELF_EMPLOYED_SECONDARY,
} ChqAccountKind;

/* API words "employee", "temp", "self_employed_main", "self_employed_secondary",
 * "helping_spouse", "student", "apprentice", "intern", "pfi_trainee". */
typedef enum {
  CHQ_WORKER_STATUS_EMPLOYEE,
  CHQ_WORKER_STATUS_TEMP,
  CHQ_WORKER_STATUS_SELF_EMPLOYED_MAIN,
  CHQ_WORKER_STATUS_SELF_EMPLOYED_SECONDARY,
  CHQ_WORKER_STATUS_HELPING_SPOUSE,
  CHQ_WORKER_STATUS_STUDENT,
  CHQ_WORKER_STATUS_APPRENTICE,
  CHQ_WORKER_STATUS_INTERN,
  CHQ_WORKER_STATUS_PFI_TRAINEE,
} ChqWorkerStatus;
#define CHQ_N_WORKER_STATUSES 9

/* API words "in_person", "distance", "blended". */
typedef enum {
  CHQ_COURSE_FORMAT_IN_PERSON,
  CHQ_COURSE_FORMAT_DISTANCE,
  CHQ_COURSE_FORMAT_BLENDED,
} ChqCourseFormat;

/* API words "awaiting_payment", "credited", "cancelled". */
typedef enum {
  CHQ_ORDER_STATUS_AWAITING_PAYMENT,
  CHQ_ORDER_STATUS_CREDITED,
  CHQ_ORDER_STATUS_CANCELLED,
} ChqOrderStatus;

/* API words "booked", "attended", "cancelled". */
typedef enum {
  CHQ_ENROLMENT_STATUS_BOOKED,
  CHQ_ENROLMENT_STATUS_ATTENDED,
  CHQ_ENROLMENT_STATUS_CANCELLED,
} ChqEnrolmentStatus;

/* The five AI themes of DOMAIN.md, and the other themes of the catalogue. API words in
 * chq_theme_to_string(); a course's themes[] may hold words this table does not know,
 * which are shown as they are. */
typedef enum {
  CHQ_THEME_AI_PRODUCTIVITY,         /* "ai_productivity" */
  CHQ_THEME_AI_MANAGEMENT,           /* "ai_management" (management and communication) */
  CHQ_THEME_AI_LEGAL,                /* "ai_legal" */
  CHQ_THEME_AI_MARKETING_FINANCE,    /* "ai_marketing_finance" (marketing, finance, accounting) */
  CHQ_THEME_AI_IT_HR,                /* "ai_it_hr" (optimising IT and HR) */
  CHQ_THEME_LANGUAGES,               /* "languages" */
  CHQ_THEME_ECO_CLIMATE,             /* "eco_climate" */
  CHQ_THEME_MANAGEMENT,              /* "management" */
  CHQ_THEME_IT,                      /* "it" */
  CHQ_THEME_SAFETY,                  /* "safety" */
} ChqTheme;
#define CHQ_N_THEMES 10
#define CHQ_N_AI_THEMES 5

#define CHQ_TYPE_VOUCHER_TYPE (chq_voucher_type_get_type ())
#define CHQ_TYPE_ACCOUNT_KIND (chq_account_kind_get_type ())
#define CHQ_TYPE_WORKER_STATUS (chq_worker_status_get_type ())
#define CHQ_TYPE_COURSE_FORMAT (chq_course_format_get_type ())
#define CHQ_TYPE_ORDER_STATUS (chq_order_status_get_type ())
#define CHQ_TYPE_ENROLMENT_STATUS (chq_enrolment_status_get_type ())
#define CHQ_TYPE_THEME (chq_theme_get_type ())

GType chq_voucher_type_get_type (void) G_GNUC_CONST;
GType chq_account_kind_get_type (void) G_GNUC_CONST;
GType chq_worker_status_get_type (void) G_GNUC_CONST;
GType chq_course_format_get_type (void) G_GNUC_CONST;
GType chq_order_status_get_type (void) G_GNUC_CONST;
GType chq_enrolment_status_get_type (void) G_GNUC_CONST;
GType chq_theme_get_type (void) G_GNUC_CONST;

/* API word <-> value. from_string() returns FALSE for NULL or an unknown word. */
const char *chq_voucher_type_to_string     (ChqVoucherType     value);
gboolean    chq_voucher_type_from_string   (const char        *word,
                                            ChqVoucherType    *out_value);
const char *chq_account_kind_to_string     (ChqAccountKind     value);
gboolean    chq_account_kind_from_string   (const char        *word,
                                            ChqAccountKind    *out_value);
const char *chq_worker_status_to_string    (ChqWorkerStatus    value);
gboolean    chq_worker_status_from_string  (const char        *word,
                                            ChqWorkerStatus   *out_value);
const char *chq_course_format_to_string    (ChqCourseFormat    value);
gboolean    chq_course_format_from_string  (const char        *word,
                                            ChqCourseFormat   *out_value);
const char *chq_order_status_to_string     (ChqOrderStatus     value);
gboolean    chq_order_status_from_string   (const char        *word,
                                            ChqOrderStatus    *out_value);
const char *chq_enrolment_status_to_string (ChqEnrolmentStatus value);
gboolean    chq_enrolment_status_from_string (const char      *word,
                                            ChqEnrolmentStatus *out_value);
const char *chq_theme_to_string            (ChqTheme           value);
gboolean    chq_theme_from_string          (const char        *word,
                                            ChqTheme          *out_value);
gboolean    chq_theme_is_ai                (ChqTheme           value);

/* Translated labels for people (through gettext). */
const char *chq_voucher_type_get_label     (ChqVoucherType     value);
const char *chq_account_kind_get_label     (ChqAccountKind     value);
const char *chq_worker_status_get_label    (ChqWorkerStatus    value);
const char *chq_course_format_get_label    (ChqCourseFormat    value);
const char *chq_order_status_get_label     (ChqOrderStatus     value);
const char *chq_enrolment_status_get_label (ChqEnrolmentStatus value);
const char *chq_theme_get_label            (ChqTheme           value);
/* The label of a theme word; an unknown word is returned as it is. */
const char *chq_theme_word_get_label       (const char        *word);

G_END_DECLS
