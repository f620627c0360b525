/* forms-cups.h: what the printer list, the printer and the print job ask of
 * CUPS, answered by a module loaded on first use
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcups brings GnuTLS, Kerberos, Avahi, p11-kit and a dozen more libraries
 * that the kiosk's first frame does not need. The libcups calls live in a
 * small module (forms-cups-module.c) that forms-cups.c opens the first time
 * a worker thread asks about printers or prints; this header is all the two
 * share, plain data and GErrors of FORMS_ERROR, no IPP.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* the module's file name, without the platform's suffix */
#define FORMS_CUPS_MODULE "forms-cups"
/* The one symbol it exports: a const FormsCupsBackend. Its name carries
 * the table's version, to be raised with any change to the table: a kiosk
 * left running across an upgrade then finds no table it knows in the new
 * module and says printing is not available, instead of calling the wrong
 * function. */
#define FORMS_CUPS_BACKEND forms_cups_backend_v1
#define FORMS_CUPS_BACKEND_SYMBOL G_STRINGIFY (FORMS_CUPS_BACKEND)

/* printer-state */
typedef enum
{
  FORMS_CUPS_QUEUE_IDLE,
  FORMS_CUPS_QUEUE_PROCESSING,
  FORMS_CUPS_QUEUE_STOPPED,
} FormsCupsQueueState;

/* job-state */
typedef enum
{
  FORMS_CUPS_JOB_PENDING,
  FORMS_CUPS_JOB_HELD,
  FORMS_CUPS_JOB_PROCESSING,
  FORMS_CUPS_JOB_STOPPED,
  FORMS_CUPS_JOB_CANCELED,
  FORMS_CUPS_JOB_ABORTED,
  FORMS_CUPS_JOB_COMPLETED,
} FormsCupsJobState;

/* a print queue as CUPS reports it */
typedef struct
{
  char *name;
  gboolean is_default;
  char *description; /* printer-info (nullable) */
  FormsCupsQueueState state;
  gboolean accepting;
  char *state_message; /* (nullable): never empty */
  GStrv state_reasons; /* "none" left out */
  guint queued_jobs;
} FormsCupsQueue;

static inline void
forms_cups_queue_free (FormsCupsQueue *queue)
{
  g_free (queue->name);
  g_free (queue->description);
  g_free (queue->state_message);
  g_strfreev (queue->state_reasons);
  g_free (queue);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FormsCupsQueue, forms_cups_queue_free)

/* Every call blocks and belongs on a worker thread; each fails with a
 * FORMS_ERROR. */
typedef struct
{
  /* the printers (no classes), (element-type FormsCupsQueue): empty when
   * none is set up */
  GPtrArray *(*list_queues) (GCancellable *cancellable, GError **error);
  FormsCupsQueue *(*get_queue) (const char *printer_name, GError **error);
  /* sends the PDF in @fd (read from its start) as a new job: A4, one copy,
   * printed at once; returns the job's id, or 0 with nothing left queued */
  int (*submit_pdf) (const char *printer_name,
                     const char *title,
                     int fd,
                     GCancellable *cancellable,
                     GError **error);
  gboolean (*get_job_state) (const char *printer_name,
                             int job_id,
                             FormsCupsJobState *state,
                             GError **error);
  /* @job_id 0: every job of the printer */
  gboolean (*cancel_jobs) (const char *printer_name, int job_id, GError **error);
} FormsCupsBackend;

const FormsCupsBackend *forms_cups_backend_get (GError **error);

G_END_DECLS
