/* registry-body.c: request bodies decoded by the route's description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A route that takes a flat JSON object of strings (the registration and
 * login calls) lists its members in its table row; every body is checked
 * the same way, and every problem is reported, each naming its member.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "core-error.h"
#include "core-filing.h"
#include "idcard-document.h"
#include "registry-body.h"

#define CODE_LENGTH 6

static void
add_field_error (GPtrArray *errors, CoreError code, const char *field, const char *message)
{
  GError *error = NULL;

  core_error_set_field (&error, code, field, "%s", message);
  g_ptr_array_add (errors, error);
}

static guint
count_members (const RegistryMember *members)
{
  guint n = 0;

  while (members[n].name != NULL)
    n++;
  return n;
}

static gboolean
is_code (const char *text)
{
  if (strlen (text) != CODE_LENGTH)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
    }
  return TRUE;
}

static char *
choices_text (const char *const *choices)
{
  g_autoptr (GString) text = g_string_new ("must be ");

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, choices[i + 1] == NULL ? " or " : ", ");
      g_string_append_printf (text, "\"%s\"", choices[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The document type of the body, when it has a valid one. */
static gboolean
body_document_type (const RegistryMember *members, char **values, IdcardDocumentType *out_type)
{
  for (guint i = 0; members[i].name != NULL; i++)
    {
      if (members[i].type == REGISTRY_MEMBER_DOC_TYPE)
        return values[i] != NULL && idcard_document_type_from_string (values[i], out_type);
    }
  return FALSE;
}

/* Checks (and normalises) one present value by its member's type. */
static void
check_value (const RegistryMember *members, guint i, char **values, GPtrArray *errors)
{
  const RegistryMember *member = &members[i];
  const char *value = values[i];
  IdcardDocumentType type;

  switch (member->type)
    {
      case REGISTRY_MEMBER_CHOICE:
        if (!g_strv_contains (member->choices, value))
          {
            g_autofree char *message = choices_text (member->choices);
            add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name, message);
          }
        break;
      case REGISTRY_MEMBER_DOC_TYPE:
        if (!idcard_document_type_from_string (value, &type))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name, "unknown document type");
        break;
      case REGISTRY_MEMBER_DOC_NUMBER:
        /* with an unknown document type there is no rule to check by */
        if (body_document_type (members, values, &type))
          {
            g_autoptr (GError) error = NULL;
            char *normalized = idcard_document_number_normalize (value);

            sodium_memzero (values[i], strlen (values[i]));
            g_free (values[i]);
            values[i] = normalized;
            if (!idcard_document_number_check (type, normalized, &error))
              add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name, error->message);
          }
        break;
      case REGISTRY_MEMBER_PHONE:
        if (!core_phone_is_mobile (value))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name,
                           "an 11-digit mainland mobile number");
        break;
      case REGISTRY_MEMBER_UUID:
        if (!g_uuid_string_is_valid (value))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name, "not a valid id");
        break;
      case REGISTRY_MEMBER_CODE:
        if (!is_code (value))
          add_field_error (errors, CORE_ERROR_INVALID_FIELD, member->name, "the code is 6 digits");
        break;
      case REGISTRY_MEMBER_TEXT:
      default:
        break;
    }
}

/**
 * registry_body_decode_members:
 * @root: a request body
 * @members: the route's members, ending with one without a name
 * @out_values: (out) (transfer full): each member's value, in the order of
 *   @members (%NULL where it is missing or bad); free with
 *   registry_body_members_free() whatever the result
 *
 * Every member is a required string of at most its length, checked by its
 * type; a body holding any other member is refused.
 *
 * Returns: (transfer full) (element-type GError): every problem found, each
 *   a %CORE_ERROR naming its member; empty when the body is good
 */
GPtrArray *
registry_body_decode_members (JsonNode *root, const RegistryMember *members, char ***out_values)
{
  GPtrArray *errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  guint n = count_members (members);
  char **values = g_new0 (char *, n + 1);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  *out_values = values;
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      GError *error = NULL;
      g_set_error_literal (&error, CORE_ERROR, CORE_ERROR_BAD_JSON, "the body is a JSON object");
      g_ptr_array_add (errors, error);
      return errors;
    }
  object = json_node_get_object (root);
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      gboolean known = FALSE;
      for (guint i = 0; i < n && !known; i++)
        known = g_strcmp0 (name, members[i].name) == 0;
      if (!known)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, name, "unknown member");
    }
  for (guint i = 0; i < n; i++)
    {
      node = json_object_get_member (object, members[i].name);
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        add_field_error (errors, CORE_ERROR_MISSING_FIELD, members[i].name, "required");
      else if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, members[i].name, "must be a string");
      else if (strlen (json_node_get_string (node)) > members[i].max_length)
        add_field_error (errors, CORE_ERROR_INVALID_FIELD, members[i].name, "too long");
      else
        values[i] = g_strdup (json_node_get_string (node));
    }
  for (guint i = 0; i < n; i++)
    {
      if (values[i] != NULL)
        check_value (members, i, values, errors);
    }
  return errors;
}

/**
 * registry_body_members_free:
 *
 * Frees what registry_body_decode_members() gave, wiping each value first
 * (members are passwords, codes and captcha answers).
 */
void
registry_body_members_free (char **values, const RegistryMember *members)
{
  guint n = count_members (members);

  for (guint i = 0; i < n; i++)
    {
      if (values[i] != NULL)
        sodium_memzero (values[i], strlen (values[i]));
      g_free (values[i]);
    }
  g_free (values);
}

/**
 * registry_body_media_type_accepted:
 * @content_type: (nullable): the request's Content-Type header
 *
 * Returns: whether a raw body of @content_type is one the route takes
 *   (parameters such as charset are not looked at)
 */
gboolean
registry_body_media_type_accepted (const RegistryBody *body, const char *content_type)
{
  g_autofree char *media_type = NULL;
  const char *end;

  if (body->media_types == NULL)
    return TRUE;
  if (content_type == NULL)
    return FALSE;
  end = strchr (content_type, ';');
  media_type = g_ascii_strdown (content_type, end != NULL ? end - content_type : -1);
  g_strstrip (media_type);
  return g_strv_contains (body->media_types, media_type);
}
