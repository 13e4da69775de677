/* chq-order.c: ChqOrder, an order of vouchers and its payment instructions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-order"

#include "config.h"

#include "chq-order.h"

struct _ChqOrder
{
  GObject parent_instance;

  char *id; /* owned */
  ChqVoucherType voucher_type;
  guint quantity;
  gint64 amount_cents;
  ChqOrderStatus status;
  GDateTime *created_at; /* owned */
  GDateTime *paid_at; /* owned */
  GDateTime *cancelled_at; /* owned */
  char *payment_iban; /* owned */
  char *payment_beneficiary; /* owned */
  char *payment_communication; /* owned */
  gint64 payment_amount_cents;
};

G_DEFINE_FINAL_TYPE (ChqOrder, chq_order, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VOUCHER_TYPE,
  PROP_QUANTITY,
  PROP_AMOUNT_CENTS,
  PROP_STATUS,
  PROP_CREATED_AT,
  PROP_PAID_AT,
  PROP_CANCELLED_AT,
  PROP_PAYMENT_IBAN,
  PROP_PAYMENT_BENEFICIARY,
  PROP_PAYMENT_COMMUNICATION,
  PROP_PAYMENT_AMOUNT_CENTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_order_finalize (GObject *object)
{
  ChqOrder *self = (ChqOrder *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->paid_at, g_date_time_unref);
  g_clear_pointer (&self->cancelled_at, g_date_time_unref);
  g_clear_pointer (&self->payment_iban, g_free);
  g_clear_pointer (&self->payment_beneficiary, g_free);
  g_clear_pointer (&self->payment_communication, g_free);

  G_OBJECT_CLASS (chq_order_parent_class)->finalize (object);
}

static void
chq_order_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ChqOrder *self = CHQ_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_VOUCHER_TYPE:
      g_value_set_enum (value, self->voucher_type);
      break;

    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;

    case PROP_AMOUNT_CENTS:
      g_value_set_int64 (value, self->amount_cents);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_PAID_AT:
      g_value_set_boxed (value, self->paid_at);
      break;

    case PROP_CANCELLED_AT:
      g_value_set_boxed (value, self->cancelled_at);
      break;

    case PROP_PAYMENT_IBAN:
      g_value_set_string (value, self->payment_iban);
      break;

    case PROP_PAYMENT_BENEFICIARY:
      g_value_set_string (value, self->payment_beneficiary);
      break;

    case PROP_PAYMENT_COMMUNICATION:
      g_value_set_string (value, self->payment_communication);
      break;

    case PROP_PAYMENT_AMOUNT_CENTS:
      g_value_set_int64 (value, self->payment_amount_cents);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_order_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ChqOrder *self = CHQ_ORDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_VOUCHER_TYPE:
      self->voucher_type = g_value_get_enum (value);
      break;

    case PROP_QUANTITY:
      self->quantity = g_value_get_uint (value);
      break;

    case PROP_AMOUNT_CENTS:
      self->amount_cents = g_value_get_int64 (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_CREATED_AT:
      g_clear_pointer (&self->created_at, g_date_time_unref);
      self->created_at = g_value_dup_boxed (value);
      break;

    case PROP_PAID_AT:
      g_clear_pointer (&self->paid_at, g_date_time_unref);
      self->paid_at = g_value_dup_boxed (value);
      break;

    case PROP_CANCELLED_AT:
      g_clear_pointer (&self->cancelled_at, g_date_time_unref);
      self->cancelled_at = g_value_dup_boxed (value);
      break;

    case PROP_PAYMENT_IBAN:
      g_free (self->payment_iban);
      self->payment_iban = g_value_dup_string (value);
      break;

    case PROP_PAYMENT_BENEFICIARY:
      g_free (self->payment_beneficiary);
      self->payment_beneficiary = g_value_dup_string (value);
      break;

    case PROP_PAYMENT_COMMUNICATION:
      g_free (self->payment_communication);
      self->payment_communication = g_value_dup_string (value);
      break;

    case PROP_PAYMENT_AMOUNT_CENTS:
      self->payment_amount_cents = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_order_class_init (ChqOrderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_order_finalize;
  object_class->get_property = chq_order_get_property;
  object_class->set_property = chq_order_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Voucher type ordered */
  properties [PROP_VOUCHER_TYPE] =
    g_param_spec_enum ("voucher-type", NULL, NULL,
                       CHQ_TYPE_VOUCHER_TYPE,
                       CHQ_VOUCHER_TYPE_CF,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Number of vouchers */
  properties [PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* What the company owes, quantity x 1500 cents */
  properties [PROP_AMOUNT_CENTS] =
    g_param_spec_int64 ("amount-cents", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Awaiting payment, credited or cancelled */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CHQ_TYPE_ORDER_STATUS,
                       CHQ_ORDER_STATUS_AWAITING_PAYMENT,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* When it was placed */
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* When the payment arrived, or %NULL */
  properties [PROP_PAID_AT] =
    g_param_spec_boxed ("paid-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* When it was cancelled, or %NULL */
  properties [PROP_CANCELLED_AT] =
    g_param_spec_boxed ("cancelled-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* IBAN to pay to, electronic form */
  properties [PROP_PAYMENT_IBAN] =
    g_param_spec_string ("payment-iban", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Beneficiary of the transfer */
  properties [PROP_PAYMENT_BENEFICIARY] =
    g_param_spec_string ("payment-beneficiary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Structured communication, +++ddd/dddd/ddddd+++ */
  properties [PROP_PAYMENT_COMMUNICATION] =
    g_param_spec_string ("payment-communication", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Amount to transfer, in cents */
  properties [PROP_PAYMENT_AMOUNT_CENTS] =
    g_param_spec_int64 ("payment-amount-cents", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_order_init (ChqOrder *self)
{
}

/**
 * chq_order_new:
 *
 * Returns: (transfer full): a new, empty #ChqOrder; the codec fills it from JSON.
 */
ChqOrder *
chq_order_new (void)
{
  return g_object_new (CHQ_TYPE_ORDER, NULL);
}

/**
 * chq_order_get_id:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_order_get_id (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->id;
}

/**
 * chq_order_get_voucher_type:
 * @self: a #ChqOrder
 *
 * Returns: voucher type ordered.
 */
ChqVoucherType
chq_order_get_voucher_type (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), 0);

  return self->voucher_type;
}

/**
 * chq_order_get_quantity:
 * @self: a #ChqOrder
 *
 * Returns: number of vouchers.
 */
guint
chq_order_get_quantity (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), 0);

  return self->quantity;
}

/**
 * chq_order_get_amount_cents:
 * @self: a #ChqOrder
 *
 * Returns: what the company owes, quantity x 1500 cents.
 */
gint64
chq_order_get_amount_cents (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), 0);

  return self->amount_cents;
}

/**
 * chq_order_get_status:
 * @self: a #ChqOrder
 *
 * Returns: awaiting payment, credited or cancelled.
 */
ChqOrderStatus
chq_order_get_status (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), 0);

  return self->status;
}

/**
 * chq_order_get_created_at:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none): when it was placed.
 */
GDateTime *
chq_order_get_created_at (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->created_at;
}

/**
 * chq_order_get_paid_at:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none) (nullable): when the payment arrived, or %NULL.
 */
GDateTime *
chq_order_get_paid_at (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->paid_at;
}

/**
 * chq_order_get_cancelled_at:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none) (nullable): when it was cancelled, or %NULL.
 */
GDateTime *
chq_order_get_cancelled_at (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->cancelled_at;
}

/**
 * chq_order_get_payment_iban:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none): iBAN to pay to, electronic form.
 */
const char *
chq_order_get_payment_iban (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->payment_iban;
}

/**
 * chq_order_get_payment_beneficiary:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none): beneficiary of the transfer.
 */
const char *
chq_order_get_payment_beneficiary (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->payment_beneficiary;
}

/**
 * chq_order_get_payment_communication:
 * @self: a #ChqOrder
 *
 * Returns: (transfer none): structured communication, +++ddd/dddd/ddddd+++.
 */
const char *
chq_order_get_payment_communication (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), NULL);

  return self->payment_communication;
}

/**
 * chq_order_get_payment_amount_cents:
 * @self: a #ChqOrder
 *
 * Returns: amount to transfer, in cents.
 */
gint64
chq_order_get_payment_amount_cents (ChqOrder *self)
{
  g_return_val_if_fail (CHQ_IS_ORDER (self), 0);

  return self->payment_amount_cents;
}
