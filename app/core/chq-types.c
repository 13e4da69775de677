/* chq-types.c: the enumerations of the voucher scheme and their API words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-types.h"

typedef struct {
  const char *word;   /* the API word */
  const char *label;  /* N_() marked, translated on use */
} ChqEnumWord;

static const ChqEnumWord voucher_types[] = {
  { "cf", N_("Standard") },
  { "cfl", N_("Languages") },
  { "eco", N_("Eco-Climat") },
};

static const ChqEnumWord account_kinds[] = {
  { "employer", N_("Employer") },
  { "self_employed_main", N_("Self-employed, main activity") },
  { "self_employed_secondary", N_("Self-employed, secondary activity") },
};

static const ChqEnumWord worker_statuses[] = {
  { "employee", N_("Employee") },
  { "temp", N_("Temporary worker") },
  { "self_employed_main", N_("Self-employed, main activity") },
  { "self_employed_secondary", N_("Self-employed, secondary activity") },
  { "helping_spouse", N_("Helping spouse") },
  { "student", N_("Student") },
  { "apprentice", N_("Apprentice") },
  { "intern", N_("Intern") },
  { "pfi_trainee", N_("PFI trainee") },
};

static const ChqEnumWord course_formats[] = {
  { "in_person", N_("In person") },
  { "distance", N_("Distance") },
  { "blended", N_("Blended") },
};

static const ChqEnumWord order_statuses[] = {
  { "awaiting_payment", N_("Awaiting payment") },
  { "credited", N_("Credited") },
  { "cancelled", N_("Cancelled") },
};

static const ChqEnumWord enrolment_statuses[] = {
  { "booked", N_("Booked") },
  { "attended", N_("Attended") },
  { "cancelled", N_("Cancelled") },
};

static const ChqEnumWord themes[] = {
  { "ai_productivity", N_("Business productivity with AI") },
  { "ai_management", N_("AI for management and communication") },
  { "ai_legal", N_("Legal aspects of AI") },
  { "ai_marketing_finance", N_("Marketing, finance and accounting with AI") },
  { "ai_it_hr", N_("Optimising IT and HR with AI") },
  { "languages", N_("Languages") },
  { "eco_climate", N_("Eco-Climat") },
  { "management", N_("Management") },
  { "it", N_("Information technology") },
  { "safety", N_("Safety") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (voucher_types) == CHQ_N_VOUCHER_TYPES);
G_STATIC_ASSERT (G_N_ELEMENTS (worker_statuses) == CHQ_N_WORKER_STATUSES);
G_STATIC_ASSERT (G_N_ELEMENTS (themes) == CHQ_N_THEMES);

static const char *
word_of (const ChqEnumWord *table,
         guint              n,
         int                value)
{
  g_return_val_if_fail (value >= 0 && (guint) value < n, NULL);
  return table[value].word;
}

static gboolean
value_of (const ChqEnumWord *table,
          guint              n,
          const char        *word,
          int               *out_value)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (strcmp (table[i].word, word) == 0)
        {
          if (out_value != NULL)
            *out_value = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

static const char *
label_of (const ChqEnumWord *table,
          guint              n,
          int                value)
{
  g_return_val_if_fail (value >= 0 && (guint) value < n, NULL);
  return g_dgettext (GETTEXT_PACKAGE, table[value].label);
}

static GType
register_enum (const char        *type_name,
               const ChqEnumWord *table,
               guint              n)
{
  GEnumValue *values = g_new0 (GEnumValue, n + 1);

  for (guint i = 0; i < n; i++)
    {
      values[i].value = (int) i;
      values[i].value_name = table[i].word;
      values[i].value_nick = table[i].word;
    }

  /* The values live as long as the type system does. */
  return g_enum_register_static (type_name, values);
}

/* One block per enumeration: the GType, the word conversions and the label. */
#define CHQ_DEFINE_ENUM(TypeName, type_name, table)                                     \
  GType                                                                                 \
  type_name##_get_type (void)                                                           \
  {                                                                                     \
    static gsize type_id = 0;                                                           \
    if (g_once_init_enter (&type_id))                                                   \
      g_once_init_leave (&type_id, register_enum (#TypeName, table,                     \
                                                  G_N_ELEMENTS (table)));               \
    return type_id;                                                                     \
  }                                                                                     \
  const char *                                                                          \
  type_name##_to_string (TypeName value)                                                \
  {                                                                                     \
    return word_of (table, G_N_ELEMENTS (table), (int) value);                          \
  }                                                                                     \
  gboolean                                                                              \
  type_name##_from_string (const char *word,                                            \
                           TypeName   *out_value)                                       \
  {                                                                                     \
    int v = 0;                                                                          \
    if (!value_of (table, G_N_ELEMENTS (table), word, &v))                              \
      return FALSE;                                                                     \
    if (out_value != NULL)                                                              \
      *out_value = (TypeName) v;                                                        \
    return TRUE;                                                                        \
  }                                                                                     \
  const char *                                                                          \
  type_name##_get_label (TypeName value)                                                \
  {                                                                                     \
    return label_of (table, G_N_ELEMENTS (table), (int) value);                         \
  }

CHQ_DEFINE_ENUM (ChqVoucherType, chq_voucher_type, voucher_types)
CHQ_DEFINE_ENUM (ChqAccountKind, chq_account_kind, account_kinds)
CHQ_DEFINE_ENUM (ChqWorkerStatus, chq_worker_status, worker_statuses)
CHQ_DEFINE_ENUM (ChqCourseFormat, chq_course_format, course_formats)
CHQ_DEFINE_ENUM (ChqOrderStatus, chq_order_status, order_statuses)
CHQ_DEFINE_ENUM (ChqEnrolmentStatus, chq_enrolment_status, enrolment_statuses)
CHQ_DEFINE_ENUM (ChqTheme, chq_theme, themes)

/**
 * chq_theme_is_ai:
 * @value: a theme
 *
 * Returns: whether @value is one of the five AI themes.
 */
gboolean
chq_theme_is_ai (ChqTheme value)
{
  return (int) value >= 0 && value < CHQ_N_AI_THEMES;
}

/**
 * chq_theme_word_get_label:
 * @word: a theme's API word
 *
 * Returns: the translated label of a known theme, or @word itself for a theme this version
 *   does not know.
 */
const char *
chq_theme_word_get_label (const char *word)
{
  ChqTheme theme;

  if (chq_theme_from_string (word, &theme))
    return chq_theme_get_label (theme);

  return word;
}
