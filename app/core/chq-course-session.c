/* chq-course-session.c: ChqCourseSession, one session (dates and place) of a course
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-course-session"

#include "config.h"

#include "chq-course-session.h"

struct _ChqCourseSession
{
  GObject parent_instance;

  char *id; /* owned */
  GDateTime *starts_at; /* owned */
  GDateTime *ends_at; /* owned */
  char *city; /* owned */
  guint seats_left;
};

G_DEFINE_FINAL_TYPE (ChqCourseSession, chq_course_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_CITY,
  PROP_SEATS_LEFT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_course_session_finalize (GObject *object)
{
  ChqCourseSession *self = (ChqCourseSession *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);
  g_clear_pointer (&self->city, g_free);

  G_OBJECT_CLASS (chq_course_session_parent_class)->finalize (object);
}

static void
chq_course_session_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ChqCourseSession *self = CHQ_COURSE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_STARTS_AT:
      g_value_set_boxed (value, self->starts_at);
      break;

    case PROP_ENDS_AT:
      g_value_set_boxed (value, self->ends_at);
      break;

    case PROP_CITY:
      g_value_set_string (value, self->city);
      break;

    case PROP_SEATS_LEFT:
      g_value_set_uint (value, self->seats_left);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_session_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ChqCourseSession *self = CHQ_COURSE_SESSION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_STARTS_AT:
      g_clear_pointer (&self->starts_at, g_date_time_unref);
      self->starts_at = g_value_dup_boxed (value);
      break;

    case PROP_ENDS_AT:
      g_clear_pointer (&self->ends_at, g_date_time_unref);
      self->ends_at = g_value_dup_boxed (value);
      break;

    case PROP_CITY:
      g_free (self->city);
      self->city = g_value_dup_string (value);
      break;

    case PROP_SEATS_LEFT:
      self->seats_left = g_value_get_uint (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_session_class_init (ChqCourseSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_course_session_finalize;
  object_class->get_property = chq_course_session_get_property;
  object_class->set_property = chq_course_session_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Start of the first day */
  properties [PROP_STARTS_AT] =
    g_param_spec_boxed ("starts-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* End of the last day */
  properties [PROP_ENDS_AT] =
    g_param_spec_boxed ("ends-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* City, or %NULL for a distance session */
  properties [PROP_CITY] =
    g_param_spec_string ("city", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Seats still free */
  properties [PROP_SEATS_LEFT] =
    g_param_spec_uint ("seats-left", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_course_session_init (ChqCourseSession *self)
{
}

/**
 * chq_course_session_new:
 *
 * Returns: (transfer full): a new, empty #ChqCourseSession; the codec fills it from JSON.
 */
ChqCourseSession *
chq_course_session_new (void)
{
  return g_object_new (CHQ_TYPE_COURSE_SESSION, NULL);
}

/**
 * chq_course_session_get_id:
 * @self: a #ChqCourseSession
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_course_session_get_id (ChqCourseSession *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_SESSION (self), NULL);

  return self->id;
}

/**
 * chq_course_session_get_starts_at:
 * @self: a #ChqCourseSession
 *
 * Returns: (transfer none): start of the first day.
 */
GDateTime *
chq_course_session_get_starts_at (ChqCourseSession *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_SESSION (self), NULL);

  return self->starts_at;
}

/**
 * chq_course_session_get_ends_at:
 * @self: a #ChqCourseSession
 *
 * Returns: (transfer none): end of the last day.
 */
GDateTime *
chq_course_session_get_ends_at (ChqCourseSession *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_SESSION (self), NULL);

  return self->ends_at;
}

/**
 * chq_course_session_get_city:
 * @self: a #ChqCourseSession
 *
 * Returns: (transfer none) (nullable): city, or %NULL for a distance session.
 */
const char *
chq_course_session_get_city (ChqCourseSession *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_SESSION (self), NULL);

  return self->city;
}

/**
 * chq_course_session_get_seats_left:
 * @self: a #ChqCourseSession
 *
 * Returns: seats still free.
 */
guint
chq_course_session_get_seats_left (ChqCourseSession *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE_SESSION (self), 0);

  return self->seats_left;
}
