/* chq-location.c: ChqLocation, a place where a course is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-location"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "chq-location.h"

static const struct {
  const char *word;   /* the API word */
  const char *label;  /* N_() marked */
} provinces[] = {
  { "liege", N_("Liège") },
  { "namur", N_("Namur") },
  { "hainaut", N_("Hainaut") },
  { "luxembourg", N_("Luxembourg") },
  { "brabant_wallon", N_("Walloon Brabant") },
};

struct _ChqLocation
{
  GObject parent_instance;

  char *city; /* owned */
  char *postcode; /* owned */
  char *province; /* owned */
};

G_DEFINE_FINAL_TYPE (ChqLocation, chq_location, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CITY,
  PROP_POSTCODE,
  PROP_PROVINCE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_location_finalize (GObject *object)
{
  ChqLocation *self = (ChqLocation *)object;

  g_clear_pointer (&self->city, g_free);
  g_clear_pointer (&self->postcode, g_free);
  g_clear_pointer (&self->province, g_free);

  G_OBJECT_CLASS (chq_location_parent_class)->finalize (object);
}

static void
chq_location_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ChqLocation *self = CHQ_LOCATION (object);

  switch (prop_id)
    {
    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_POSTCODE:
      g_value_set_string (value, self->postcode);
      break;

    case PROP_PROVINCE:
      g_value_set_string (value, self->province);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_location_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  ChqLocation *self = CHQ_LOCATION (object);

  switch (prop_id)
    {
    case PROP_CITY:
      g_free (self->city);
      self->city = g_value_dup_string (value);
      break;

    case PROP_POSTCODE:
      g_free (self->postcode);
      self->postcode = g_value_dup_string (value);
      break;

    case PROP_PROVINCE:
      g_free (self->province);
      self->province = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_location_class_init (ChqLocationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_location_finalize;
  object_class->get_property = chq_location_get_property;
  object_class->set_property = chq_location_set_property;

  /* City name */
  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Belgian postcode, 4 digits */
  properties [PROP_POSTCODE] =
    g_param_spec_string ("postcode", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Province word: liege, namur, hainaut, luxembourg or brabant_wallon */
  properties [PROP_PROVINCE] =
    g_param_spec_string ("province", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_location_init (ChqLocation *self)
{
}

/**
 * chq_location_new:
 *
 * Returns: (transfer full): a new, empty #ChqLocation; the codec fills it from JSON.
 */
ChqLocation *
chq_location_new (void)
{
  return g_object_new (CHQ_TYPE_LOCATION, NULL);
}

/**
 * chq_location_get_city:
 * @self: a #ChqLocation
 *
 * Returns: (transfer none): city name.
 */
const char *
chq_location_get_city (ChqLocation *self)
{
  g_return_val_if_fail (CHQ_IS_LOCATION (self), NULL);

  return self->city;
}

/**
 * chq_location_get_postcode:
 * @self: a #ChqLocation
 *
 * Returns: (transfer none): belgian postcode, 4 digits.
 */
const char *
chq_location_get_postcode (ChqLocation *self)
{
  g_return_val_if_fail (CHQ_IS_LOCATION (self), NULL);

  return self->postcode;
}

/**
 * chq_location_get_province:
 * @self: a #ChqLocation
 *
 * Returns: (transfer none): province word: liege, namur, hainaut, luxembourg or brabant_wallon.
 */
const char *
chq_location_get_province (ChqLocation *self)
{
  g_return_val_if_fail (CHQ_IS_LOCATION (self), NULL);

  return self->province;
}

/**
 * chq_province_is_valid:
 * @word: (nullable): a province word
 *
 * Returns: whether @word is one of the five province words of the API.
 */
gboolean
chq_province_is_valid (const char *word)
{
  if (word == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    {
      if (g_str_equal (provinces[i].word, word))
        return TRUE;
    }

  return FALSE;
}

/**
 * chq_province_get_label:
 * @word: (nullable): a province word
 *
 * Returns: (nullable): the translated name of the province, @word itself when it is not a
 *   province this version knows, or %NULL for %NULL.
 */
const char *
chq_province_get_label (const char *word)
{
  if (word == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (provinces); i++)
    {
      if (g_str_equal (provinces[i].word, word))
        return g_dgettext (GETTEXT_PACKAGE, provinces[i].label);
    }

  return word;
}

/**
 * chq_location_get_province_label:
 * @self: a #ChqLocation
 *
 * Returns: (nullable): the translated name of the location's province.
 */
const char *
chq_location_get_province_label (ChqLocation *self)
{
  g_return_val_if_fail (CHQ_IS_LOCATION (self), NULL);

  return chq_province_get_label (self->province);
}
