/* forms-cups.c: finds and opens the CUPS module, once, on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where: the installed folder, and only there when the module is installed.
 * A program run uninstalled from the build tree (tests, benchmarks, the
 * demo) uses the build tree's module instead, or the folder named by
 * PRACTITIONER_KIOSK_MODULE_DIR, so a test can take the module away; no
 * other program does, so neither a path compiled in nor the environment can
 * hand an installed kiosk another library.
 */

#include "config.h"

#include <gmodule.h>

#include "forms-cups.h"
#include "forms-error.h"

/* Whether this program is one of the build tree's, run from there. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, FORMS_BUILD_ROOT);
}

static const char *
build_tree_dir (void)
{
  const char *dir = g_getenv ("PRACTITIONER_KIOSK_MODULE_DIR");

  return dir != NULL ? dir : FORMS_CUPS_BUILD_DIR;
}

static const FormsCupsBackend *
load (char **out_problem)
{
  g_autofree char *installed = g_module_build_path (KIOSK_MODULE_DIR, FORMS_CUPS_MODULE);
  const char *dirs[] = { KIOSK_MODULE_DIR,
                         !g_file_test (installed, G_FILE_TEST_EXISTS) && running_from_build_tree ()
                             ? build_tree_dir ()
                             : NULL };
  g_autoptr (GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      GModule *module;
      gpointer backend = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_module_build_path (dirs[i], FORMS_CUPS_MODULE);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      module = g_module_open (path, G_MODULE_BIND_LOCAL);
      if (module == NULL)
        {
          g_string_append_printf (problems, "%s; ", g_module_error ());
          continue;
        }
      if (g_module_symbol (module, FORMS_CUPS_BACKEND_SYMBOL, &backend) && backend != NULL)
        return backend;
      g_string_append_printf (problems, "%s has no backend; ", path);
      g_module_close (module);
    }
  *out_problem = problems->len > 0
                     ? g_string_free (g_steal_pointer (&problems), FALSE)
                     : g_strdup_printf ("no %s module in %s", FORMS_CUPS_MODULE, KIOSK_MODULE_DIR);
  return NULL;
}

/**
 * forms_cups_backend_get:
 *
 * Opens the module the first time; safe from any thread.
 *
 * Returns: (transfer none): the backend, or %NULL with @error set
 *   (%FORMS_ERROR_UNAVAILABLE: the kiosk says printing is not available)
 *   when the module is missing or broken (the installation is)
 */
const FormsCupsBackend *
forms_cups_backend_get (GError **error)
{
  static gsize loaded = 0;
  static const FormsCupsBackend *backend;
  static char *problem;

  if (g_once_init_enter (&loaded))
    {
      backend = load (&problem);
      /* said once: every print-related call asks again */
      if (backend == NULL)
        g_warning ("cannot load the CUPS module: %s", problem);
      g_once_init_leave (&loaded, 1);
    }
  if (backend == NULL)
    g_set_error (error, FORMS_ERROR, FORMS_ERROR_UNAVAILABLE, "printing is not installed: %s",
                 problem);
  return backend;
}
