/* chq-hours-page.c: the Training Hours page of the main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The year's training hours from the store: company totals, then three views — per worker
 * (with progress against the training right, workers behind flagged), per course, and per
 * month (a chart, and the same figures as a table). The report is computed by the pure
 * chq_hours_report_compute() whenever the workers, the enrolments or the training right
 * settings change. Exports (CSV of the training records, PDF annual report) are written
 * off the main thread.
 */
#define G_LOG_DOMAIN "chq-hours-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-deadlines-view.h"
#include "chq-hours-chart.h"
#include "chq-hours-page-private.h"
#include "chq-hours-row.h"
#include "chq-money.h"
#include "chq-report-pdf.h"
#include "chq-rules.h"

G_DEFINE_FINAL_TYPE (ChqHoursPage, chq_hours_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_YEAR,
  PROP_TODAY,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (ChqHoursPage *self);

static void
show_toast (ChqHoursPage *self,
            const char   *text)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
recompute (ChqHoursPage *self)
{
  ChqHoursSettings settings;
  g_autoptr(GDateTime) now = chq_hours_page_dup_today (self);
  GDate today;

  if (self->workers == NULL || self->enrolments == NULL)
    return;

  settings.training_right_days = g_settings_get_double (self->settings, "training-right-days");
  settings.hours_per_day = g_settings_get_double (self->settings, "hours-per-day");
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));

  g_clear_pointer (&self->report, chq_hours_report_free);
  self->report = chq_hours_report_compute (self->year, self->workers, self->enrolments,
                                           &settings, &today);
  _chq_hours_page_apply_credits (self);
  _chq_hours_page_show_report (self);
  _chq_hours_page_update_actions (self);
}

/* ------------------------------------------------------------------------- the years */

static void
on_year_selected_cb (ChqHoursPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);
  g_autoptr(GArray) years = NULL;

  if (self->updating_years || selected == GTK_INVALID_LIST_POSITION)
    return;

  years = _chq_hours_page_offered_years (self);
  if (selected < years->len)
    chq_hours_page_set_year (self, g_array_index (years, int, selected));
}

/* ---------------------------------------------------------------- the view buttons */

/* Linked toggle buttons rather than a GtkStackSwitcher, whose buttons are too wide for
 * 360 px. */
static void
on_view_toggled_cb (GtkToggleButton *button,
                    ChqHoursPage    *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;

  if (button == self->workers_button)
    gtk_stack_set_visible_child_name (self->views, "workers");
  else if (button == self->courses_button)
    gtk_stack_set_visible_child_name (self->views, "courses");
  else if (button == self->trainings_button)
    gtk_stack_set_visible_child_name (self->views, "trainings");
  else
    gtk_stack_set_visible_child_name (self->views, "months");
}

static void
on_visible_view_cb (ChqHoursPage *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->views);

  if (g_strcmp0 (name, "workers") == 0)
    gtk_toggle_button_set_active (self->workers_button, TRUE);
  else if (g_strcmp0 (name, "courses") == 0)
    gtk_toggle_button_set_active (self->courses_button, TRUE);
  else if (g_strcmp0 (name, "trainings") == 0)
    gtk_toggle_button_set_active (self->trainings_button, TRUE);
  else if (g_strcmp0 (name, "months") == 0)
    gtk_toggle_button_set_active (self->months_button, TRUE);
}

/* --------------------------------------------------------------------------- reading */

typedef struct {
  ChqHoursPage *self;       /* owned */
  int           year;
  ChqAccount   *account;    /* owned, nullable */
  GPtrArray    *workers;    /* owned, nullable */
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->self);
  g_clear_object (&load->account);
  g_clear_pointer (&load->workers, g_ptr_array_unref);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static void
load_done (ChqHoursPage *self)
{
  self->loads--;
  if (self->loads == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
      if (self->reload_queued)
        {
          self->reload_queued = FALSE;
          reload (self);
        }
    }
}

static void
report_read_error (ChqHoursPage *self,
                   GError       *error)
{
  /* Translators: %s says why the local cache could not be read */
  g_autofree char *text = g_strdup_printf (_("Could not read the training hours: %s"),
                                           error->message);

  g_warning ("%s", text);
  show_toast (self, text);
}

static void
on_enrolments_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) enrolments = chq_store_list_finish (CHQ_STORE (source), result, &error);
  ChqHoursPage *self = load->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (enrolments == NULL)
    report_read_error (self, error);
  else if (load->year == self->year)
    {
      if (load->account != NULL)
        {
          g_free (self->company_name);
          self->company_name = g_strdup (chq_account_get_name (load->account));
          g_set_object (&self->account, load->account);
        }
      g_clear_pointer (&self->workers, g_ptr_array_unref);
      g_clear_pointer (&self->enrolments, g_ptr_array_unref);
      self->workers = g_steal_pointer (&load->workers);
      self->enrolments = g_steal_pointer (&enrolments);
      recompute (self);
      _chq_hours_page_load_training_year (self);
    }

  load_done (self);
}

static void
on_workers_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  ChqHoursPage *self = load->self;
  GCancellable *cancellable = chq_page_binding_get_cancellable (self->binding);
  int year = load->year;

  load->workers = chq_store_list_finish (CHQ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (load->workers == NULL)
    {
      report_read_error (self, error);
      load_done (self);
      return;
    }

  chq_store_list_enrolments_async (CHQ_STORE (source), year, cancellable,
                                   on_enrolments_cb, g_steal_pointer (&load));
}

static void
on_years_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) years = chq_store_list_enrolment_years_finish (CHQ_STORE (source), result,
                                                                   &error);
  ChqHoursPage *self = load->self;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Without the list, the fixed years still serve. */
  if (years == NULL)
    g_warning ("Could not list the years with bookings: %s", error->message);
  else
    {
      g_clear_pointer (&self->data_years, g_array_unref);
      self->data_years = g_steal_pointer (&years);
      _chq_hours_page_update_years (self);
    }

  chq_store_list_workers_async (CHQ_STORE (source),
                                chq_page_binding_get_cancellable (self->binding),
                                on_workers_cb, g_steal_pointer (&load));
}

static void
on_account_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(GError) error = NULL;
  ChqHoursPage *self = load->self;

  load->account = chq_store_get_account_finish (CHQ_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* No account stored yet (before the first sync) is no error: the local year serves. */
  if (load->account != NULL && chq_account_get_year (load->account) > 0 &&
      (int) chq_account_get_year (load->account) != self->current_year)
    {
      gboolean was_current = self->year == self->current_year;

      self->current_year = (int) chq_account_get_year (load->account);
      if (was_current || !_chq_hours_page_year_is_offered (self, self->year))
        self->year = self->current_year;
      load->year = self->year;
      _chq_hours_page_update_years (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }

  chq_store_list_enrolment_years_async (CHQ_STORE (source),
                                        chq_page_binding_get_cancellable (self->binding),
                                        on_years_cb, g_steal_pointer (&load));
}

static void
reload (ChqHoursPage *self)
{
  Load *load;

  if (self->backend == NULL)
    return;

  /* One read at a time; a change during a read reads again once it is done. */
  if (self->loads > 0)
    {
      self->reload_queued = TRUE;
      return;
    }

  load = g_new0 (Load, 1);
  load->self = g_object_ref (self);
  load->year = self->year;
  self->loads++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);

  chq_store_get_account_async (chq_backend_get_store (self->backend),
                               chq_page_binding_get_cancellable (self->binding),
                               on_account_cb, load);
}

static void
on_store_changed_cb (ChqStore     *store,
                     const char   *collection,
                     ChqHoursPage *self)
{
  if (g_strcmp0 (collection, CHQ_STORE_WORKERS) == 0 ||
      g_strcmp0 (collection, CHQ_STORE_ACCOUNT) == 0 ||
      g_str_has_prefix (collection, CHQ_STORE_ENROLMENTS))
    reload (self);
}

/* Bookings, cancellations and attendance still in the outbox are not in the store's
 * figures yet: say so, so that nobody wonders where the hours went. */
static void
update_pending (ChqHoursPage *self)
{
  guint waiting = 0;

  for (guint i = 0; self->outbox_model != NULL &&
                    i < g_list_model_get_n_items (self->outbox_model); i++)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (self->outbox_model, i);
      ChqOutboxKind kind = chq_outbox_entry_get_kind (entry);
      ChqOutboxState state = chq_outbox_entry_get_state (entry);

      if ((kind == CHQ_OUTBOX_KIND_CREATE_ENROLMENT ||
           kind == CHQ_OUTBOX_KIND_CANCEL_ENROLMENT ||
           kind == CHQ_OUTBOX_KIND_RECORD_ATTENDANCE) &&
          (state == CHQ_OUTBOX_STATE_PENDING || state == CHQ_OUTBOX_STATE_SENDING))
        waiting++;
    }

  if (waiting > 0)
    {
      g_autofree char *text =
        g_strdup_printf (ngettext ("%u change to bookings or attendance is waiting to be sent: "
                                   "the figures count it once the service has it.",
                                   "%u changes to bookings or attendance are waiting to be "
                                   "sent: the figures count them once the service has them.",
                                   waiting),
                         waiting);

      gtk_label_set_text (self->pending_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->pending_label), waiting > 0);
}

static void
on_settings_changed_cb (GSettings    *settings,
                        const char   *key,
                        ChqHoursPage *self)
{
  if (g_str_equal (key, "training-right-days") || g_str_equal (key, "hours-per-day"))
    recompute (self);
}

/* ---------------------------------------------------------------------------- object */

static void
disconnect_backend (ChqHoursPage *self)
{
  if (self->backend == NULL)
    return;

  self->outbox_model = NULL;
  _chq_hours_page_disconnect_register (self);
  self->backend = NULL;
  g_clear_pointer (&self->workers, g_ptr_array_unref);
  g_clear_pointer (&self->enrolments, g_ptr_array_unref);
  g_clear_pointer (&self->report, chq_hours_report_free);
  g_clear_pointer (&self->company_name, g_free);
  g_clear_object (&self->account);
  g_clear_pointer (&self->data_years, g_array_unref);
  self->loads = 0;
  self->reload_queued = FALSE;
}

static void
chq_hours_page_dispose (GObject *object)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  _chq_hours_page_close_chooser (self);
  chq_page_binding_set_backend (self->binding, NULL);
  disconnect_backend (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  g_clear_object (&self->workers_model);
  g_clear_object (&self->courses_model);
  g_clear_object (&self->months_model);
  g_clear_pointer (&self->today, g_date_time_unref);

  G_OBJECT_CLASS (chq_hours_page_parent_class)->dispose (object);
}

static void
chq_hours_page_finalize (GObject *object)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  g_clear_object (&self->binding);

  G_OBJECT_CLASS (chq_hours_page_parent_class)->finalize (object);
}

static void
chq_hours_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_YEAR:
      g_value_set_int (value, self->year);
      break;

    case PROP_TODAY:
      g_value_set_boxed (value, self->today);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loads > 0 || self->training_loads > 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_hours_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ChqHoursPage *self = CHQ_HOURS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_hours_page_set_backend (self, g_value_get_object (value));
      break;

    case PROP_YEAR:
      chq_hours_page_set_year (self, g_value_get_int (value));
      break;

    case PROP_TODAY:
      chq_hours_page_set_today (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_hours_page_class_init (ChqHoursPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_hours_page_dispose;
  object_class->finalize = chq_hours_page_finalize;
  object_class->get_property = chq_hours_page_get_property;
  object_class->set_property = chq_hours_page_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_YEAR] =
    g_param_spec_int ("year", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_boxed ("today", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CHQ_TYPE_HOURS_CHART);
  g_type_ensure (CHQ_TYPE_DEADLINES_VIEW);
  g_type_ensure (CHQ_TYPE_TRAININGS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-hours-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, years);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, totals_box);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, pending_label);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, deadlines_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, trainings_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, trainings_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, views);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, workers_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, courses_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, months_button);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, workers_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, courses_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, months_view);
  gtk_widget_class_bind_template_child (widget_class, ChqHoursPage, chart);

  _chq_hours_page_class_init_exports (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_hours_page_init (ChqHoursPage *self)
{
  g_autoptr(GDateTime) now = chq_hours_page_dup_today (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->current_year = g_date_time_get_year (now);
  self->year = self->current_year;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect (self->settings, "changed", G_CALLBACK (on_settings_changed_cb), self);
  self->binding = chq_page_binding_new ();
  g_signal_group_connect_object (chq_page_binding_get_store_signals (self->binding), "changed",
                                 G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_group_connect_object (chq_page_binding_get_entries_signals (self->binding),
                                 "items-changed", G_CALLBACK (update_pending), self,
                                 G_CONNECT_SWAPPED);

  _chq_hours_page_setup_tables (self);
  _chq_hours_page_update_years (self);
  g_signal_connect_swapped (self->year_dropdown, "notify::selected",
                            G_CALLBACK (on_year_selected_cb), self);
  /* The view buttons flow onto two lines in a narrow window; only the buttons take focus. */
  for (GtkWidget *button = GTK_WIDGET (self->workers_button); button != NULL;
       button = gtk_widget_get_next_sibling (gtk_widget_get_parent (button)) != NULL
                ? gtk_widget_get_first_child (gtk_widget_get_next_sibling (gtk_widget_get_parent (button)))
                : NULL)
    gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
  g_signal_connect (self->workers_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->courses_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->trainings_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect (self->months_button, "toggled", G_CALLBACK (on_view_toggled_cb), self);
  g_signal_connect_swapped (self->views, "notify::visible-child-name",
                            G_CALLBACK (on_visible_view_cb), self);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  _chq_hours_page_update_actions (self);
}

/**
 * chq_hours_page_new:
 *
 * Creates the Training Hours page of the main window. It shows an empty state until
 * chq_hours_page_set_backend() gives it an account.
 *
 * Returns: (transfer floating): a new #ChqHoursPage
 */
GtkWidget *
chq_hours_page_new (void)
{
  return g_object_new (CHQ_TYPE_HOURS_PAGE, NULL);
}

/**
 * chq_hours_page_get_backend:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the account shown
 */
ChqBackend *
chq_hours_page_get_backend (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->backend;
}

/**
 * chq_hours_page_set_backend:
 * @self: a #ChqHoursPage
 * @backend: (nullable): the signed-in account, or %NULL when none is open
 *
 * Shows the training hours of @backend's store, and follows its changes; %NULL shows the
 * empty state.
 */
void
chq_hours_page_set_backend (ChqHoursPage *self,
                            ChqBackend   *backend)
{
  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!chq_page_binding_set_backend (self->binding, backend))
    return;

  disconnect_backend (self);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  if (backend != NULL)
    {
      self->backend = backend;
      self->outbox_model = chq_page_binding_get_outbox_entries (self->binding);
      _chq_hours_page_connect_register (self);
      reload (self);
    }

  update_pending (self);

  _chq_hours_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/**
 * chq_hours_page_get_year:
 * @self: a #ChqHoursPage
 *
 * Returns: the year shown
 */
int
chq_hours_page_get_year (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), 0);

  return self->year;
}

/**
 * chq_hours_page_set_year:
 * @self: a #ChqHoursPage
 * @year: one of the years the selector offers: next year, this year, last year, and any
 *   other year with bookings stored
 *
 * Shows @year's hours, as choosing it in the year selector does. Other years are ignored.
 */
void
chq_hours_page_set_year (ChqHoursPage *self,
                         int           year)
{
  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));

  if (!_chq_hours_page_year_is_offered (self, year))
    return;
  if (year == self->year)
    return;

  self->year = year;
  _chq_hours_page_update_years (self);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
}

/**
 * chq_hours_page_get_report:
 * @self: a #ChqHoursPage
 *
 * Returns: (transfer none) (nullable): the report shown, %NULL before the first read
 */
ChqHoursReport *
chq_hours_page_get_report (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), NULL);

  return self->report;
}

/**
 * chq_hours_page_get_loading:
 * @self: a #ChqHoursPage
 *
 * Returns: whether a read of the store is under way
 */
gboolean
chq_hours_page_get_loading (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), FALSE);

  return self->loads > 0 || self->training_loads > 0;
}

/**
 * chq_hours_page_set_today:
 * @self: a #ChqHoursPage
 * @today: (nullable): a fixed "now" (tests, the sandbox's --today), or %NULL for the clock
 *
 * Sets the date the page counts from: the current year before the account says which it
 * is, the share of the year gone by, the deadlines to come.
 */
void
chq_hours_page_set_today (ChqHoursPage *self,
                          GDateTime    *today)
{
  g_autoptr(GDateTime) now = NULL;
  int year;

  g_return_if_fail (CHQ_IS_HOURS_PAGE (self));

  if (self->today == today)
    return;

  g_clear_pointer (&self->today, g_date_time_unref);
  self->today = today != NULL ? g_date_time_ref (today) : NULL;

  now = chq_hours_page_dup_today (self);
  year = g_date_time_get_year (now);
  if (year != self->current_year && self->backend == NULL)
    {
      self->current_year = year;
      self->year = year;
      _chq_hours_page_update_years (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_YEAR]);
    }
  recompute (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * chq_hours_page_get_workforce:
 * @self: a #ChqHoursPage
 *
 * Returns: the workforce the training right counts: the register's setting, or while it
 *   is unknown the full-time equivalents the voucher service knows, rounded
 */
guint
chq_hours_page_get_workforce (ChqHoursPage *self)
{
  g_return_val_if_fail (CHQ_IS_HOURS_PAGE (self), 0);

  if (self->training_year != NULL && self->training_year->settings.workforce >= 0.0)
    return (guint) (self->training_year->settings.workforce + 0.5);
  if (self->account != NULL)
    return (guint) (chq_account_get_fte (self->account) + 0.5);

  return 0;
}
