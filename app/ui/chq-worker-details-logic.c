/* chq-worker-details-logic.c: the checks of the training account's details
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The individual training account holds the worker's date and place of birth, address,
 * work regime and joint committee (DOMAIN.md); the dialog checks them as they are typed,
 * with these functions, before the register keeps them.
 */
#define G_LOG_DOMAIN "chq-worker-details"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "chq-ident.h"
#include "chq-training-right.h"
#include "chq-worker-details-logic.h"

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
read_number (const char **p,
             guint        max_digits,
             guint       *out,
             guint       *n_digits)
{
  guint value = 0;
  guint digits = 0;

  while (g_ascii_isdigit (**p) && digits < max_digits)
    {
      value = value * 10 + (guint) (**p - '0');
      (*p)++;
      digits++;
    }
  *out = value;
  *n_digits = digits;
  return digits > 0 && !g_ascii_isdigit (**p);
}

/**
 * chq_details_parse_date:
 * @text: (nullable): a date as typed
 * @out: (out caller-allocates): the date; cleared when %FALSE
 *
 * Day first, as Belgium writes it ("30/07/1985", with slashes, dots or dashes), or ISO
 * 8601 ("1985-07-30"); the year has four digits.
 *
 * Returns: whether @text is a real date
 */
gboolean
chq_details_parse_date (const char *text,
                        GDate      *out)
{
  g_autofree char *copy = NULL;
  const char *p;
  guint a, b, c, na, nb, nc;
  char sep;
  guint day, month, year;

  g_return_val_if_fail (out != NULL, FALSE);
  g_date_clear (out, 1);
  if (text == NULL)
    return FALSE;

  copy = g_strstrip (g_strdup (text));
  p = copy;
  if (!read_number (&p, 4, &a, &na) || strchr ("/.-", *p) == NULL || *p == '\0')
    return FALSE;
  sep = *p++;
  if (!read_number (&p, 2, &b, &nb) || *p != sep)
    return FALSE;
  p++;
  if (!read_number (&p, 4, &c, &nc) || *p != '\0')
    return FALSE;

  if (na == 4 && sep == '-' && nc <= 2)
    {
      year = a;
      month = b;
      day = c;
    }
  else if (na <= 2 && nc == 4)
    {
      day = a;
      month = b;
      year = c;
    }
  else
    return FALSE;

  if (year < 1900 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (out, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/**
 * chq_details_format_date:
 * @date: a valid date
 *
 * Returns: (transfer full): "30/07/1985"
 */
char *
chq_details_format_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static gboolean
parse_decimal (const char *text,
               double     *out)
{
  g_autofree char *dotted = g_strdup (text);
  char *end = NULL;

  g_strdelimit (dotted, ",", '.');
  if (*dotted == '\0' || !(g_ascii_isdigit (*dotted) || *dotted == '.'))
    return FALSE;
  *out = g_ascii_strtod (dotted, &end);
  return end != dotted && *end == '\0';
}

/**
 * chq_details_parse_fraction:
 * @text: (nullable): a work fraction as typed
 * @out: (out): the fraction
 *
 * Returns: whether @text is a fraction in (0, 1]: "0,8", "0.8", "4/5", "19/38", "80 %", "1"
 */
gboolean
chq_details_parse_fraction (const char *text,
                            double     *out)
{
  g_autofree char *copy = NULL;
  g_autofree char *compact = NULL;
  GString *s;
  double value;
  char *slash;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = 0.0;
  if (text == NULL)
    return FALSE;

  copy = g_strdup (text);
  s = g_string_new (NULL);
  for (const char *p = copy; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      g_string_append_unichar (s, g_utf8_get_char (p));
  compact = g_string_free (s, FALSE);

  if (g_str_has_suffix (compact, "%"))
    {
      compact[strlen (compact) - 1] = '\0';
      if (!parse_decimal (compact, &value))
        return FALSE;
      value /= 100.0;
    }
  else if ((slash = strchr (compact, '/')) != NULL)
    {
      double num, den;

      *slash = '\0';
      if (!parse_decimal (compact, &num) || !parse_decimal (slash + 1, &den) || den <= 0.0)
        return FALSE;
      value = num / den;
    }
  else if (!parse_decimal (compact, &value))
    return FALSE;

  if (!(value > 0.0) || value > 1.0 + 1e-9)
    return FALSE;

  *out = MIN (value, 1.0);
  return TRUE;
}

static gboolean
fail (char       **out_message,
      const char  *message)
{
  if (out_message != NULL)
    *out_message = g_strdup (message);
  return FALSE;
}

/**
 * chq_details_check_date:
 * @text: (nullable): a date as typed; empty is acceptable
 * @out_message: (out) (optional): why not
 *
 * Returns: whether @text is empty or a real date
 */
gboolean
chq_details_check_date (const char  *text,
                        char       **out_message)
{
  GDate date;

  if (is_blank (text) || chq_details_parse_date (text, &date))
    return TRUE;

  return fail (out_message, _("Enter a real date as day/month/year, like 30/07/1985."));
}

/**
 * chq_details_check_fraction:
 * @text: (nullable): a work fraction as typed; empty (full time) is acceptable
 * @out_message: (out) (optional): why not
 *
 * Returns: whether @text is empty or a fraction in (0, 1]
 */
gboolean
chq_details_check_fraction (const char  *text,
                            char       **out_message)
{
  double fraction;

  if (is_blank (text) || chq_details_parse_fraction (text, &fraction))
    return TRUE;

  return fail (out_message, _("Enter the part of a full-time job worked, more than 0 and at "
                              "most 1: 0.8, 4/5 or 80 %. Leave it empty for full time."));
}

/**
 * chq_details_check_joint_committee:
 * @text: (nullable): a joint committee number as typed; empty is acceptable
 * @out_message: (out) (optional): why not
 *
 * Returns: whether @text is empty or a joint committee number: three digits, possibly
 *   followed by a dot and the sub-committee's two ("200", "124.00", "302")
 */
gboolean
chq_details_check_joint_committee (const char  *text,
                                   char       **out_message)
{
  g_autofree char *copy = NULL;
  gsize len;

  if (is_blank (text))
    return TRUE;

  copy = g_strstrip (g_strdup (text));
  len = strlen (copy);
  if ((len == 3 || (len == 6 && copy[3] == '.')) &&
      g_ascii_isdigit (copy[0]) && g_ascii_isdigit (copy[1]) && g_ascii_isdigit (copy[2]) &&
      (len == 3 || (g_ascii_isdigit (copy[4]) && g_ascii_isdigit (copy[5]))))
    return TRUE;

  return fail (out_message, _("A joint committee number has three digits, possibly followed "
                              "by a dot and two more, like 200 or 124.00."));
}

/**
 * chq_details_check_form:
 * @form: the group's fields as typed
 * @today: today
 * @out_message: (out) (optional): the first fault's message
 *
 * Returns: the first field at fault, or %CHQ_DETAILS_FIELD_NONE
 */
ChqDetailsField
chq_details_check_form (const ChqDetailsForm  *form,
                        const GDate           *today,
                        char                 **out_message)
{
  GDate birth, entry, leaving;
  gboolean has_birth, has_entry, has_leaving;

  g_return_val_if_fail (form != NULL && today != NULL, CHQ_DETAILS_FIELD_NONE);

  if (!chq_details_check_date (form->birth_date, out_message))
    return CHQ_DETAILS_FIELD_BIRTH_DATE;
  if (!chq_details_check_fraction (form->work_fraction, out_message))
    return CHQ_DETAILS_FIELD_WORK_FRACTION;
  if (!chq_details_check_joint_committee (form->joint_committee, out_message))
    return CHQ_DETAILS_FIELD_JOINT_COMMITTEE;
  if (!chq_details_check_date (form->entry_date, out_message))
    return CHQ_DETAILS_FIELD_ENTRY_DATE;
  if (!chq_details_check_date (form->leaving_date, out_message))
    return CHQ_DETAILS_FIELD_LEAVING_DATE;

  has_birth = chq_details_parse_date (form->birth_date, &birth);
  has_entry = chq_details_parse_date (form->entry_date, &entry);
  has_leaving = chq_details_parse_date (form->leaving_date, &leaving);

  if (has_birth && g_date_compare (&birth, today) >= 0)
    {
      fail (out_message, _("The date of birth is not in the past. Check the year."));
      return CHQ_DETAILS_FIELD_BIRTH_DATE;
    }

  /* The birth date the national register number encodes: one check, the register's. */
  if (has_birth && form->niss != NULL && chq_niss_validate (form->niss, NULL))
    {
      g_autoptr(GError) error = NULL;

      if (!chq_niss_matches_birth_date (form->niss, &birth, &error))
        {
          fail (out_message, error->message);
          return CHQ_DETAILS_FIELD_BIRTH_DATE;
        }
    }

  if (has_birth && has_entry && g_date_compare (&entry, &birth) <= 0)
    {
      fail (out_message, _("The date of entry comes before the date of birth. Check both."));
      return CHQ_DETAILS_FIELD_ENTRY_DATE;
    }

  if (has_entry && has_leaving && g_date_compare (&leaving, &entry) < 0)
    {
      fail (out_message, _("The date of leaving comes before the date of entry. Check both."));
      return CHQ_DETAILS_FIELD_LEAVING_DATE;
    }

  return CHQ_DETAILS_FIELD_NONE;
}
