/* chq-wallet-card.c: one voucher type's wallet and ceiling on the Vouchers page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-wallet-card"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-a11y.h"
#include "chq-vouchers-logic.h"
#include "chq-wallet-card.h"

struct _ChqWalletCard
{
  AdwBin            parent_instance;

  ChqVoucherType    type;
  ChqWalletFigures  figures;       /* what is shown (earliest_expiry owned) */
  char             *ceiling_text;  /* owned */
  char             *expiry_text;   /* owned */

  GtkLabel         *title_label;
  GtkLabel         *available_label;
  GtkLabel         *reserved_label;
  GtkLabel         *used_label;
  GtkLabel         *expiry_label;
  GtkLevelBar      *ceiling_bar;
  GtkLabel         *ceiling_label;
};

G_DEFINE_FINAL_TYPE (ChqWalletCard, chq_wallet_card, ADW_TYPE_BIN)

/**
 * chq_wallet_figures_clear:
 * @figures: figures to empty
 *
 * Frees what @figures owns and sets every number to 0.
 */
void
chq_wallet_figures_clear (ChqWalletFigures *figures)
{
  g_free (figures->earliest_expiry);
  memset (figures, 0, sizeof *figures);
}

static void
chq_wallet_card_finalize (GObject *object)
{
  ChqWalletCard *self = CHQ_WALLET_CARD (object);

  chq_wallet_figures_clear (&self->figures);
  g_free (self->ceiling_text);
  g_free (self->expiry_text);

  G_OBJECT_CLASS (chq_wallet_card_parent_class)->finalize (object);
}

static void
chq_wallet_card_class_init (ChqWalletCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = chq_wallet_card_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/chequier/Chequier/ui/chq-wallet-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, available_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, reserved_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, used_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, expiry_label);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, ceiling_bar);
  gtk_widget_class_bind_template_child (widget_class, ChqWalletCard, ceiling_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
chq_wallet_card_init (ChqWalletCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  chq_a11y_tidy (GTK_WIDGET (self));

  /* A plain bar: a ceiling nearly used is no "high" success nor a "low" warning. */
  gtk_level_bar_remove_offset_value (self->ceiling_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->ceiling_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->ceiling_bar, GTK_LEVEL_BAR_OFFSET_FULL);

  self->ceiling_text = g_strdup ("");
  self->expiry_text = g_strdup ("");
}

/**
 * chq_wallet_card_new:
 * @type: the voucher type the card shows
 *
 * Returns: (transfer floating): a new card, all figures 0
 */
GtkWidget *
chq_wallet_card_new (ChqVoucherType type)
{
  ChqWalletCard *self = g_object_new (CHQ_TYPE_WALLET_CARD, NULL);
  ChqWalletFigures empty = { 0 };

  self->type = type;
  gtk_label_set_label (self->title_label, chq_voucher_type_get_label (type));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, chq_voucher_type_get_label (type),
                                  -1);
  chq_wallet_card_set_figures (self, &empty);

  return GTK_WIDGET (self);
}

/**
 * chq_wallet_card_get_voucher_type:
 * @self: a #ChqWalletCard
 *
 * Returns: the voucher type the card shows
 */
ChqVoucherType
chq_wallet_card_get_voucher_type (ChqWalletCard *self)
{
  g_return_val_if_fail (CHQ_IS_WALLET_CARD (self), CHQ_VOUCHER_TYPE_CF);
  return self->type;
}

static void
set_number (GtkLabel   *label,
            guint       value,
            const char *description)
{
  g_autofree char *text = g_strdup_printf ("%u", value);
  /* Translators: what a screen reader says for one figure, e.g. "Available: 137" */
  g_autofree char *spoken = g_strdup_printf (_("%s: %u"), description, value);

  gtk_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, spoken, -1);
}

/**
 * chq_wallet_card_set_figures:
 * @self: a #ChqWalletCard
 * @figures: what to show (copied)
 *
 * Shows the type's wallet, what expires within the warning period and the year's ceiling.
 */
void
chq_wallet_card_set_figures (ChqWalletCard          *self,
                             const ChqWalletFigures *figures)
{
  g_return_if_fail (CHQ_IS_WALLET_CARD (self));
  g_return_if_fail (figures != NULL);

  chq_wallet_figures_clear (&self->figures);
  self->figures = *figures;
  self->figures.earliest_expiry = g_strdup (figures->earliest_expiry);

  set_number (self->available_label, figures->available, _("Available"));
  set_number (self->reserved_label, figures->reserved, _("Reserved"));
  set_number (self->used_label, figures->used, _("Used this year"));

  g_free (self->expiry_text);
  if (figures->expiring > 0)
    {
      g_autofree char *date = chq_vouchers_format_date (figures->earliest_expiry);

      /* Translators: %u vouchers, %s a date */
      self->expiry_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%u voucher expires soon, the first on %s",
                                                        "%u vouchers expire soon, the first on %s",
                                                        figures->expiring),
                                           figures->expiring, date);
    }
  else
    self->expiry_text = g_strdup ("");
  gtk_label_set_label (self->expiry_label, self->expiry_text);
  gtk_widget_set_visible (GTK_WIDGET (self->expiry_label), figures->expiring > 0);

  g_free (self->ceiling_text);
  self->ceiling_text = chq_vouchers_ceiling_text (figures->ceiling, figures->ordered,
                                                  figures->waiting);
  gtk_label_set_label (self->ceiling_label, self->ceiling_text);
  gtk_level_bar_set_value (self->ceiling_bar,
                           figures->ceiling > 0
                           ? chq_vouchers_ceiling_fraction (figures->ceiling, figures->ordered)
                           : 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->ceiling_bar), figures->ceiling > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->ceiling_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Ordered this year"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->ceiling_text,
                                  -1);
}

/**
 * chq_wallet_card_get_figures:
 * @self: a #ChqWalletCard
 *
 * Returns: (transfer none): the figures shown
 */
const ChqWalletFigures *
chq_wallet_card_get_figures (ChqWalletCard *self)
{
  g_return_val_if_fail (CHQ_IS_WALLET_CARD (self), NULL);
  return &self->figures;
}

/**
 * chq_wallet_card_get_ceiling_text:
 * @self: a #ChqWalletCard
 *
 * Returns: the ceiling in words, as shown under the level bar
 */
const char *
chq_wallet_card_get_ceiling_text (ChqWalletCard *self)
{
  g_return_val_if_fail (CHQ_IS_WALLET_CARD (self), NULL);
  return self->ceiling_text;
}

/**
 * chq_wallet_card_get_expiry_text:
 * @self: a #ChqWalletCard
 *
 * Returns: the line about vouchers expiring soon, empty when none do
 */
const char *
chq_wallet_card_get_expiry_text (ChqWalletCard *self)
{
  g_return_val_if_fail (CHQ_IS_WALLET_CARD (self), NULL);
  return self->expiry_text;
}
