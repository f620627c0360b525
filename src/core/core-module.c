/* core-module.c: a library of the kiosk's own, opened on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Libraries that bring many others (libcurl, libcups) live in modules the
 * kiosk opens when it first needs them, so its first frame does not wait
 * for them. Where a module is looked for: the installed folder, and only
 * there when the module is installed. A program run uninstalled from the
 * build tree (tests, benchmarks, the demo) uses the folder its caller
 * names instead; no other program does, so neither a path compiled in nor
 * the environment can hand an installed kiosk another library.
 */

#include "config.h"

#include <gmodule.h>

#include "core-module.h"

/* Whether this program is one of the build tree's, run from there. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);

  return exe != NULL && g_str_has_prefix (exe, CORE_BUILD_ROOT);
}

/**
 * core_module_open:
 * @name: the module's name, as g_module_build_path() takes it
 * @symbol: what the module gives its caller
 * @build_dir: where a program of the build tree finds the module
 * @out_problem: (out): why there is none, when there is none
 *
 * Opens @name and looks up @symbol; the module stays open for the
 * program's life. Call it once (under g_once_init_enter()) and keep the
 * answer.
 *
 * Returns: (transfer none) (nullable): @symbol's address, or %NULL with
 *   @out_problem set (the installation is broken)
 */
gpointer
core_module_open (const char *name, const char *symbol, const char *build_dir, char **out_problem)
{
  g_autofree char *installed = g_module_build_path (KIOSK_MODULE_DIR, name);
  const char *dirs[] = { KIOSK_MODULE_DIR,
                         !g_file_test (installed, G_FILE_TEST_EXISTS) && running_from_build_tree ()
                             ? build_dir
                             : NULL };
  g_autoptr (GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = NULL;
      GModule *module;
      gpointer found = NULL;

      if (dirs[i] == NULL)
        continue;
      path = g_module_build_path (dirs[i], name);
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        continue;
      module = g_module_open (path, G_MODULE_BIND_LOCAL);
      if (module == NULL)
        {
          g_string_append_printf (problems, "%s; ", g_module_error ());
          continue;
        }
      if (g_module_symbol (module, symbol, &found) && found != NULL)
        return found;
      g_string_append_printf (problems, "%s has no %s; ", path, symbol);
      g_module_close (module);
    }
  *out_problem = problems->len > 0 ? g_string_free (g_steal_pointer (&problems), FALSE)
                                   : g_strdup_printf ("no %s module in %s", name, KIOSK_MODULE_DIR);
  return NULL;
}
