/* chq-enrolment.c: ChqEnrolment, a worker booked on a course session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-enrolment"

#include "config.h"

#include "chq-enrolment.h"

struct _ChqEnrolment
{
  GObject parent_instance;

  char *id; /* owned */
  char *worker_id; /* owned */
  char *course_id; /* owned */
  char *session_id; /* owned */
  ChqEnrolmentStatus status;
  char *usage_code; /* owned */
  guint hours;
  guint vouchers_reserved;
  guint vouchers_used;
  ChqVoucherType voucher_type;
  char *course_title; /* owned */
  char *provider_name; /* owned */
  GDateTime *starts_at; /* owned */
  GDateTime *ends_at; /* owned */
  GArray *attendance; /* owned */
  double hours_attended;
  GDateTime *created_at; /* owned */
};

G_DEFINE_FINAL_TYPE (ChqEnrolment, chq_enrolment, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_WORKER_ID,
  PROP_COURSE_ID,
  PROP_SESSION_ID,
  PROP_STATUS,
  PROP_USAGE_CODE,
  PROP_HOURS,
  PROP_VOUCHERS_RESERVED,
  PROP_VOUCHERS_USED,
  PROP_VOUCHER_TYPE,
  PROP_COURSE_TITLE,
  PROP_PROVIDER_NAME,
  PROP_STARTS_AT,
  PROP_ENDS_AT,
  PROP_ATTENDANCE,
  PROP_HOURS_ATTENDED,
  PROP_CREATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_enrolment_finalize (GObject *object)
{
  ChqEnrolment *self = (ChqEnrolment *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->worker_id, g_free);
  g_clear_pointer (&self->course_id, g_free);
  g_clear_pointer (&self->session_id, g_free);
  g_clear_pointer (&self->usage_code, g_free);
  g_clear_pointer (&self->course_title, g_free);
  g_clear_pointer (&self->provider_name, g_free);
  g_clear_pointer (&self->starts_at, g_date_time_unref);
  g_clear_pointer (&self->ends_at, g_date_time_unref);
  g_clear_pointer (&self->attendance, g_array_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);

  G_OBJECT_CLASS (chq_enrolment_parent_class)->finalize (object);
}

static void
chq_enrolment_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ChqEnrolment *self = CHQ_ENROLMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_WORKER_ID:
      g_value_set_string (value, self->worker_id);
      break;

    case PROP_COURSE_ID:
      g_value_set_string (value, self->course_id);
      break;

    case PROP_SESSION_ID:
      g_value_set_string (value, self->session_id);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_USAGE_CODE:
      g_value_set_string (value, self->usage_code);
      break;

    case PROP_HOURS:
      g_value_set_uint (value, self->hours);
      break;

    case PROP_VOUCHERS_RESERVED:
      g_value_set_uint (value, self->vouchers_reserved);
      break;

    case PROP_VOUCHERS_USED:
      g_value_set_uint (value, self->vouchers_used);
      break;

    case PROP_VOUCHER_TYPE:
      g_value_set_enum (value, self->voucher_type);
      break;

    case PROP_COURSE_TITLE:
      g_value_set_string (value, self->course_title);
      break;

    case PROP_PROVIDER_NAME:
      g_value_set_string (value, self->provider_name);
      break;

    case PROP_STARTS_AT:
      g_value_set_boxed (value, self->starts_at);
      break;

    case PROP_ENDS_AT:
      g_value_set_boxed (value, self->ends_at);
      break;

    case PROP_ATTENDANCE:
      g_value_set_boxed (value, self->attendance);
      break;

    case PROP_HOURS_ATTENDED:
      g_value_set_double (value, self->hours_attended);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_enrolment_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ChqEnrolment *self = CHQ_ENROLMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_WORKER_ID:
      g_free (self->worker_id);
      self->worker_id = g_value_dup_string (value);
      break;

    case PROP_COURSE_ID:
      g_free (self->course_id);
      self->course_id = g_value_dup_string (value);
      break;

    case PROP_SESSION_ID:
      g_free (self->session_id);
      self->session_id = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_enum (value);
      break;

    case PROP_USAGE_CODE:
      g_free (self->usage_code);
      self->usage_code = g_value_dup_string (value);
      break;

    case PROP_HOURS:
      self->hours = g_value_get_uint (value);
      break;

    case PROP_VOUCHERS_RESERVED:
      self->vouchers_reserved = g_value_get_uint (value);
      break;

    case PROP_VOUCHERS_USED:
      self->vouchers_used = g_value_get_uint (value);
      break;

    case PROP_VOUCHER_TYPE:
      self->voucher_type = g_value_get_enum (value);
      break;

    case PROP_COURSE_TITLE:
      g_free (self->course_title);
      self->course_title = g_value_dup_string (value);
      break;

    case PROP_PROVIDER_NAME:
      g_free (self->provider_name);
      self->provider_name = g_value_dup_string (value);
      break;

    case PROP_STARTS_AT:
      g_clear_pointer (&self->starts_at, g_date_time_unref);
      self->starts_at = g_value_dup_boxed (value);
      break;

    case PROP_ENDS_AT:
      g_clear_pointer (&self->ends_at, g_date_time_unref);
      self->ends_at = g_value_dup_boxed (value);
      break;

    case PROP_ATTENDANCE:
      g_clear_pointer (&self->attendance, g_array_unref);
      self->attendance = g_value_dup_boxed (value);
      if (self->attendance == NULL)
        self->attendance = chq_attendance_days_new ();
      break;

    case PROP_HOURS_ATTENDED:
      self->hours_attended = g_value_get_double (value);
      break;

    case PROP_CREATED_AT:
      g_clear_pointer (&self->created_at, g_date_time_unref);
      self->created_at = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_enrolment_class_init (ChqEnrolmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_enrolment_finalize;
  object_class->get_property = chq_enrolment_get_property;
  object_class->set_property = chq_enrolment_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The worker */
  properties [PROP_WORKER_ID] =
    g_param_spec_string ("worker-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The course */
  properties [PROP_COURSE_ID] =
    g_param_spec_string ("course-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The session */
  properties [PROP_SESSION_ID] =
    g_param_spec_string ("session-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Booked, attended or cancelled */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CHQ_TYPE_ENROLMENT_STATUS,
                       CHQ_ENROLMENT_STATUS_BOOKED,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* The usage code (code d'utilisation) given to the provider */
  properties [PROP_USAGE_CODE] =
    g_param_spec_string ("usage-code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Hours of the course */
  properties [PROP_HOURS] =
    g_param_spec_uint ("hours", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Vouchers still reserved */
  properties [PROP_VOUCHERS_RESERVED] =
    g_param_spec_uint ("vouchers-reserved", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Vouchers used */
  properties [PROP_VOUCHERS_USED] =
    g_param_spec_uint ("vouchers-used", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Voucher type */
  properties [PROP_VOUCHER_TYPE] =
    g_param_spec_enum ("voucher-type", NULL, NULL,
                       CHQ_TYPE_VOUCHER_TYPE,
                       CHQ_VOUCHER_TYPE_CF,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Title of the course */
  properties [PROP_COURSE_TITLE] =
    g_param_spec_string ("course-title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Name of the provider */
  properties [PROP_PROVIDER_NAME] =
    g_param_spec_string ("provider-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Start of the session */
  properties [PROP_STARTS_AT] =
    g_param_spec_boxed ("starts-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* End of the session */
  properties [PROP_ENDS_AT] =
    g_param_spec_boxed ("ends-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Days attended (a #GArray of #ChqAttendanceDay) */
  properties [PROP_ATTENDANCE] =
    g_param_spec_boxed ("attendance", NULL, NULL,
                        G_TYPE_ARRAY,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Hours attended in all */
  properties [PROP_HOURS_ATTENDED] =
    g_param_spec_double ("hours-attended", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* When it was booked */
  properties [PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_enrolment_init (ChqEnrolment *self)
{
  self->attendance = chq_attendance_days_new ();
}

/**
 * chq_enrolment_new:
 *
 * Returns: (transfer full): a new, empty #ChqEnrolment; the codec fills it from JSON.
 */
ChqEnrolment *
chq_enrolment_new (void)
{
  return g_object_new (CHQ_TYPE_ENROLMENT, NULL);
}

/**
 * chq_enrolment_get_id:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_enrolment_get_id (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->id;
}

/**
 * chq_enrolment_get_worker_id:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): the worker.
 */
const char *
chq_enrolment_get_worker_id (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->worker_id;
}

/**
 * chq_enrolment_get_course_id:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): the course.
 */
const char *
chq_enrolment_get_course_id (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->course_id;
}

/**
 * chq_enrolment_get_session_id:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): the session.
 */
const char *
chq_enrolment_get_session_id (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->session_id;
}

/**
 * chq_enrolment_get_status:
 * @self: a #ChqEnrolment
 *
 * Returns: booked, attended or cancelled.
 */
ChqEnrolmentStatus
chq_enrolment_get_status (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->status;
}

/**
 * chq_enrolment_get_usage_code:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): the usage code (code d'utilisation) given to the provider.
 */
const char *
chq_enrolment_get_usage_code (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->usage_code;
}

/**
 * chq_enrolment_get_hours:
 * @self: a #ChqEnrolment
 *
 * Returns: hours of the course.
 */
guint
chq_enrolment_get_hours (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->hours;
}

/**
 * chq_enrolment_get_vouchers_reserved:
 * @self: a #ChqEnrolment
 *
 * Returns: vouchers still reserved.
 */
guint
chq_enrolment_get_vouchers_reserved (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->vouchers_reserved;
}

/**
 * chq_enrolment_get_vouchers_used:
 * @self: a #ChqEnrolment
 *
 * Returns: vouchers used.
 */
guint
chq_enrolment_get_vouchers_used (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->vouchers_used;
}

/**
 * chq_enrolment_get_voucher_type:
 * @self: a #ChqEnrolment
 *
 * Returns: voucher type.
 */
ChqVoucherType
chq_enrolment_get_voucher_type (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->voucher_type;
}

/**
 * chq_enrolment_get_course_title:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): title of the course.
 */
const char *
chq_enrolment_get_course_title (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->course_title;
}

/**
 * chq_enrolment_get_provider_name:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): name of the provider.
 */
const char *
chq_enrolment_get_provider_name (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->provider_name;
}

/**
 * chq_enrolment_get_starts_at:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): start of the session.
 */
GDateTime *
chq_enrolment_get_starts_at (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->starts_at;
}

/**
 * chq_enrolment_get_ends_at:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): end of the session.
 */
GDateTime *
chq_enrolment_get_ends_at (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->ends_at;
}

/**
 * chq_enrolment_get_attendance:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): days attended (a #GArray of #ChqAttendanceDay).
 */
GArray *
chq_enrolment_get_attendance (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->attendance;
}

/**
 * chq_enrolment_get_hours_attended:
 * @self: a #ChqEnrolment
 *
 * Returns: hours attended in all.
 */
double
chq_enrolment_get_hours_attended (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), 0);

  return self->hours_attended;
}

/**
 * chq_enrolment_get_created_at:
 * @self: a #ChqEnrolment
 *
 * Returns: (transfer none): when it was booked.
 */
GDateTime *
chq_enrolment_get_created_at (ChqEnrolment *self)
{
  g_return_val_if_fail (CHQ_IS_ENROLMENT (self), NULL);

  return self->created_at;
}

/**
 * chq_attendance_days_new:
 *
 * Returns: (transfer full) (element-type ChqAttendanceDay): an empty array of
 *   #ChqAttendanceDay, the type of #ChqEnrolment:attendance.
 */
GArray *
chq_attendance_days_new (void)
{
  return g_array_new (FALSE, TRUE, sizeof (ChqAttendanceDay));
}
