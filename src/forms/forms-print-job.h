/* forms-print-job.h: one document sent to CUPS and followed to the end
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "forms-enums.h"
#include "forms-signature-form.h"

G_BEGIN_DECLS

typedef enum
{
  FORMS_JOB_STATUS_NEW,
  FORMS_JOB_STATUS_SUBMITTING,
  FORMS_JOB_STATUS_QUEUED,
  FORMS_JOB_STATUS_PRINTING,
  FORMS_JOB_STATUS_DONE,
  FORMS_JOB_STATUS_FAILED,
  FORMS_JOB_STATUS_CANCELLED,
} FormsJobStatus;

typedef enum
{
  FORMS_JOB_PROBLEM_NONE,
  FORMS_JOB_PROBLEM_OUT_OF_PAPER,
  FORMS_JOB_PROBLEM_PAPER_JAM,
  FORMS_JOB_PROBLEM_DOOR_OPEN,
  FORMS_JOB_PROBLEM_OUT_OF_TONER,
  FORMS_JOB_PROBLEM_PAUSED,
  FORMS_JOB_PROBLEM_OFFLINE,
  FORMS_JOB_PROBLEM_ERROR,
} FormsJobProblem;

#define FORMS_TYPE_PRINT_JOB (forms_print_job_get_type ())

G_DECLARE_FINAL_TYPE (FormsPrintJob, forms_print_job, FORMS, PRINT_JOB, GObject)

/* seconds a job may wait on an unreachable printer before it counts as offline */
#define FORMS_PRINT_JOB_DEFAULT_OFFLINE_AFTER 20

FormsPrintJob *forms_print_job_new (const char *printer_name, FormsSignatureForm *form);
FormsPrintJob *forms_print_job_new_test_page (const char *printer_name);

const char *forms_print_job_get_printer_name (FormsPrintJob *self);
int forms_print_job_get_job_id (FormsPrintJob *self);
FormsJobStatus forms_print_job_get_status (FormsPrintJob *self);
FormsJobProblem forms_print_job_get_problem (FormsPrintJob *self);
gboolean forms_print_job_get_finished (FormsPrintJob *self);
guint forms_print_job_get_offline_after (FormsPrintJob *self);
void forms_print_job_set_offline_after (FormsPrintJob *self, guint seconds);
const char *forms_print_job_get_status_text (FormsPrintJob *self);
const char *forms_print_job_get_problem_text (FormsPrintJob *self);

void forms_print_job_submit_async (FormsPrintJob *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean forms_print_job_submit_finish (FormsPrintJob *self, GAsyncResult *result, GError **error);

void forms_print_job_cancel_async (FormsPrintJob *self,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
gboolean forms_print_job_cancel_finish (FormsPrintJob *self, GAsyncResult *result, GError **error);

G_END_DECLS
