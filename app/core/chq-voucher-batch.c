/* chq-voucher-batch.c: ChqVoucherBatch, vouchers credited together, with one expiry date
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-voucher-batch"

#include "config.h"

#include "chq-voucher-batch.h"

struct _ChqVoucherBatch
{
  GObject parent_instance;

  char *id; /* owned */
  char *order_id; /* owned */
  ChqVoucherType voucher_type;
  char *credited_on; /* owned */
  char *expires_on; /* owned */
  guint quantity;
  guint available;
  guint reserved;
  guint used;
};

G_DEFINE_FINAL_TYPE (ChqVoucherBatch, chq_voucher_batch, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_ORDER_ID,
  PROP_VOUCHER_TYPE,
  PROP_CREDITED_ON,
  PROP_EXPIRES_ON,
  PROP_QUANTITY,
  PROP_AVAILABLE,
  PROP_RESERVED,
  PROP_USED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_voucher_batch_finalize (GObject *object)
{
  ChqVoucherBatch *self = (ChqVoucherBatch *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->order_id, g_free);
  g_clear_pointer (&self->credited_on, g_free);
  g_clear_pointer (&self->expires_on, g_free);

  G_OBJECT_CLASS (chq_voucher_batch_parent_class)->finalize (object);
}

static void
chq_voucher_batch_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ChqVoucherBatch *self = CHQ_VOUCHER_BATCH (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_ORDER_ID:
      g_value_set_string (value, self->order_id);
      break;

    case PROP_VOUCHER_TYPE:
      g_value_set_enum (value, self->voucher_type);
      break;

    case PROP_CREDITED_ON:
      g_value_set_string (value, self->credited_on);
      break;

    case PROP_EXPIRES_ON:
      g_value_set_string (value, self->expires_on);
      break;

    case PROP_QUANTITY:
      g_value_set_uint (value, self->quantity);
      break;

    case PROP_AVAILABLE:
      g_value_set_uint (value, self->available);
      break;

    case PROP_RESERVED:
      g_value_set_uint (value, self->reserved);
      break;

    case PROP_USED:
      g_value_set_uint (value, self->used);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_voucher_batch_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ChqVoucherBatch *self = CHQ_VOUCHER_BATCH (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_ORDER_ID:
      g_free (self->order_id);
      self->order_id = g_value_dup_string (value);
      break;

    case PROP_VOUCHER_TYPE:
      self->voucher_type = g_value_get_enum (value);
      break;

    case PROP_CREDITED_ON:
      g_free (self->credited_on);
      self->credited_on = g_value_dup_string (value);
      break;

    case PROP_EXPIRES_ON:
      g_free (self->expires_on);
      self->expires_on = g_value_dup_string (value);
      break;

    case PROP_QUANTITY:
      self->quantity = g_value_get_uint (value);
      break;

    case PROP_AVAILABLE:
      self->available = g_value_get_uint (value);
      break;

    case PROP_RESERVED:
      self->reserved = g_value_get_uint (value);
      break;

    case PROP_USED:
      self->used = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_voucher_batch_class_init (ChqVoucherBatchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_voucher_batch_finalize;
  object_class->get_property = chq_voucher_batch_get_property;
  object_class->set_property = chq_voucher_batch_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The order it came from */
  properties [PROP_ORDER_ID] =
    g_param_spec_string ("order-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Voucher type */
  properties [PROP_VOUCHER_TYPE] =
    g_param_spec_enum ("voucher-type", NULL, NULL,
                       CHQ_TYPE_VOUCHER_TYPE,
                       CHQ_VOUCHER_TYPE_CF,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Day it was credited, YYYY-MM-DD */
  properties [PROP_CREDITED_ON] =
    g_param_spec_string ("credited-on", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Last day of validity, YYYY-MM-DD */
  properties [PROP_EXPIRES_ON] =
    g_param_spec_string ("expires-on", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Vouchers credited */
  properties [PROP_QUANTITY] =
    g_param_spec_uint ("quantity", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Vouchers neither reserved nor used */
  properties [PROP_AVAILABLE] =
    g_param_spec_uint ("available", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Vouchers reserved by bookings */
  properties [PROP_RESERVED] =
    g_param_spec_uint ("reserved", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Vouchers used */
  properties [PROP_USED] =
    g_param_spec_uint ("used", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_voucher_batch_init (ChqVoucherBatch *self)
{
}

/**
 * chq_voucher_batch_new:
 *
 * Returns: (transfer full): a new, empty #ChqVoucherBatch; the codec fills it from JSON.
 */
ChqVoucherBatch *
chq_voucher_batch_new (void)
{
  return g_object_new (CHQ_TYPE_VOUCHER_BATCH, NULL);
}

/**
 * chq_voucher_batch_get_id:
 * @self: a #ChqVoucherBatch
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_voucher_batch_get_id (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), NULL);

  return self->id;
}

/**
 * chq_voucher_batch_get_order_id:
 * @self: a #ChqVoucherBatch
 *
 * Returns: (transfer none): the order it came from.
 */
const char *
chq_voucher_batch_get_order_id (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), NULL);

  return self->order_id;
}

/**
 * chq_voucher_batch_get_voucher_type:
 * @self: a #ChqVoucherBatch
 *
 * Returns: voucher type.
 */
ChqVoucherType
chq_voucher_batch_get_voucher_type (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), 0);

  return self->voucher_type;
}

/**
 * chq_voucher_batch_get_credited_on:
 * @self: a #ChqVoucherBatch
 *
 * Returns: (transfer none): day it was credited, YYYY-MM-DD.
 */
const char *
chq_voucher_batch_get_credited_on (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), NULL);

  return self->credited_on;
}

/**
 * chq_voucher_batch_get_expires_on:
 * @self: a #ChqVoucherBatch
 *
 * Returns: (transfer none): last day of validity, YYYY-MM-DD.
 */
const char *
chq_voucher_batch_get_expires_on (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), NULL);

  return self->expires_on;
}

/**
 * chq_voucher_batch_get_quantity:
 * @self: a #ChqVoucherBatch
 *
 * Returns: vouchers credited.
 */
guint
chq_voucher_batch_get_quantity (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), 0);

  return self->quantity;
}

/**
 * chq_voucher_batch_get_available:
 * @self: a #ChqVoucherBatch
 *
 * Returns: vouchers neither reserved nor used.
 */
guint
chq_voucher_batch_get_available (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), 0);

  return self->available;
}

/**
 * chq_voucher_batch_get_reserved:
 * @self: a #ChqVoucherBatch
 *
 * Returns: vouchers reserved by bookings.
 */
guint
chq_voucher_batch_get_reserved (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), 0);

  return self->reserved;
}

/**
 * chq_voucher_batch_get_used:
 * @self: a #ChqVoucherBatch
 *
 * Returns: vouchers used.
 */
guint
chq_voucher_batch_get_used (ChqVoucherBatch *self)
{
  g_return_val_if_fail (CHQ_IS_VOUCHER_BATCH (self), 0);

  return self->used;
}
