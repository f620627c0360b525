/* test-forms-printer.c: a printer's state in words, from what CUPS reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "forms-printer-private.h"

typedef struct
{
  FormsCupsQueueState state;
  gboolean accepting;
  const char *reasons; /* comma-separated */
  const char *message;
  FormsPrinterCondition expected;
  gboolean usable;
} Case;

static const Case cases[] = {
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "none", NULL, FORMS_PRINTER_CONDITION_READY, TRUE },
  { FORMS_CUPS_QUEUE_PROCESSING, TRUE, "none", NULL, FORMS_PRINTER_CONDITION_PRINTING, TRUE },
  { FORMS_CUPS_QUEUE_STOPPED, TRUE, "paused", NULL, FORMS_PRINTER_CONDITION_PAUSED, FALSE },
  { FORMS_CUPS_QUEUE_IDLE, FALSE, "none", NULL, FORMS_PRINTER_CONDITION_NOT_ACCEPTING, FALSE },
  { FORMS_CUPS_QUEUE_PROCESSING, TRUE, "media-empty-warning", NULL,
    FORMS_PRINTER_CONDITION_OUT_OF_PAPER, FALSE },
  { FORMS_CUPS_QUEUE_STOPPED, TRUE, "media-needed-error", NULL,
    FORMS_PRINTER_CONDITION_OUT_OF_PAPER, FALSE },
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "toner-low-report", NULL, FORMS_PRINTER_CONDITION_TONER_LOW,
    TRUE },
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "marker-supply-empty-error", NULL,
    FORMS_PRINTER_CONDITION_TONER_EMPTY, FALSE },
  { FORMS_CUPS_QUEUE_STOPPED, TRUE, "media-jam-error", NULL, FORMS_PRINTER_CONDITION_PAPER_JAM,
    FALSE },
  { FORMS_CUPS_QUEUE_STOPPED, TRUE, "door-open-error", NULL, FORMS_PRINTER_CONDITION_DOOR_OPEN,
    FALSE },
  { FORMS_CUPS_QUEUE_PROCESSING, TRUE, "none",
    "The printer may not exist or is unavailable at this time.", FORMS_PRINTER_CONDITION_OFFLINE,
    FALSE },
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "offline-report", NULL, FORMS_PRINTER_CONDITION_OFFLINE, FALSE },
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "cups-missing-filter-error", NULL, FORMS_PRINTER_CONDITION_ERROR,
    FALSE },
  /* the most serious reason wins */
  { FORMS_CUPS_QUEUE_STOPPED, TRUE, "toner-low-report,media-empty-error", NULL,
    FORMS_PRINTER_CONDITION_OUT_OF_PAPER, FALSE },
  /* a reason that only starts like a known one is not that one */
  { FORMS_CUPS_QUEUE_IDLE, TRUE, "media-empty-soon-report", NULL, FORMS_PRINTER_CONDITION_READY,
    TRUE },
};

static void
test_conditions (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (GStrv) reasons = g_strsplit (cases[i].reasons, ",", -1);
      char *no_reasons[] = { NULL };
      FormsCupsQueue queue = {
        .name = (char *) "Front_Desk",
        .is_default = TRUE,
        .state = cases[i].state,
        .accepting = cases[i].accepting,
        .state_message = (char *) cases[i].message,
        /* as the module gives them: "none" left out */
        .state_reasons = g_str_equal (cases[i].reasons, "none") ? no_reasons : reasons,
        .queued_jobs = 3,
      };
      g_autoptr (FormsPrinter) printer = forms_printer_new_from_queue (&queue);

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].reasons);
      g_assert_cmpint (forms_printer_get_condition (printer), ==, cases[i].expected);
      g_assert_cmpint (forms_printer_get_is_usable (printer), ==, cases[i].usable);
      g_assert_cmpuint (forms_printer_get_queued_jobs (printer), ==, 3);
      g_assert_true (forms_printer_get_is_default (printer));
      g_assert_cmpstr (forms_printer_get_description (printer), ==, "Front_Desk");
      g_assert_nonnull (forms_printer_get_status_text (printer));
    }
}

static void
test_words (void)
{
  g_assert_cmpstr (forms_printer_condition_to_string (FORMS_PRINTER_CONDITION_READY), ==, "Ready");
  g_assert_cmpstr (forms_printer_condition_to_string (FORMS_PRINTER_CONDITION_OUT_OF_PAPER), ==,
                   "Out of paper");
  g_assert_cmpstr (forms_printer_condition_to_string (FORMS_PRINTER_CONDITION_OFFLINE), ==,
                   "Offline");
  g_assert_cmpstr (forms_printer_condition_to_string (FORMS_PRINTER_CONDITION_TONER_LOW), ==,
                   "Ready, toner low");
}

int
main (int argc, char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/forms/printer/conditions", test_conditions);
  g_test_add_func ("/forms/printer/words", test_words);

  return g_test_run ();
}
