/* forms-printer-list.c: the printers CUPS knows, as a list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A refresh asks CUPS (forms-cups.h) for its destinations (cupsGetDests2,
 * which also honours the configured default and lpoptions) and then for each
 * queue's state, on a worker thread; the model changes on the main context in
 * one go. Classes of printers and instances are left out: a kiosk prints on
 * real queues.
 */

#include "config.h"

#include "forms-error.h"
#include "forms-printer-list.h"
#include "forms-printer-private.h"

struct _FormsPrinterList
{
  GObject parent_instance;

  GPtrArray *printers;
};

static void forms_printer_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FormsPrinterList,
                               forms_printer_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      forms_printer_list_model_init))

static GType
forms_printer_list_get_item_type (GListModel *model)
{
  return FORMS_TYPE_PRINTER;
}

static guint
forms_printer_list_get_n_items (GListModel *model)
{
  return FORMS_PRINTER_LIST (model)->printers->len;
}

static gpointer
forms_printer_list_get_item (GListModel *model, guint position)
{
  FormsPrinterList *self = FORMS_PRINTER_LIST (model);

  if (position >= self->printers->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->printers, position));
}

static void
forms_printer_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = forms_printer_list_get_item_type;
  iface->get_n_items = forms_printer_list_get_n_items;
  iface->get_item = forms_printer_list_get_item;
}

static void
forms_printer_list_finalize (GObject *object)
{
  FormsPrinterList *self = FORMS_PRINTER_LIST (object);

  g_ptr_array_unref (self->printers);

  G_OBJECT_CLASS (forms_printer_list_parent_class)->finalize (object);
}

static void
forms_printer_list_class_init (FormsPrinterListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = forms_printer_list_finalize;
}

static void
forms_printer_list_init (FormsPrinterList *self)
{
  self->printers = g_ptr_array_new_with_free_func (g_object_unref);
}

FormsPrinterList *
forms_printer_list_new (void)
{
  return g_object_new (FORMS_TYPE_PRINTER_LIST, NULL);
}

/* Asks CUPS; blocks. */
static GPtrArray *
list_printers (GCancellable *cancellable, GError **error)
{
  const FormsCupsBackend *cups = forms_cups_backend_get (error);
  g_autoptr (GPtrArray) queues = NULL;
  GPtrArray *printers;

  if (cups == NULL)
    return NULL;
  queues = cups->list_queues (cancellable, error);
  if (queues == NULL)
    return NULL;
  printers = g_ptr_array_new_full (queues->len, g_object_unref);
  for (guint i = 0; i < queues->len; i++)
    g_ptr_array_add (printers, forms_printer_new_from_queue (g_ptr_array_index (queues, i)));
  return printers;
}

static void
refresh_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr (GPtrArray) printers = list_printers (cancellable, &error);

  if (printers == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_pointer (task, g_steal_pointer (&printers), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * forms_printer_list_query_default:
 *
 * Asks CUPS for the default printer and its state. Blocks: for worker
 * threads, such as the kiosk's health reports.
 *
 * Returns: (transfer full) (nullable): the default printer; %NULL with
 *   @error set when CUPS cannot be asked, without when there is none
 */
FormsPrinter *
forms_printer_list_query_default (GError **error)
{
  g_autoptr (GPtrArray) printers = list_printers (NULL, error);

  if (printers == NULL)
    return NULL;
  for (guint i = 0; i < printers->len; i++)
    if (forms_printer_get_is_default (g_ptr_array_index (printers, i)))
      return g_object_ref (g_ptr_array_index (printers, i));
  return NULL;
}

/**
 * forms_printer_list_refresh_async:
 *
 * Asks CUPS again; the model's items are replaced when it answers.
 */
void
forms_printer_list_refresh_async (FormsPrinterList *self,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (FORMS_IS_PRINTER_LIST (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, forms_printer_list_refresh_async);
  g_task_run_in_thread (task, refresh_thread);
}

gboolean
forms_printer_list_refresh_finish (FormsPrinterList *self, GAsyncResult *result, GError **error)
{
  g_autoptr (GPtrArray) printers = NULL;
  guint removed;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  printers = g_task_propagate_pointer (G_TASK (result), error);
  if (printers == NULL)
    return FALSE;

  removed = self->printers->len;
  g_ptr_array_unref (self->printers);
  self->printers = g_steal_pointer (&printers);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->printers->len);
  return TRUE;
}

/**
 * forms_printer_list_get_default:
 *
 * Returns: (transfer none) (nullable): the configured default printer
 */
FormsPrinter *
forms_printer_list_get_default (FormsPrinterList *self)
{
  g_return_val_if_fail (FORMS_IS_PRINTER_LIST (self), NULL);

  for (guint i = 0; i < self->printers->len; i++)
    if (forms_printer_get_is_default (g_ptr_array_index (self->printers, i)))
      return g_ptr_array_index (self->printers, i);
  return NULL;
}

/**
 * forms_printer_list_find:
 *
 * Returns: (transfer none) (nullable): the printer called @name
 */
FormsPrinter *
forms_printer_list_find (FormsPrinterList *self, const char *name)
{
  g_return_val_if_fail (FORMS_IS_PRINTER_LIST (self), NULL);

  for (guint i = 0; i < self->printers->len; i++)
    if (g_strcmp0 (forms_printer_get_name (g_ptr_array_index (self->printers, i)), name) == 0)
      return g_ptr_array_index (self->printers, i);
  return NULL;
}
