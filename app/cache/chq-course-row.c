/* chq-course-row.c: the light item a catalogue list row shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-course-row"

#include "config.h"

#include "chq-course-row.h"

struct _ChqCourseRow
{
  GObject          parent_instance;

  gint64           rowid;
  char            *id;                  /* owned */
  char            *title;               /* owned */
  char            *provider_name;       /* owned */
  guint            hours;
  ChqVoucherType   voucher_type;
  gint64           price_cents;
  ChqCourseFormat  format;
  gboolean         ai;
  GDateTime       *next_session_start;  /* owned, nullable */
  char            *next_city;           /* owned, nullable */
};

G_DEFINE_FINAL_TYPE (ChqCourseRow, chq_course_row, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ROWID,
  PROP_ID,
  PROP_TITLE,
  PROP_PROVIDER_NAME,
  PROP_HOURS,
  PROP_VOUCHERS,
  PROP_VOUCHER_TYPE,
  PROP_PRICE_CENTS,
  PROP_FORMAT,
  PROP_AI,
  PROP_NEXT_SESSION_START,
  PROP_NEXT_CITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint n_created;

static void
chq_course_row_finalize (GObject *object)
{
  ChqCourseRow *self = (ChqCourseRow *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->provider_name, g_free);
  g_clear_pointer (&self->next_session_start, g_date_time_unref);
  g_clear_pointer (&self->next_city, g_free);

  G_OBJECT_CLASS (chq_course_row_parent_class)->finalize (object);
}

static void
chq_course_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ChqCourseRow *self = CHQ_COURSE_ROW (object);

  switch (prop_id)
    {
    case PROP_ROWID:
      g_value_set_int64 (value, self->rowid);
      break;
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_PROVIDER_NAME:
      g_value_set_string (value, self->provider_name);
      break;
    case PROP_HOURS:
      g_value_set_uint (value, self->hours);
      break;
    case PROP_VOUCHERS:
      g_value_set_uint (value, chq_course_row_get_vouchers (self));
      break;
    case PROP_VOUCHER_TYPE:
      g_value_set_enum (value, self->voucher_type);
      break;
    case PROP_PRICE_CENTS:
      g_value_set_int64 (value, self->price_cents);
      break;
    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;
    case PROP_AI:
      g_value_set_boolean (value, self->ai);
      break;
    case PROP_NEXT_SESSION_START:
      g_value_set_boxed (value, self->next_session_start);
      break;
    case PROP_NEXT_CITY:
      g_value_set_string (value, self->next_city);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_row_class_init (ChqCourseRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = chq_course_row_finalize;
  object_class->get_property = chq_course_row_get_property;

  properties[PROP_ROWID] =
    g_param_spec_int64 ("rowid", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_PROVIDER_NAME] =
    g_param_spec_string ("provider-name", NULL, NULL, NULL, flags);
  properties[PROP_HOURS] = g_param_spec_uint ("hours", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_VOUCHERS] =
    g_param_spec_uint ("vouchers", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_VOUCHER_TYPE] =
    g_param_spec_enum ("voucher-type", NULL, NULL, CHQ_TYPE_VOUCHER_TYPE,
                       CHQ_VOUCHER_TYPE_CF, flags);
  properties[PROP_PRICE_CENTS] =
    g_param_spec_int64 ("price-cents", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL, CHQ_TYPE_COURSE_FORMAT,
                       CHQ_COURSE_FORMAT_IN_PERSON, flags);
  properties[PROP_AI] = g_param_spec_boolean ("ai", NULL, NULL, FALSE, flags);
  properties[PROP_NEXT_SESSION_START] =
    g_param_spec_boxed ("next-session-start", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties[PROP_NEXT_CITY] = g_param_spec_string ("next-city", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_course_row_init (ChqCourseRow *self)
{
}

/**
 * chq_course_row_new:
 * @rowid: the store row id
 * @id: the course id
 * @title: the title
 * @provider_name: the provider's name
 * @hours: the course's hours
 * @voucher_type: the voucher type that pays for it
 * @price_cents: the provider's price
 * @format: in person, distance or blended
 * @ai: whether it is an AI course
 * @next_session_start: (nullable): the start of the next session
 * @next_city: (nullable): the city of the next session
 *
 * Returns: (transfer full): a new row
 */
ChqCourseRow *
chq_course_row_new (gint64           rowid,
                    const char      *id,
                    const char      *title,
                    const char      *provider_name,
                    guint            hours,
                    ChqVoucherType   voucher_type,
                    gint64           price_cents,
                    ChqCourseFormat  format,
                    gboolean         ai,
                    GDateTime       *next_session_start,
                    const char      *next_city)
{
  ChqCourseRow *self = g_object_new (CHQ_TYPE_COURSE_ROW, NULL);

  self->rowid = rowid;
  self->id = g_strdup (id);
  self->title = g_strdup (title);
  self->provider_name = g_strdup (provider_name);
  self->hours = hours;
  self->voucher_type = voucher_type;
  self->price_cents = price_cents;
  self->format = format;
  self->ai = !!ai;
  self->next_session_start = next_session_start ? g_date_time_ref (next_session_start) : NULL;
  self->next_city = g_strdup (next_city);

  g_atomic_int_inc (&n_created);

  return self;
}

/**
 * chq_course_row_get_n_created:
 *
 * Returns: how many rows were made since the program started (tests check laziness)
 */
guint
chq_course_row_get_n_created (void)
{
  return (guint)g_atomic_int_get (&n_created);
}

/**
 * chq_course_row_get_rowid:
 * @self: a row
 *
 * Returns: the store row id
 */
gint64
chq_course_row_get_rowid (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), 0);
  return self->rowid;
}

/**
 * chq_course_row_get_id:
 * @self: a row
 *
 * Returns: the course id
 */
const char *
chq_course_row_get_id (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), NULL);
  return self->id;
}

/**
 * chq_course_row_get_title:
 * @self: a row
 *
 * Returns: the course title
 */
const char *
chq_course_row_get_title (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), NULL);
  return self->title;
}

/**
 * chq_course_row_get_provider_name:
 * @self: a row
 *
 * Returns: the provider's name
 */
const char *
chq_course_row_get_provider_name (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), NULL);
  return self->provider_name;
}

/**
 * chq_course_row_get_hours:
 * @self: a row
 *
 * Returns: the course's hours
 */
guint
chq_course_row_get_hours (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), 0);
  return self->hours;
}

/**
 * chq_course_row_get_vouchers:
 * @self: a row
 *
 * Returns: the vouchers the course costs: one per hour
 */
guint
chq_course_row_get_vouchers (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), 0);
  return self->hours;
}

/**
 * chq_course_row_get_voucher_type:
 * @self: a row
 *
 * Returns: the voucher type that pays for the course
 */
ChqVoucherType
chq_course_row_get_voucher_type (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), CHQ_VOUCHER_TYPE_CF);
  return self->voucher_type;
}

/**
 * chq_course_row_get_price_cents:
 * @self: a row
 *
 * Returns: the provider's price in cents
 */
gint64
chq_course_row_get_price_cents (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), 0);
  return self->price_cents;
}

/**
 * chq_course_row_get_format:
 * @self: a row
 *
 * Returns: in person, distance or blended
 */
ChqCourseFormat
chq_course_row_get_format (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), CHQ_COURSE_FORMAT_IN_PERSON);
  return self->format;
}

/**
 * chq_course_row_get_ai:
 * @self: a row
 *
 * Returns: whether it is an AI course
 */
gboolean
chq_course_row_get_ai (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), FALSE);
  return self->ai;
}

/**
 * chq_course_row_get_next_session_start:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the start of the next session, if any
 */
GDateTime *
chq_course_row_get_next_session_start (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), NULL);
  return self->next_session_start;
}

/**
 * chq_course_row_get_next_city:
 * @self: a row
 *
 * Returns: (nullable): the city of the next session (%NULL at a distance or with none)
 */
const char *
chq_course_row_get_next_city (ChqCourseRow *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_ROW (self), NULL);
  return self->next_city;
}
