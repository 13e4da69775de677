/* chq-voucher-notifier.c: the desktop notifications of the Vouchers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-voucher-notifier"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-notification.h"
#include "chq-voucher-notifier.h"
#include "chq-vouchers-logic.h"

/* Fed with the wallet's batches and the orders each time the page reads them; tells the
 * user (when the "notifications" setting allows) of vouchers about to expire, once a batch
 * ("notified-batches"), and of orders credited since the last look. */
struct _ChqVoucherNotifier
{
  GObject     parent_instance;

  GSettings  *settings;        /* owned */
  GHashTable *order_statuses;  /* owned: order id -> status at the last look; NULL before
                                * the first look (no news on a fresh start) */
};

G_DEFINE_FINAL_TYPE (ChqVoucherNotifier, chq_voucher_notifier, G_TYPE_OBJECT)

static void
chq_voucher_notifier_finalize (GObject *object)
{
  ChqVoucherNotifier *self = CHQ_VOUCHER_NOTIFIER (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->order_statuses, g_hash_table_unref);

  G_OBJECT_CLASS (chq_voucher_notifier_parent_class)->finalize (object);
}

static void
chq_voucher_notifier_class_init (ChqVoucherNotifierClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = chq_voucher_notifier_finalize;
}

static void
chq_voucher_notifier_init (ChqVoucherNotifier *self)
{
}

/**
 * chq_voucher_notifier_new:
 * @settings: the application's settings ("notifications", "expiry-warning-days",
 *   "notified-batches")
 *
 * Returns: (transfer full): a new #ChqVoucherNotifier
 */
ChqVoucherNotifier *
chq_voucher_notifier_new (GSettings *settings)
{
  ChqVoucherNotifier *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CHQ_TYPE_VOUCHER_NOTIFIER, NULL);
  self->settings = g_object_ref (settings);
  return self;
}

/**
 * chq_voucher_notifier_check_batches:
 * @self: a #ChqVoucherNotifier
 * @batches: (element-type ChqVoucherBatch): the wallet's batches
 * @today: the day expiry is counted from
 *
 * Tells of the batches that expire within the warning period and were not told of yet, and
 * forgets the batches gone from the wallet, so that the setting stays small.
 */
void
chq_voucher_notifier_check_batches (ChqVoucherNotifier *self,
                                    GPtrArray          *batches,
                                    const GDate        *today)
{
  g_auto(GStrv) notified = NULL;
  g_auto(GStrv) due = NULL;
  g_auto(GStrv) kept = NULL;
  guint warning_days;

  g_return_if_fail (CHQ_IS_VOUCHER_NOTIFIER (self));

  if (batches == NULL || g_application_get_default () == NULL)
    return;

  notified = g_settings_get_strv (self->settings, "notified-batches");
  warning_days = g_settings_get_uint (self->settings, "expiry-warning-days");
  due = g_settings_get_boolean (self->settings, "notifications")
        ? chq_vouchers_batches_to_notify (batches, today, warning_days,
                                          (const char * const *) notified)
        : g_new0 (char *, 1);

  for (guint i = 0; due[i] != NULL; i++)
    for (guint j = 0; j < batches->len; j++)
      {
        ChqVoucherBatch *batch = g_ptr_array_index (batches, j);
        g_autofree char *id = NULL;
        g_autofree char *date = NULL;
        g_autofree char *body = NULL;
        guint available;

        if (g_strcmp0 (chq_voucher_batch_get_id (batch), due[i]) != 0)
          continue;

        available = chq_voucher_batch_get_available (batch);
        id = g_strconcat ("expiring-", due[i], NULL);
        date = chq_vouchers_format_date (chq_voucher_batch_get_expires_on (batch));
        /* Translators: %u vouchers, %s their type, %s a date */
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u %s voucher expires on %s. Book a training before then.",
                                             "%u %s vouchers expire on %s. Book a training before then.",
                                             available),
                                available,
                                chq_voucher_type_get_label (chq_voucher_batch_get_voucher_type (batch)),
                                date);
        chq_notification_send (id, _("Vouchers Expire Soon"), body, "vouchers");
      }

  kept = chq_vouchers_merge_notified (batches, (const char * const *) notified,
                                      (const char * const *) due);
  if (!g_strv_equal ((const char * const *) kept, (const char * const *) notified))
    g_settings_set_strv (self->settings, "notified-batches", (const char * const *) kept);
}

/**
 * chq_voucher_notifier_check_orders:
 * @self: a #ChqVoucherNotifier
 * @orders: (element-type ChqOrder): the orders as the store holds them now
 *
 * Tells of the orders credited since the last look (never at the first look: a fresh start
 * does not tell old news), and remembers their statuses for the next one.
 */
void
chq_voucher_notifier_check_orders (ChqVoucherNotifier *self,
                                   GPtrArray          *orders)
{
  g_autoptr(GPtrArray) credited = NULL;

  g_return_if_fail (CHQ_IS_VOUCHER_NOTIFIER (self));
  g_return_if_fail (orders != NULL);

  credited = chq_vouchers_newly_credited (self->order_statuses, orders);

  if (g_settings_get_boolean (self->settings, "notifications"))
    for (guint i = 0; i < credited->len; i++)
      {
        ChqOrder *order = g_ptr_array_index (credited, i);
        g_autofree char *id = g_strconcat ("credited-", chq_order_get_id (order), NULL);
        g_autofree char *body = NULL;

        /* Translators: %u vouchers, %s their type */
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The payment arrived: %u %s voucher is in your wallet, valid for one year from this month.",
                                             "The payment arrived: %u %s vouchers are in your wallet, valid for one year from this month.",
                                             chq_order_get_quantity (order)),
                                chq_order_get_quantity (order),
                                chq_voucher_type_get_label (chq_order_get_voucher_type (order)));
        chq_notification_send (id, _("Vouchers Credited"), body, "vouchers");
      }

  g_clear_pointer (&self->order_statuses, g_hash_table_unref);
  self->order_statuses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < orders->len; i++)
    {
      ChqOrder *order = g_ptr_array_index (orders, i);

      if (chq_order_get_id (order) != NULL)
        g_hash_table_insert (self->order_statuses, g_strdup (chq_order_get_id (order)),
                             GINT_TO_POINTER (chq_order_get_status (order)));
    }
}

/**
 * chq_voucher_notifier_forget_orders:
 * @self: a #ChqVoucherNotifier
 *
 * Forgets the statuses seen (another account): the next look is a fresh start.
 */
void
chq_voucher_notifier_forget_orders (ChqVoucherNotifier *self)
{
  g_return_if_fail (CHQ_IS_VOUCHER_NOTIFIER (self));
  g_clear_pointer (&self->order_statuses, g_hash_table_unref);
}
