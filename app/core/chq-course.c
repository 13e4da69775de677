/* chq-course.c: ChqCourse, one training module of the catalogue
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-course"

#include "config.h"

#include "chq-clock.h"
#include "chq-course.h"

struct _ChqCourse
{
  GObject parent_instance;

  char *id; /* owned */
  char *title; /* owned */
  char *summary; /* owned */
  char *description; /* owned */
  char *provider_id; /* owned */
  char *provider_name; /* owned */
  char *provider_approval_number; /* owned */
  char *module_approval; /* owned */
  ChqVoucherType voucher_type;
  guint hours;
  gint64 price_cents;
  char **themes; /* owned */
  gboolean ai;
  ChqCourseFormat format;
  char **languages; /* owned */
  GListModel *locations; /* owned */
  GListModel *sessions; /* owned */
  GDateTime *updated_at; /* owned */
};

G_DEFINE_FINAL_TYPE (ChqCourse, chq_course, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_SUMMARY,
  PROP_DESCRIPTION,
  PROP_PROVIDER_ID,
  PROP_PROVIDER_NAME,
  PROP_PROVIDER_APPROVAL_NUMBER,
  PROP_MODULE_APPROVAL,
  PROP_VOUCHER_TYPE,
  PROP_HOURS,
  PROP_PRICE_CENTS,
  PROP_THEMES,
  PROP_AI,
  PROP_FORMAT,
  PROP_LANGUAGES,
  PROP_LOCATIONS,
  PROP_SESSIONS,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_course_finalize (GObject *object)
{
  ChqCourse *self = (ChqCourse *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->provider_id, g_free);
  g_clear_pointer (&self->provider_name, g_free);
  g_clear_pointer (&self->provider_approval_number, g_free);
  g_clear_pointer (&self->module_approval, g_free);
  g_clear_pointer (&self->themes, g_strfreev);
  g_clear_pointer (&self->languages, g_strfreev);
  g_clear_object (&self->locations);
  g_clear_object (&self->sessions);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (chq_course_parent_class)->finalize (object);
}

static void
chq_course_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  ChqCourse *self = CHQ_COURSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_PROVIDER_ID:
      g_value_set_string (value, self->provider_id);
      break;

    case PROP_PROVIDER_NAME:
      g_value_set_string (value, self->provider_name);
      break;

    case PROP_PROVIDER_APPROVAL_NUMBER:
      g_value_set_string (value, self->provider_approval_number);
      break;

    case PROP_MODULE_APPROVAL:
      g_value_set_string (value, self->module_approval);
      break;

    case PROP_VOUCHER_TYPE:
      g_value_set_enum (value, self->voucher_type);
      break;

    case PROP_HOURS:
      g_value_set_uint (value, self->hours);
      break;

    case PROP_PRICE_CENTS:
      g_value_set_int64 (value, self->price_cents);
      break;

    case PROP_THEMES:
      g_value_set_boxed (value, self->themes);
      break;

    case PROP_AI:
      g_value_set_boolean (value, self->ai);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_LANGUAGES:
      g_value_set_boxed (value, self->languages);
      break;

    case PROP_LOCATIONS:
      g_value_set_object (value, self->locations);
      break;

    case PROP_SESSIONS:
      g_value_set_object (value, self->sessions);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  ChqCourse *self = CHQ_COURSE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_free (self->id);
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    case PROP_SUMMARY:
      g_free (self->summary);
      self->summary = g_value_dup_string (value);
      break;

    case PROP_DESCRIPTION:
      g_free (self->description);
      self->description = g_value_dup_string (value);
      break;

    case PROP_PROVIDER_ID:
      g_free (self->provider_id);
      self->provider_id = g_value_dup_string (value);
      break;

    case PROP_PROVIDER_NAME:
      g_free (self->provider_name);
      self->provider_name = g_value_dup_string (value);
      break;

    case PROP_PROVIDER_APPROVAL_NUMBER:
      g_free (self->provider_approval_number);
      self->provider_approval_number = g_value_dup_string (value);
      break;

    case PROP_MODULE_APPROVAL:
      g_free (self->module_approval);
      self->module_approval = g_value_dup_string (value);
      break;

    case PROP_VOUCHER_TYPE:
      self->voucher_type = g_value_get_enum (value);
      break;

    case PROP_HOURS:
      self->hours = g_value_get_uint (value);
      break;

    case PROP_PRICE_CENTS:
      self->price_cents = g_value_get_int64 (value);
      break;

    case PROP_THEMES:
      g_strfreev (self->themes);
      self->themes = g_value_dup_boxed (value);
      break;

    case PROP_AI:
      self->ai = g_value_get_boolean (value);
      break;

    case PROP_FORMAT:
      self->format = g_value_get_enum (value);
      break;

    case PROP_LANGUAGES:
      g_strfreev (self->languages);
      self->languages = g_value_dup_boxed (value);
      break;

    case PROP_LOCATIONS:
      g_clear_object (&self->locations);
      self->locations = g_value_dup_object (value);
      break;

    case PROP_SESSIONS:
      g_clear_object (&self->sessions);
      self->sessions = g_value_dup_object (value);
      break;

    case PROP_UPDATED_AT:
      g_clear_pointer (&self->updated_at, g_date_time_unref);
      self->updated_at = g_value_dup_boxed (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_course_class_init (ChqCourseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_course_finalize;
  object_class->get_property = chq_course_get_property;
  object_class->set_property = chq_course_set_property;

  /* Opaque identifier */
  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Title */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* A short summary */
  properties [PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The full description, paragraphs separated by blank lines */
  properties [PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Identifier of the training provider */
  properties [PROP_PROVIDER_ID] =
    g_param_spec_string ("provider-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Name of the training provider */
  properties [PROP_PROVIDER_NAME] =
    g_param_spec_string ("provider-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Approval number of the training provider */
  properties [PROP_PROVIDER_APPROVAL_NUMBER] =
    g_param_spec_string ("provider-approval-number", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Approval number of the module */
  properties [PROP_MODULE_APPROVAL] =
    g_param_spec_string ("module-approval", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The voucher type that pays for it */
  properties [PROP_VOUCHER_TYPE] =
    g_param_spec_enum ("voucher-type", NULL, NULL,
                       CHQ_TYPE_VOUCHER_TYPE,
                       CHQ_VOUCHER_TYPE_CF,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Length in whole hours */
  properties [PROP_HOURS] =
    g_param_spec_uint ("hours", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Price of the whole module, in cents */
  properties [PROP_PRICE_CENTS] =
    g_param_spec_int64 ("price-cents", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Theme words */
  properties [PROP_THEMES] =
    g_param_spec_boxed ("themes", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Whether this is an AI course */
  properties [PROP_AI] =
    g_param_spec_boolean ("ai", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_STATIC_STRINGS));

  /* In person, distance or blended */
  properties [PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL,
                       CHQ_TYPE_COURSE_FORMAT,
                       CHQ_COURSE_FORMAT_IN_PERSON,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* ISO 639-1 language codes */
  properties [PROP_LANGUAGES] =
    g_param_spec_boxed ("languages", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  /* Where it is given */
  properties [PROP_LOCATIONS] =
    g_param_spec_object ("locations", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Its sessions */
  properties [PROP_SESSIONS] =
    g_param_spec_object ("sessions", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* When the service last changed it */
  properties [PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_course_init (ChqCourse *self)
{
  self->themes = g_new0 (char *, 1);
  self->languages = g_new0 (char *, 1);
  self->locations = G_LIST_MODEL (g_list_store_new (CHQ_TYPE_LOCATION));
  self->sessions = G_LIST_MODEL (g_list_store_new (CHQ_TYPE_COURSE_SESSION));
}

/**
 * chq_course_new:
 *
 * Returns: (transfer full): a new, empty #ChqCourse; the codec fills it from JSON.
 */
ChqCourse *
chq_course_new (void)
{
  return g_object_new (CHQ_TYPE_COURSE, NULL);
}

/**
 * chq_course_get_id:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): opaque identifier.
 */
const char *
chq_course_get_id (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->id;
}

/**
 * chq_course_get_title:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): title.
 */
const char *
chq_course_get_title (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->title;
}

/**
 * chq_course_get_summary:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): a short summary.
 */
const char *
chq_course_get_summary (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->summary;
}

/**
 * chq_course_get_description:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): the full description, paragraphs separated by blank lines.
 */
const char *
chq_course_get_description (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->description;
}

/**
 * chq_course_get_provider_id:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): identifier of the training provider.
 */
const char *
chq_course_get_provider_id (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->provider_id;
}

/**
 * chq_course_get_provider_name:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): name of the training provider.
 */
const char *
chq_course_get_provider_name (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->provider_name;
}

/**
 * chq_course_get_provider_approval_number:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): approval number of the training provider.
 */
const char *
chq_course_get_provider_approval_number (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->provider_approval_number;
}

/**
 * chq_course_get_module_approval:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): approval number of the module.
 */
const char *
chq_course_get_module_approval (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->module_approval;
}

/**
 * chq_course_get_voucher_type:
 * @self: a #ChqCourse
 *
 * Returns: the voucher type that pays for it.
 */
ChqVoucherType
chq_course_get_voucher_type (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), 0);

  return self->voucher_type;
}

/**
 * chq_course_get_hours:
 * @self: a #ChqCourse
 *
 * Returns: length in whole hours.
 */
guint
chq_course_get_hours (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), 0);

  return self->hours;
}

/**
 * chq_course_get_price_cents:
 * @self: a #ChqCourse
 *
 * Returns: price of the whole module, in cents.
 */
gint64
chq_course_get_price_cents (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), 0);

  return self->price_cents;
}

/**
 * chq_course_get_themes:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): theme words.
 */
const char * const *
chq_course_get_themes (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return (const char * const *) self->themes;
}

/**
 * chq_course_get_ai:
 * @self: a #ChqCourse
 *
 * Returns: whether this is an AI course.
 */
gboolean
chq_course_get_ai (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), 0);

  return self->ai;
}

/**
 * chq_course_get_format:
 * @self: a #ChqCourse
 *
 * Returns: in person, distance or blended.
 */
ChqCourseFormat
chq_course_get_format (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), 0);

  return self->format;
}

/**
 * chq_course_get_languages:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): iSO 639-1 language codes.
 */
const char * const *
chq_course_get_languages (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return (const char * const *) self->languages;
}

/**
 * chq_course_get_locations:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): where it is given.
 */
GListModel *
chq_course_get_locations (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->locations;
}

/**
 * chq_course_get_sessions:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): its sessions.
 */
GListModel *
chq_course_get_sessions (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->sessions;
}

/**
 * chq_course_get_updated_at:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none): when the service last changed it.
 */
GDateTime *
chq_course_get_updated_at (ChqCourse *self)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);

  return self->updated_at;
}

/**
 * chq_course_get_next_session_start_after:
 * @self: a #ChqCourse
 * @after: the moment to look from
 *
 * Finds the earliest session that starts at or after @after, in whatever order the
 * sessions are listed.
 *
 * Returns: (transfer none) (nullable): its start, or %NULL when no session starts then.
 */
GDateTime *
chq_course_get_next_session_start_after (ChqCourse *self,
                                         GDateTime *after)
{
  GDateTime *best = NULL;
  guint n;

  g_return_val_if_fail (CHQ_IS_COURSE (self), NULL);
  g_return_val_if_fail (after != NULL, NULL);

  n = g_list_model_get_n_items (self->sessions);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ChqCourseSession) session = g_list_model_get_item (self->sessions, i);
      GDateTime *starts_at = chq_course_session_get_starts_at (session);

      if (starts_at == NULL || g_date_time_compare (starts_at, after) < 0)
        continue;
      if (best == NULL || g_date_time_compare (starts_at, best) < 0)
        best = starts_at;
    }

  return best;
}

/**
 * chq_course_get_next_session_start:
 * @self: a #ChqCourse
 *
 * Returns: (transfer none) (nullable): the start of the earliest session that has not
 *   started yet, or %NULL when none is left.
 */
GDateTime *
chq_course_get_next_session_start (ChqCourse *self)
{
  g_autoptr(GDateTime) now = chq_clock_now_local ();

  return chq_course_get_next_session_start_after (self, now);
}

/**
 * chq_course_has_theme:
 * @self: a #ChqCourse
 * @theme: a theme word, like "ai_legal"
 *
 * Returns: whether @theme is one of the course's themes.
 */
gboolean
chq_course_has_theme (ChqCourse  *self,
                      const char *theme)
{
  g_return_val_if_fail (CHQ_IS_COURSE (self), FALSE);

  return theme != NULL && g_strv_contains ((const char * const *) self->themes, theme);
}
