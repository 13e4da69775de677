/* chq-course-detail.c: one course of the catalogue, its cost, sessions and bookings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-course-detail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-clock.h"
#include "chq-booking-dialog.h"
#include "chq-catalog-logic.h"
#include "chq-course-detail.h"
#include "chq-hours-report.h"
#include "chq-money.h"
#include "chq-rules.h"

struct _ChqCourseDetail
{
  AdwBin        parent_instance;

  ChqBackend   *backend;           /* owned, nullable */
  char         *course_id;         /* owned, nullable */
  ChqCourse    *course;            /* owned, nullable until loaded */
  gboolean      loading;
  GCancellable *cancellable;       /* owned: reads for this backend */
  GCancellable *course_cancellable; /* owned: the read of the current course */
  GCancellable *bookings_cancellable; /* owned: the reads of the current bookings */
  GPtrArray    *workers;           /* owned, of ChqWorker, nullable before the first read */
  GPtrArray    *enrolments;        /* owned, of ChqEnrolment: this year's and next year's */
  guint         enrolment_reads;   /* reads of enrolments still running */
  guint         n_bookings;
  gulong        store_changed_id;
  gulong        outbox_changed_id;

  GtkStack     *stack;
  GtkLabel     *ai_badge;
  GtkLabel     *title_label;
  GtkLabel     *provider_label;
  GtkLabel     *summary_label;
  GtkLabel     *description_label;
  GtkWidget    *book_button;
  GtkWidget    *bookings_group;
  GtkListBox   *bookings_list;
  AdwActionRow *vouchers_row;
  AdwActionRow *price_row;
  AdwActionRow *company_vouchers_row;
  AdwActionRow *region_row;
  AdwActionRow *top_up_row;
  AdwActionRow *refund_row;
  AdwActionRow *total_row;
  GtkListBox   *sessions_list;
  AdwActionRow *provider_row;
  AdwActionRow *module_row;
  AdwActionRow *hours_row;
  AdwActionRow *format_row;
  AdwActionRow *themes_row;
  AdwActionRow *languages_row;
  AdwActionRow *locations_row;
};

G_DEFINE_FINAL_TYPE (ChqCourseDetail, chq_course_detail, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_COURSE_ID,
  PROP_COURSE,
  PROP_LOADING,
  PROP_N_BOOKINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_course   (ChqCourseDetail *self);
static void load_bookings (ChqCourseDetail *self);

static void
set_loading (ChqCourseDetail *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static gboolean
course_has_upcoming_session (ChqCourse *course)
{
  g_autoptr(GDateTime) now = chq_clock_now_utc ();
  GListModel *sessions = chq_course_get_sessions (course);

  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, i);

      if (g_date_time_compare (chq_course_session_get_starts_at (session), now) >= 0 &&
          chq_course_session_get_seats_left (session) > 0)
        return TRUE;
    }

  return FALSE;
}

static void
update_actions (ChqCourseDetail *self)
{
  gboolean can_book = self->backend != NULL && self->course != NULL &&
                      course_has_upcoming_session (self->course);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "detail.book", can_book);
  gtk_widget_set_tooltip_text (self->book_button,
                               self->course != NULL && !can_book
                                 ? _("This course has no session with seats left.")
                                 : NULL);
}

/* The amount shows at the end of the row, and is the row's description for screen readers. */
static void
set_money_row (AdwActionRow *row,
               gint64        cents)
{
  GtkLabel *value = g_object_get_data (G_OBJECT (row), "chq-value");
  g_autofree char *text = chq_money_format (cents);

  gtk_label_set_label (value, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static void
add_value_label (AdwActionRow *row,
                 gboolean      strong)
{
  GtkWidget *value = gtk_label_new (NULL);

  gtk_widget_add_css_class (value, "numeric");
  if (strong)
    gtk_widget_add_css_class (value, "heading");
  adw_action_row_add_suffix (row, value);
  g_object_set_data (G_OBJECT (row), "chq-value", value);
}

static char *
join_labels (const char * const *words,
             const char *        (*label_func) (const char *word))
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      if (text->len > 0)
        /* TRANSLATORS: the separator of a list such as "French, Dutch" */
        g_string_append (text, _(", "));
      g_string_append (text, label_func (words[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
create_session_row_cb (gpointer item,
                       gpointer user_data)
{
  ChqCourseSession *session = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *text = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  text = chq_catalog_format_session (chq_course_session_get_starts_at (session),
                                     chq_course_session_get_ends_at (session),
                                     chq_course_session_get_city (session),
                                     chq_course_session_get_seats_left (session));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Information, read with the list: no Tab stop that does nothing. */
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
show_course (ChqCourseDetail *self)
{
  ChqCourse *course = self->course;
  ChqCourseCost cost;
  g_autofree char *provider = NULL;
  g_autofree char *vouchers = NULL;
  g_autofree char *hours = NULL;
  g_autofree char *themes = NULL;
  g_autofree char *languages = NULL;
  g_autoptr(GString) locations = g_string_new (NULL);
  GListModel *location_model;
  const char *module_approval;

  if (course == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->course_id == NULL ? "empty" : "missing");
      gtk_list_box_bind_model (self->sessions_list, NULL, NULL, NULL, NULL);
      update_actions (self);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->ai_badge), chq_course_get_ai (course));
  gtk_label_set_label (self->title_label, chq_course_get_title (course));
  /* TRANSLATORS: %s is the name of a training provider */
  provider = g_strdup_printf (_("By %s"), chq_course_get_provider_name (course));
  gtk_label_set_label (self->provider_label, provider);
  {
    const char *summary = chq_course_get_summary (course);
    const char *description = chq_course_get_description (course);
    gboolean has_description = description != NULL && description[0] != '\0';

    /* Descriptions often open with the summary: then it is not shown twice. */
    gtk_label_set_label (self->summary_label, summary);
    gtk_widget_set_visible (GTK_WIDGET (self->summary_label),
                            summary != NULL && summary[0] != '\0' &&
                            !(has_description && g_str_has_prefix (description, summary)));
    gtk_label_set_label (self->description_label, description);
    gtk_widget_set_visible (GTK_WIDGET (self->description_label), has_description);
  }

  chq_rules_course_cost (chq_course_get_hours (course), chq_course_get_price_cents (course),
                         &cost);
  {
    g_autofree char *value = chq_money_format (cost.voucher_value_cents);

    /* TRANSLATORS: "14 vouchers (Standard), worth €420.00" */
    vouchers = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u voucher (%s), worth %s",
                                             "%u vouchers (%s), worth %s", cost.vouchers),
                                cost.vouchers,
                                chq_voucher_type_get_label (chq_course_get_voucher_type (course)),
                                value);
  }
  adw_action_row_set_subtitle (self->vouchers_row, vouchers);
  set_money_row (self->price_row, cost.price_cents);
  set_money_row (self->company_vouchers_row, cost.company_voucher_cents);
  set_money_row (self->region_row, cost.region_cents);
  set_money_row (self->top_up_row, cost.top_up_cents);
  set_money_row (self->refund_row, cost.refund_cents);
  set_money_row (self->total_row, cost.company_total_cents);
  gtk_widget_set_visible (GTK_WIDGET (self->top_up_row), cost.top_up_cents > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->refund_row), cost.refund_cents > 0);

  {
    g_autofree char *approval = NULL;

    /* TRANSLATORS: a training provider and its approval number */
    approval = g_strdup_printf (_("%s, approval number %s"),
                                chq_course_get_provider_name (course),
                                chq_course_get_provider_approval_number (course));
    adw_action_row_set_subtitle (self->provider_row, approval);
  }
  module_approval = chq_course_get_module_approval (course);
  adw_action_row_set_subtitle (self->module_row,
                               module_approval != NULL && module_approval[0] != '\0'
                                 ? module_approval : _("Not given"));
  hours = chq_hours_format_count (chq_course_get_hours (course));
  adw_action_row_set_subtitle (self->hours_row, hours);
  adw_action_row_set_subtitle (self->format_row,
                               chq_course_format_get_label (chq_course_get_format (course)));
  themes = join_labels (chq_course_get_themes (course), chq_theme_word_get_label);
  adw_action_row_set_subtitle (self->themes_row, themes);
  languages = join_labels (chq_course_get_languages (course), chq_catalog_language_get_label);
  adw_action_row_set_subtitle (self->languages_row, languages);

  location_model = chq_course_get_locations (course);
  for (guint i = 0; location_model != NULL && i < g_list_model_get_n_items (location_model); i++)
    {
      g_autoptr(ChqLocation) location = g_list_model_get_item (location_model, i);

      if (locations->len > 0)
        g_string_append (locations, _(", "));
      /* TRANSLATORS: a place: postcode, city and province, "5000 Namur (Namur)" */
      g_string_append_printf (locations, _("%s %s (%s)"),
                              chq_location_get_postcode (location),
                              chq_location_get_city (location),
                              chq_location_get_province_label (location));
    }
  adw_action_row_set_subtitle (self->locations_row,
                               locations->len > 0 ? locations->str : _("Distance learning"));

  gtk_list_box_bind_model (self->sessions_list, chq_course_get_sessions (course),
                           create_session_row_cb, NULL, NULL);

  gtk_stack_set_visible_child_name (self->stack, "course");
  update_actions (self);
}

static void
on_course_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ChqCourseDetail) self = user_data;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(GError) error = NULL;

  course = chq_store_get_course_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read course %s: %s", self->course_id, error->message);

  g_set_object (&self->course, course);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE]);
  show_course (self);
  load_bookings (self);
  set_loading (self, FALSE);
}

static void
load_course (ChqCourseDetail *self)
{
  g_cancellable_cancel (self->course_cancellable);
  g_clear_object (&self->course_cancellable);

  if (self->backend == NULL || self->course_id == NULL)
    {
      if (self->course != NULL)
        {
          g_clear_object (&self->course);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE]);
        }
      show_course (self);
      load_bookings (self);
      set_loading (self, FALSE);
      return;
    }

  self->course_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  chq_store_get_course_async (chq_backend_get_store (self->backend), self->course_id,
                              self->course_cancellable, on_course_loaded_cb,
                              g_object_ref (self));
}

static const char *
worker_name (ChqCourseDetail *self,
             const char      *worker_id,
             char           **out_owned)
{
  for (guint i = 0; self->workers != NULL && i < self->workers->len; i++)
    {
      ChqWorker *worker = g_ptr_array_index (self->workers, i);

      if (g_strcmp0 (chq_worker_get_id (worker), worker_id) == 0)
        return (*out_owned = chq_worker_dup_display_name (worker));
    }

  return _("A worker");
}

static char *
session_dates (ChqCourseDetail *self,
               const char      *session_id)
{
  GListModel *sessions = self->course != NULL ? chq_course_get_sessions (self->course) : NULL;

  for (guint i = 0; sessions != NULL && i < g_list_model_get_n_items (sessions); i++)
    {
      g_autoptr(ChqCourseSession) session = g_list_model_get_item (sessions, i);

      if (g_strcmp0 (chq_course_session_get_id (session), session_id) == 0)
        {
          g_autoptr(GDateTime) local = NULL;

          local = g_date_time_to_local (chq_course_session_get_starts_at (session));
          return g_date_time_format (local, _("%x"));
        }
    }

  return NULL;
}

static void
add_booking_row (ChqCourseDetail *self,
                 const char      *name,
                 const char      *dates,
                 const char      *state)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (dates != NULL)
    /* TRANSLATORS: the date of a session, then the state of the booking */
    subtitle = g_strdup_printf (_("Session of %s: %s"), dates, state);
  else
    subtitle = g_strdup (state);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Information, read with the list: no Tab stop that does nothing. */
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
  gtk_list_box_append (self->bookings_list, row);
  self->n_bookings++;
}

static void
show_bookings (ChqCourseDetail *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  guint old_n = self->n_bookings;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bookings_list))) != NULL)
    gtk_list_box_remove (self->bookings_list, child);
  self->n_bookings = 0;

  if (self->backend == NULL || self->course_id == NULL)
    goto out;

  /* What the service holds. */
  for (guint i = 0; self->enrolments != NULL && i < self->enrolments->len; i++)
    {
      ChqEnrolment *enrolment = g_ptr_array_index (self->enrolments, i);
      g_autofree char *owned_name = NULL;
      g_autofree char *dates = NULL;
      g_autofree char *state = NULL;
      const char *name;

      if (g_strcmp0 (chq_enrolment_get_course_id (enrolment), self->course_id) != 0)
        continue;

      g_hash_table_add (known, (gpointer)chq_enrolment_get_id (enrolment));
      name = worker_name (self, chq_enrolment_get_worker_id (enrolment), &owned_name);
      if (chq_enrolment_get_starts_at (enrolment) != NULL)
        {
          g_autoptr(GDateTime) local = g_date_time_to_local (chq_enrolment_get_starts_at (enrolment));

          dates = g_date_time_format (local, _("%x"));
        }
      if (chq_enrolment_get_status (enrolment) == CHQ_ENROLMENT_STATUS_BOOKED)
        state = chq_catalog_booking_state_text (CHQ_OUTBOX_STATE_SENT,
                                                chq_enrolment_get_usage_code (enrolment), NULL);
      else
        state = g_strdup (chq_enrolment_status_get_label (chq_enrolment_get_status (enrolment)));

      add_booking_row (self, name, dates, state);
    }

  /* What is on its way, or was refused, or was sent and is not in the store (yet). */
  entries = chq_outbox_list (chq_backend_get_outbox (self->backend),
                             chq_backend_get_account_key (self->backend),
                             CHQ_OUTBOX_STATES_ALL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      ChqOutboxEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(ChqEnrolment) sent = NULL;
      const char *worker_id = chq_outbox_entry_get_worker_id (entry);
      const char *session_id = chq_outbox_entry_get_session_id (entry);
      g_autofree char *owned_name = NULL;
      g_autofree char *dates = NULL;
      g_autofree char *state = NULL;
      const char *usage_code = NULL;

      if (chq_outbox_entry_get_kind (entry) != CHQ_OUTBOX_KIND_CREATE_ENROLMENT)
        continue;
      if (worker_id == NULL ||
          g_strcmp0 (chq_outbox_entry_get_course_id (entry), self->course_id) != 0)
        continue;

      if (chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_SENT)
        {
          sent = (ChqEnrolment *) chq_outbox_entry_dup_answer (entry);
          if (sent != NULL && g_hash_table_contains (known, chq_enrolment_get_id (sent)))
            continue;
          if (sent != NULL)
            usage_code = chq_enrolment_get_usage_code (sent);
        }

      state = chq_catalog_booking_state_text (chq_outbox_entry_get_state (entry), usage_code,
                                              chq_outbox_entry_get_error_message (entry));
      dates = session_dates (self, session_id);
      add_booking_row (self, worker_name (self, worker_id, &owned_name), dates, state);
    }

out:
  gtk_widget_set_visible (self->bookings_group, self->n_bookings > 0);
  if (old_n != self->n_bookings)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_BOOKINGS]);
}

static void
on_workers_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(ChqCourseDetail) self = user_data;
  g_autoptr(GPtrArray) workers = NULL;
  g_autoptr(GError) error = NULL;

  workers = chq_store_list_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the workers: %s", error->message);

  g_clear_pointer (&self->workers, g_ptr_array_unref);
  self->workers = g_steal_pointer (&workers);
  show_bookings (self);
}

static void
on_enrolments_loaded_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(ChqCourseDetail) self = user_data;
  g_autoptr(GPtrArray) enrolments = NULL;
  g_autoptr(GError) error = NULL;

  enrolments = chq_store_list_finish (CHQ_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the bookings: %s", error->message);

  for (guint i = 0; enrolments != NULL && i < enrolments->len; i++)
    g_ptr_array_add (self->enrolments, g_object_ref (g_ptr_array_index (enrolments, i)));

  if (self->enrolment_reads > 0 && --self->enrolment_reads == 0)
    show_bookings (self);
}

static void
load_bookings (ChqCourseDetail *self)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();
  ChqStore *store;
  int year;

  if (self->backend == NULL || self->course_id == NULL)
    {
      show_bookings (self);
      return;
    }

  store = chq_backend_get_store (self->backend);
  year = g_date_time_get_year (now);

  /* The sessions of the catalogue run over the next months: this year's and next year's. */
  g_cancellable_cancel (self->bookings_cancellable);
  g_clear_object (&self->bookings_cancellable);
  self->bookings_cancellable = g_cancellable_new ();
  g_ptr_array_set_size (self->enrolments, 0);
  self->enrolment_reads = 2;
  chq_store_list_enrolments_async (store, year, self->bookings_cancellable,
                                   on_enrolments_loaded_cb, g_object_ref (self));
  chq_store_list_enrolments_async (store, year + 1, self->bookings_cancellable,
                                   on_enrolments_loaded_cb, g_object_ref (self));
  if (self->workers == NULL)
    chq_store_list_workers_async (store, self->cancellable, on_workers_loaded_cb,
                                  g_object_ref (self));
  show_bookings (self);
}

static void
on_store_changed_cb (ChqStore        *store,
                     const char      *collection,
                     ChqCourseDetail *self)
{
  if (g_strcmp0 (collection, CHQ_STORE_COURSES) == 0)
    load_course (self);
  else if (g_strcmp0 (collection, CHQ_STORE_WORKERS) == 0)
    {
      g_clear_pointer (&self->workers, g_ptr_array_unref);
      load_bookings (self);
    }
  else if (g_strcmp0 (collection, CHQ_STORE_ENROLMENTS) == 0)
    load_bookings (self);
}

static void
on_outbox_changed_cb (ChqOutbox       *outbox,
                      ChqCourseDetail *self)
{
  show_bookings (self);
}

static void
book_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ChqCourseDetail *self = CHQ_COURSE_DETAIL (widget);
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->backend == NULL || self->course == NULL)
    return;

  dialog = chq_booking_dialog_new (self->backend, self->course);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
disconnect_backend (ChqCourseDetail *self)
{
  if (self->backend == NULL)
    return;

  g_clear_signal_handler (&self->store_changed_id, chq_backend_get_store (self->backend));
  g_clear_signal_handler (&self->outbox_changed_id, chq_backend_get_outbox (self->backend));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->course_cancellable);
  g_clear_object (&self->course_cancellable);
  g_cancellable_cancel (self->bookings_cancellable);
  g_clear_object (&self->bookings_cancellable);
  g_clear_object (&self->backend);
}

static void
chq_course_detail_dispose (GObject *object)
{
  ChqCourseDetail *self = (ChqCourseDetail *)object;

  disconnect_backend (self);

  G_OBJECT_CLASS (chq_course_detail_parent_class)->dispose (object);
}

static void
chq_course_detail_finalize (GObject *object)
{
  ChqCourseDetail *self = (ChqCourseDetail *)object;

  g_clear_pointer (&self->course_id, g_free);
  g_clear_object (&self->course);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_clear_pointer (&self->enrolments, g_ptr_array_unref);

  G_OBJECT_CLASS (chq_course_detail_parent_class)->finalize (object);
}

static void
chq_course_detail_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChqCourseDetail *self = CHQ_COURSE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;
    case PROP_COURSE_ID:
      g_value_set_string (value, self->course_id);
      break;
    case PROP_COURSE:
      g_value_set_object (value, self->course);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_BOOKINGS:
      g_value_set_uint (value, self->n_bookings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_detail_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChqCourseDetail *self = CHQ_COURSE_DETAIL (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_course_detail_set_backend (self, g_value_get_object (value));
      break;
    case PROP_COURSE_ID:
      chq_course_detail_set_course_id (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_detail_class_init (ChqCourseDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_course_detail_dispose;
  object_class->finalize = chq_course_detail_finalize;
  object_class->get_property = chq_course_detail_get_property;
  object_class->set_property = chq_course_detail_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE_ID] =
    g_param_spec_string ("course-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COURSE] =
    g_param_spec_object ("course", NULL, NULL, CHQ_TYPE_COURSE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_BOOKINGS] =
    g_param_spec_uint ("n-bookings", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-course-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, ai_badge);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, provider_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, book_button);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, bookings_group);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, bookings_list);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, vouchers_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, price_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, company_vouchers_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, region_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, top_up_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, refund_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, total_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, provider_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, module_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, hours_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, format_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, themes_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, languages_row);
  gtk_widget_class_bind_template_child (widget_class, ChqCourseDetail, locations_row);

  gtk_widget_class_install_action (widget_class, "detail.book", NULL, book_action);
}

static void
chq_course_detail_init (ChqCourseDetail *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  add_value_label (self->price_row, FALSE);
  add_value_label (self->company_vouchers_row, FALSE);
  add_value_label (self->region_row, FALSE);
  add_value_label (self->top_up_row, FALSE);
  add_value_label (self->refund_row, FALSE);
  add_value_label (self->total_row, TRUE);
  adw_action_row_set_subtitle (self->top_up_row,
                               _("The course costs more than €30 an hour: the company pays the difference to the provider."));
  adw_action_row_set_subtitle (self->refund_row,
                               _("The course costs less than €30 an hour: the difference is refunded to the company."));

  self->enrolments = g_ptr_array_new_with_free_func (g_object_unref);

  placeholder = gtk_label_new (_("No session planned"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->sessions_list, placeholder);

  show_course (self);
}

/**
 * chq_course_detail_new:
 *
 * Returns: (transfer floating): a new, empty #ChqCourseDetail
 */
GtkWidget *
chq_course_detail_new (void)
{
  return g_object_new (CHQ_TYPE_COURSE_DETAIL, NULL);
}

/**
 * chq_course_detail_get_backend:
 * @self: a #ChqCourseDetail
 *
 * Returns: (transfer none) (nullable): the account whose store the course is read from
 */
ChqBackend *
chq_course_detail_get_backend (ChqCourseDetail *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_DETAIL (self), NULL);
  return self->backend;
}

/**
 * chq_course_detail_set_backend:
 * @self: a #ChqCourseDetail
 * @backend: (nullable): the signed-in account, or %NULL
 *
 * Reads the course and its bookings from @backend, and follows its changes.
 */
void
chq_course_detail_set_backend (ChqCourseDetail *self,
                               ChqBackend      *backend)
{
  g_return_if_fail (CHQ_IS_COURSE_DETAIL (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (self->backend == backend)
    return;

  disconnect_backend (self);
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_ptr_array_set_size (self->enrolments, 0);

  if (backend != NULL)
    {
      self->backend = g_object_ref (backend);
      self->cancellable = g_cancellable_new ();
      self->store_changed_id = g_signal_connect (chq_backend_get_store (backend), "changed",
                                                 G_CALLBACK (on_store_changed_cb), self);
      self->outbox_changed_id = g_signal_connect (chq_backend_get_outbox (backend), "changed",
                                                  G_CALLBACK (on_outbox_changed_cb), self);
    }

  load_course (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * chq_course_detail_get_course_id:
 * @self: a #ChqCourseDetail
 *
 * Returns: (nullable): the id of the course shown
 */
const char *
chq_course_detail_get_course_id (ChqCourseDetail *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_DETAIL (self), NULL);
  return self->course_id;
}

/**
 * chq_course_detail_set_course_id:
 * @self: a #ChqCourseDetail
 * @course_id: (nullable): the course to show
 *
 * Shows the course with that id (read from the store off the main thread).
 */
void
chq_course_detail_set_course_id (ChqCourseDetail *self,
                                 const char      *course_id)
{
  g_return_if_fail (CHQ_IS_COURSE_DETAIL (self));

  if (g_strcmp0 (self->course_id, course_id) != 0)
    {
      g_free (self->course_id);
      self->course_id = g_strdup (course_id);
      if (self->course != NULL)
        {
          g_clear_object (&self->course);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE]);
        }
      load_course (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COURSE_ID]);
    }
}

/**
 * chq_course_detail_get_course:
 * @self: a #ChqCourseDetail
 *
 * Returns: (transfer none) (nullable): the course shown, once read
 */
ChqCourse *
chq_course_detail_get_course (ChqCourseDetail *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_DETAIL (self), NULL);
  return self->course;
}

/**
 * chq_course_detail_get_loading:
 * @self: a #ChqCourseDetail
 *
 * Returns: whether the course is being read
 */
gboolean
chq_course_detail_get_loading (ChqCourseDetail *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_DETAIL (self), FALSE);
  return self->loading;
}

/**
 * chq_course_detail_get_n_bookings:
 * @self: a #ChqCourseDetail
 *
 * Returns: how many bookings of the course the page lists (sent, waiting or refused)
 */
guint
chq_course_detail_get_n_bookings (ChqCourseDetail *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_DETAIL (self), 0);
  return self->n_bookings;
}
