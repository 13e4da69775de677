/* chq-json.c: the JSON codec of the regional API (docs/api.md): its error domain, the
 * checks of the API's values, and the strict parser; the scanner, the model codec and the
 * API bodies are in chq-json-scan.c, chq-json-model.c, chq-json-fields.c and
 * chq-api-bodies.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "chq-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "chq-ident.h"
#include "chq-json.h"
#include "chq-json-check.h"
#include "chq-json-private.h"
#include "chq-value.h"

/* Error domain, with the path of the member at fault carried in the error itself. */

typedef struct {
  char *field; /* owned */
} ChqCodecErrorPrivate;

static void
chq_codec_error_private_init (ChqCodecErrorPrivate *priv)
{
  if (priv != NULL)
    priv->field = NULL;
}

static void
chq_codec_error_private_copy (const ChqCodecErrorPrivate *src,
                              ChqCodecErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    dest->field = g_strdup (src->field);
}

static void
chq_codec_error_private_clear (ChqCodecErrorPrivate *priv)
{
  if (priv != NULL)
    g_clear_pointer (&priv->field, g_free);
}

G_DEFINE_EXTENDED_ERROR (ChqCodecError, chq_codec_error)

/**
 * chq_codec_error_get_field:
 * @error: a #GError
 *
 * Returns: (nullable): the path of the JSON member @error is about
 *   (`sessions[1].starts_at`), or %NULL when @error is not a %CHQ_CODEC_ERROR or is about
 *   the whole document.
 */
const char *
chq_codec_error_get_field (const GError *error)
{
  ChqCodecErrorPrivate *priv;

  if (error == NULL || error->domain != CHQ_CODEC_ERROR)
    return NULL;

  priv = chq_codec_error_get_private (error);

  return priv != NULL ? priv->field : NULL;
}

gboolean
_chq_json_fail (GError        **error,
                ChqCodecError   code,
                GString        *path,
                gint64          limit)
{
  const char *field = (path != NULL && path->len > 0) ? path->str : NULL;
  const char *shown = field != NULL ? field : _("the answer");
  g_autofree char *what = NULL;
  ChqCodecErrorPrivate *priv;
  GError *local = NULL;

  switch (code)
    {
    case CHQ_CODEC_ERROR_MISSING_FIELD:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an incomplete answer: “%s” is missing."),
                              shown);
      break;

    case CHQ_CODEC_ERROR_WRONG_TYPE:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an invalid answer: “%s” has the wrong type."),
                              shown);
      break;

    case CHQ_CODEC_ERROR_TOO_LONG:
      if (field == NULL)
        /* Translators: %u is a number of bytes */
        what = g_strdup_printf (_("The service sent an answer larger than %u bytes."),
                                (guint) limit);
      else
        /* Translators: %s is the path of a JSON member; %u a number of characters */
        what = g_strdup_printf (_("The service sent an invalid answer: “%s” is longer than %u "
                                  "characters."),
                                shown, (guint) limit);
      break;

    case CHQ_CODEC_ERROR_NOT_JSON:
      what = g_strdup (_("The service sent an answer that is not valid JSON."));
      break;

    case CHQ_CODEC_ERROR_INVALID_VALUE:
    default:
      /* Translators: %s is the path of a JSON member, like sessions[1].starts_at */
      what = g_strdup_printf (_("The service sent an invalid answer: “%s” has a value "
                                "Chéquier does not accept."),
                              shown);
      break;
    }

  local = g_error_new (CHQ_CODEC_ERROR, code, "%s %s", what,
                       _("Try again later; if this keeps happening, Chéquier may need an "
                         "update to talk to this service."));
  priv = chq_codec_error_get_private (local);
  if (priv != NULL)
    priv->field = g_strdup (field);
  g_propagate_error (error, local);

  return FALSE;
}

gboolean
_chq_json_fail_at (GError        **error,
                   ChqCodecError   code,
                   GString        *path,
                   const char     *member)
{
  gsize mark = _chq_json_path_push (path, member);
  gboolean ret = _chq_json_fail (error, code, path, 0);

  _chq_json_path_pop (path, mark);

  return ret;
}

/* Value checks */

static gboolean
is_digits (const char *text,
           gsize       len)
{
  if (strlen (text) != len)
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Ids go into URL paths: 1 to 64 URL-unreserved characters. */
gboolean
_chq_json_check_id (const char *text)
{
  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != '~')
        return FALSE;
    }

  return TRUE;
}

gboolean
_chq_json_check_enterprise_number (const char *text)
{
  return is_digits (text, 10) && chq_enterprise_number_validate (text, NULL);
}

gboolean
_chq_json_check_niss (const char *text)
{
  return is_digits (text, 11) && chq_niss_validate (text, NULL);
}

/* "ddd/dddd/ddddd", the authorisation number: a structured communication without plusses. */
gboolean
_chq_json_check_authorisation_number (const char *text)
{
  if (strlen (text) != 14 || text[3] != '/' || text[8] != '/')
    return FALSE;

  for (guint i = 0; i < 14; i++)
    {
      if (i != 3 && i != 8 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  return chq_structured_communication_validate (text, NULL);
}

/* "+++ddd/dddd/ddddd+++" */
gboolean
_chq_json_check_communication (const char *text)
{
  g_autofree char *inner = NULL;

  if (strlen (text) != 20 || !g_str_has_prefix (text, "+++") || !g_str_has_suffix (text, "+++"))
    return FALSE;

  inner = g_strndup (text + 3, 14);

  return _chq_json_check_authorisation_number (inner);
}

/* Electronic form: "BE" and 14 digits, no spaces. */
gboolean
_chq_json_check_iban (const char *text)
{
  return g_str_has_prefix (text, "BE") && is_digits (text + 2, 14)
         && chq_iban_validate (text, NULL);
}

gboolean
_chq_json_check_postcode (const char *text)
{
  return is_digits (text, 4) && text[0] != '0';
}

gboolean
_chq_json_check_province (const char *text)
{
  return chq_province_is_valid (text);
}

/* ISO 639-1: two lowercase letters. */
gboolean
_chq_json_check_language (const char *text)
{
  return strlen (text) == 2 && g_ascii_islower (text[0]) && g_ascii_islower (text[1]);
}

/* Theme and code words: lowercase letters, digits and underscores. */
gboolean
_chq_json_check_word (const char *text)
{
  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
        return FALSE;
    }

  return TRUE;
}

/* The one e-mail rule, shared with the forms and the sandbox. */
gboolean
_chq_json_check_email (const char *text)
{
  return chq_email_is_valid (text);
}

/**
 * chq_json_is_valid_date:
 * @text: (nullable): text to check
 *
 * Returns: whether @text is a real calendar day written exactly "YYYY-MM-DD".
 */
gboolean
chq_json_is_valid_date (const char *text)
{
  return chq_date_is_valid (text);
}

/* "YYYY-MM-DDTHH:MM:SS", optional ".fraction", then "Z" or "+HH:MM"/"-HH:MM". GLib's own
 * ISO 8601 parser accepts many more forms (week dates, no offset); the contract does not. */
static gboolean
date_time_form_ok (const char *text)
{
  const char *p;

  if (strlen (text) < 20)
    return FALSE;
  if (text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return FALSE;
  for (guint i = 11; i < 19; i++)
    {
      if (i != 13 && i != 16 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  p = text + 19;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      while (g_ascii_isdigit (*p))
        p++;
    }

  if (p[0] == 'Z')
    return p[1] == '\0';

  return (p[0] == '+' || p[0] == '-') && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
         && p[3] == ':' && g_ascii_isdigit (p[4]) && g_ascii_isdigit (p[5]) && p[6] == '\0';
}

GDateTime *
_chq_json_parse_date_time (const char *text)
{
  g_autofree char *date = NULL;

  if (text == NULL || !date_time_form_ok (text))
    return NULL;

  date = g_strndup (text, 10);
  if (!chq_json_is_valid_date (date))
    return NULL;

  return g_date_time_new_from_iso8601 (text, NULL);
}

/**
 * chq_json_is_valid_date_time:
 * @text: (nullable): text to check
 *
 * Returns: whether @text is an RFC 3339 date-time with an offset, like
 *   "2027-01-12T09:00:00+01:00".
 */
gboolean
chq_json_is_valid_date_time (const char *text)
{
  g_autoptr(GDateTime) date_time = _chq_json_parse_date_time (text);

  return date_time != NULL;
}

/**
 * chq_json_format_date_time:
 * @date_time: a #GDateTime
 *
 * Returns: (transfer full): @date_time as the API writes it, to the second with its
 *   offset: "2027-01-12T09:00:00+01:00".
 */
char *
chq_json_format_date_time (GDateTime *date_time)
{
  g_autofree char *rest = NULL;

  g_return_val_if_fail (date_time != NULL, NULL);

  /* %Y does not pad: year 834 must be written 0834, or the text does not read back. */
  rest = g_date_time_format (date_time, "-%m-%dT%H:%M:%S%:z");
  return g_strdup_printf ("%04d%s", g_date_time_get_year (date_time), rest);
}

/* Parsing */

/**
 * chq_json_parse:
 * @data: the bytes of a JSON document
 * @len: their length
 * @max_bytes: the largest document accepted, or 0 for %CHQ_JSON_MAX_BYTES
 * @error: return location for a #GError
 *
 * Parses a document from a party that is not trusted. Before json-glib sees it, the text
 * is checked for size and by chq_json_check(): exactly one RFC 8259 document in UTF-8,
 * nested at most %CHQ_JSON_MAX_DEPTH deep (json-glib would follow any depth recursively),
 * with no `\u0000` or unpaired surrogate in a string and no integer past 64 bits (json-glib
 * would wrap it); the last two name the member at fault.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set.
 */
JsonNode *
chq_json_parse (const char  *data,
                gsize        len,
                gsize        max_bytes,
                GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  ChqJsonCheckFault fault;
  ChqJsonCheckResult checked;
  JsonNode *root;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (max_bytes == 0)
    max_bytes = CHQ_JSON_MAX_BYTES;
  if (len > max_bytes)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_TOO_LONG, NULL, (gint64) max_bytes), NULL;

  checked = chq_json_check (data, len, CHQ_JSON_MAX_DEPTH, &fault);
  if (checked != CHQ_JSON_CHECK_OK)
    {
      g_autoptr(GString) path = g_string_new (fault.path);

      g_debug ("Refused JSON (%d) at byte %" G_GSIZE_FORMAT, checked, fault.offset);
      chq_json_check_fault_clear (&fault);
      if (checked == CHQ_JSON_CHECK_BAD_TEXT || checked == CHQ_JSON_CHECK_BAD_NUMBER)
        return _chq_json_fail (error, CHQ_CODEC_ERROR_INVALID_VALUE, path, 0), NULL;
      return _chq_json_fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) len, &local_error))
    {
      g_debug ("Refused JSON: %s", local_error->message);
      return _chq_json_fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    return _chq_json_fail (error, CHQ_CODEC_ERROR_NOT_JSON, NULL, 0), NULL;

  return json_node_ref (root);
}
