/* kiosk-record-list-page.c: a person's records of one kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One page for every kind of the kind table (its argument "kind" names
 * it): the records from the registry, newest first, each row its key
 * fields. An editable kind's rows have Edit and Delete, and the page Add
 * (while the kind's limit allows); Delete asks first, in a question that is
 * part of the page so an idle reset wipes it with the rest. A read-only
 * kind's rows open the record's details. Practice information lives only
 * on the registry: without it the page says so and keeps nothing.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-confirmation.h"
#include "kiosk-record-list-page.h"
#include "kiosk-record-list-page-private.h"
#include "kiosk-record-text.h"

struct _KioskRecordListPage
{
  KioskPage parent_instance;

  GtkWidget *add_button;
  GtkLabel *status_label;
  GtkListBox *list;
  KioskConfirmation *confirm_box;

  char *kind_name;
  const CoreRecordKind *kind;
  JsonArray *records;
  gboolean loaded;
  gint64 deleting; /* the id asked about */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskRecordListPage, kiosk_record_list_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (KioskRecordListPage *self);

static void
set_status (KioskRecordListPage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
clear_rows (KioskRecordListPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
hide_question (KioskRecordListPage *self)
{
  self->deleting = 0;
  kiosk_confirmation_set_message (self->confirm_box, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_box), FALSE);
  gtk_widget_set_sensitive (kiosk_confirmation_get_confirm_button (self->confirm_box), TRUE);
}

/* Forgets every record and every question: nothing of the person stays. */
static void
forget (KioskRecordListPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  clear_rows (self);
  hide_question (self);
  g_clear_pointer (&self->records, json_array_unref);
  self->loaded = FALSE;
  set_status (self, NULL);
}

static CoreDictionarySet *
dictionaries (KioskRecordListPage *self)
{
  return kiosk_services_get_dictionaries (kiosk_page_get_services (KIOSK_PAGE (self)));
}

static JsonObject *
record_at (KioskRecordListPage *self, guint index)
{
  if (self->records == NULL || index >= json_array_get_length (self->records))
    return NULL;
  return json_array_get_object_element (self->records, index);
}

static void
edit_clicked_cb (GtkButton *button, KioskRecordListPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  JsonObject *record = record_at (self, index);

  if (record != NULL)
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_RECORD_FORM, "kind", self->kind_name,
                         "record", record, NULL);
}

static void
details_clicked_cb (GtkButton *button, KioskRecordListPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  JsonObject *record = record_at (self, index);

  if (record != NULL)
    kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_RECORD_DETAIL, "kind", self->kind_name,
                         "record", record, NULL);
}

static void
delete_clicked_cb (GtkButton *button, KioskRecordListPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  JsonObject *record = record_at (self, index);
  g_autofree char *summary = NULL;

  if (record == NULL)
    return;
  summary = kiosk_record_text_summary (self->kind, record, dictionaries (self));
  self->deleting = kiosk_record_text_id (record);
  kiosk_confirmation_set_message (self->confirm_box, summary);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_box), TRUE);
  /* a key pressed keeps the record: deleting takes a tap of its own */
  gtk_widget_grab_focus (kiosk_confirmation_get_cancel_button (self->confirm_box));
}

static GtkWidget *
row_button (const char *label, const char *summary, guint index, GCallback callback, gpointer self)
{
  GtkWidget *button = gtk_button_new_with_label (label);
  /* TRANSLATORS: a button's accessible name: "Edit: <the record's key fields>" */
  g_autofree char *name = g_strdup_printf (_ ("%s: %s"), label, summary);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static void
show_records (KioskRecordListPage *self)
{
  guint n = self->records != NULL ? json_array_get_length (self->records) : 0;

  clear_rows (self);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *record = record_at (self, i);
      g_autofree char *summary =
          kiosk_record_text_summary (self->kind, record, dictionaries (self));
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
      GtkWidget *text = gtk_label_new (summary);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_widget_set_hexpand (text, TRUE);
      gtk_box_append (GTK_BOX (box), text);
      if (self->kind->editable)
        {
          /* Delete in the red of what cannot be undone, and first: Edit
           * keeps the right-hand place, above the page's primary action */
          GtkWidget *delete =
              row_button (_ ("Delete"), summary, i, G_CALLBACK (delete_clicked_cb), self);

          gtk_widget_add_css_class (delete, "destructive-action");
          gtk_box_append (GTK_BOX (box), delete);
          gtk_box_append (GTK_BOX (box),
                          row_button (_ ("Edit"), summary, i, G_CALLBACK (edit_clicked_cb), self));
        }
      else
        gtk_box_append (GTK_BOX (box), row_button (_ ("Details"), summary, i,
                                                   G_CALLBACK (details_clicked_cb), self));
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "record-row");
      /* the summary, and the names of the row and its buttons, quote the
       * record as it was written, in whatever language that was */
      gtk_widget_add_css_class (row, "proper-noun");
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                      -1);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (self->add_button, self->kind->editable);
  gtk_widget_set_sensitive (self->add_button, self->kind->editable && n < self->kind->max_records);
  if (n == 0)
    {
      /* named by the section, so a person who tapped the wrong tile sees it */
      g_autofree char *empty =
          self->kind->editable
              ? g_strdup_printf (_ ("No records in “%s” yet. Tap “Add” to enter one."),
                                 core_record_kind_get_title (self->kind))
              : g_strdup_printf (_ ("No records in “%s”. They are provided by the authorities "
                                    "and cannot be changed here."),
                                 core_record_kind_get_title (self->kind));

      set_status (self, empty);
    }
  else if (self->kind->editable && n >= self->kind->max_records)
    set_status (self, _ ("This section holds as many records as it may. Delete one to add "
                         "another."));
  else
    set_status (self, NULL);
}

static void
records_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordListPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonArray) records =
      sync_registry_records_list_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (records == NULL)
    {
      g_autofree char *problem = kiosk_record_text_problem (error);

      g_message ("listing %s records failed: %s", self->kind_name, error->message);
      set_status (self, problem);
      return;
    }
  g_clear_pointer (&self->records, json_array_unref);
  self->records = g_steal_pointer (&records);
  self->loaded = TRUE;
  show_records (self);
}

/* Dictionaries arrived: the codes in the rows become labels. */
static void
dictionaries_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordListPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!kiosk_services_refresh_dictionaries_finish (KIOSK_SERVICES (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("fetching the dictionaries failed: %s", error->message);
      return;
    }
  if (self->loaded)
    show_records (self);
}

static void
load (KioskRecordListPage *self)
{
  KioskServices *services = kiosk_page_get_services (KIOSK_PAGE (self));
  SyncRegistry *registry = kiosk_services_get_registry (services);
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (KIOSK_PAGE (self)));

  forget (self);
  if (self->kind == NULL)
    return;
  kiosk_page_set_title (KIOSK_PAGE (self), core_record_kind_get_title (self->kind));
  gtk_widget_set_visible (self->add_button, self->kind->editable);
  gtk_widget_set_sensitive (self->add_button, FALSE);
  if (kiosk_page_get_offline (KIOSK_PAGE (self)) || registry == NULL || token == NULL)
    {
      set_status (self, _ ("Practice information is kept on the registry, which this kiosk "
                           "cannot reach. Nothing can be shown or changed here now."));
      return;
    }
  set_status (self, _ ("Loading…"));
  self->cancellable = g_cancellable_new ();
  sync_registry_records_list_async (registry, token, self->kind, self->cancellable, records_cb,
                                    g_object_ref (self));
  if (kiosk_services_get_dictionaries (services) == NULL)
    kiosk_services_refresh_dictionaries_async (services, token, self->cancellable, dictionaries_cb,
                                               g_object_ref (self));
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskRecordListPage) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!sync_registry_record_delete_finish (SYNC_REGISTRY (source), result, &error))
    {
      g_autofree char *problem = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      problem = kiosk_record_text_problem (error);
      g_message ("deleting a %s record failed: %s", self->kind_name, error->message);
      hide_question (self);
      set_status (self, problem);
      return;
    }
  load (self);
}

static void
confirm_cb (KioskRecordListPage *self)
{
  SyncRegistry *registry =
      kiosk_services_get_registry (kiosk_page_get_services (KIOSK_PAGE (self)));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (KIOSK_PAGE (self)));

  if (self->deleting <= 0 || registry == NULL || token == NULL)
    return;
  gtk_widget_set_sensitive (kiosk_confirmation_get_confirm_button (self->confirm_box), FALSE);
  if (self->cancellable == NULL)
    self->cancellable = g_cancellable_new ();
  sync_registry_record_delete_async (registry, token, self->kind, self->deleting, self->cancellable,
                                     deleted_cb, g_object_ref (self));
}

static void
keep_cb (KioskRecordListPage *self)
{
  hide_question (self);
}

static void
add_cb (KioskRecordListPage *self)
{
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_RECORD_FORM, "kind", self->kind_name, "record",
                       NULL, NULL);
}

static void
kiosk_record_list_page_shown (KioskPage *page)
{
  load (KIOSK_RECORD_LIST_PAGE (page));
}

static void
kiosk_record_list_page_reset (KioskPage *page)
{
  forget (KIOSK_RECORD_LIST_PAGE (page));
}

static void
kiosk_record_list_page_dispose (GObject *object)
{
  KioskRecordListPage *self = KIOSK_RECORD_LIST_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->records, json_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_RECORD_LIST_PAGE);

  G_OBJECT_CLASS (kiosk_record_list_page_parent_class)->dispose (object);
}

static void
kiosk_record_list_page_finalize (GObject *object)
{
  KioskRecordListPage *self = KIOSK_RECORD_LIST_PAGE (object);

  g_free (self->kind_name);

  G_OBJECT_CLASS (kiosk_record_list_page_parent_class)->finalize (object);
}

static void
set_kind (KioskRecordListPage *self, const char *name)
{
  const CoreRecordKind *kind = name != NULL ? core_record_kind_lookup (name) : NULL;

  if (name != NULL && kind == NULL)
    g_critical ("no record kind %s", name);
  if (g_strcmp0 (self->kind_name, name) == 0)
    return;
  g_free (self->kind_name);
  self->kind_name = kind != NULL ? g_strdup (name) : NULL;
  self->kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

static void
kiosk_record_list_page_get_property (GObject *object,
                                     guint prop_id,
                                     GValue *value,
                                     GParamSpec *pspec)
{
  KioskRecordListPage *self = KIOSK_RECORD_LIST_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_string (value, self->kind_name);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_record_list_page_set_property (GObject *object,
                                     guint prop_id,
                                     const GValue *value,
                                     GParamSpec *pspec)
{
  KioskRecordListPage *self = KIOSK_RECORD_LIST_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        set_kind (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_record_list_page_class_init (KioskRecordListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_record_list_page_dispose;
  object_class->finalize = kiosk_record_list_page_finalize;
  object_class->get_property = kiosk_record_list_page_get_property;
  object_class->set_property = kiosk_record_list_page_set_property;
  page_class->shown = kiosk_record_list_page_shown;
  page_class->reset = kiosk_record_list_page_reset;

  /**
   * KioskRecordListPage:kind:
   *
   * The name of the record kind listed, e.g. "education" (an argument).
   */
  properties[PROP_KIND] =
      g_param_spec_string ("kind", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KIOSK_TYPE_CONFIRMATION);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-record-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskRecordListPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordListPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordListPage, list);
  gtk_widget_class_bind_template_child (widget_class, KioskRecordListPage, confirm_box);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_cb);
  gtk_widget_class_bind_template_callback (widget_class, keep_cb);
}

static void
kiosk_record_list_page_init (KioskRecordListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("My practice information"));
  /* the record asked about, as its row shows it: as it was written */
  gtk_widget_add_css_class (kiosk_confirmation_get_message_label (self->confirm_box),
                            "proper-noun");
}

const char *
kiosk_record_list_page_get_kind (KioskRecordListPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), NULL);
  return self->kind_name;
}

/* Whether the records shown are the registry's answer (not loading, not failed). */
gboolean
kiosk_record_list_page_get_loaded (KioskRecordListPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), FALSE);
  return self->loaded;
}

guint
kiosk_record_list_page_get_n_records (KioskRecordListPage *self)
{
  guint n = 0;

  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return n;
}

static GtkWidget *
nth_row_box (KioskRecordListPage *self, guint index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->list, (int) index);

  return row != NULL ? gtk_list_box_row_get_child (row) : NULL;
}

/**
 * kiosk_record_list_page_get_row_text:
 *
 * Returns: (nullable): what row @index shows
 */
const char *
kiosk_record_list_page_get_row_text (KioskRecordListPage *self, guint index)
{
  GtkWidget *box;

  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), NULL);

  box = nth_row_box (self, index);
  return box != NULL ? gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (box))) : NULL;
}

/**
 * kiosk_record_list_page_get_row_button:
 * @label: "Edit", "Delete" or "Details", as shown
 *
 * Returns: (transfer none) (nullable): that button of row @index
 */
GtkWidget *
kiosk_record_list_page_get_row_button (KioskRecordListPage *self, guint index, const char *label)
{
  GtkWidget *box;

  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), NULL);

  box = nth_row_box (self, index);
  for (GtkWidget *child = box != NULL ? gtk_widget_get_first_child (box) : NULL; child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
      return child;
  return NULL;
}

/**
 * kiosk_record_list_page_get_status:
 *
 * Returns: (nullable): the line above the list (loading, empty, a problem)
 */
const char *
kiosk_record_list_page_get_status (KioskRecordListPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
             ? gtk_label_get_text (self->status_label)
             : NULL;
}

/* Whether the page is asking before a deletion. */
gboolean
kiosk_record_list_page_get_asking (KioskRecordListPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->confirm_box));
}

/**
 * kiosk_record_list_page_get_question:
 *
 * Returns: (transfer none): the question asked before a deletion, with
 *   its two buttons
 */
GtkWidget *
kiosk_record_list_page_get_question (KioskRecordListPage *self)
{
  g_return_val_if_fail (KIOSK_IS_RECORD_LIST_PAGE (self), NULL);
  return GTK_WIDGET (self->confirm_box);
}
