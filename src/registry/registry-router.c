/* registry-router.c: which route a method and path ask for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The router holds a table of routes (registry-api.c), each pattern split
 * once into literal segments and {named} parameters. A path is split into
 * segments, each %-decoded on its own, so that an escaped "/" can never
 * move a segment boundary. When several patterns match one path, the most
 * specific wins: at the first segment where they differ, a literal beats a
 * parameter (`/v1/me/signature-form` before `/v1/me/{kind}`). Among the
 * routes of that pattern the method decides; when none takes it the answer
 * is 405 with an Allow header listing those that do, from the table.
 * Routing needs no database and runs on the server's main context.
 */

#include "config.h"

#include <string.h>

#include "registry-router.h"

/* More segments than any route has; the rest of a longer path stays in the
 * last one, which then matches nothing. */
#define MAX_SEGMENTS 16

typedef struct
{
  const RegistryRoute *route;
  GStrv segments;     /* literal text, or the parameter's name */
  gboolean *is_param; /* per segment */
  guint n_segments;
} CompiledRoute;

struct _RegistryRouter
{
  GObject parent_instance;

  CompiledRoute *routes;
  guint n_routes;
};

G_DEFINE_FINAL_TYPE (RegistryRouter, registry_router, G_TYPE_OBJECT)

static void
registry_router_finalize (GObject *object)
{
  RegistryRouter *self = REGISTRY_ROUTER (object);

  for (guint i = 0; i < self->n_routes; i++)
    {
      g_strfreev (self->routes[i].segments);
      g_free (self->routes[i].is_param);
    }
  g_free (self->routes);

  G_OBJECT_CLASS (registry_router_parent_class)->finalize (object);
}

static void
registry_router_class_init (RegistryRouterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = registry_router_finalize;
}

static void
registry_router_init (RegistryRouter *self)
{
}

/* A pattern is "/" and segments; a segment is literal text or "{name}". */
static gboolean
compile (const RegistryRoute *route, CompiledRoute *out)
{
  g_auto (GStrv) parts = NULL;
  guint n;

  if (route->pattern == NULL || route->pattern[0] != '/' || route->method == NULL ||
      route->handler == NULL)
    return FALSE;
  parts = g_strsplit (route->pattern + 1, "/", -1);
  n = g_strv_length (parts);
  if (n == 0 || n > MAX_SEGMENTS - 1)
    return FALSE;
  out->route = route;
  out->n_segments = n;
  out->is_param = g_new0 (gboolean, n);
  out->segments = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (parts[i]);

      if (len == 0)
        return FALSE;
      if (parts[i][0] == '{' && parts[i][len - 1] == '}' && len > 2)
        {
          out->is_param[i] = TRUE;
          out->segments[i] = g_strndup (parts[i] + 1, len - 2);
        }
      else if (strchr (parts[i], '{') != NULL || strchr (parts[i], '}') != NULL)
        return FALSE;
      else
        out->segments[i] = g_strdup (parts[i]);
    }
  return TRUE;
}

/**
 * registry_router_new:
 * @routes: (array length=n_routes): the table; it must outlive the router
 *
 * A row whose pattern is malformed is a mistake in the program: it is
 * reported and left out.
 */
RegistryRouter *
registry_router_new (const RegistryRoute *routes, guint n_routes)
{
  RegistryRouter *self = g_object_new (REGISTRY_TYPE_ROUTER, NULL);

  self->routes = g_new0 (CompiledRoute, n_routes);
  for (guint i = 0; i < n_routes; i++)
    {
      CompiledRoute *compiled = &self->routes[self->n_routes];

      if (compile (&routes[i], compiled))
        self->n_routes++;
      else
        {
          g_critical ("route %s %s is malformed; it is left out", routes[i].method,
                      routes[i].pattern);
          g_clear_pointer (&compiled->segments, g_strfreev);
          g_clear_pointer (&compiled->is_param, g_free);
        }
    }
  return self;
}

/* Splits the raw (still %-encoded) path into decoded segments; empty
 * segments but the last are dropped ("/v1//health" is "/v1/health"). An
 * escape that is malformed or decodes to NUL or "/" makes the whole path
 * bad. Returns %NULL for a bad path. */
static char **
split_path (const char *path)
{
  g_auto (GStrv) raw = g_strsplit (path, "/", MAX_SEGMENTS);
  g_autoptr (GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  char *segment;

  for (guint i = 0; raw[i] != NULL; i++)
    {
      if (raw[i][0] == '\0' && raw[i + 1] != NULL)
        continue;
      segment = g_uri_unescape_string (raw[i], "/");
      if (segment == NULL)
        return NULL;
      g_ptr_array_add (segments, segment);
    }
  g_ptr_array_add (segments, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&segments), FALSE);
}

static gboolean
matches (const CompiledRoute *route, char **segments, guint n)
{
  if (route->n_segments != n)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      if (route->is_param[i] ? segments[i][0] == '\0'
                             : strcmp (route->segments[i], segments[i]) != 0)
        return FALSE;
    }
  return TRUE;
}

/* >0 when @a is more specific than @b: a literal where @b has a parameter
 * at the first segment where they differ. */
static int
compare_specificity (const CompiledRoute *a, const CompiledRoute *b)
{
  for (guint i = 0; i < a->n_segments && i < b->n_segments; i++)
    {
      if (a->is_param[i] != b->is_param[i])
        return a->is_param[i] ? -1 : 1;
    }
  return 0;
}

static gboolean
same_pattern (const CompiledRoute *a, const CompiledRoute *b)
{
  return strcmp (a->route->pattern, b->route->pattern) == 0;
}

static gboolean
method_matches (const char *route_method, const char *method)
{
  return g_strcmp0 (route_method, method) == 0 ||
         (g_strcmp0 (method, "HEAD") == 0 && g_strcmp0 (route_method, "GET") == 0);
}

static GHashTable *
take_params (const CompiledRoute *route, char **segments)
{
  GHashTable *params = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < route->n_segments; i++)
    {
      if (route->is_param[i])
        g_hash_table_replace (params, g_strdup (route->segments[i]), g_strdup (segments[i]));
    }
  return params;
}

/**
 * registry_router_match:
 * @path: the path as it came, still %-encoded
 * @out_params: (out) (transfer full) (element-type utf8 utf8): the path's
 *   named parameters, decoded
 * @out_error: set to the answer when no route takes the request: 400 for a
 *   path with a broken escape, 404 for no resource, 405 (with Allow) for a
 *   resource that does not take @method
 *
 * Returns: (nullable): the route
 */
const RegistryRoute *
registry_router_match (RegistryRouter *self,
                       const char *method,
                       const char *path,
                       GHashTable **out_params,
                       RegistryResponse *out_error)
{
  g_auto (GStrv) segments = NULL;
  g_autoptr (GPtrArray) allowed = NULL;
  const CompiledRoute *best = NULL;
  guint n;

  g_return_val_if_fail (REGISTRY_IS_ROUTER (self), NULL);

  *out_params = NULL;
  if (path == NULL || strlen (path) > REGISTRY_ROUTER_MAX_PATH)
    {
      registry_response_set_error (out_error, CORE_API_ERROR_NOT_FOUND, "no such resource");
      return NULL;
    }
  segments = split_path (path);
  if (segments == NULL)
    {
      registry_response_set_error (out_error, CORE_API_ERROR_BAD_REQUEST,
                                   "the path has a malformed %-escape, or one for NUL or \"/\"");
      return NULL;
    }
  n = g_strv_length (segments);

  /* the most specific pattern that matches */
  for (guint i = 0; i < self->n_routes; i++)
    {
      const CompiledRoute *route = &self->routes[i];
      if (matches (route, segments, n) && (best == NULL || compare_specificity (route, best) > 0))
        best = route;
    }
  if (best == NULL)
    {
      registry_response_set_error (out_error, CORE_API_ERROR_NOT_FOUND, "no such resource");
      return NULL;
    }

  /* its method, or the methods it takes */
  allowed = g_ptr_array_new ();
  for (guint i = 0; i < self->n_routes; i++)
    {
      const CompiledRoute *route = &self->routes[i];

      if (!same_pattern (route, best))
        continue;
      if (method_matches (route->route->method, method))
        {
          *out_params = take_params (route, segments);
          return route->route;
        }
      if (!g_ptr_array_find_with_equal_func (allowed, route->route->method, g_str_equal, NULL))
        g_ptr_array_add (allowed, (gpointer) route->route->method);
    }
  g_ptr_array_add (allowed, NULL);
  registry_response_set_error (out_error, CORE_API_ERROR_METHOD_NOT_ALLOWED,
                               "this resource does not take that method");
  out_error->allow = g_strjoinv (", ", (char **) allowed->pdata);
  return NULL;
}
