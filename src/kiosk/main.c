/* main.c: practitioner-kiosk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>

#include <sodium.h>

#include "kiosk-application.h"
#include "kiosk-systemd.h"

int
main (int argc, char *argv[])
{
  g_autoptr (KioskApplication) app = NULL;

  /* before any thread or child process exists */
  kiosk_systemd_init ();
  kiosk_application_setup_memory ();
  kiosk_application_setup_locale ();
  /* a PDF renderer gone before it read all of a file is an error to
   * handle, not the end of the kiosk */
  signal (SIGPIPE, SIG_IGN);
  if (sodium_init () < 0)
    {
      g_printerr ("practitioner-kiosk: libsodium cannot initialise\n");
      return 1;
    }

  app = kiosk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
