/* forms-printer.c: one print queue as CUPS last reported it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A printer is a snapshot: FormsPrinterList makes new ones on every refresh.
 * Its condition folds printer-state, printer-state-reasons and
 * printer-state-message into the one thing a person needs to know, most
 * serious first. CUPS does not notice that an idle queue's printer went away;
 * it says so in printer-state-message once a job cannot reach it, which is
 * what OFFLINE is judged from.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "forms-error.h"
#include "forms-printer-private.h"

struct _FormsPrinter
{
  GObject parent_instance;

  char *name;
  char *description;
  gboolean is_default;
  FormsPrinterCondition condition;
  char *state_message;
  GStrv state_reasons;
  guint queued_jobs;
};

G_DEFINE_FINAL_TYPE (FormsPrinter, forms_printer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_IS_DEFAULT,
  PROP_CONDITION,
  PROP_IS_USABLE,
  PROP_STATE_MESSAGE,
  PROP_QUEUED_JOBS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* what CUPS's backends write into printer-state-message when the device
 * cannot be reached; they keep retrying, so this is all there is to go on */
static const char *const offline_messages[] = {
  "may not exist",     "unavailable", "not responding", "Unable to locate printer",
  "Unable to connect", "offline",
};

/**
 * forms_printer_condition_to_string:
 *
 * Returns: the condition in words, in the current language
 */
const char *
forms_printer_condition_to_string (FormsPrinterCondition condition)
{
  switch (condition)
    {
      case FORMS_PRINTER_CONDITION_READY:
        return _ ("Ready");
      case FORMS_PRINTER_CONDITION_PRINTING:
        return _ ("Printing");
      case FORMS_PRINTER_CONDITION_TONER_LOW:
        return _ ("Ready, toner low");
      case FORMS_PRINTER_CONDITION_PAUSED:
        return _ ("Paused");
      case FORMS_PRINTER_CONDITION_NOT_ACCEPTING:
        return _ ("Not accepting jobs");
      case FORMS_PRINTER_CONDITION_OUT_OF_PAPER:
        return _ ("Out of paper");
      case FORMS_PRINTER_CONDITION_PAPER_JAM:
        return _ ("Paper jam");
      case FORMS_PRINTER_CONDITION_DOOR_OPEN:
        return _ ("A cover is open");
      case FORMS_PRINTER_CONDITION_TONER_EMPTY:
        return _ ("Out of toner");
      case FORMS_PRINTER_CONDITION_OFFLINE:
        return _ ("Offline");
      case FORMS_PRINTER_CONDITION_ERROR:
      default:
        return _ ("Printer error");
    }
}

static void
forms_printer_finalize (GObject *object)
{
  FormsPrinter *self = FORMS_PRINTER (object);

  g_free (self->name);
  g_free (self->description);
  g_free (self->state_message);
  g_strfreev (self->state_reasons);

  G_OBJECT_CLASS (forms_printer_parent_class)->finalize (object);
}

static void
forms_printer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  FormsPrinter *self = FORMS_PRINTER (object);

  switch (prop_id)
    {
      case PROP_NAME:
        g_value_set_string (value, self->name);
        break;
      case PROP_DESCRIPTION:
        g_value_set_string (value, forms_printer_get_description (self));
        break;
      case PROP_IS_DEFAULT:
        g_value_set_boolean (value, self->is_default);
        break;
      case PROP_CONDITION:
        g_value_set_enum (value, self->condition);
        break;
      case PROP_IS_USABLE:
        g_value_set_boolean (value, forms_printer_get_is_usable (self));
        break;
      case PROP_STATE_MESSAGE:
        g_value_set_string (value, self->state_message);
        break;
      case PROP_QUEUED_JOBS:
        g_value_set_uint (value, self->queued_jobs);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
forms_printer_class_init (FormsPrinterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = forms_printer_finalize;
  object_class->get_property = forms_printer_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  properties[PROP_IS_DEFAULT] = g_param_spec_boolean ("is-default", NULL, NULL, FALSE, flags);
  properties[PROP_CONDITION] = g_param_spec_enum (
      "condition", NULL, NULL, FORMS_TYPE_PRINTER_CONDITION, FORMS_PRINTER_CONDITION_READY, flags);
  properties[PROP_IS_USABLE] = g_param_spec_boolean ("is-usable", NULL, NULL, FALSE, flags);
  properties[PROP_STATE_MESSAGE] = g_param_spec_string ("state-message", NULL, NULL, NULL, flags);
  properties[PROP_QUEUED_JOBS] =
      g_param_spec_uint ("queued-jobs", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
forms_printer_init (FormsPrinter *self)
{
}

static gboolean
reason_matches (const char *reason, const char *keyword)
{
  gsize n = strlen (keyword);

  if (strncmp (reason, keyword, n) != 0)
    return FALSE;
  return reason[n] == '\0' || g_str_equal (reason + n, "-error") ||
         g_str_equal (reason + n, "-warning") || g_str_equal (reason + n, "-report");
}

/**
 * forms_printer_has_reason:
 * @reason: a printer-state-reasons keyword without its severity, e.g. "media-empty"
 *
 * Returns: whether CUPS reported @reason at any severity
 */
gboolean
forms_printer_has_reason (FormsPrinter *self, const char *reason)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), FALSE);

  for (guint i = 0; self->state_reasons != NULL && self->state_reasons[i] != NULL; i++)
    if (reason_matches (self->state_reasons[i], reason))
      return TRUE;
  return FALSE;
}

static gboolean
has_any_reason (FormsPrinter *self, const char *const *reasons)
{
  for (guint i = 0; reasons[i] != NULL; i++)
    if (forms_printer_has_reason (self, reasons[i]))
      return TRUE;
  return FALSE;
}

static gboolean
message_says_offline (const char *message)
{
  if (message == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (offline_messages); i++)
    if (strstr (message, offline_messages[i]) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
has_error_reason (FormsPrinter *self)
{
  for (guint i = 0; self->state_reasons != NULL && self->state_reasons[i] != NULL; i++)
    if (g_str_has_suffix (self->state_reasons[i], "-error"))
      return TRUE;
  return FALSE;
}

static FormsPrinterCondition
judge_condition (FormsPrinter *self, FormsCupsQueueState state, gboolean accepting)
{
  static const char *const offline[] = { "offline", "shutdown", "timed-out", NULL };
  static const char *const no_paper[] = { "media-empty", "media-needed", "input-tray-missing",
                                          NULL };
  static const char *const jam[] = { "media-jam", NULL };
  static const char *const door[] = { "door-open", "cover-open", "interlock-open", NULL };
  static const char *const no_toner[] = { "toner-empty", "marker-supply-empty", NULL };
  static const char *const low_toner[] = { "toner-low", "marker-supply-low", NULL };

  if (has_any_reason (self, offline) || message_says_offline (self->state_message))
    return FORMS_PRINTER_CONDITION_OFFLINE;
  if (has_any_reason (self, no_paper))
    return FORMS_PRINTER_CONDITION_OUT_OF_PAPER;
  if (has_any_reason (self, jam))
    return FORMS_PRINTER_CONDITION_PAPER_JAM;
  if (has_any_reason (self, door))
    return FORMS_PRINTER_CONDITION_DOOR_OPEN;
  if (has_any_reason (self, no_toner))
    return FORMS_PRINTER_CONDITION_TONER_EMPTY;
  if (state == FORMS_CUPS_QUEUE_STOPPED || forms_printer_has_reason (self, "paused"))
    return FORMS_PRINTER_CONDITION_PAUSED;
  if (!accepting)
    return FORMS_PRINTER_CONDITION_NOT_ACCEPTING;
  if (has_error_reason (self))
    return FORMS_PRINTER_CONDITION_ERROR;
  if (has_any_reason (self, low_toner))
    return FORMS_PRINTER_CONDITION_TONER_LOW;
  if (state == FORMS_CUPS_QUEUE_PROCESSING)
    return FORMS_PRINTER_CONDITION_PRINTING;
  return FORMS_PRINTER_CONDITION_READY;
}

/**
 * forms_printer_new_from_queue:
 * @queue: the queue as CUPS reported it
 *
 * Returns: (transfer full): a snapshot of the printer
 */
FormsPrinter *
forms_printer_new_from_queue (const FormsCupsQueue *queue)
{
  FormsPrinter *self = g_object_new (FORMS_TYPE_PRINTER, NULL);

  self->name = g_strdup (queue->name);
  self->is_default = queue->is_default;
  self->description = g_strdup (queue->description);
  self->state_message = g_strdup (queue->state_message);
  self->state_reasons = g_strdupv (queue->state_reasons);
  self->queued_jobs = queue->queued_jobs;
  self->condition = judge_condition (self, queue->state, queue->accepting);
  return self;
}

const char *
forms_printer_get_name (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), NULL);
  return self->name;
}

/**
 * forms_printer_get_description:
 *
 * Returns: the queue's description (printer-info), or its name
 */
const char *
forms_printer_get_description (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), NULL);
  return self->description != NULL && *self->description != '\0' ? self->description : self->name;
}

gboolean
forms_printer_get_is_default (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), FALSE);
  return self->is_default;
}

FormsPrinterCondition
forms_printer_get_condition (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), FORMS_PRINTER_CONDITION_ERROR);
  return self->condition;
}

/**
 * forms_printer_get_is_usable:
 *
 * Returns: whether a form sent now would come out without staff help
 */
gboolean
forms_printer_get_is_usable (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), FALSE);
  return self->condition == FORMS_PRINTER_CONDITION_READY ||
         self->condition == FORMS_PRINTER_CONDITION_PRINTING ||
         self->condition == FORMS_PRINTER_CONDITION_TONER_LOW;
}

const char *
forms_printer_get_state_message (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), NULL);
  return self->state_message;
}

/**
 * forms_printer_get_state_reasons:
 *
 * Returns: (transfer none) (array zero-terminated=1) (nullable): the raw
 * printer-state-reasons, "none" left out
 */
const char *const *
forms_printer_get_state_reasons (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), NULL);
  return (const char *const *) self->state_reasons;
}

guint
forms_printer_get_queued_jobs (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), 0);
  return self->queued_jobs;
}

/**
 * forms_printer_get_status_text:
 *
 * Returns: the printer's condition in words, in the current language
 */
const char *
forms_printer_get_status_text (FormsPrinter *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER (self), NULL);
  return forms_printer_condition_to_string (self->condition);
}

static void
cancel_all_jobs_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *name = task_data;
  GError *error = NULL;
  const FormsCupsBackend *cups = forms_cups_backend_get (&error);

  if (cups == NULL || !cups->cancel_jobs (name, 0, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * forms_printer_cancel_all_jobs_async:
 *
 * Cancels every job waiting at or printing on this printer (staff only).
 */
void
forms_printer_cancel_all_jobs_async (FormsPrinter *self,
                                     GCancellable *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (FORMS_IS_PRINTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, forms_printer_cancel_all_jobs_async);
  g_task_set_task_data (task, g_strdup (self->name), g_free);
  g_task_run_in_thread (task, cancel_all_jobs_thread);
}

gboolean
forms_printer_cancel_all_jobs_finish (FormsPrinter *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
