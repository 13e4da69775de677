/* test-ui-keyboard.c: the core forms driven by real key presses (through the X server), as a
 * person types: the enterprise number, a NISS, a quantity, booking a worker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-keyboard"

#include "config.h"

#include <adwaita.h>

#include "chq-backend.h"
#include "chq-booking-dialog.h"
#include "chq-catalog-page.h"
#include "chq-order-dialog.h"
#include "chq-payment-dialog.h"
#include "chq-sign-in-dialog.h"
#include "chq-store.h"
#include "chq-test-keys.h"
#include "chq-test-ui-utils.h"
#include "chq-worker-dialog.h"

#define DEMO_SME "0123456749"

static gboolean
skip_without_keys (void)
{
  if (test_keys_available ())
    return FALSE;
  g_test_skip ("No X server with the XTest extension: keys cannot be pressed");
  return TRUE;
}

static const char *
text_of (gpointer editable)
{
  return gtk_editable_get_text (GTK_EDITABLE (editable));
}

static void
clear_field (GtkWindow *window)
{
  test_keys_press (window, GDK_KEY_a, GDK_CONTROL_MASK);
  test_keys_press (window, GDK_KEY_BackSpace, 0);
}

/* Typing the enterprise number key by key, with or without its dots, shows it formatted
 * with the cursor where the next digit goes; a wrong one says so where it can be seen. */
static void
test_enterprise_number (void)
{
  ChqSignInDialog *dialog;
  GtkWidget *number, *error_label, *scroller;
  graphene_rect_t bounds;

  if (skip_without_keys ())
    return;

  dialog = chq_sign_in_dialog_new (NULL, NULL);
  gtk_window_set_default_size (GTK_WINDOW (dialog), 360, 320);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  test_keys_focus (GTK_WINDOW (dialog));
  number = template_child (GTK_WIDGET (dialog), CHQ_TYPE_SIGN_IN_DIALOG, "number_row");
  error_label = template_child (GTK_WIDGET (dialog), CHQ_TYPE_SIGN_IN_DIALOG, "error_label");
  scroller = template_child (GTK_WIDGET (dialog), CHQ_TYPE_SIGN_IN_DIALOG, "scroller");
  g_assert_true (gtk_widget_grab_focus (number));
  clear_field (GTK_WINDOW (dialog));

  test_keys_type (GTK_WINDOW (dialog), "0123456749");
  g_assert_cmpstr (text_of (number), ==, "0123.456.749");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (number)), ==, 12);
  g_assert_null (chq_sign_in_dialog_get_error (dialog));

  /* With the dots typed too. */
  clear_field (GTK_WINDOW (dialog));
  g_assert_cmpstr (text_of (number), ==, "");
  test_keys_type (GTK_WINDOW (dialog), "0123.456.749");
  g_assert_cmpstr (text_of (number), ==, "0123.456.749");

  /* Corrected in the middle: the cursor stays after the digit typed. */
  for (guint i = 0; i < 8; i++)
    test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Left, 0);
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_BackSpace, 0);
  g_assert_cmpstr (text_of (number), ==, "0124.567.49");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (number)), ==, 3);
  test_keys_type (GTK_WINDOW (dialog), "3");
  g_assert_cmpstr (text_of (number), ==, "0123.456.749");
  g_assert_cmpint (gtk_editable_get_position (GTK_EDITABLE (number)), ==, 4);

  /* A number that does not exist: said under the form, scrolled into view. */
  clear_field (GTK_WINDOW (dialog));
  test_keys_type (GTK_WINDOW (dialog), "0123456748");
  g_assert_cmpstr (text_of (number), ==, "0123.456.748");
  g_assert_nonnull (chq_sign_in_dialog_get_error (dialog));
  g_assert_true (gtk_widget_get_visible (error_label));
  flush_main_context ();
  for (guint i = 0; i < 10; i++)
    {
      g_usleep (20000);
      flush_main_context ();
    }
  g_assert_true (gtk_widget_compute_bounds (error_label, scroller, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (scroller));

  /* Escape closes it. */
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Escape, 0);
  wait_until (dialog == NULL, 5000);
}

/* A national register number typed with its dots and dash is taken as typed and checked. */
static void
test_niss (void)
{
  TestUi ui = { NULL, };
  GtkWidget *dialog;
  GtkWidget *first, *last, *niss;

  if (skip_without_keys ())
    return;

  test_ui_set_up (&ui, "chq-ui-keyboard-XXXXXX", "keyboard test", DEMO_SME, FALSE, 0);
  dialog = chq_worker_dialog_new (ui.backend, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  test_keys_focus (GTK_WINDOW (dialog));
  first = template_child (dialog, CHQ_TYPE_WORKER_DIALOG, "first_row");
  last = template_child (dialog, CHQ_TYPE_WORKER_DIALOG, "last_row");
  niss = template_child (dialog, CHQ_TYPE_WORKER_DIALOG, "niss_row");

  g_assert_true (gtk_widget_grab_focus (first));
  test_keys_type (GTK_WINDOW (dialog), "Anne");
  g_assert_true (gtk_widget_grab_focus (last));
  test_keys_type (GTK_WINDOW (dialog), "Lambert");
  g_assert_cmpstr (text_of (first), ==, "Anne");
  g_assert_cmpstr (text_of (last), ==, "Lambert");

  g_assert_true (gtk_widget_grab_focus (niss));
  test_keys_type (GTK_WINDOW (dialog), "85.07.30-033.29");
  g_assert_cmpstr (text_of (niss), ==, "85.07.30-033.29");
  g_assert_nonnull (chq_worker_dialog_get_field_error (CHQ_WORKER_DIALOG (dialog), CHQ_WORKER_FIELD_NISS));
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_BackSpace, 0);
  test_keys_type (GTK_WINDOW (dialog), "8");
  g_assert_cmpstr (text_of (niss), ==, "85.07.30-033.28");
  g_assert_null (chq_worker_dialog_get_field_error (CHQ_WORKER_DIALOG (dialog), CHQ_WORKER_FIELD_NISS));

  /* Typed without its marks, too. */
  clear_field (GTK_WINDOW (dialog));
  test_keys_type (GTK_WINDOW (dialog), "85073003328");
  g_assert_cmpstr (text_of (niss), ==, "85073003328");
  g_assert_null (chq_worker_dialog_get_field_error (CHQ_WORKER_DIALOG (dialog), CHQ_WORKER_FIELD_NISS));

  gtk_window_destroy (GTK_WINDOW (dialog));
  test_ui_tear_down (&ui);
}

static void
on_ordered_cb (ChqOrderDialog *dialog,
               gint64          entry_id,
               guint          *quantity)
{
  *quantity = chq_order_dialog_get_quantity (dialog);
}

/* Ordering with the keyboard alone: the quantity typed, then Ctrl+Enter. */
static void
test_order (void)
{
  TestUi ui = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqAccount) account = NULL;
  const guint waiting[CHQ_N_VOUCHER_TYPES] = { 0, };
  ChqOrderDialog *dialog;
  guint ordered = 0;

  if (skip_without_keys ())
    return;

  test_ui_set_up (&ui, "chq-ui-keyboard-XXXXXX", "keyboard test", DEMO_SME, TRUE, 0);
  account = chq_store_get_account (chq_backend_get_store (ui.backend), &error);
  g_assert_no_error (error);
  g_assert_nonnull (account);
  dialog = chq_order_dialog_new (ui.backend, account, waiting);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "ordered", G_CALLBACK (on_ordered_cb), &ordered);
  gtk_window_present (GTK_WINDOW (dialog));
  test_keys_focus (GTK_WINDOW (dialog));

  /* The quantity has the focus: typed over, then Ctrl+Enter orders. */
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_a, GDK_CONTROL_MASK);
  test_keys_type (GTK_WINDOW (dialog), "25");
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Return, GDK_CONTROL_MASK);
  wait_until (ordered != 0, 5000);
  g_assert_cmpuint (ordered, ==, 25);
  wait_until (dialog == NULL, 5000);

  test_ui_tear_down (&ui);
}

static GtkWidget *
focused_row (GtkWindow *window)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  while (focus != NULL && !GTK_IS_LIST_BOX_ROW (focus))
    focus = gtk_widget_get_parent (focus);

  return focus;
}

static ChqBookingDialog *
open_booking (TestUi    *ui,
              ChqCourse *course)
{
  /* The sandbox's day, not the clock's: the test does not depend on the date. */
  ChqBookingDialog *dialog = g_object_new (CHQ_TYPE_BOOKING_DIALOG, "backend", ui->backend,
                                           "course", course, "today", "2026-11-28", NULL);
  GtkWidget *list = template_child (GTK_WIDGET (dialog), CHQ_TYPE_BOOKING_DIALOG, "worker_list");
  guint tabs = 0;

  gtk_window_set_transient_for (GTK_WINDOW (dialog), ui->window);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (chq_booking_dialog_get_ready (dialog), 5000);
  test_keys_focus (GTK_WINDOW (dialog));

  /* Tab into the list of workers. */
  while (focused_row (GTK_WINDOW (dialog)) == NULL ||
         gtk_widget_get_parent (focused_row (GTK_WINDOW (dialog))) != list)
    {
      g_assert_cmpuint (++tabs, <, 20);
      test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Tab, 0);
    }

  return dialog;
}

/* Booking with the keyboard alone: Down and Up go over the student, who cannot be chosen,
 * Space chooses (twice still chooses), Ctrl+Enter books; the same booking again is refused. */
static void
test_booking (void)
{
  TestUi ui = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(ChqCourse) course = NULL;
  g_autoptr(GPtrArray) eligible = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *chosen = NULL;
  g_autofree char *session = NULL;
  ChqBookingDialog *dialog;
  GtkListBox *list;
  GtkWidget *warning;
  guint n_rows = 0;

  if (skip_without_keys ())
    return;

  test_ui_set_up (&ui, "chq-ui-keyboard-XXXXXX", "keyboard test", DEMO_SME, TRUE, 0);
  gtk_window_present (ui.window);
  course = chq_store_get_course (chq_backend_get_store (ui.backend), "crs-ai-0008", &error);
  g_assert_no_error (error);
  g_assert_nonnull (course);

  dialog = open_booking (&ui, course);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  list = GTK_LIST_BOX (template_child (GTK_WIDGET (dialog), CHQ_TYPE_BOOKING_DIALOG, "worker_list"));
  for (GtkListBoxRow *row; (row = gtk_list_box_get_row_at_index (list, (int) n_rows)) != NULL; n_rows++)
    {
      /* The student is greyed, out of the focus chain, and says why. */
      if (!gtk_list_box_row_get_selectable (row))
        {
          g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (row)));
          g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (row)));
          g_assert_false (gtk_list_box_row_get_activatable (row));
          gtk_test_accessible_assert_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_DISABLED, TRUE);
          g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (row),
                                                           GTK_ACCESSIBLE_PROPERTY_DESCRIPTION));
        }
    }
  g_assert_cmpuint (n_rows, ==, 6);

  /* Down walks every worker who may be booked, in order, and stops at the last. */
  for (guint i = 0; i < n_rows + 1; i++)
    {
      const char *id;

      test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Down, 0);
      id = chq_booking_dialog_get_worker_id (dialog);
      g_assert_nonnull (id);
      g_assert_cmpstr (id, !=, "wrk-0006");
      if (eligible->len == 0 || g_strcmp0 (g_ptr_array_index (eligible, eligible->len - 1), id) != 0)
        g_ptr_array_add (eligible, g_strdup (id));
      g_assert_true (gtk_widget_has_focus (focused_row (GTK_WINDOW (dialog))));
    }
  g_assert_cmpuint (eligible->len, >=, n_rows - 2);  /* the first row may have had the focus */

  /* Up goes back over the student too. */
  for (guint i = 0; i < n_rows + 1; i++)
    {
      test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Up, 0);
      g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), !=, "wrk-0006");
    }

  /* Space chooses the worker with the focus; pressed again, still chosen. */
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Down, 0);
  chosen = g_strdup (chq_booking_dialog_get_worker_id (dialog));
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_space, 0);
  g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), ==, chosen);
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_space, 0);
  g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), ==, chosen);
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Return, 0);
  g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), ==, chosen);
  g_assert_true (chq_booking_dialog_get_can_book (dialog));
  session = g_strdup (chq_booking_dialog_get_session_id (dialog));

  /* Ctrl+Enter books. */
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Return, GDK_CONTROL_MASK);
  wait_until (dialog == NULL, 5000);
  g_assert_nonnull (ui.last_toast);
  g_assert_nonnull (strstr (ui.last_toast, "Booking of"));

  /* The same worker on the same session again: a warning, and no "Book". */
  dialog = open_booking (&ui, course);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (chq_booking_dialog_get_session_id (dialog), ==, session);
  chq_booking_dialog_set_worker_id (dialog, chosen);
  g_assert_cmpstr (chq_booking_dialog_get_worker_id (dialog), ==, chosen);
  g_assert_false (chq_booking_dialog_get_can_book (dialog));
  warning = template_child (GTK_WIDGET (dialog), CHQ_TYPE_BOOKING_DIALOG, "warning_label");
  g_assert_true (gtk_widget_get_visible (warning));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (warning)), "already booked on this session"));
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Return, GDK_CONTROL_MASK);
  g_assert_nonnull (dialog);
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Escape, 0);
  wait_until (dialog == NULL, 5000);

  test_ui_tear_down (&ui);
}

/* A toast is a child of its overlay beside the content while it shows. */
static gboolean
overlay_shows_toast (AdwToastOverlay *overlay)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;

  return n > 1;
}

/* With a toast shown, one Escape closes the dialog (libadwaita's toast overlay would take it
 * to dismiss the toast). */
static void
test_escape_toast_dialog (void)
{
  TestUi ui = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) orders = NULL;
  ChqPaymentDialog *dialog;
  AdwToastOverlay *overlay;

  if (skip_without_keys ())
    return;

  test_ui_set_up (&ui, "chq-ui-keyboard-XXXXXX", "keyboard test", DEMO_SME, TRUE, 0);
  orders = chq_store_list_orders (chq_backend_get_store (ui.backend), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (orders->len, >, 0);
  dialog = chq_payment_dialog_new (ui.backend, g_ptr_array_index (orders, 0));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  test_keys_focus (GTK_WINDOW (dialog));
  overlay = template_child (dialog, CHQ_TYPE_PAYMENT_DIALOG, "toast_overlay");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "payment.copy", "s", "iban"));
  g_assert_true (overlay_shows_toast (overlay));
  test_keys_press (GTK_WINDOW (dialog), GDK_KEY_Escape, 0);
  wait_until (dialog == NULL, 5000);

  test_ui_tear_down (&ui);
}

/* With a toast shown, one Escape in the search leaves it: the search is cleared and the
 * focus is on the results. */
static void
test_escape_toast_search (void)
{
  TestUi ui = { NULL, };
  GtkWidget *overlay = adw_toast_overlay_new ();
  ChqCatalogPage *page = CHQ_CATALOG_PAGE (chq_catalog_page_new ());
  GtkWidget *search;

  if (skip_without_keys ())
    {
      g_object_ref_sink (overlay);
      g_object_unref (overlay);
      g_object_ref_sink (page);
      g_object_unref (page);
      return;
    }

  test_ui_set_up (&ui, "chq-ui-keyboard-XXXXXX", "keyboard test", DEMO_SME, TRUE, 0);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), GTK_WIDGET (page));
  chq_catalog_page_set_backend (page, ui.backend);
  test_ui_show (&ui, overlay);
  test_keys_focus (ui.window);
  search = template_child (page, CHQ_TYPE_CATALOG_PAGE, "search_entry");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "catalog.search", NULL));
  test_keys_type (ui.window, "python");
  g_assert_cmpstr (text_of (search), ==, "python");
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new ("A toast"));
  g_assert_true (overlay_shows_toast (ADW_TOAST_OVERLAY (overlay)));

  test_keys_press (ui.window, GDK_KEY_Escape, 0);
  g_assert_cmpstr (text_of (search), ==, "");
  g_assert_false (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (ui.window)), search));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (ui.window)) != search);

  chq_catalog_page_set_backend (page, NULL);
  test_ui_tear_down (&ui);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  test_ui_init (&argc, &argv);
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add_func ("/ui/keyboard/enterprise-number", test_enterprise_number);
  g_test_add_func ("/ui/keyboard/niss", test_niss);
  g_test_add_func ("/ui/keyboard/order", test_order);
  g_test_add_func ("/ui/keyboard/booking", test_booking);
  g_test_add_func ("/ui/keyboard/escape-toast/dialog", test_escape_toast_dialog);
  g_test_add_func ("/ui/keyboard/escape-toast/search", test_escape_toast_search);

  return g_test_run ();
}
