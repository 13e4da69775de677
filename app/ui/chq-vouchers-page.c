/* chq-vouchers-page.c: the Vouchers page: wallet, ceilings, ordering, history, batches
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-vouchers-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-json.h"
#include "chq-money.h"
#include "chq-vouchers-logic.h"
#include "chq-vouchers-page-private.h"

G_DEFINE_FINAL_TYPE (ChqVouchersPage, chq_vouchers_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BACKEND,
  PROP_TODAY,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void read_account (ChqVouchersPage *self);
static void read_wallet  (ChqVouchersPage *self);

static void
show_toast (ChqVouchersPage *self,
            const char      *text)
{
  /* The window installs win.toast; outside a window (tests) there is nobody to tell. */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", text);
}

static void
set_state (ChqVouchersPage *self,
           const char      *state)
{
  if (g_strcmp0 (self->state, state) == 0)
    return;

  self->state = state;
  gtk_stack_set_visible_child_name (self->stack, g_str_equal (state, "ready") ? "content" : "empty");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static GtkWindow *
get_parent_window (ChqVouchersPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* Showing */

/* The outbox's create_order entries (newest first), then the service's orders. */
static void
update_orders (ChqVouchersPage *self)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_entries = self->outbox_model != NULL ? g_list_model_get_n_items (self->outbox_model) : 0;

  for (guint i = n_entries; i > 0; i--)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (self->outbox_model, i - 1);

      if (chq_outbox_entry_get_kind (entry) == CHQ_OUTBOX_KIND_CREATE_ORDER)
        g_ptr_array_add (items, g_steal_pointer (&entry));
    }

  for (guint i = 0; self->orders != NULL && i < self->orders->len; i++)
    g_ptr_array_add (items, g_object_ref (g_ptr_array_index (self->orders, i)));

  g_list_store_splice (self->order_items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->order_items)),
                       items->pdata, items->len);

  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->orders_scroller),
                                              MIN (items->len, ROWS_SHOWN) * ROW_HEIGHT_ESTIMATE);
  gtk_widget_set_visible (self->orders_empty_label, items->len == 0);
  gtk_widget_set_visible (self->orders_scroller, items->len > 0);
}

static void
update_view (ChqVouchersPage *self)
{
  if (self->backend == NULL)
    set_state (self, "no-account");
  else if (self->account == NULL && self->wallet == NULL &&
           (self->orders == NULL || self->orders->len == 0) &&
           g_list_model_get_n_items (G_LIST_MODEL (self->order_items)) == 0)
    set_state (self, "empty");
  else
    set_state (self, "ready");

  _chq_vouchers_page_update_cards (self);
}

/* Notifications */

static void
notify_expiring (ChqVouchersPage *self)
{
  GDate today;

  if (self->wallet == NULL)
    return;

  _chq_vouchers_page_get_today (self, &today);
  chq_voucher_notifier_check_batches (self->notifier, self->wallet->batches, &today);
}

/* Reading */

static void
on_account_read_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ChqVouchersPage) self = user_data;
  g_autoptr(ChqAccount) account = NULL;
  g_autoptr(GError) error = NULL;

  account = chq_store_get_account_finish (CHQ_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the account from the cache: %s", error->message);

  if (account != NULL)
    g_set_object (&self->account, account);
  update_view (self);
}

static void
read_account (ChqVouchersPage *self)
{
  chq_store_get_account_async (chq_backend_get_store (self->backend),
                               chq_page_binding_get_cancellable (self->binding),
                               on_account_read_cb, g_object_ref (self));
}

static void
on_wallet_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ChqVouchersPage) self = user_data;
  g_autoptr(ChqWallet) wallet = NULL;
  g_autoptr(GError) error = NULL;

  wallet = chq_store_get_wallet_finish (CHQ_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_warning ("Could not read the wallet from the cache: %s", error->message);

  if (wallet != NULL)
    {
      g_clear_pointer (&self->wallet, chq_wallet_free);
      self->wallet = g_steal_pointer (&wallet);
      _chq_vouchers_page_update_batches (self);
      notify_expiring (self);
    }
  update_view (self);
}

static void
read_wallet (ChqVouchersPage *self)
{
  chq_store_get_wallet_async (chq_backend_get_store (self->backend),
                              chq_page_binding_get_cancellable (self->binding),
                              on_wallet_read_cb, g_object_ref (self));
}

/* The items of a collection model, for the pure functions that take an array. */
static GPtrArray *
dup_items (ChqCollectionModel *model)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  GPtrArray *items = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (model), i));

  return items;
}

static void
on_orders_changed_cb (ChqVouchersPage *self)
{
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  self->orders = dup_items (self->order_model);
  chq_voucher_notifier_check_orders (self->notifier, self->orders);
  update_orders (self);
  update_view (self);
}

static void
on_enrolments_changed_cb (ChqVouchersPage *self)
{
  g_clear_pointer (&self->enrolments, g_ptr_array_unref);
  self->enrolments = dup_items (self->enrolment_model);
  update_view (self);
}

static int
get_year_of_today (ChqVouchersPage *self)
{
  GDate today;

  _chq_vouchers_page_get_today (self, &today);
  return g_date_get_year (&today);
}

/* An order placed here reached the service: its payment instructions, at once. */
static void
open_accepted_orders (ChqVouchersPage *self)
{
  g_autoptr(GPtrArray) done = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->watched_entries);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      gint64 id = *(gint64 *) key;
      g_autoptr(ChqOutboxEntry) entry = NULL;
      g_autoptr(ChqOrder) order = NULL;

      entry = chq_outbox_get_entry (chq_backend_get_outbox (self->backend), id, NULL);
      if (entry == NULL || chq_outbox_entry_get_state (entry) == CHQ_OUTBOX_STATE_FAILED)
        {
          /* Gone or refused: the history says why. */
          g_ptr_array_add (done, g_memdup2 (&id, sizeof id));
          continue;
        }
      if (chq_outbox_entry_get_state (entry) != CHQ_OUTBOX_STATE_SENT)
        continue;

      g_ptr_array_add (done, g_memdup2 (&id, sizeof id));
      order = (ChqOrder *) chq_outbox_entry_dup_answer (entry);
      if (order == NULL)
        continue;
      /* Not over another page, unasked (say on reconnecting): the history has them. */
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        chq_vouchers_page_show_payment (self, order);
      else
        show_toast (self, _("Your order was accepted: its payment instructions are in the order history of the Vouchers page"));
    }

  for (guint i = 0; i < done->len; i++)
    g_hash_table_remove (self->watched_entries, g_ptr_array_index (done, i));
}

static void
on_outbox_changed_cb (ChqOutbox       *outbox,
                      ChqVouchersPage *self)
{
  guint n = g_list_model_get_n_items (self->outbox_model);

  memset (self->waiting, 0, sizeof self->waiting);
  g_hash_table_remove_all (self->cancel_waiting);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqOutboxEntry) entry = g_list_model_get_item (self->outbox_model, i);
      ChqOutboxState state = chq_outbox_entry_get_state (entry);
      gboolean waiting = state == CHQ_OUTBOX_STATE_PENDING || state == CHQ_OUTBOX_STATE_SENDING;

      if (!waiting)
        continue;

      if (chq_outbox_entry_get_kind (entry) == CHQ_OUTBOX_KIND_CREATE_ORDER)
        {
          self->waiting[chq_outbox_entry_get_voucher_type (entry)] +=
            chq_outbox_entry_get_quantity (entry);
        }
      else if (chq_outbox_entry_get_kind (entry) == CHQ_OUTBOX_KIND_CANCEL_ORDER &&
               chq_outbox_entry_get_target_id (entry) != NULL)
        g_hash_table_add (self->cancel_waiting, g_strdup (chq_outbox_entry_get_target_id (entry)));
    }

  open_accepted_orders (self);
  update_orders (self);
  update_view (self);
}

/* Forgets what was read for the previous backend. */
static void
clear_backend_state (ChqVouchersPage *self)
{
  if (self->order_model != NULL)
    g_signal_handlers_disconnect_by_data (self->order_model, self);
  if (self->enrolment_model != NULL)
    g_signal_handlers_disconnect_by_data (self->enrolment_model, self);
  g_clear_object (&self->order_model);
  g_clear_object (&self->enrolment_model);
  self->outbox_model = NULL;
  self->backend = NULL;
  g_clear_object (&self->account);
  g_clear_pointer (&self->wallet, chq_wallet_free);
  g_clear_pointer (&self->orders, g_ptr_array_unref);
  g_clear_pointer (&self->enrolments, g_ptr_array_unref);
  chq_voucher_notifier_forget_orders (self->notifier);
  g_hash_table_remove_all (self->cancel_waiting);
  g_hash_table_remove_all (self->watched_entries);
  memset (self->waiting, 0, sizeof self->waiting);
}

/* Actions */

typedef struct {
  ChqVouchersPage *page;  /* owned */
  gint64           entry_id;
} OrderWatch;

static void
order_watch_free (gpointer data)
{
  OrderWatch *watch = data;

  g_object_unref (watch->page);
  g_free (watch);
}

/* Online, the payment instructions open within a moment and say it all; a toast only for
 * an order still waiting (offline, the service slow), so that it says what is true. */
static gboolean
order_still_waiting_cb (gpointer data)
{
  OrderWatch *watch = data;

  if (watch->page->backend != NULL &&
      g_hash_table_contains (watch->page->watched_entries, &watch->entry_id))
    show_toast (watch->page, _("Order saved; waiting to be sent to the voucher service. Its payment instructions open once the service accepts it."));

  return G_SOURCE_REMOVE;
}

static void
on_ordered_cb (ChqOrderDialog  *dialog,
               gint64           entry_id,
               ChqVouchersPage *self)
{
  OrderWatch *watch = g_new0 (OrderWatch, 1);

  g_hash_table_add (self->watched_entries, g_memdup2 (&entry_id, sizeof entry_id));
  watch->page = g_object_ref (self);
  watch->entry_id = entry_id;
  g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 2, order_still_waiting_cb, watch, order_watch_free);
}

static void
order_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  chq_vouchers_page_open_order_dialog (CHQ_VOUCHERS_PAGE (widget));
}

static ChqOrder *
find_order (ChqVouchersPage *self,
            const char      *id)
{
  for (guint i = 0; self->orders != NULL && i < self->orders->len; i++)
    if (g_strcmp0 (chq_order_get_id (g_ptr_array_index (self->orders, i)), id) == 0)
      return g_ptr_array_index (self->orders, i);

  return NULL;
}

static void
on_cancel_kept_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ChqVouchersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (chq_backend_intent_finish (CHQ_BACKEND (source), result, &error) > 0)
    return;

  text = g_strdup_printf (_("The cancellation could not be kept on this computer: %s"),
                          error->message);
  show_toast (self, text);
}

static void
on_cancel_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       ChqVouchersPage  *self)
{
  const char *order_id = g_object_get_data (G_OBJECT (dialog), "order-id");

  if (!g_str_equal (response, "cancel-order") || self->backend == NULL)
    return;

  /* Shown waiting at once; a toast says so if the disk refuses it. */
  chq_backend_submit_async (self->backend, CHQ_OUTBOX_KIND_CANCEL_ORDER, order_id, NULL,
                            on_cancel_kept_cb, g_object_ref (self));
  show_toast (self, _("Cancellation saved; waiting to be sent to the voucher service"));
}

static void
cancel_order_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  ChqOrder *order = find_order (self, id);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;
  g_autofree char *amount = NULL;

  if (order == NULL || chq_order_get_status (order) != CHQ_ORDER_STATUS_AWAITING_PAYMENT)
    return;

  amount = chq_money_format (chq_order_get_amount_cents (order));
  /* Translators: %u vouchers, %s their type, %s an amount */
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The order of %u %s voucher (%s) will be cancelled. Do not pay it once it is cancelled.",
                                       "The order of %u %s vouchers (%s) will be cancelled. Do not pay it once it is cancelled.",
                                       chq_order_get_quantity (order)),
                          chq_order_get_quantity (order),
                          chq_voucher_type_get_label (chq_order_get_voucher_type (order)),
                          amount);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (get_parent_window (self),
                                                       _("Cancel This Order?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Order"),
                                    "cancel-order", _("_Cancel Order"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-order", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "order-id", g_strdup (id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
discard_order_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->backend == NULL)
    return;

  if (!chq_outbox_discard (chq_backend_get_outbox (self->backend), g_variant_get_int64 (parameter),
                           &error))
    {
      g_autofree char *text = g_strdup_printf (_("The refused order could not be removed: %s"),
                                               error->message);
      show_toast (self, text);
    }
}

/* An order row opens the order's payment instructions (a cancelled order's none). */
static void
on_order_row_activated_cb (GtkListBox      *box,
                           GtkListBoxRow   *row,
                           ChqVouchersPage *self)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->order_items),
                                                   gtk_list_box_row_get_index (row));

  if (CHQ_IS_ORDER (item) && chq_order_get_status (CHQ_ORDER (item)) != CHQ_ORDER_STATUS_CANCELLED)
    chq_vouchers_page_show_payment (self, CHQ_ORDER (item));
}

static void
show_payment_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (widget);
  ChqOrder *order = find_order (self, g_variant_get_string (parameter, NULL));

  if (order != NULL)
    chq_vouchers_page_show_payment (self, order);
}

static void
on_warning_days_changed_cb (ChqVouchersPage *self)
{
  /* The batches' rows show the warning too: bind them again. */
  _chq_vouchers_page_update_batches (self);
  update_view (self);
  notify_expiring (self);
}

/* GObject */

static void
chq_vouchers_page_dispose (GObject *object)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (object);

  chq_page_binding_set_backend (self->binding, NULL);
  clear_backend_state (self);

  G_OBJECT_CLASS (chq_vouchers_page_parent_class)->dispose (object);
}

static void
chq_vouchers_page_finalize (GObject *object)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (object);

  g_clear_object (&self->binding);
  g_clear_object (&self->notifier);
  g_clear_object (&self->settings);
  g_clear_object (&self->order_items);
  g_clear_object (&self->batch_items);
  g_clear_pointer (&self->cancel_waiting, g_hash_table_unref);
  g_clear_pointer (&self->watched_entries, g_hash_table_unref);
  g_free (self->today);

  G_OBJECT_CLASS (chq_vouchers_page_parent_class)->finalize (object);
}

static void
chq_vouchers_page_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      g_value_set_object (value, self->backend);
      break;

    case PROP_TODAY:
      g_value_set_string (value, self->today);
      break;

    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_vouchers_page_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChqVouchersPage *self = CHQ_VOUCHERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BACKEND:
      chq_vouchers_page_set_backend (self, g_value_get_object (value));
      break;

    case PROP_TODAY:
      chq_vouchers_page_set_today (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_vouchers_page_class_init (ChqVouchersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = chq_vouchers_page_dispose;
  object_class->finalize = chq_vouchers_page_finalize;
  object_class->get_property = chq_vouchers_page_get_property;
  object_class->set_property = chq_vouchers_page_set_property;

  properties[PROP_BACKEND] =
    g_param_spec_object ("backend", NULL, NULL, CHQ_TYPE_BACKEND,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TODAY] =
    g_param_spec_string ("today", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, "no-account",
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-vouchers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, order_button);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, cards_box);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, orders_empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, orders_scroller);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, orders_view);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, batches_empty_label);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, batches_scroller);
  gtk_widget_class_bind_template_child (widget_class, ChqVouchersPage, batches_view);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "vouchers.order", NULL, order_action);
  gtk_widget_class_install_action (widget_class, "vouchers.cancel-order", "s", cancel_order_action);
  gtk_widget_class_install_action (widget_class, "vouchers.discard-order", "x", discard_order_action);
  gtk_widget_class_install_action (widget_class, "vouchers.show-payment", "s", show_payment_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "vouchers.order", NULL);
}

static void
chq_vouchers_page_init (ChqVouchersPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));
  chq_a11y_wrap_labels (GTK_WIDGET (self->order_button));

  self->settings = g_settings_new (APP_ID);
  self->notifier = chq_voucher_notifier_new (self->settings);
  self->binding = chq_page_binding_new ();
  g_signal_group_connect_object (chq_page_binding_get_store_signals (self->binding),
                                 "changed::" CHQ_STORE_ACCOUNT, G_CALLBACK (read_account),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (chq_page_binding_get_store_signals (self->binding),
                                 "changed::" CHQ_STORE_WALLET, G_CALLBACK (read_wallet),
                                 self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (chq_page_binding_get_outbox_signals (self->binding),
                                 "changed", G_CALLBACK (on_outbox_changed_cb), self, 0);
  self->order_items = g_list_store_new (G_TYPE_OBJECT);
  self->batch_items = g_list_store_new (CHQ_TYPE_VOUCHER_BATCH);
  self->cancel_waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->watched_entries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->state = "no-account";

  for (ChqVoucherType type = 0; type < CHQ_N_VOUCHER_TYPES; type++)
    {
      self->cards[type] = chq_wallet_card_new (type);
      gtk_flow_box_append (self->cards_box, self->cards[type]);
      gtk_widget_set_focusable (gtk_widget_get_parent (self->cards[type]), FALSE);
    }
  _chq_vouchers_page_init_lists (self);
  g_signal_connect (self->orders_view, "row-activated", G_CALLBACK (on_order_row_activated_cb), self);

  g_signal_connect_object (self->settings, "changed::expiry-warning-days",
                           G_CALLBACK (on_warning_days_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_stack_set_visible_child_name (self->stack, "empty");
  update_orders (self);
  _chq_vouchers_page_update_batches (self);
  _chq_vouchers_page_update_cards (self);
}

/**
 * chq_vouchers_page_new:
 *
 * Creates the Vouchers page of the main window; it shows its empty state until
 * chq_vouchers_page_set_backend() gives it an account.
 *
 * Returns: (transfer floating): a new #ChqVouchersPage
 */
GtkWidget *
chq_vouchers_page_new (void)
{
  return g_object_new (CHQ_TYPE_VOUCHERS_PAGE, NULL);
}

/**
 * chq_vouchers_page_get_backend:
 * @self: a #ChqVouchersPage
 *
 * Returns: (transfer none) (nullable): the backend the page shows, %NULL without an account
 */
ChqBackend *
chq_vouchers_page_get_backend (ChqVouchersPage *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  return self->backend;
}

/**
 * chq_vouchers_page_set_backend:
 * @self: a #ChqVouchersPage
 * @backend: (nullable): the signed-in account's backend, %NULL when none
 *
 * Shows the account's wallet, ceilings, orders and batches from the cache at once, and
 * follows the cache and the outbox from then on.
 */
void
chq_vouchers_page_set_backend (ChqVouchersPage *self,
                               ChqBackend      *backend)
{
  g_return_if_fail (CHQ_IS_VOUCHERS_PAGE (self));
  g_return_if_fail (backend == NULL || CHQ_IS_BACKEND (backend));

  if (!chq_page_binding_set_backend (self->binding, backend))
    return;

  clear_backend_state (self);

  if (backend != NULL)
    {
      ChqStore *store = chq_backend_get_store (backend);

      self->backend = backend;
      self->outbox_model = chq_page_binding_get_outbox_entries (self->binding);
      on_outbox_changed_cb (chq_backend_get_outbox (backend), self);
      read_account (self);
      /* The wallet is read whole, not as a ChqCollectionModel of its batches: the cards
       * need its totals too. */
      read_wallet (self);
      self->order_model = chq_collection_model_new (store, CHQ_COLLECTION_ORDERS);
      g_signal_connect_swapped (self->order_model, "items-changed",
                                G_CALLBACK (on_orders_changed_cb), self);
      self->enrolment_model = chq_collection_model_new (store, CHQ_COLLECTION_ENROLMENTS);
      chq_collection_model_set_year (self->enrolment_model, get_year_of_today (self));
      g_signal_connect_swapped (self->enrolment_model, "items-changed",
                                G_CALLBACK (on_enrolments_changed_cb), self);
    }

  update_orders (self);
  _chq_vouchers_page_update_batches (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BACKEND]);
}

/**
 * chq_vouchers_page_get_today:
 * @self: a #ChqVouchersPage
 *
 * Returns: (nullable): the fixed day expiry is counted from, %NULL for the local date
 */
const char *
chq_vouchers_page_get_today (ChqVouchersPage *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  return self->today;
}

/**
 * chq_vouchers_page_set_today:
 * @self: a #ChqVouchersPage
 * @today: (nullable): "YYYY-MM-DD", or %NULL for the local date
 *
 * Fixes the day the page counts expiry and the year of the vouchers used from: the demo
 * sandbox's clock, or a test's.
 */
void
chq_vouchers_page_set_today (ChqVouchersPage *self,
                             const char      *today)
{
  g_return_if_fail (CHQ_IS_VOUCHERS_PAGE (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);

  /* The vouchers used this year: the enrolments of the year of this day. */
  if (self->enrolment_model != NULL)
    chq_collection_model_set_year (self->enrolment_model, get_year_of_today (self));
  _chq_vouchers_page_update_batches (self);
  update_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TODAY]);
}

/**
 * chq_vouchers_page_get_state:
 * @self: a #ChqVouchersPage
 *
 * Returns: what the page shows: "no-account", "empty" (nothing synced yet) or "ready"
 */
const char *
chq_vouchers_page_get_state (ChqVouchersPage *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  return self->state;
}

/**
 * chq_vouchers_page_get_figures:
 * @self: a #ChqVouchersPage
 * @type: a voucher type
 *
 * Returns: (nullable): the figures the card of @type shows, %NULL when the type is not
 *   shown (the account may not order it and holds none)
 */
const ChqWalletFigures *
chq_vouchers_page_get_figures (ChqVouchersPage *self,
                               ChqVoucherType   type)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  g_return_val_if_fail (type < CHQ_N_VOUCHER_TYPES, NULL);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (self->cards[type])))
    return NULL;

  return chq_wallet_card_get_figures (CHQ_WALLET_CARD (self->cards[type]));
}

/**
 * chq_vouchers_page_get_card:
 * @self: a #ChqVouchersPage
 * @type: a voucher type
 *
 * Returns: (transfer none): the card of @type, shown or not
 */
ChqWalletCard *
chq_vouchers_page_get_card (ChqVouchersPage *self,
                            ChqVoucherType   type)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  g_return_val_if_fail (type < CHQ_N_VOUCHER_TYPES, NULL);

  return CHQ_WALLET_CARD (self->cards[type]);
}

/**
 * chq_vouchers_page_get_orders:
 * @self: a #ChqVouchersPage
 *
 * Returns: (transfer none): the history as the list shows it: #ChqOutboxEntry for orders not
 *   sent yet or refused (newest first), then #ChqOrder, newest first
 */
GListModel *
chq_vouchers_page_get_orders (ChqVouchersPage *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->order_items);
}

/**
 * chq_vouchers_page_get_batches:
 * @self: a #ChqVouchersPage
 *
 * Returns: (transfer none): the batches as the list shows them (#ChqVoucherBatch): those with
 *   vouchers left, soonest expiry first, then the spent ones
 */
GListModel *
chq_vouchers_page_get_batches (ChqVouchersPage *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->batch_items);
}

/**
 * chq_vouchers_page_open_order_dialog:
 * @self: a #ChqVouchersPage
 *
 * Opens "Order Vouchers" over the window, for the types the account may order, bounded by
 * what this year's ceilings leave after the orders made and those waiting to be sent.
 *
 * Returns: (transfer none) (nullable): the dialog, or %NULL without an account that may order
 */
ChqOrderDialog *
chq_vouchers_page_open_order_dialog (ChqVouchersPage *self)
{
  ChqOrderDialog *dialog;

  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);

  if (self->backend == NULL || self->account == NULL)
    return NULL;

  dialog = chq_order_dialog_new (self->backend, self->account, self->waiting);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_parent_window (self));
  g_signal_connect_object (dialog, "ordered", G_CALLBACK (on_ordered_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}

/**
 * chq_vouchers_page_show_payment:
 * @self: a #ChqVouchersPage
 * @order: an order the service has
 *
 * Opens the payment instructions of @order over the window.
 *
 * Returns: (transfer none): the dialog
 */
ChqPaymentDialog *
chq_vouchers_page_show_payment (ChqVouchersPage *self,
                                ChqOrder        *order)
{
  ChqPaymentDialog *dialog;

  g_return_val_if_fail (CHQ_IS_VOUCHERS_PAGE (self), NULL);
  g_return_val_if_fail (CHQ_IS_ORDER (order), NULL);
  g_return_val_if_fail (self->backend != NULL, NULL);

  dialog = chq_payment_dialog_new (self->backend, order);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), get_parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));

  return dialog;
}
