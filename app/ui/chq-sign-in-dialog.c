/* chq-sign-in-dialog.c: signing in to the regional voucher service (service address,
 * enterprise number checked and formatted as it is typed, password), with every failure
 * explained in place; also signing in again when a session has ended
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-sign-in-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-app-logic.h"
#include "chq-ident.h"
#include "chq-sign-in-dialog.h"

struct _ChqSignInDialog
{
  AdwWindow         parent_instance;

  GSettings        *settings;      /* owned */
  ChqBackend       *backend;       /* owned: the account signing in again, or the new one */
  gboolean          again;         /* signing in again: address and number are fixed */
  GCancellable     *cancellable;   /* owned, while signing in */
  char             *error;         /* owned, the message shown, or NULL */
  gboolean          formatting;    /* the number is being reformatted */
  guint             format_id;     /* idle source formatting the number once GTK has typed */
  guint             scroll_frames; /* frames spent scrolling the error into view */

  /* Template children */
  GtkLabel         *intro_label;
  AdwEntryRow      *address_row;
  AdwEntryRow      *number_row;
  AdwEntryRow      *password_row;
  GtkLabel         *error_label;
  GtkScrolledWindow *scroller;
  GtkSpinner       *spinner;
  GtkButton        *sign_in_button;
};

enum {
  SIGNED_IN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ChqSignInDialog, chq_sign_in_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
row_for_field (ChqSignInDialog *self,
               ChqSignInField   field)
{
  switch (field)
    {
    case CHQ_SIGN_IN_FIELD_ADDRESS:
      return GTK_WIDGET (self->address_row);
    case CHQ_SIGN_IN_FIELD_NUMBER:
      return GTK_WIDGET (self->number_row);
    case CHQ_SIGN_IN_FIELD_PASSWORD:
      return GTK_WIDGET (self->password_row);
    case CHQ_SIGN_IN_FIELD_NONE:
    default:
      return NULL;
    }
}

/* Shows @message under the form, marks the row of @field, and tells screen readers. */
/* The window keeps its height when the message appears under the form: once the message has
 * its place (the next frame), scroll it into view. */
static gboolean
scroll_to_error_cb (GtkWidget     *label,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ChqSignInDialog *self = user_data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  graphene_rect_t bounds;
  double bottom;

  if (!gtk_widget_get_visible (label) || ++self->scroll_frames > 10)
    return G_SOURCE_REMOVE;
  /* Until the label has its place and the scrolled window knows its new height. */
  if (height <= 0 || !gtk_widget_compute_bounds (label, GTK_WIDGET (self->scroller), &bounds) ||
      bounds.size.height <= 0)
    return G_SOURCE_CONTINUE;

  bottom = bounds.origin.y + bounds.size.height;
  if (bottom <= height)
    return G_SOURCE_REMOVE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + bottom - height);

  return G_SOURCE_CONTINUE;
}

static void
show_error (ChqSignInDialog *self,
            ChqSignInField   field,
            const char      *message)
{
  GtkWidget *rows[] = {
    GTK_WIDGET (self->address_row), GTK_WIDGET (self->number_row),
    GTK_WIDGET (self->password_row),
  };
  GtkWidget *row = row_for_field (self, field);

  g_free (self->error);
  self->error = g_strdup (message);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i] == row)
        {
          gtk_widget_add_css_class (rows[i], "error");
          gtk_accessible_update_property (GTK_ACCESSIBLE (rows[i]),
                                          GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
          gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i]),
                                       GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                       -1);
        }
      else
        {
          gtk_widget_remove_css_class (rows[i], "error");
          gtk_accessible_reset_property (GTK_ACCESSIBLE (rows[i]),
                                         GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
          gtk_accessible_reset_state (GTK_ACCESSIBLE (rows[i]), GTK_ACCESSIBLE_STATE_INVALID);
        }
    }

  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    {
      self->scroll_frames = 0;
      gtk_widget_add_tick_callback (GTK_WIDGET (self->error_label), scroll_to_error_cb, self, NULL);
    }
}

static char *
dup_number (ChqSignInDialog *self,
            GError         **error)
{
  return chq_enterprise_number_normalize (gtk_editable_get_text (GTK_EDITABLE (self->number_row)),
                                          error);
}

static void
set_busy (ChqSignInDialog *self,
          gboolean         busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), !busy && !self->again);
  gtk_widget_set_sensitive (GTK_WIDGET (self->number_row), !busy && !self->again);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_row), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit",
                                 !busy && chq_sign_in_dialog_can_submit (self));
}

static void
update_submit (ChqSignInDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sign-in.submit",
                                 chq_sign_in_dialog_can_submit (self));
}

/* Checks the number once it is complete (or cannot become valid), not at every digit. */
static void
check_number (ChqSignInDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->number_row));
  g_autoptr(GError) error = NULL;
  guint n_digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    n_digits += g_ascii_isdigit (*p) ? 1 : 0;
  if (n_digits >= 10)
    {
      g_autofree char *number = dup_number (self, &error);

      if (number == NULL)
        show_error (self, CHQ_SIGN_IN_FIELD_NUMBER, error->message);
      else if (self->error != NULL)
        show_error (self, CHQ_SIGN_IN_FIELD_NONE, NULL);
    }
  else if (self->error != NULL)
    show_error (self, CHQ_SIGN_IN_FIELD_NONE, NULL);

  update_submit (self);
}

/* Runs after GTK has finished typing a key (it moves the cursor after "changed"), so the
 * dots go in without the cursor falling behind: it stays after the same digit. */
static gboolean
format_number_idle_cb (gpointer user_data)
{
  ChqSignInDialog *self = user_data;
  GtkEditable *editable = GTK_EDITABLE (self->number_row);
  const char *text = gtk_editable_get_text (editable);
  g_autofree char *formatted = NULL;
  int cursor = 0;

  self->format_id = 0;
  formatted = chq_app_format_partial_number_at (text, gtk_editable_get_position (editable), &cursor);
  if (g_strcmp0 (formatted, text) != 0)
    {
      self->formatting = TRUE;
      gtk_editable_set_text (editable, formatted);
      self->formatting = FALSE;
    }
  gtk_editable_set_position (editable, cursor);
  check_number (self);

  return G_SOURCE_REMOVE;
}

static void
on_number_changed_cb (ChqSignInDialog *self)
{
  if (self->formatting)
    return;

  /* Before the next frame, so the unformatted text is never drawn. */
  if (self->format_id == 0)
    self->format_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, format_number_idle_cb, self, NULL);
  update_submit (self);
}

static void
on_entry_changed_cb (ChqSignInDialog *self)
{
  update_submit (self);
}

static void
sign_in_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ChqSignInDialog) self = user_data;
  ChqBackend *backend = CHQ_BACKEND (source);
  g_autoptr(GError) error = NULL;

  if (!chq_backend_sign_in_finish (backend, result, &error))
    {
      g_autofree char *message = NULL;
      ChqSignInField field;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      g_debug ("Signing in failed: %s", error->message);
      message = chq_app_sign_in_error_message (error, &field);
      show_error (self, field, message);
      gtk_widget_grab_focus (row_for_field (self, field) != NULL
                             ? row_for_field (self, field) : GTK_WIDGET (self->password_row));
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  if (!self->again)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "service-address",
                             chq_backend_get_service_uri (backend));
      g_settings_set_string (self->settings, "enterprise-number",
                             chq_backend_get_enterprise_number (backend));
      g_settings_set_boolean (self->settings, "demo-mode", FALSE);
      g_settings_apply (self->settings);
    }

  g_signal_emit (self, signals[SIGNED_IN], 0, backend);
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * chq_sign_in_dialog_submit:
 * @self: a #ChqSignInDialog
 *
 * Signs in with what the form holds, as the "Sign In" button does. On success the dialog
 * remembers the account in the settings, emits #ChqSignInDialog::signed-in and closes; on
 * failure it says what went wrong under the form.
 */
void
chq_sign_in_dialog_submit (ChqSignInDialog *self)
{
  g_autofree char *number = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GError) error = NULL;
  const char *password;

  g_return_if_fail (CHQ_IS_SIGN_IN_DIALOG (self));

  if (self->cancellable != NULL || !chq_sign_in_dialog_can_submit (self))
    return;

  number = dup_number (self, &error);
  if (number == NULL)
    {
      show_error (self, CHQ_SIGN_IN_FIELD_NUMBER, error->message);
      return;
    }

  if (!self->again)
    {
      g_autoptr(ChqBackend) backend = NULL;

      address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
      /* A new backend for every attempt: the address or the number may have changed. */
      backend = chq_backend_new (address, address, number, NULL, &error);
      if (backend == NULL)
        {
          g_autofree char *message = NULL;
          ChqSignInField field;

          g_debug ("Could not open the account: %s", error->message);
          message = chq_app_sign_in_error_message (error, &field);
          show_error (self, field, message);
          return;
        }
      g_set_object (&self->backend, backend);
    }

  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  show_error (self, CHQ_SIGN_IN_FIELD_NONE, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  chq_backend_sign_in_async (self->backend, password, self->cancellable,
                             sign_in_cb, g_object_ref (self));
}

static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  chq_sign_in_dialog_submit (CHQ_SIGN_IN_DIALOG (widget));
}

static void
chq_sign_in_dialog_dispose (GObject *object)
{
  ChqSignInDialog *self = CHQ_SIGN_IN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->format_id, g_source_remove);
  g_clear_object (&self->settings);
  gtk_widget_dispose_template (GTK_WIDGET (object), CHQ_TYPE_SIGN_IN_DIALOG);

  G_OBJECT_CLASS (chq_sign_in_dialog_parent_class)->dispose (object);
}

static void
chq_sign_in_dialog_finalize (GObject *object)
{
  ChqSignInDialog *self = CHQ_SIGN_IN_DIALOG (object);

  g_clear_object (&self->backend);
  g_free (self->error);

  G_OBJECT_CLASS (chq_sign_in_dialog_parent_class)->finalize (object);
}

static void
chq_sign_in_dialog_class_init (ChqSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_sign_in_dialog_dispose;
  object_class->finalize = chq_sign_in_dialog_finalize;

  /**
   * ChqSignInDialog::signed-in:
   * @self: the dialog
   * @backend: the account, with its session
   *
   * Emitted when signing in succeeded, just before the dialog closes.
   */
  signals[SIGNED_IN] =
    g_signal_new ("signed-in", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CHQ_TYPE_BACKEND);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, number_row);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ChqSignInDialog, sign_in_button);

  gtk_widget_class_install_action (widget_class, "sign-in.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
chq_sign_in_dialog_init (ChqSignInDialog *self)
{
  g_autofree char *address = NULL;
  g_autofree char *number = NULL;

  chq_a11y_set_dialog_role (GTK_WIDGET (self));
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID);
  address = g_settings_get_string (self->settings, "service-address");
  number = g_settings_get_string (self->settings, "enterprise-number");
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), address);
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), number);

  g_signal_connect_swapped (self->number_row, "changed", G_CALLBACK (on_number_changed_cb), self);
  g_signal_connect_swapped (self->address_row, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (self->password_row, "changed", G_CALLBACK (on_entry_changed_cb), self);
  g_signal_connect_swapped (self->password_row, "entry-activated",
                            G_CALLBACK (chq_sign_in_dialog_submit), self);
  on_number_changed_cb (self);
  g_clear_handle_id (&self->format_id, g_source_remove);
  format_number_idle_cb (self);

  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->sign_in_button));
}

/**
 * chq_sign_in_dialog_new:
 * @parent: (nullable): the window the dialog is shown over
 * @backend: (nullable): the account whose session ended, to sign in again (only the
 *   password is asked); %NULL to sign in to an account, with the address and number of
 *   the settings filled in
 *
 * Returns: (transfer none): a new #ChqSignInDialog, to present
 */
ChqSignInDialog *
chq_sign_in_dialog_new (GtkWindow  *parent,
                        ChqBackend *backend)
{
  ChqSignInDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (backend == NULL || CHQ_IS_BACKEND (backend), NULL);

  self = g_object_new (CHQ_TYPE_SIGN_IN_DIALOG,
                       "transient-for", parent,
                       NULL);

  if (backend != NULL)
    {
      g_autofree char *number = chq_enterprise_number_format (chq_backend_get_enterprise_number (backend));

      self->again = TRUE;
      self->backend = g_object_ref (backend);
      gtk_window_set_title (GTK_WINDOW (self), _("Sign In Again"));
      gtk_label_set_label (self->intro_label,
                           _("Your session with the voucher service has ended. Enter your password to go on; nothing you did is lost."));
      gtk_editable_set_text (GTK_EDITABLE (self->address_row), chq_backend_get_service_uri (backend));
      gtk_editable_set_text (GTK_EDITABLE (self->number_row),
                             number != NULL ? number : chq_backend_get_enterprise_number (backend));
      g_clear_handle_id (&self->format_id, g_source_remove);
      format_number_idle_cb (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->address_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->number_row), FALSE);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else if (gtk_editable_get_text (GTK_EDITABLE (self->number_row))[0] != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->number_row));

  return self;
}

/**
 * chq_sign_in_dialog_get_backend:
 * @self: a #ChqSignInDialog
 *
 * Returns: (transfer none) (nullable): the account signing in (again), once known
 */
ChqBackend *
chq_sign_in_dialog_get_backend (ChqSignInDialog *self)
{
  g_return_val_if_fail (CHQ_IS_SIGN_IN_DIALOG (self), NULL);

  return self->backend;
}

/**
 * chq_sign_in_dialog_get_error:
 * @self: a #ChqSignInDialog
 *
 * Returns: (transfer none) (nullable): the message the dialog shows about a failure, or
 *   %NULL
 */
const char *
chq_sign_in_dialog_get_error (ChqSignInDialog *self)
{
  g_return_val_if_fail (CHQ_IS_SIGN_IN_DIALOG (self), NULL);

  return self->error;
}

/**
 * chq_sign_in_dialog_is_busy:
 * @self: a #ChqSignInDialog
 *
 * Returns: whether a sign-in is on its way
 */
gboolean
chq_sign_in_dialog_is_busy (ChqSignInDialog *self)
{
  g_return_val_if_fail (CHQ_IS_SIGN_IN_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * chq_sign_in_dialog_can_submit:
 * @self: a #ChqSignInDialog
 *
 * Returns: whether the form is complete: an address, a valid enterprise number and a
 *   password
 */
gboolean
chq_sign_in_dialog_can_submit (ChqSignInDialog *self)
{
  g_autofree char *number = NULL;
  g_autofree char *address = NULL;

  g_return_val_if_fail (CHQ_IS_SIGN_IN_DIALOG (self), FALSE);

  address = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->address_row))));
  number = dup_number (self, NULL);

  return address[0] != '\0' && number != NULL
         && gtk_editable_get_text (GTK_EDITABLE (self->password_row))[0] != '\0';
}
