/* chq-worker.c: ChqWorker, a worker of the company
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-worker"

#include "config.h"

#include "chq-worker.h"

struct _ChqWorker
{
  GObject parent_instance;

  char *id; /* owned */
  char *first_name; /* owned */
  char *last_name; /* owned */
  ChqWorkerStatus status;
  char *niss; /* owned */
  char *email; /* owned */
  gboolean archived;
  double hours_this_year;
};

G_DEFINE_FINAL_TYPE (ChqWorker, chq_worker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_STATUS,
  PROP_NISS,
  PROP_EMAIL,
  PROP_ARCHIVED,
  PROP_HOURS_THIS_YEAR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_worker_finalize (GObject *object)
{
  ChqWorker *self = (ChqWorker *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->niss, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (chq_worker_parent_class)->finalize (object);
}

static void
chq_worker_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChqWorker *self = CHQ_WORKER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;

    case PROP_NISS:
      g_value_set_string (value, self->niss);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_ARCHIVED:
      g_value_set_boolean (value, self->archived);
      break;

    case PROP_HOURS_THIS_YEAR:
      g_value_set_double (value, self->hours_this_year);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_worker_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChqWorker *self = CHQ_WORKER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_FIRST_NAME:
      chq_worker_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      chq_worker_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_STATUS:
      chq_worker_set_status (self, g_value_get_enum (value));
      break;

    case PROP_NISS:
      chq_worker_set_niss (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      chq_worker_set_email (self, g_value_get_string (value));
      break;

    case PROP_ARCHIVED:
      self->archived = g_value_get_boolean (value);
      break;

    case PROP_HOURS_THIS_YEAR:
      self->hours_this_year = g_value_get_double (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_worker_class_init (ChqWorkerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_worker_finalize;
  object_class->get_property = chq_worker_get_property;
  object_class->set_property = chq_worker_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* First name */
  properties [PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Last name */
  properties [PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Employment status */
  properties [PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL,
                       CHQ_TYPE_WORKER_STATUS,
                       CHQ_WORKER_STATUS_EMPLOYEE,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* National register number, 11 digits, or %NULL */
  properties [PROP_NISS] =
    g_param_spec_string ("niss", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* E-mail address, or %NULL */
  properties [PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Whether the worker was removed from the active list */
  properties [PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_STATIC_STRINGS));

  /* Training hours this calendar year (computed by the service) */
  properties [PROP_HOURS_THIS_YEAR] =
    g_param_spec_double ("hours-this-year", NULL, NULL,
                         0.0, G_MAXDOUBLE, 0.0,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_worker_init (ChqWorker *self)
{
}

/**
 * chq_worker_new:
 *
 * Returns: (transfer full): a new, empty #ChqWorker; the codec fills it from JSON.
 */
ChqWorker *
chq_worker_new (void)
{
  return g_object_new (CHQ_TYPE_WORKER, NULL);
}

/**
 * chq_worker_get_id:
 * @self: a #ChqWorker
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_worker_get_id (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  return self->id;
}

/**
 * chq_worker_get_first_name:
 * @self: a #ChqWorker
 *
 * Returns: (transfer none): first name.
 */
const char *
chq_worker_get_first_name (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  return self->first_name;
}

/**
 * chq_worker_get_last_name:
 * @self: a #ChqWorker
 *
 * Returns: (transfer none): last name.
 */
const char *
chq_worker_get_last_name (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  return self->last_name;
}

/**
 * chq_worker_get_status:
 * @self: a #ChqWorker
 *
 * Returns: employment status.
 */
ChqWorkerStatus
chq_worker_get_status (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), 0);

  return self->status;
}

/**
 * chq_worker_get_niss:
 * @self: a #ChqWorker
 *
 * Returns: (transfer none) (nullable): national register number, 11 digits, or %NULL.
 */
const char *
chq_worker_get_niss (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  return self->niss;
}

/**
 * chq_worker_get_email:
 * @self: a #ChqWorker
 *
 * Returns: (transfer none) (nullable): e-mail address, or %NULL.
 */
const char *
chq_worker_get_email (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  return self->email;
}

/**
 * chq_worker_get_archived:
 * @self: a #ChqWorker
 *
 * Returns: whether the worker was removed from the active list.
 */
gboolean
chq_worker_get_archived (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), 0);

  return self->archived;
}

/**
 * chq_worker_get_hours_this_year:
 * @self: a #ChqWorker
 *
 * Returns: training hours this calendar year (computed by the service).
 */
double
chq_worker_get_hours_this_year (ChqWorker *self)
{
  g_return_val_if_fail (CHQ_IS_WORKER (self), 0);

  return self->hours_this_year;
}

/**
 * chq_worker_set_first_name:
 * @self: a #ChqWorker
 * @first_name: first name
 *
 * Sets the first name (the codec checks its form when it is sent).
 */
void
chq_worker_set_first_name (ChqWorker *self,
                          const char *first_name)
{
  g_return_if_fail (CHQ_IS_WORKER (self));

  if (g_strcmp0 (self->first_name, first_name) == 0)
    return;

  g_free (self->first_name);
  self->first_name = g_strdup (first_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_FIRST_NAME]);
}

/**
 * chq_worker_set_last_name:
 * @self: a #ChqWorker
 * @last_name: last name
 *
 * Sets the last name (the codec checks its form when it is sent).
 */
void
chq_worker_set_last_name (ChqWorker *self,
                         const char *last_name)
{
  g_return_if_fail (CHQ_IS_WORKER (self));

  if (g_strcmp0 (self->last_name, last_name) == 0)
    return;

  g_free (self->last_name);
  self->last_name = g_strdup (last_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_NAME]);
}

/**
 * chq_worker_set_status:
 * @self: a #ChqWorker
 * @status: employment status
 *
 * Sets the status (the codec checks its form when it is sent).
 */
void
chq_worker_set_status (ChqWorker *self,
                      ChqWorkerStatus status)
{
  g_return_if_fail (CHQ_IS_WORKER (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATUS]);
}

/**
 * chq_worker_set_niss:
 * @self: a #ChqWorker
 * @niss: national register number, 11 digits, or %NULL
 *
 * Sets the niss (the codec checks its form when it is sent).
 */
void
chq_worker_set_niss (ChqWorker *self,
                    const char *niss)
{
  g_return_if_fail (CHQ_IS_WORKER (self));

  if (g_strcmp0 (self->niss, niss) == 0)
    return;

  g_free (self->niss);
  self->niss = g_strdup (niss);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NISS]);
}

/**
 * chq_worker_set_email:
 * @self: a #ChqWorker
 * @email: e-mail address, or %NULL
 *
 * Sets the email (the codec checks its form when it is sent).
 */
void
chq_worker_set_email (ChqWorker *self,
                     const char *email)
{
  g_return_if_fail (CHQ_IS_WORKER (self));

  if (g_strcmp0 (self->email, email) == 0)
    return;

  g_free (self->email);
  self->email = g_strdup (email);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMAIL]);
}

/**
 * chq_worker_dup_display_name:
 * @self: a #ChqWorker
 *
 * Returns: (transfer full): "First Last", or whichever of the two is set.
 */
char *
chq_worker_dup_display_name (ChqWorker *self)
{
  const char *first;
  const char *last;

  g_return_val_if_fail (CHQ_IS_WORKER (self), NULL);

  first = self->first_name != NULL ? self->first_name : "";
  last = self->last_name != NULL ? self->last_name : "";

  if (*first == '\0')
    return g_strdup (last);
  if (*last == '\0')
    return g_strdup (first);

  return g_strdup_printf ("%s %s", first, last);
}
