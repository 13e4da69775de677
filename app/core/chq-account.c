/* chq-account.c: ChqAccount, the signed-in company or self-employed worker (GET /v1/account)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-account"

#include "config.h"

#include "chq-account.h"

struct _ChqAccount
{
  GObject parent_instance;

  char *enterprise_number; /* owned */
  char *name; /* owned */
  ChqAccountKind kind;
  double fte;
  char *authorisation_number; /* owned */
  char *registration_valid_until; /* owned */
  guint year;
  /* Indexed by ChqVoucherType: the year's ceiling and what counts against it (orders awaiting
   * payment or credited this calendar year). */
  guint ceilings[CHQ_N_VOUCHER_TYPES];
  guint ordered_this_year[CHQ_N_VOUCHER_TYPES];
};

G_DEFINE_FINAL_TYPE (ChqAccount, chq_account, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ENTERPRISE_NUMBER,
  PROP_NAME,
  PROP_KIND,
  PROP_FTE,
  PROP_AUTHORISATION_NUMBER,
  PROP_REGISTRATION_VALID_UNTIL,
  PROP_YEAR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_account_finalize (GObject *object)
{
  ChqAccount *self = (ChqAccount *)object;

  g_clear_pointer (&self->enterprise_number, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->authorisation_number, g_free);
  g_clear_pointer (&self->registration_valid_until, g_free);

  G_OBJECT_CLASS (chq_account_parent_class)->finalize (object);
}

static void
chq_account_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ChqAccount *self = CHQ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ENTERPRISE_NUMBER:
      g_value_set_string (value, self->enterprise_number);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_FTE:
      g_value_set_double (value, self->fte);
      break;

    case PROP_AUTHORISATION_NUMBER:
      g_value_set_string (value, self->authorisation_number);
      break;

    case PROP_REGISTRATION_VALID_UNTIL:
      g_value_set_string (value, self->registration_valid_until);
      break;

    case PROP_YEAR:
      g_value_set_uint (value, self->year);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_account_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ChqAccount *self = CHQ_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_ENTERPRISE_NUMBER:
      g_free (self->enterprise_number);
      self->enterprise_number = g_value_dup_string (value);
      break;

    case PROP_NAME:
      g_free (self->name);
      self->name = g_value_dup_string (value);
      break;

    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    case PROP_FTE:
      self->fte = g_value_get_double (value);
      break;

    case PROP_AUTHORISATION_NUMBER:
      g_free (self->authorisation_number);
      self->authorisation_number = g_value_dup_string (value);
      break;

    case PROP_REGISTRATION_VALID_UNTIL:
      g_free (self->registration_valid_until);
      self->registration_valid_until = g_value_dup_string (value);
      break;

    case PROP_YEAR:
      self->year = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_account_class_init (ChqAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_account_finalize;
  object_class->get_property = chq_account_get_property;
  object_class->set_property = chq_account_set_property;

  /* The 10 digits of the enterprise number, without dots */
  properties [PROP_ENTERPRISE_NUMBER] =
    g_param_spec_string ("enterprise-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The company or person name */
  properties [PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Employer or self-employed */
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       CHQ_TYPE_ACCOUNT_KIND,
                       CHQ_ACCOUNT_KIND_EMPLOYER,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Full-time equivalents declared to ONSS */
  properties [PROP_FTE] =
    g_param_spec_double ("fte", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The authorisation number, 100/xxxx/xxxxx */
  properties [PROP_AUTHORISATION_NUMBER] =
    g_param_spec_string ("authorisation-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Last day of the registration, YYYY-MM-DD */
  properties [PROP_REGISTRATION_VALID_UNTIL] =
    g_param_spec_string ("registration-valid-until", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The calendar year the ceilings are for */
  properties [PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_account_init (ChqAccount *self)
{
}

/**
 * chq_account_new:
 *
 * Returns: (transfer full): a new, empty #ChqAccount; the codec fills it from JSON.
 */
ChqAccount *
chq_account_new (void)
{
  return g_object_new (CHQ_TYPE_ACCOUNT, NULL);
}

/**
 * chq_account_get_enterprise_number:
 * @self: a #ChqAccount
 *
 * Returns: (transfer none): the 10 digits of the enterprise number, without dots.
 */
const char *
chq_account_get_enterprise_number (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), NULL);

  return self->enterprise_number;
}

/**
 * chq_account_get_name:
 * @self: a #ChqAccount
 *
 * Returns: (transfer none): the company or person name.
 */
const char *
chq_account_get_name (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), NULL);

  return self->name;
}

/**
 * chq_account_get_kind:
 * @self: a #ChqAccount
 *
 * Returns: employer or self-employed.
 */
ChqAccountKind
chq_account_get_kind (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);

  return self->kind;
}

/**
 * chq_account_get_fte:
 * @self: a #ChqAccount
 *
 * Returns: full-time equivalents declared to ONSS.
 */
double
chq_account_get_fte (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);

  return self->fte;
}

/**
 * chq_account_get_authorisation_number:
 * @self: a #ChqAccount
 *
 * Returns: (transfer none): the authorisation number, 100/xxxx/xxxxx.
 */
const char *
chq_account_get_authorisation_number (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), NULL);

  return self->authorisation_number;
}

/**
 * chq_account_get_registration_valid_until:
 * @self: a #ChqAccount
 *
 * Returns: (transfer none): last day of the registration, YYYY-MM-DD.
 */
const char *
chq_account_get_registration_valid_until (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), NULL);

  return self->registration_valid_until;
}

/**
 * chq_account_get_year:
 * @self: a #ChqAccount
 *
 * Returns: the calendar year the ceilings are for.
 */
guint
chq_account_get_year (ChqAccount *self)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);

  return self->year;
}

/**
 * chq_account_get_ceiling:
 * @self: a #ChqAccount
 * @type: a voucher type
 *
 * Returns: how many vouchers of @type the account may order in the calendar year
 *   #ChqAccount:year.
 */
guint
chq_account_get_ceiling (ChqAccount     *self,
                         ChqVoucherType  type)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);
  g_return_val_if_fail ((guint) type < CHQ_N_VOUCHER_TYPES, 0);

  return self->ceilings[type];
}

/**
 * chq_account_get_ordered_this_year:
 * @self: a #ChqAccount
 * @type: a voucher type
 *
 * Returns: the vouchers of @type ordered in the calendar year and not cancelled (awaiting
 *   payment or credited), as the service counts them against the ceiling.
 */
guint
chq_account_get_ordered_this_year (ChqAccount     *self,
                                   ChqVoucherType  type)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);
  g_return_val_if_fail ((guint) type < CHQ_N_VOUCHER_TYPES, 0);

  return self->ordered_this_year[type];
}

/**
 * chq_account_get_ceiling_left:
 * @self: a #ChqAccount
 * @type: a voucher type
 *
 * Returns: how many vouchers of @type may still be ordered this year (0 when the orders
 *   already reach or pass the ceiling).
 */
guint
chq_account_get_ceiling_left (ChqAccount     *self,
                              ChqVoucherType  type)
{
  g_return_val_if_fail (CHQ_IS_ACCOUNT (self), 0);
  g_return_val_if_fail ((guint) type < CHQ_N_VOUCHER_TYPES, 0);

  if (self->ordered_this_year[type] >= self->ceilings[type])
    return 0;

  return self->ceilings[type] - self->ordered_this_year[type];
}

/**
 * chq_account_set_ceiling:
 * @self: a #ChqAccount
 * @type: a voucher type
 * @ceiling: the year's ceiling for @type
 * @ordered_this_year: vouchers of @type ordered this year and not cancelled
 *
 * Sets one entry of the account's ceilings, as the codec reads them from `ceilings[]`.
 */
void
chq_account_set_ceiling (ChqAccount     *self,
                         ChqVoucherType  type,
                         guint           ceiling,
                         guint           ordered_this_year)
{
  g_return_if_fail (CHQ_IS_ACCOUNT (self));
  g_return_if_fail ((guint) type < CHQ_N_VOUCHER_TYPES);

  self->ceilings[type] = ceiling;
  self->ordered_this_year[type] = ordered_this_year;
}
