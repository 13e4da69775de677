/* chq-catalog-logic.c: what the Catalogue page computes, as pure functions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-catalog-logic"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "chq-catalog-logic.h"
#include "chq-hours-report.h"
#include "chq-location.h"
#include "chq-voucher-batch.h"

static const char * const filter_words[CHQ_N_CATALOG_FILTERS] = {
  [CHQ_CATALOG_FILTER_AI_ONLY] = "ai-only",
  [CHQ_CATALOG_FILTER_THEME] = "theme",
  [CHQ_CATALOG_FILTER_FORMAT] = "format",
  [CHQ_CATALOG_FILTER_LANGUAGE] = "language",
  [CHQ_CATALOG_FILTER_PROVINCE] = "province",
  [CHQ_CATALOG_FILTER_VOUCHER_TYPE] = "voucher-type",
  [CHQ_CATALOG_FILTER_MAX_HOURS] = "max-hours",
  [CHQ_CATALOG_FILTER_WITHIN_WEEKS] = "within-weeks",
};

static const char * const sort_words[] = {
  [CHQ_COURSE_SORT_RELEVANCE] = "relevance",
  [CHQ_COURSE_SORT_NEXT_SESSION] = "next-session",
  [CHQ_COURSE_SORT_HOURS] = "hours",
  [CHQ_COURSE_SORT_TITLE] = "title",
};

/* Hours and weeks beyond these are not a filter anyone means; a stored value above is
 * clamped so that a hand-edited setting cannot hide the whole catalogue by accident. */
#define MAX_HOURS_LIMIT    1000
#define WITHIN_WEEKS_LIMIT 104

/**
 * chq_catalog_filter_to_string:
 * @filter: a filter
 *
 * Returns: the key of @filter in the "catalogue-filters" setting ("theme", "max-hours"...)
 */
const char *
chq_catalog_filter_to_string (ChqCatalogFilter filter)
{
  g_return_val_if_fail (filter < CHQ_N_CATALOG_FILTERS, NULL);
  return filter_words[filter];
}

/**
 * chq_catalog_filter_from_string:
 * @word: (nullable): a key of the "catalogue-filters" setting
 * @out_filter: (out): the filter
 *
 * Returns: %FALSE for %NULL or a word that names no filter
 */
gboolean
chq_catalog_filter_from_string (const char       *word,
                                ChqCatalogFilter *out_filter)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < CHQ_N_CATALOG_FILTERS; i++)
    {
      if (g_str_equal (word, filter_words[i]))
        {
          *out_filter = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * chq_catalog_sort_to_string:
 * @sort: a sort order
 *
 * Returns: the word of @sort in the "catalogue-filters" setting
 */
const char *
chq_catalog_sort_to_string (ChqCourseSort sort)
{
  g_return_val_if_fail (sort <= CHQ_COURSE_SORT_TITLE, NULL);
  return sort_words[sort];
}

/**
 * chq_catalog_sort_from_string:
 * @word: (nullable): a sort word
 * @out_sort: (out): the sort order
 *
 * Returns: %FALSE for %NULL or an unknown word
 */
gboolean
chq_catalog_sort_from_string (const char    *word,
                              ChqCourseSort *out_sort)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sort_words); i++)
    {
      if (g_str_equal (word, sort_words[i]))
        {
          *out_sort = i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * chq_catalog_query_to_variant:
 * @query: a catalogue query
 *
 * The filters and sort of @query (not its text) as the "catalogue-filters" setting holds
 * them: keys ai-only (b), theme, format, language, province, voucher-type, sort (s),
 * max-hours, within-weeks (u). Filters that are not set are left out.
 *
 * Returns: (transfer floating): an a{sv} dictionary
 */
GVariant *
chq_catalog_query_to_variant (const ChqCourseQuery *query)
{
  GVariantBuilder builder;

  g_return_val_if_fail (query != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "ai-only", g_variant_new_boolean (query->ai_only));
  if (query->theme != NULL)
    g_variant_builder_add (&builder, "{sv}", "theme", g_variant_new_string (query->theme));
  if (query->format != CHQ_COURSE_QUERY_ANY)
    g_variant_builder_add (&builder, "{sv}", "format",
                           g_variant_new_string (chq_course_format_to_string (query->format)));
  if (query->language != NULL)
    g_variant_builder_add (&builder, "{sv}", "language", g_variant_new_string (query->language));
  if (query->province != NULL)
    g_variant_builder_add (&builder, "{sv}", "province", g_variant_new_string (query->province));
  if (query->voucher_type != CHQ_COURSE_QUERY_ANY)
    g_variant_builder_add (&builder, "{sv}", "voucher-type",
                           g_variant_new_string (chq_voucher_type_to_string (query->voucher_type)));
  if (query->max_hours > 0)
    g_variant_builder_add (&builder, "{sv}", "max-hours", g_variant_new_uint32 (query->max_hours));
  if (query->within_weeks > 0)
    g_variant_builder_add (&builder, "{sv}", "within-weeks",
                           g_variant_new_uint32 (query->within_weeks));
  g_variant_builder_add (&builder, "{sv}", "sort",
                         g_variant_new_string (chq_catalog_sort_to_string (query->sort)));

  return g_variant_builder_end (&builder);
}

static const char *
lookup_word (GVariant   *dict,
             const char *key)
{
  const char *word = NULL;

  if (!g_variant_lookup (dict, key, "&s", &word) || word[0] == '\0')
    return NULL;
  if (!g_utf8_validate (word, -1, NULL) || strlen (word) > CHQ_JSON_MAX_WORD)
    return NULL;

  return word;
}

/**
 * chq_catalog_query_apply_variant:
 * @query: the query to change
 * @dict: (nullable): the "catalogue-filters" setting, a{sv}
 *
 * Sets the filters and sort of @query from @dict. Each filter missing from @dict is "any"
 * (AI only stays as @query had it); a value of the wrong type or an unknown word is ignored,
 * as if missing, so that a setting written by another version never breaks the page.
 */
void
chq_catalog_query_apply_variant (ChqCourseQuery *query,
                                 GVariant       *dict)
{
  gboolean ai_only;
  guint32 number;
  ChqCourseFormat format;
  ChqVoucherType voucher_type;
  ChqCourseSort sort;

  g_return_if_fail (query != NULL);

  if (dict == NULL || !g_variant_is_of_type (dict, G_VARIANT_TYPE_VARDICT))
    return;

  if (g_variant_lookup (dict, "ai-only", "b", &ai_only))
    query->ai_only = ai_only;

  chq_course_query_set_theme (query, lookup_word (dict, "theme"));
  chq_course_query_set_language (query, lookup_word (dict, "language"));
  chq_course_query_set_province (query, lookup_word (dict, "province"));

  query->format = CHQ_COURSE_QUERY_ANY;
  if (chq_course_format_from_string (lookup_word (dict, "format"), &format))
    query->format = format;

  query->voucher_type = CHQ_COURSE_QUERY_ANY;
  if (chq_voucher_type_from_string (lookup_word (dict, "voucher-type"), &voucher_type))
    query->voucher_type = voucher_type;

  query->max_hours = 0;
  if (g_variant_lookup (dict, "max-hours", "u", &number))
    query->max_hours = MIN (number, MAX_HOURS_LIMIT);

  query->within_weeks = 0;
  if (g_variant_lookup (dict, "within-weeks", "u", &number))
    query->within_weeks = MIN (number, WITHIN_WEEKS_LIMIT);

  if (chq_catalog_sort_from_string (lookup_word (dict, "sort"), &sort))
    query->sort = sort;
}

/**
 * chq_catalog_filter_is_active:
 * @query: a catalogue query
 * @filter: one of its filters
 *
 * Returns: whether @filter narrows the catalogue in @query
 */
gboolean
chq_catalog_filter_is_active (const ChqCourseQuery *query,
                              ChqCatalogFilter      filter)
{
  g_return_val_if_fail (query != NULL, FALSE);

  switch (filter)
    {
    case CHQ_CATALOG_FILTER_AI_ONLY:
      return query->ai_only;
    case CHQ_CATALOG_FILTER_THEME:
      return query->theme != NULL;
    case CHQ_CATALOG_FILTER_FORMAT:
      return query->format != CHQ_COURSE_QUERY_ANY;
    case CHQ_CATALOG_FILTER_LANGUAGE:
      return query->language != NULL;
    case CHQ_CATALOG_FILTER_PROVINCE:
      return query->province != NULL;
    case CHQ_CATALOG_FILTER_VOUCHER_TYPE:
      return query->voucher_type != CHQ_COURSE_QUERY_ANY;
    case CHQ_CATALOG_FILTER_MAX_HOURS:
      return query->max_hours > 0;
    case CHQ_CATALOG_FILTER_WITHIN_WEEKS:
      return query->within_weeks > 0;
    default:
      g_return_val_if_reached (FALSE);
    }
}

/**
 * chq_catalog_filter_clear:
 * @query: the query to change
 * @filter: the filter to clear
 *
 * Makes @filter "any" in @query (for AI only: every course, AI or not).
 */
void
chq_catalog_filter_clear (ChqCourseQuery   *query,
                          ChqCatalogFilter  filter)
{
  g_return_if_fail (query != NULL);

  switch (filter)
    {
    case CHQ_CATALOG_FILTER_AI_ONLY:
      query->ai_only = FALSE;
      break;
    case CHQ_CATALOG_FILTER_THEME:
      chq_course_query_set_theme (query, NULL);
      break;
    case CHQ_CATALOG_FILTER_FORMAT:
      query->format = CHQ_COURSE_QUERY_ANY;
      break;
    case CHQ_CATALOG_FILTER_LANGUAGE:
      chq_course_query_set_language (query, NULL);
      break;
    case CHQ_CATALOG_FILTER_PROVINCE:
      chq_course_query_set_province (query, NULL);
      break;
    case CHQ_CATALOG_FILTER_VOUCHER_TYPE:
      query->voucher_type = CHQ_COURSE_QUERY_ANY;
      break;
    case CHQ_CATALOG_FILTER_MAX_HOURS:
      query->max_hours = 0;
      break;
    case CHQ_CATALOG_FILTER_WITHIN_WEEKS:
      query->within_weeks = 0;
      break;
    default:
      g_return_if_reached ();
    }
}

/**
 * chq_catalog_count_active_filters:
 * @query: a catalogue query
 *
 * Returns: how many of the filters of @query narrow the catalogue
 */
guint
chq_catalog_count_active_filters (const ChqCourseQuery *query)
{
  guint n = 0;

  for (guint i = 0; i < CHQ_N_CATALOG_FILTERS; i++)
    n += chq_catalog_filter_is_active (query, i) ? 1 : 0;

  return n;
}

/**
 * chq_catalog_clear_all_filters:
 * @query: the query to change
 *
 * "Clear all": every filter, AI only included, becomes "any"; the text and the sort stay.
 */
void
chq_catalog_clear_all_filters (ChqCourseQuery *query)
{
  for (guint i = 0; i < CHQ_N_CATALOG_FILTERS; i++)
    chq_catalog_filter_clear (query, i);
}

/**
 * chq_catalog_language_get_label:
 * @code: (nullable): an ISO 639-1 code
 *
 * Returns: (nullable): the translated name of the language, @code itself for a language
 *   this version does not name, %NULL for %NULL
 */
const char *
chq_catalog_language_get_label (const char *code)
{
  static const struct { const char *code; const char *label; } languages[] = {
    { "fr", N_("French") },
    { "nl", N_("Dutch") },
    { "de", N_("German") },
    { "en", N_("English") },
    { "es", N_("Spanish") },
    { "it", N_("Italian") },
  };

  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (g_ascii_strcasecmp (code, languages[i].code) == 0)
        return _(languages[i].label);
    }

  return code;
}

/**
 * chq_catalog_filter_describe:
 * @query: a catalogue query
 * @filter: one of its filters
 *
 * Returns: (transfer full) (nullable): what the chip of an active filter says
 *   ("Theme: Legal aspects of AI", "At most 14 hours"), or %NULL when @filter is not active
 */
char *
chq_catalog_filter_describe (const ChqCourseQuery *query,
                             ChqCatalogFilter      filter)
{
  g_return_val_if_fail (query != NULL, NULL);

  if (!chq_catalog_filter_is_active (query, filter))
    return NULL;

  switch (filter)
    {
    case CHQ_CATALOG_FILTER_AI_ONLY:
      return g_strdup (_("AI courses only"));
    case CHQ_CATALOG_FILTER_THEME:
      /* TRANSLATORS: a filter of the catalogue; %s is a theme such as "Legal aspects of AI" */
      return g_strdup_printf (_("Theme: %s"), chq_theme_word_get_label (query->theme));
    case CHQ_CATALOG_FILTER_FORMAT:
      /* TRANSLATORS: %s is "In person", "Distance" or "Blended" */
      return g_strdup_printf (_("Format: %s"), chq_course_format_get_label (query->format));
    case CHQ_CATALOG_FILTER_LANGUAGE:
      /* TRANSLATORS: %s is a language such as "French" */
      return g_strdup_printf (_("Language: %s"), chq_catalog_language_get_label (query->language));
    case CHQ_CATALOG_FILTER_PROVINCE:
      /* TRANSLATORS: %s is a Walloon province such as "Liège" */
      return g_strdup_printf (_("Province: %s"), chq_province_get_label (query->province));
    case CHQ_CATALOG_FILTER_VOUCHER_TYPE:
      /* TRANSLATORS: %s is a kind of voucher such as "Languages" */
      return g_strdup_printf (_("Vouchers: %s"),
                              chq_voucher_type_get_label (query->voucher_type));
    case CHQ_CATALOG_FILTER_MAX_HOURS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At most %u hour",
                                           "At most %u hours", query->max_hours),
                              query->max_hours);
    case CHQ_CATALOG_FILTER_WITHIN_WEEKS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Session within %u week",
                                           "Session within %u weeks", query->within_weeks),
                              query->within_weeks);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * chq_catalog_result_label:
 * @n_results: how many courses the list shows
 * @loading: whether a newer search is still running
 *
 * Returns: (transfer full): the line above the list ("12 courses", "Searching…")
 */
char *
chq_catalog_result_label (guint    n_results,
                          gboolean loading)
{
  if (loading && n_results == 0)
    return g_strdup (_("Searching…"));
  if (n_results == 0)
    return g_strdup (_("No courses"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u course", "%u courses", n_results),
                          n_results);
}

/**
 * chq_catalog_format_hours:
 * @hours: the hours of a course
 * @voucher_type: the vouchers that pay for it
 *
 * Returns: (transfer full): "14 hours · 14 standard vouchers"
 */
char *
chq_catalog_format_hours (guint          hours,
                          ChqVoucherType voucher_type)
{
  g_autofree char *hours_text = NULL;
  g_autofree char *vouchers_text = NULL;

  hours_text = chq_hours_format_count (hours);
  /* TRANSLATORS: %u is a number of vouchers, %s the kind of voucher ("Standard") */
  vouchers_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u voucher (%s)",
                                                "%u vouchers (%s)", hours),
                                   hours, chq_voucher_type_get_label (voucher_type));

  /* TRANSLATORS: "14 hours · 14 vouchers (Standard)" */
  return g_strdup_printf (_("%s · %s"), hours_text, vouchers_text);
}

static char *
format_date (GDateTime *date_time)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date_time);

  /* TRANSLATORS: a date as g_date_time_format() writes it; %x is the locale's date */
  return g_date_time_format (local, _("%x"));
}

/**
 * chq_catalog_format_next_session:
 * @starts_at: (nullable): the start of the next session
 * @city: (nullable): where it takes place
 *
 * Returns: (transfer full): "Next session 12/01/2026, Namur", or "No session planned"
 */
char *
chq_catalog_format_next_session (GDateTime  *starts_at,
                                 const char *city)
{
  g_autofree char *date = NULL;

  if (starts_at == NULL)
    return g_strdup (_("No session planned"));

  date = format_date (starts_at);
  if (city == NULL || city[0] == '\0')
    /* TRANSLATORS: %s is a date */
    return g_strdup_printf (_("Next session %s, distance learning"), date);

  /* TRANSLATORS: the first %s is a date, the second a city */
  return g_strdup_printf (_("Next session %s, %s"), date, city);
}

/**
 * chq_catalog_format_session:
 * @starts_at: the start of the session
 * @ends_at: (nullable): its end
 * @city: (nullable): where it takes place (%NULL or empty: at a distance)
 * @seats_left: the seats still free
 *
 * Returns: (transfer full): "12/01/2026 – 13/01/2026, Namur, 4 seats left"
 */
char *
chq_catalog_format_session (GDateTime  *starts_at,
                            GDateTime  *ends_at,
                            const char *city,
                            guint       seats_left)
{
  g_autofree char *start = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *seats = NULL;
  const char *place;

  g_return_val_if_fail (starts_at != NULL, NULL);

  start = format_date (starts_at);
  if (ends_at != NULL)
    {
      g_autofree char *end = format_date (ends_at);

      if (g_str_equal (start, end))
        dates = g_strdup (start);
      else
        /* TRANSLATORS: a range of dates, "first day – last day" */
        dates = g_strdup_printf (_("%s – %s"), start, end);
    }
  else
    dates = g_strdup (start);

  place = (city != NULL && city[0] != '\0') ? city : _("Distance learning");

  if (seats_left == 0)
    seats = g_strdup (_("full"));
  else
    seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u seat left", "%u seats left",
                                          seats_left),
                             seats_left);

  /* TRANSLATORS: dates, place, seats: "12/01/2026, Namur, 4 seats left" */
  return g_strdup_printf (_("%s, %s, %s"), dates, place, seats);
}

static int
compare_batches_by_expiry (gconstpointer a,
                           gconstpointer b)
{
  ChqVoucherBatch *batch_a = *(ChqVoucherBatch **)a;
  ChqVoucherBatch *batch_b = *(ChqVoucherBatch **)b;

  return g_strcmp0 (chq_voucher_batch_get_expires_on (batch_a),
                    chq_voucher_batch_get_expires_on (batch_b));
}

/**
 * chq_booking_check:
 * @wallet: (nullable): the company's wallet (%NULL: none yet)
 * @voucher_type: the type of voucher the course takes
 * @hours: the course's hours (one voucher each)
 * @today: today, "YYYY-MM-DD"
 * @session_day: (nullable): the first day of the session, "YYYY-MM-DD"
 * @out: (out caller-allocates): the check; free its contents with chq_booking_check_clear()
 *
 * What booking would reserve. The service reserves unexpired vouchers of the course's type,
 * oldest expiry first (DOMAIN.md); a reserved voucher whose expiry comes before the session
 * starts cannot pay for it, so those are counted for a warning.
 */
void
chq_booking_check (ChqWallet       *wallet,
                   ChqVoucherType   voucher_type,
                   guint            hours,
                   const char      *today,
                   const char      *session_day,
                   ChqBookingCheck *out)
{
  g_autoptr(GPtrArray) usable = g_ptr_array_new ();
  guint to_reserve;

  g_return_if_fail (today != NULL);
  g_return_if_fail (out != NULL);

  memset (out, 0, sizeof *out);
  out->needed = hours;

  if (wallet != NULL && wallet->batches != NULL)
    {
      for (guint i = 0; i < wallet->batches->len; i++)
        {
          ChqVoucherBatch *batch = g_ptr_array_index (wallet->batches, i);
          const char *expires_on = chq_voucher_batch_get_expires_on (batch);

          if (chq_voucher_batch_get_voucher_type (batch) != voucher_type ||
              chq_voucher_batch_get_available (batch) == 0 ||
              expires_on == NULL || strcmp (expires_on, today) < 0)
            continue;

          g_ptr_array_add (usable, batch);
          out->available += chq_voucher_batch_get_available (batch);
        }
    }

  g_ptr_array_sort (usable, compare_batches_by_expiry);

  out->enough = out->available >= out->needed;
  out->available_after = out->enough ? out->available - out->needed : out->available;

  to_reserve = MIN (out->needed, out->available);
  for (guint i = 0; i < usable->len && to_reserve > 0; i++)
    {
      ChqVoucherBatch *batch = g_ptr_array_index (usable, i);
      const char *expires_on = chq_voucher_batch_get_expires_on (batch);
      guint taken = MIN (to_reserve, chq_voucher_batch_get_available (batch));

      to_reserve -= taken;
      if (session_day != NULL && strcmp (expires_on, session_day) < 0)
        {
          out->expiring_before += taken;
          if (out->first_expiry == NULL)
            out->first_expiry = g_strdup (expires_on);
        }
    }
}

/**
 * chq_booking_check_clear:
 * @check: a check filled by chq_booking_check()
 *
 * Frees what @check owns.
 */
void
chq_booking_check_clear (ChqBookingCheck *check)
{
  g_clear_pointer (&check->first_expiry, g_free);
}

/**
 * chq_catalog_booking_state_text:
 * @state: the state of the booking's outbox entry
 * @usage_code: (nullable): the usage code the service gave, once sent
 * @error_message: (nullable): why the service refused it
 *
 * Returns: (transfer full): the state of a booking for people
 */
char *
chq_catalog_booking_state_text (ChqOutboxState  state,
                                const char     *usage_code,
                                const char     *error_message)
{
  switch (state)
    {
    case CHQ_OUTBOX_STATE_PENDING:
    case CHQ_OUTBOX_STATE_SENDING:
      return g_strdup (_("Waiting to be sent"));
    case CHQ_OUTBOX_STATE_SENT:
      if (usage_code != NULL && usage_code[0] != '\0')
        /* TRANSLATORS: %s is the usage code the voucher service gave for the booking */
        return g_strdup_printf (_("Booked, usage code %s"), usage_code);
      return g_strdup (_("Booked"));
    case CHQ_OUTBOX_STATE_FAILED:
      if (error_message != NULL && error_message[0] != '\0')
        /* TRANSLATORS: %s is the voucher service's reason */
        return g_strdup_printf (_("Refused: %s"), error_message);
      return g_strdup (_("Refused by the voucher service"));
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * chq_catalog_booking_is_duplicate:
 * @seats: (array length=n_seats): the company's bookings: the enrolments of the service and
 *   the bookings of the outbox
 * @n_seats: how many
 * @worker_id: (nullable): the worker about to be booked
 * @session_id: (nullable): the session
 *
 * Whether @worker_id already holds a booking on @session_id, so that booking again would
 * book the same person twice. A cancelled or refused booking does not count, nor one sent
 * whose enrolment (same id) has been cancelled since.
 *
 * Returns: %TRUE if that booking would be a duplicate
 */
gboolean
chq_catalog_booking_is_duplicate (const ChqBookedSeat *seats,
                                  guint                n_seats,
                                  const char          *worker_id,
                                  const char          *session_id)
{
  g_return_val_if_fail (seats != NULL || n_seats == 0, FALSE);

  if (worker_id == NULL || session_id == NULL)
    return FALSE;

  for (guint i = 0; i < n_seats; i++)
    {
      gboolean cancelled = seats[i].cancelled;

      if (g_strcmp0 (seats[i].worker_id, worker_id) != 0 ||
          g_strcmp0 (seats[i].session_id, session_id) != 0)
        continue;

      /* The same enrolment known twice (sent from the outbox, then read from the service):
       * a cancellation on either side ends both. */
      for (guint j = 0; !cancelled && seats[i].enrolment_id != NULL && j < n_seats; j++)
        cancelled = seats[j].cancelled && j != i &&
                    g_strcmp0 (seats[j].enrolment_id, seats[i].enrolment_id) == 0;

      if (!cancelled)
        return TRUE;
    }

  return FALSE;
}
