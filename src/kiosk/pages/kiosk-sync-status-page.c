/* kiosk-sync-status-page.c: staff see what waits for the registry and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync engine's state in words, the queued and parked counts, the last
 * success and the last error; the filings the registry refused (parked) with
 * its reasons, each with "Send again"; and "Retry now". A parked filing shows
 * only what staff need to find the person: the masked document number and
 * the name's first character. A manual filing the registry refused for its
 * staff sign-in (a session it no longer accepts, or a disabled account)
 * cannot be delivered by sending it again: the page says it needs re-entry.
 * Without an engine the page says why.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "core-privacy.h"
#include "kiosk-sync-status-page.h"
#include "kiosk-sync-status-page-private.h"

struct _KioskSyncStatusPage
{
  KioskPage parent_instance;

  GtkLabel *state_label;
  GtkLabel *counts_label;
  GtkLabel *last_success_label;
  GtkLabel *last_error_label;
  GtkListBox *parked_list;
  GtkLabel *parked_empty_label;
  GtkWidget *retry_button;
  GtkLabel *message_label;

  GCancellable *cancellable;
  GPtrArray *parked_texts; /* char*, one per row */
  guint busy;
};

G_DEFINE_FINAL_TYPE (KioskSyncStatusPage, kiosk_sync_status_page, KIOSK_TYPE_PAGE)

static char *
format_time (gint64 us)
{
  g_autoptr (GDateTime) time = NULL;

  if (us <= 0)
    return g_strdup (_ ("never"));
  time = g_date_time_new_from_unix_local (us / G_USEC_PER_SEC);
  return g_date_time_format (time, "%Y-%m-%d %H:%M:%S");
}

static KioskServices *
page_services (KioskSyncStatusPage *self)
{
  return kiosk_page_get_services (KIOSK_PAGE (self));
}

static void
show_message (KioskSyncStatusPage *self, const char *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
update_engine (KioskSyncStatusPage *self)
{
  SyncEngine *engine = kiosk_services_get_sync_engine (page_services (self));
  g_autofree char *state = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *success = NULL;
  g_autofree char *success_text = NULL;
  g_autofree char *last_error = NULL;
  g_autofree char *error_text = NULL;

  if (engine == NULL)
    {
      state = g_strdup_printf (_ ("Not enrolled: filings stay on this kiosk. %s"),
                               kiosk_services_get_sync_problem (page_services (self)));
      gtk_label_set_text (self->state_label, state);
      gtk_widget_set_sensitive (self->retry_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->last_success_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->last_error_label), FALSE);
      return;
    }

  switch (sync_engine_get_state (engine))
    {
      case SYNC_STATE_ONLINE:
        gtk_label_set_text (self->state_label, _ ("Online: the registry took the last batch."));
        break;
      case SYNC_STATE_SYNCING:
        gtk_label_set_text (self->state_label, _ ("Sending filings to the registry…"));
        break;
      case SYNC_STATE_OFFLINE:
      default:
        gtk_label_set_text (self->state_label,
                            _ ("Offline: the registry cannot be reached; trying again."));
        break;
    }
  counts = g_strdup_printf (_ ("Waiting to be sent: %u. Refused by the registry: %u."),
                            sync_engine_get_queued (engine), sync_engine_get_rejected (engine));
  gtk_label_set_text (self->counts_label, counts);
  success = format_time (sync_engine_get_last_success (engine));
  success_text = g_strdup_printf (_ ("Last success: %s"), success);
  gtk_label_set_text (self->last_success_label, success_text);
  gtk_widget_set_visible (GTK_WIDGET (self->last_success_label), TRUE);
  last_error = sync_engine_dup_last_error (engine);
  error_text = g_strdup_printf (
      _ ("Last error: %s"), last_error != NULL && *last_error != '\0' ? last_error : _ ("none"));
  gtk_label_set_text (self->last_error_label, error_text);
  gtk_widget_set_visible (GTK_WIDGET (self->last_error_label), TRUE);
  gtk_widget_set_sensitive (self->retry_button, TRUE);
}

static void
engine_changed_cb (KioskSyncStatusPage *self)
{
  update_engine (self);
}

/* Refused for who filed it, not for what it says: only staff filing it
 * again, under a sign-in the registry confirms, gets it delivered. */
static gboolean
needs_reentry (StoreOutboxEntry *entry, JsonObject *payload)
{
  const char *reason = entry->reason != NULL ? entry->reason : "";

  if (g_str_has_prefix (reason, "staff_session_invalid") ||
      g_str_has_prefix (reason, "staff_disabled"))
    return TRUE;
  /* queued before manual filings carried a staff session */
  return payload != NULL &&
         g_strcmp0 (json_object_get_string_member_with_default (payload, "source", NULL),
                    "manual") == 0 &&
         !json_object_has_member (payload, "staff_session");
}

/* What staff see of a parked filing: type, masked number, name initial, reason. */
static char *
describe_entry (StoreOutboxEntry *entry)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  gsize size = 0;
  const char *data = entry->payload != NULL ? g_bytes_get_data (entry->payload, &size) : NULL;
  g_autofree char *number = NULL;
  g_autofree char *name = NULL;
  const char *type_label = "";
  const char *when;
  g_autofree char *created = format_time (entry->created_at_us);
  JsonObject *object = NULL;

  if (data != NULL && json_parser_load_from_data (parser, data, (gssize) size, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      const char *doc_type;
      const char *person;
      IdcardDocumentType type;

      object = json_node_get_object (json_parser_get_root (parser));
      doc_type = json_object_get_string_member_with_default (object, "doc_type", NULL);
      person = json_object_get_string_member_with_default (object, "name", NULL);

      if (person == NULL)
        person = json_object_get_string_member_with_default (object, "name_en", NULL);
      number = core_mask_id_number (
          json_object_get_string_member_with_default (object, "doc_number", NULL));
      name = core_mask_name (person);
      if (idcard_document_type_from_string (doc_type, &type))
        type_label = idcard_document_type_get_label (type);
    }
  when = created;
  if (needs_reentry (entry, object))
    return g_strdup_printf (_ ("%s %s (%s), filed %s\nNeeds re-entry: the registry does not "
                               "accept the staff sign-in it was filed under (%s). Check the "
                               "original document and file it again by hand."),
                            name != NULL ? name : "", number != NULL ? number : "", type_label,
                            when, entry->reason != NULL ? entry->reason : _ ("no reason given"));
  return g_strdup_printf (_ ("%s %s (%s), filed %s\nRefused: %s"), name != NULL ? name : "",
                          number != NULL ? number : "", type_label, when,
                          entry->reason != NULL ? entry->reason : _ ("no reason given"));
}

static void
set_busy (KioskSyncStatusPage *self, gboolean busy)
{
  if (busy)
    self->busy++;
  else if (self->busy > 0)
    self->busy--;
}

static void
requeue_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  StoreOutbox *outbox = source;
  GError *error = NULL;

  if (!store_outbox_requeue (outbox, task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
requeue_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;
  KioskSyncStatusPage *self;
  SyncEngine *engine;

  if (!g_task_propagate_boolean (G_TASK (result), &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self = KIOSK_SYNC_STATUS_PAGE (user_data);
  set_busy (self, FALSE);
  if (error != NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("The filing cannot be sent again: %s"), error->message);
      show_message (self, text);
      return;
    }
  show_message (self, _ ("The filing waits to be sent again."));
  engine = kiosk_services_get_sync_engine (page_services (self));
  if (engine != NULL)
    sync_engine_kick (engine);
  kiosk_sync_status_page_refresh (self);
}

static void
send_again_cb (GtkButton *button, KioskSyncStatusPage *self)
{
  const char *filing_id = g_object_get_data (G_OBJECT (button), "filing-id");
  g_autoptr (GTask) task = NULL;

  if (!kiosk_staff_auth_authorize (kiosk_services_get_staff_auth (page_services (self)),
                                   "send-again"))
    {
      show_message (self, _ ("Sign in as staff first."));
      return;
    }
  task = g_task_new (kiosk_services_get_outbox (page_services (self)), self->cancellable,
                     requeue_done_cb, self);
  g_task_set_source_tag (task, send_again_cb);
  g_task_set_task_data (task, g_strdup (filing_id), g_free);
  set_busy (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  g_message ("staff sent a parked filing again");
  g_task_run_in_thread (task, requeue_thread);
}

static void
clear_list (KioskSyncStatusPage *self)
{
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->parked_list))) != NULL)
    gtk_list_box_remove (self->parked_list, row);
  g_ptr_array_set_size (self->parked_texts, 0);
}

static void
add_parked_row (KioskSyncStatusPage *self, StoreOutboxEntry *entry)
{
  g_autofree char *text = describe_entry (entry);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new_with_label (_ ("Send again"));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "filing-id", g_strdup (entry->filing_id), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (send_again_cb), self);
  /* every row has a "Send again": say which filing it is for */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_box_append (self->parked_list, box);
  g_ptr_array_add (self->parked_texts, g_steal_pointer (&text));
}

/**
 * kiosk_sync_status_page_refresh:
 *
 * Reads the engine's state and the parked filings again.
 */
void
kiosk_sync_status_page_refresh (KioskSyncStatusPage *self)
{
  StoreOutbox *outbox;
  g_autoptr (GPtrArray) parked = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (KIOSK_IS_SYNC_STATUS_PAGE (self));

  update_engine (self);
  clear_list (self);
  outbox = kiosk_services_get_outbox (page_services (self));
  if (kiosk_services_get_sync_engine (page_services (self)) == NULL && outbox != NULL)
    {
      StoreOutboxCounts counts = { 0 };
      g_autofree char *text = NULL;

      if (store_outbox_get_counts (outbox, &counts, NULL))
        {
          text = g_strdup_printf (_ ("Waiting to be sent: %u. Refused by the registry: %u."),
                                  counts.queued, counts.rejected);
          gtk_label_set_text (self->counts_label, text);
        }
    }
  parked = outbox != NULL ? store_outbox_list_rejected (outbox, &error) : NULL;
  if (parked == NULL && error != NULL)
    {
      g_autofree char *text =
          g_strdup_printf (_ ("The refused filings cannot be read: %s"), error->message);
      show_message (self, text);
    }
  for (guint i = 0; parked != NULL && i < parked->len; i++)
    add_parked_row (self, g_ptr_array_index (parked, i));
  gtk_widget_set_visible (GTK_WIDGET (self->parked_empty_label), self->parked_texts->len == 0);
}

static void
retry_cb (KioskSyncStatusPage *self)
{
  SyncEngine *engine = kiosk_services_get_sync_engine (page_services (self));

  if (!kiosk_staff_auth_authorize (kiosk_services_get_staff_auth (page_services (self)),
                                   "sync-now"))
    {
      show_message (self, _ ("Sign in as staff first."));
      return;
    }
  if (engine == NULL)
    return;
  g_message ("staff asked to sync now");
  sync_engine_kick (engine);
  show_message (self, _ ("Trying the registry now."));
}

static void
refresh_cb (KioskSyncStatusPage *self)
{
  show_message (self, NULL);
  kiosk_sync_status_page_refresh (self);
}

static void
kiosk_sync_status_page_shown (KioskPage *page)
{
  KioskSyncStatusPage *self = KIOSK_SYNC_STATUS_PAGE (page);

  show_message (self, NULL);
  kiosk_sync_status_page_refresh (self);
  gtk_widget_grab_focus (self->retry_button);
}

static void
kiosk_sync_status_page_reset (KioskPage *page)
{
  KioskSyncStatusPage *self = KIOSK_SYNC_STATUS_PAGE (page);

  clear_list (self);
  show_message (self, NULL);
}

static void
kiosk_sync_status_page_constructed (GObject *object)
{
  KioskSyncStatusPage *self = KIOSK_SYNC_STATUS_PAGE (object);
  SyncEngine *engine;

  G_OBJECT_CLASS (kiosk_sync_status_page_parent_class)->constructed (object);

  engine = kiosk_services_get_sync_engine (page_services (self));
  if (engine != NULL)
    {
      const char *names[] = { "notify::state", "notify::queued", "notify::rejected",
                              "notify::last-success", "notify::last-error" };
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        g_signal_connect_object (engine, names[i], G_CALLBACK (engine_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  update_engine (self);
}

static void
kiosk_sync_status_page_dispose (GObject *object)
{
  KioskSyncStatusPage *self = KIOSK_SYNC_STATUS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_SYNC_STATUS_PAGE);

  G_OBJECT_CLASS (kiosk_sync_status_page_parent_class)->dispose (object);
}

static void
kiosk_sync_status_page_finalize (GObject *object)
{
  KioskSyncStatusPage *self = KIOSK_SYNC_STATUS_PAGE (object);

  g_ptr_array_unref (self->parked_texts);

  G_OBJECT_CLASS (kiosk_sync_status_page_parent_class)->finalize (object);
}

static void
kiosk_sync_status_page_class_init (KioskSyncStatusPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->constructed = kiosk_sync_status_page_constructed;
  object_class->dispose = kiosk_sync_status_page_dispose;
  object_class->finalize = kiosk_sync_status_page_finalize;
  page_class->shown = kiosk_sync_status_page_shown;
  page_class->reset = kiosk_sync_status_page_reset;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-sync-status-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, counts_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, last_success_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, last_error_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, parked_list);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, parked_empty_label);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, KioskSyncStatusPage, message_label);
  gtk_widget_class_bind_template_callback (widget_class, retry_cb);
  gtk_widget_class_bind_template_callback (widget_class, refresh_cb);
}

static void
kiosk_sync_status_page_init (KioskSyncStatusPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->parked_texts = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Sync status"));
}

const char *
kiosk_sync_status_page_get_state_text (KioskSyncStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS_PAGE (self), NULL);
  return gtk_label_get_text (self->state_label);
}

guint
kiosk_sync_status_page_get_n_parked (KioskSyncStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS_PAGE (self), 0);
  return self->parked_texts->len;
}

/* What the page shows for the @index-th parked filing. */
const char *
kiosk_sync_status_page_get_parked_text (KioskSyncStatusPage *self, guint index)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->parked_texts->len, NULL);
  return g_ptr_array_index (self->parked_texts, index);
}

/* Whether a "Send again" is being written. */
gboolean
kiosk_sync_status_page_get_busy (KioskSyncStatusPage *self)
{
  g_return_val_if_fail (KIOSK_IS_SYNC_STATUS_PAGE (self), FALSE);
  return self->busy > 0;
}
