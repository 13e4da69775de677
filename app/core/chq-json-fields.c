/* chq-json-fields.c: the field table of each model of the API (docs/api.md), the
 * checks across members, the look-up of a model's table by its type, and
 * chq_model_from_json(), chq_model_to_json() and their typed wrappers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <string.h>

#include "chq-json.h"
#include "chq-json-private.h"

/* Table shorthands */

#define STRING(n, p, lo, hi, chk) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_STRING, .min = lo, .max = hi, \
    .check = chk }
#define STRING_NULL(n, p, lo, hi, chk) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_STRING, \
    .flags = CHQ_JSON_FIELD_NULLABLE, .min = lo, .max = hi, .check = chk }
#define ID(n, p) STRING (n, p, 1, CHQ_JSON_MAX_ID, _chq_json_check_id)
#define DATE(n, p) { .name = n, .property = p, .kind = CHQ_JSON_FIELD_DATE }
#define DATE_NULL(n, p) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_DATE, .flags = CHQ_JSON_FIELD_NULLABLE }
#define DATE_TIME(n, p) { .name = n, .property = p, .kind = CHQ_JSON_FIELD_DATE_TIME }
#define DATE_TIME_NULL(n, p) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_DATE_TIME, \
    .flags = CHQ_JSON_FIELD_NULLABLE }
#define UINT(n, p, lo, hi) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_UINT, .min = lo, .max = hi }
#define AMOUNT(n, p) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_INT64, .min = 0, \
    .max = G_GINT64_CONSTANT (1) << 50 }
#define NUMBER(n, p, lo, hi, fl) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_DOUBLE, .flags = fl, .min = lo, .max = hi }
#define BOOLEAN(n, p) { .name = n, .property = p, .kind = CHQ_JSON_FIELD_BOOLEAN }
#define ENUM(n, p, t) { .name = n, .property = p, .kind = CHQ_JSON_FIELD_ENUM, .type = t }
#define WORDS(n, p, items, len, chk) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_WORDS, .min = items, .max = len, \
    .check = chk }
#define OBJECT(n, f) { .name = n, .kind = CHQ_JSON_FIELD_OBJECT, .fields = f }
#define LIST(n, p, m, items) \
  { .name = n, .property = p, .kind = CHQ_JSON_FIELD_LIST, .model = m, .max = items }
#define CUSTOM(n, r, w) { .name = n, .kind = CHQ_JSON_FIELD_CUSTOM, .read = r, .write = w }
#define END { NULL }

/* Account: ceilings[] becomes per-type values of the object. */

static gboolean
read_ceilings (GObject   *object,
               JsonNode  *node,
               GString   *path,
               GError   **error)
{
  gboolean seen[CHQ_N_VOUCHER_TYPES] = { FALSE, };
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);

  array = json_node_get_array (node);
  n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      static const char * const names[] = { "voucher_type", "ceiling", "ordered_this_year" };
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = _chq_json_path_push_index (path, i);
      ChqVoucherType type = CHQ_VOUCHER_TYPE_CF;
      gint64 numbers[2] = { 0, 0 };
      JsonObject *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0);
      entry = json_node_get_object (element);

      for (guint k = 0; k < G_N_ELEMENTS (names); k++)
        {
          gsize member_mark = _chq_json_path_push (path, names[k]);
          JsonNode *member = json_object_get_member (entry, names[k]);

          if (member == NULL)
            return _chq_json_fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0);

          if (k == 0)
            {
              const char *word = _chq_json_read_text (member, 1, CHQ_JSON_MAX_WORD, path, error);

              if (word == NULL)
                return FALSE;
              if (!chq_voucher_type_from_string (word, &type) || seen[type])
                return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
              seen[type] = TRUE;
            }
          else if (!_chq_json_read_integer (member, 0, CHQ_JSON_MAX_COUNT, &numbers[k - 1],
                                            path, error))
            {
              return FALSE;
            }

          _chq_json_path_pop (path, member_mark);
        }

      chq_account_set_ceiling (CHQ_ACCOUNT (object), type, (guint) numbers[0],
                               (guint) numbers[1]);
      _chq_json_path_pop (path, mark);
    }

  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      if (!seen[t])
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0);
    }

  return TRUE;
}

static void
write_ceilings (GObject       *object,
                ChqJsonWriter *writer)
{
  ChqAccount *account = CHQ_ACCOUNT (object);

  _chq_json_writer_begin_array (writer);
  for (guint t = 0; t < CHQ_N_VOUCHER_TYPES; t++)
    {
      _chq_json_writer_begin_object (writer);
      _chq_json_writer_member (writer, "voucher_type");
      _chq_json_writer_string (writer, chq_voucher_type_to_string (t));
      _chq_json_writer_member (writer, "ceiling");
      _chq_json_writer_int (writer, chq_account_get_ceiling (account, t));
      _chq_json_writer_member (writer, "ordered_this_year");
      _chq_json_writer_int (writer, chq_account_get_ordered_this_year (account, t));
      _chq_json_writer_end_object (writer);
    }
  _chq_json_writer_end_array (writer);
}

static const ChqJsonField account_fields[] = {
  STRING ("enterprise_number", "enterprise-number", 10, 10, _chq_json_check_enterprise_number),
  STRING ("name", "name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("kind", "kind", chq_account_kind_get_type),
  NUMBER ("fte", "fte", 0, 100000, 0),
  STRING ("authorisation_number", "authorisation-number", 14, 14,
          _chq_json_check_authorisation_number),
  DATE ("registration_valid_until", "registration-valid-until"),
  UINT ("year", "year", 2000, 9999),
  CUSTOM ("ceilings", read_ceilings, write_ceilings),
  END
};

static const ChqJsonModel account_model = { chq_account_get_type, account_fields, NULL };

/* Course */

static const ChqJsonField location_fields[] = {
  STRING ("city", "city", 1, CHQ_JSON_MAX_CITY, NULL),
  STRING ("postcode", "postcode", 4, 4, _chq_json_check_postcode),
  STRING ("province", "province", 1, CHQ_JSON_MAX_WORD, _chq_json_check_province),
  END
};

static const ChqJsonField course_session_fields[] = {
  ID ("id", "id"),
  DATE_TIME ("starts_at", "starts-at"),
  DATE_TIME ("ends_at", "ends-at"),
  STRING_NULL ("city", "city", 1, CHQ_JSON_MAX_CITY, NULL),
  UINT ("seats_left", "seats-left", 0, CHQ_JSON_MAX_COUNT),
  END
};

static const ChqJsonModel location_model = { chq_location_get_type, location_fields, NULL };

static gboolean validate_course_session (GObject  *object,
                                         GString  *path,
                                         GError  **error);

static const ChqJsonModel course_session_model = {
  chq_course_session_get_type, course_session_fields, validate_course_session
};

static const ChqJsonField provider_fields[] = {
  ID ("id", "provider-id"),
  STRING ("name", "provider-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("approval_number", "provider-approval-number", 1, CHQ_JSON_MAX_WORD, NULL),
  END
};

static const ChqJsonField course_fields[] = {
  ID ("id", "id"),
  STRING ("title", "title", 1, CHQ_JSON_MAX_TITLE, NULL),
  STRING ("summary", "summary", 0, CHQ_JSON_MAX_SUMMARY, NULL),
  STRING ("description", "description", 0, CHQ_JSON_MAX_DESCRIPTION, NULL),
  OBJECT ("provider", provider_fields),
  STRING ("module_approval", "module-approval", 1, CHQ_JSON_MAX_WORD, NULL),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  UINT ("hours", "hours", 1, 10000),
  AMOUNT ("price_cents", "price-cents"),
  WORDS ("themes", "themes", 32, CHQ_JSON_MAX_WORD, _chq_json_check_word),
  BOOLEAN ("ai", "ai"),
  ENUM ("format", "format", chq_course_format_get_type),
  WORDS ("languages", "languages", 16, CHQ_JSON_MAX_WORD, _chq_json_check_language),
  LIST ("locations", "locations", &location_model, 200),
  LIST ("sessions", "sessions", &course_session_model, 1000),
  DATE_TIME ("updated_at", "updated-at"),
  END
};

static gboolean
validate_course_session (GObject  *object,
                         GString  *path,
                         GError  **error)
{
  ChqCourseSession *session = CHQ_COURSE_SESSION (object);

  if (g_date_time_compare (chq_course_session_get_ends_at (session),
                           chq_course_session_get_starts_at (session)) < 0)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "ends_at");

  return TRUE;
}

static gboolean
validate_course (GObject  *object,
                 GString  *path,
                 GError  **error)
{
  ChqCourse *course = CHQ_COURSE (object);

  /* A distance course is given nowhere in particular. */
  if (chq_course_get_format (course) == CHQ_COURSE_FORMAT_DISTANCE
      && g_list_model_get_n_items (chq_course_get_locations (course)) > 0)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "locations");

  return TRUE;
}

static const ChqJsonModel course_model = { chq_course_get_type, course_fields, validate_course };

/* Order */

static const ChqJsonField payment_fields[] = {
  STRING ("iban", "payment-iban", 16, 16, _chq_json_check_iban),
  STRING ("beneficiary", "payment-beneficiary", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("communication", "payment-communication", 20, 20, _chq_json_check_communication),
  AMOUNT ("amount_cents", "payment-amount-cents"),
  END
};

static const ChqJsonField order_fields[] = {
  ID ("id", "id"),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  UINT ("quantity", "quantity", 1, CHQ_JSON_MAX_COUNT),
  AMOUNT ("amount_cents", "amount-cents"),
  ENUM ("status", "status", chq_order_status_get_type),
  DATE_TIME ("created_at", "created-at"),
  DATE_TIME_NULL ("paid_at", "paid-at"),
  DATE_TIME_NULL ("cancelled_at", "cancelled-at"),
  OBJECT ("payment", payment_fields),
  END
};

static gboolean
validate_order (GObject  *object,
                GString  *path,
                GError  **error)
{
  ChqOrder *order = CHQ_ORDER (object);
  gint64 amount = chq_order_get_amount_cents (order);

  /* The company's share of a voucher is EUR 15 (DOMAIN.md). */
  if (amount != (gint64) chq_order_get_quantity (order) * 1500)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "amount_cents");
  if (chq_order_get_payment_amount_cents (order) != amount)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "payment.amount_cents");
  if (chq_order_get_status (order) == CHQ_ORDER_STATUS_CREDITED
      && chq_order_get_paid_at (order) == NULL)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "paid_at");
  if (chq_order_get_status (order) == CHQ_ORDER_STATUS_CANCELLED
      && chq_order_get_cancelled_at (order) == NULL)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "cancelled_at");

  return TRUE;
}

static const ChqJsonModel order_model = { chq_order_get_type, order_fields, validate_order };

/* Voucher batch */

static const ChqJsonField voucher_batch_fields[] = {
  ID ("id", "id"),
  ID ("order_id", "order-id"),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  DATE ("credited_on", "credited-on"),
  DATE ("expires_on", "expires-on"),
  UINT ("quantity", "quantity", 1, CHQ_JSON_MAX_COUNT),
  UINT ("available", "available", 0, CHQ_JSON_MAX_COUNT),
  UINT ("reserved", "reserved", 0, CHQ_JSON_MAX_COUNT),
  UINT ("used", "used", 0, CHQ_JSON_MAX_COUNT),
  END
};

static gboolean
validate_voucher_batch (GObject  *object,
                        GString  *path,
                        GError  **error)
{
  ChqVoucherBatch *batch = CHQ_VOUCHER_BATCH (object);

  if (chq_voucher_batch_get_available (batch) + chq_voucher_batch_get_reserved (batch)
      + chq_voucher_batch_get_used (batch) != chq_voucher_batch_get_quantity (batch))
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "quantity");
  if (strcmp (chq_voucher_batch_get_expires_on (batch),
              chq_voucher_batch_get_credited_on (batch)) < 0)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "expires_on");

  return TRUE;
}

static const ChqJsonModel voucher_batch_model = {
  chq_voucher_batch_get_type, voucher_batch_fields, validate_voucher_batch
};

/* Worker */

const ChqJsonField _chq_json_worker_request_fields[] = {
  STRING ("first_name", "first-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("last_name", "last-name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("status", "status", chq_worker_status_get_type),
  STRING_NULL ("niss", "niss", 11, 11, _chq_json_check_niss),
  STRING_NULL ("email", "email", 3, CHQ_JSON_MAX_EMAIL, _chq_json_check_email),
  END
};

static const ChqJsonField worker_fields[] = {
  ID ("id", "id"),
  STRING ("first_name", "first-name", 1, CHQ_JSON_MAX_NAME, NULL),
  STRING ("last_name", "last-name", 1, CHQ_JSON_MAX_NAME, NULL),
  ENUM ("status", "status", chq_worker_status_get_type),
  STRING_NULL ("niss", "niss", 11, 11, _chq_json_check_niss),
  STRING_NULL ("email", "email", 3, CHQ_JSON_MAX_EMAIL, _chq_json_check_email),
  BOOLEAN ("archived", "archived"),
  NUMBER ("hours_this_year", "hours-this-year", 0, CHQ_JSON_MAX_COUNT, 0),
  END
};

static const ChqJsonModel worker_model = { chq_worker_get_type, worker_fields, NULL };

/* Enrolment: attendance[] is a GArray of ChqAttendanceDay. */

GArray *
_chq_json_read_attendance_days (JsonNode  *node,
                                guint      min_days,
                                GString   *path,
                                GError   **error)
{
  static const ChqJsonField hours_field =
    NUMBER ("hours", NULL, 0, 24, CHQ_JSON_FIELD_HALF_STEPS);
  g_autoptr(GArray) days = chq_attendance_days_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n < min_days || n > 366)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = _chq_json_path_push_index (path, i);
      ChqAttendanceDay day = { { 0, }, 0 };
      JsonObject *entry;
      JsonNode *member;
      const char *date;
      gsize member_mark;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_WRONG_TYPE, path, 0), NULL;
      entry = json_node_get_object (element);

      member_mark = _chq_json_path_push (path, "date");
      member = json_object_get_member (entry, "date");
      if (member == NULL)
        return _chq_json_fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0), NULL;
      date = _chq_json_read_text (member, 0, 0, path, error);
      if (date == NULL)
        return NULL;
      if (!chq_json_is_valid_date (date))
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      for (guint k = 0; k < days->len; k++)
        {
          if (strcmp (g_array_index (days, ChqAttendanceDay, k).date, date) == 0)
            return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
        }
      memcpy (day.date, date, 11);
      _chq_json_path_pop (path, member_mark);

      member_mark = _chq_json_path_push (path, "hours");
      member = json_object_get_member (entry, "hours");
      if (member == NULL)
        return _chq_json_fail (error, CHQ_CODEC_ERROR_MISSING_FIELD, path, 0), NULL;
      if (!_chq_json_read_number (member, &hours_field, &day.hours, path, error))
        return NULL;
      _chq_json_path_pop (path, member_mark);

      g_array_append_val (days, day);
      _chq_json_path_pop (path, mark);
    }

  return g_steal_pointer (&days);
}

void
_chq_json_write_attendance_days (GArray        *days,
                                 ChqJsonWriter *writer)
{
  _chq_json_writer_begin_array (writer);
  for (guint i = 0; days != NULL && i < days->len; i++)
    {
      const ChqAttendanceDay *day = &g_array_index (days, ChqAttendanceDay, i);

      _chq_json_writer_begin_object (writer);
      _chq_json_writer_member (writer, "date");
      _chq_json_writer_string (writer, day->date);
      _chq_json_writer_member (writer, "hours");
      _chq_json_writer_number (writer, day->hours);
      _chq_json_writer_end_object (writer);
    }
  _chq_json_writer_end_array (writer);
}

static gboolean
read_attendance (GObject   *object,
                 JsonNode  *node,
                 GString   *path,
                 GError   **error)
{
  g_autoptr(GArray) days = _chq_json_read_attendance_days (node, 0, path, error);

  if (days == NULL)
    return FALSE;

  g_object_set (object, "attendance", days, NULL);

  return TRUE;
}

static void
write_attendance (GObject       *object,
                  ChqJsonWriter *writer)
{
  _chq_json_write_attendance_days (chq_enrolment_get_attendance (CHQ_ENROLMENT (object)), writer);
}

static const ChqJsonField enrolment_fields[] = {
  ID ("id", "id"),
  ID ("worker_id", "worker-id"),
  ID ("course_id", "course-id"),
  ID ("session_id", "session-id"),
  ENUM ("status", "status", chq_enrolment_status_get_type),
  STRING ("usage_code", "usage-code", 1, CHQ_JSON_MAX_ID, NULL),
  UINT ("hours", "hours", 1, 10000),
  UINT ("vouchers_reserved", "vouchers-reserved", 0, CHQ_JSON_MAX_COUNT),
  UINT ("vouchers_used", "vouchers-used", 0, CHQ_JSON_MAX_COUNT),
  ENUM ("voucher_type", "voucher-type", chq_voucher_type_get_type),
  STRING ("course_title", "course-title", 1, CHQ_JSON_MAX_TITLE, NULL),
  STRING ("provider_name", "provider-name", 1, CHQ_JSON_MAX_NAME, NULL),
  DATE_TIME ("starts_at", "starts-at"),
  DATE_TIME ("ends_at", "ends-at"),
  CUSTOM ("attendance", read_attendance, write_attendance),
  NUMBER ("hours_attended", "hours-attended", 0, CHQ_JSON_MAX_COUNT, CHQ_JSON_FIELD_HALF_STEPS),
  DATE_TIME ("created_at", "created-at"),
  END
};

static gboolean
validate_enrolment (GObject  *object,
                    GString  *path,
                    GError  **error)
{
  ChqEnrolment *enrolment = CHQ_ENROLMENT (object);

  if (g_date_time_compare (chq_enrolment_get_ends_at (enrolment),
                           chq_enrolment_get_starts_at (enrolment)) < 0)
    return _chq_json_fail_at (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, "ends_at");

  return TRUE;
}

static const ChqJsonModel enrolment_model = {
  chq_enrolment_get_type, enrolment_fields, validate_enrolment
};

/* Problem */

static const ChqJsonField problem_fields[] = {
  STRING ("type", "problem-type", 1, CHQ_JSON_MAX_TEXT, NULL),
  STRING ("title", "title", 1, CHQ_JSON_MAX_TEXT, NULL),
  UINT ("status", "status", 100, 599),
  STRING ("detail", "detail", 0, CHQ_JSON_MAX_TEXT, NULL),
  STRING ("code", "code", 1, CHQ_JSON_MAX_WORD, _chq_json_check_word),
  STRING_NULL ("field", "field", 1, CHQ_JSON_MAX_WORD * 4, NULL),
  { .name = "left", .property = "left", .kind = CHQ_JSON_FIELD_INT,
    .flags = CHQ_JSON_FIELD_OPTIONAL, .min = 0, .max = CHQ_JSON_MAX_COUNT },
  END
};

static const ChqJsonModel problem_model = { chq_problem_get_type, problem_fields, NULL };

static const ChqJsonModel *const models[] = {
  &account_model,
  &course_model,
  &course_session_model,
  &location_model,
  &order_model,
  &voucher_batch_model,
  &worker_model,
  &enrolment_model,
  &problem_model,
};

const ChqJsonModel *
_chq_json_model_for_type (GType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    {
      if (models[i]->type () == type)
        return models[i];
    }

  return NULL;
}

/* A new object of @type read from @node, its members' paths under @path. */
GObject *
_chq_json_model_from_json_at (GType      type,
                              JsonNode  *node,
                              GString   *path,
                              GError   **error)
{
  const ChqJsonModel *model = _chq_json_model_for_type (type);
  g_autoptr(GObject) object = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  object = g_object_new (type, NULL);
  if (!_chq_json_read_model_node (object, node, model, path, error))
    return NULL;

  return g_steal_pointer (&object);
}

/**
 * chq_model_from_json:
 * @type: the GType of a model: %CHQ_TYPE_ACCOUNT, %CHQ_TYPE_COURSE,
 *   %CHQ_TYPE_COURSE_SESSION, %CHQ_TYPE_LOCATION, %CHQ_TYPE_ORDER,
 *   %CHQ_TYPE_VOUCHER_BATCH, %CHQ_TYPE_WORKER, %CHQ_TYPE_ENROLMENT or %CHQ_TYPE_PROBLEM
 * @node: a JSON object
 * @error: return location for a #GError
 *
 * Reads a model from its JSON object, strictly (see docs/api.md for every member's rules).
 *
 * Returns: (transfer full): a new object of @type, or %NULL with @error set.
 */
GObject *
chq_model_from_json (GType      type,
                     JsonNode  *node,
                     GError   **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  return _chq_json_model_from_json_at (type, node, path, error);
}

/**
 * _chq_json_write_any_model:
 * @model: an object of one of the model types
 * @writer: where to write its JSON object
 */
void
_chq_json_write_any_model (GObject       *model,
                           ChqJsonWriter *writer)
{
  const ChqJsonModel *descriptor = _chq_json_model_for_type (G_OBJECT_TYPE (model));

  g_return_if_fail (descriptor != NULL);

  _chq_json_write_model (model, descriptor, writer);
}

/**
 * chq_model_to_json:
 * @model: an object of one of the model types
 *
 * Returns: (transfer full): the JSON object of @model, with every member of the contract
 *   (nullable ones written as null).
 */
JsonNode *
chq_model_to_json (GObject *model)
{
  g_autoptr(JsonBuilder) builder = NULL;
  ChqJsonWriter writer;

  g_return_val_if_fail (G_IS_OBJECT (model), NULL);
  g_return_val_if_fail (_chq_json_model_for_type (G_OBJECT_TYPE (model)) != NULL, NULL);

  builder = json_builder_new ();
  _chq_json_writer_init_builder (&writer, builder);
  _chq_json_write_any_model (model, &writer);

  return json_builder_get_root (builder);
}

/**
 * chq_model_to_text:
 * @model: an object of one of the model types
 * @out_len: (out) (optional): the text's length in bytes
 *
 * What chq_json_to_string() prints for chq_model_to_json(), written straight as text.
 *
 * Returns: (transfer full): the compact JSON text of @model
 */
char *
chq_model_to_text (GObject *model,
                   gsize   *out_len)
{
  ChqJsonWriter writer;

  g_return_val_if_fail (G_IS_OBJECT (model), NULL);
  g_return_val_if_fail (_chq_json_model_for_type (G_OBJECT_TYPE (model)) != NULL, NULL);

  _chq_json_writer_init_text (&writer);
  _chq_json_write_any_model (model, &writer);

  return _chq_json_writer_end_text (&writer, out_len);
}

/* The typed wrappers. */
#define CHQ_DEFINE_MODEL_CODEC(TypeName, type_name, TYPE)                                \
  TypeName *                                                                              \
  type_name##_from_json (JsonNode  *node,                                                 \
                         GError   **error)                                                \
  {                                                                                       \
    return (TypeName *) chq_model_from_json (TYPE, node, error);                          \
  }                                                                                       \
                                                                                          \
  JsonNode *                                                                              \
  type_name##_to_json (TypeName *self)                                                    \
  {                                                                                       \
    g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (self, TYPE), NULL);                 \
    return chq_model_to_json (G_OBJECT (self));                                           \
  }

/**
 * chq_account_from_json: (skip)
 * chq_account_to_json: (skip)
 * chq_course_from_json: (skip)
 * chq_course_to_json: (skip)
 * chq_course_session_from_json: (skip)
 * chq_course_session_to_json: (skip)
 * chq_location_from_json: (skip)
 * chq_location_to_json: (skip)
 * chq_order_from_json: (skip)
 * chq_order_to_json: (skip)
 * chq_voucher_batch_from_json: (skip)
 * chq_voucher_batch_to_json: (skip)
 * chq_worker_from_json: (skip)
 * chq_worker_to_json: (skip)
 * chq_enrolment_from_json: (skip)
 * chq_enrolment_to_json: (skip)
 * chq_problem_from_json: (skip)
 * chq_problem_to_json: (skip)
 *
 * chq_model_from_json() and chq_model_to_json() for one type each.
 */
CHQ_DEFINE_MODEL_CODEC (ChqAccount, chq_account, CHQ_TYPE_ACCOUNT)
CHQ_DEFINE_MODEL_CODEC (ChqCourse, chq_course, CHQ_TYPE_COURSE)
CHQ_DEFINE_MODEL_CODEC (ChqCourseSession, chq_course_session, CHQ_TYPE_COURSE_SESSION)
CHQ_DEFINE_MODEL_CODEC (ChqLocation, chq_location, CHQ_TYPE_LOCATION)
CHQ_DEFINE_MODEL_CODEC (ChqOrder, chq_order, CHQ_TYPE_ORDER)
CHQ_DEFINE_MODEL_CODEC (ChqVoucherBatch, chq_voucher_batch, CHQ_TYPE_VOUCHER_BATCH)
CHQ_DEFINE_MODEL_CODEC (ChqWorker, chq_worker, CHQ_TYPE_WORKER)
CHQ_DEFINE_MODEL_CODEC (ChqEnrolment, chq_enrolment, CHQ_TYPE_ENROLMENT)
CHQ_DEFINE_MODEL_CODEC (ChqProblem, chq_problem, CHQ_TYPE_PROBLEM)
