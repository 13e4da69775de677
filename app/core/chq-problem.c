/* chq-problem.c: ChqProblem, an error answer of the service (RFC 9457 problem details)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-problem"

#include "config.h"

#include "chq-problem.h"

struct _ChqProblem
{
  GObject parent_instance;

  char *problem_type; /* owned */
  char *title; /* owned */
  guint status;
  char *detail; /* owned */
  char *code; /* owned */
  char *field; /* owned */
  int left;
};

G_DEFINE_FINAL_TYPE (ChqProblem, chq_problem, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROBLEM_TYPE,
  PROP_TITLE,
  PROP_STATUS,
  PROP_DETAIL,
  PROP_CODE,
  PROP_FIELD,
  PROP_LEFT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
chq_problem_finalize (GObject *object)
{
  ChqProblem *self = (ChqProblem *)object;

  g_clear_pointer (&self->problem_type, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->detail, g_free);
  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->field, g_free);

  G_OBJECT_CLASS (chq_problem_parent_class)->finalize (object);
}

static void
chq_problem_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  ChqProblem *self = CHQ_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_PROBLEM_TYPE:
      g_value_set_string (value, self->problem_type);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;

    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;

    case PROP_CODE:
      g_value_set_string (value, self->code);
      break;

    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;

    case PROP_LEFT:
      g_value_set_int (value, self->left);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_problem_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  ChqProblem *self = CHQ_PROBLEM (object);

  switch (prop_id)
    {
    case PROP_PROBLEM_TYPE:
      g_free (self->problem_type);
      self->problem_type = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      break;

    case PROP_STATUS:
      self->status = g_value_get_uint (value);
      break;

    case PROP_DETAIL:
      g_free (self->detail);
      self->detail = g_value_dup_string (value);
      break;

    case PROP_CODE:
      g_free (self->code);
      self->code = g_value_dup_string (value);
      break;

    case PROP_FIELD:
      g_free (self->field);
      self->field = g_value_dup_string (value);
      break;

    case PROP_LEFT:
      self->left = g_value_get_int (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
chq_problem_class_init (ChqProblemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = chq_problem_finalize;
  object_class->get_property = chq_problem_get_property;
  object_class->set_property = chq_problem_set_property;

  /* The problem type URI (the JSON member "type") */
  properties [PROP_PROBLEM_TYPE] =
    g_param_spec_string ("problem-type", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Short summary */
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* HTTP status code */
  properties [PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE |
                        G_PARAM_STATIC_STRINGS));

  /* Explanation for people */
  properties [PROP_DETAIL] =
    g_param_spec_string ("detail", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Stable machine word, like ceiling_exceeded */
  properties [PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* The request field at fault, or %NULL */
  properties [PROP_FIELD] =
    g_param_spec_string ("field", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_STATIC_STRINGS));

  /* Vouchers left under the ceiling (ceiling_exceeded), or -1 */
  properties [PROP_LEFT] =
    g_param_spec_int ("left", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READWRITE |
                       G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
chq_problem_init (ChqProblem *self)
{
  self->left = -1;
}

/**
 * chq_problem_new:
 *
 * Returns: (transfer full): a new, empty #ChqProblem; the codec fills it from JSON.
 */
ChqProblem *
chq_problem_new (void)
{
  return g_object_new (CHQ_TYPE_PROBLEM, NULL);
}

/**
 * chq_problem_get_problem_type:
 * @self: a #ChqProblem
 *
 * Returns: (transfer none): the problem type URI (the JSON member "type").
 */
const char *
chq_problem_get_problem_type (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), NULL);

  return self->problem_type;
}

/**
 * chq_problem_get_title:
 * @self: a #ChqProblem
 *
 * Returns: (transfer none): short summary.
 */
const char *
chq_problem_get_title (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), NULL);

  return self->title;
}

/**
 * chq_problem_get_status:
 * @self: a #ChqProblem
 *
 * Returns: hTTP status code.
 */
guint
chq_problem_get_status (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), 0);

  return self->status;
}

/**
 * chq_problem_get_detail:
 * @self: a #ChqProblem
 *
 * Returns: (transfer none): explanation for people.
 */
const char *
chq_problem_get_detail (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), NULL);

  return self->detail;
}

/**
 * chq_problem_get_code:
 * @self: a #ChqProblem
 *
 * Returns: (transfer none): stable machine word, like ceiling_exceeded.
 */
const char *
chq_problem_get_code (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), NULL);

  return self->code;
}

/**
 * chq_problem_get_field:
 * @self: a #ChqProblem
 *
 * Returns: (transfer none) (nullable): the request field at fault, or %NULL.
 */
const char *
chq_problem_get_field (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), NULL);

  return self->field;
}

/**
 * chq_problem_get_left:
 * @self: a #ChqProblem
 *
 * Returns: vouchers left under the ceiling (ceiling_exceeded), or -1.
 */
int
chq_problem_get_left (ChqProblem *self)
{
  g_return_val_if_fail (CHQ_IS_PROBLEM (self), -1);

  return self->left;
}
