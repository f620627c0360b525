/* kiosk-demo-tray.c: place and lift demo cards, and see the demo phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drawer at the edge of the demo window: one button per demo card puts that
 * card on the emulated reader (and takes off the one that was there), the
 * demo staff account is written out, and the newest SMS the demo registry
 * "sent" is shown, so registration and login can be tried without a phone.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "core-privacy.h"
#include "kiosk-demo-tray.h"

/* long enough for the reader to notice a card was lifted before the next */
#define SWAP_DELAY_MS 400

struct _KioskDemoTray
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  GtkBox *card_box;
  GtkLabel *staff_label;
  GtkLabel *sms_label;

  KioskDemo *demo;
  GPtrArray *cards;   /* IdcardCard */
  GPtrArray *buttons; /* GtkButton, same order */
  int placed;         /* index of the card on the reader, or -1 */
  guint swap_source;
  int pending;
  GFileMonitor *sms_monitor;
};

G_DEFINE_FINAL_TYPE (KioskDemoTray, kiosk_demo_tray, GTK_TYPE_WIDGET)

static const char *
card_label (IdcardCard *card)
{
  return idcard_card_get_name (card) != NULL ? idcard_card_get_name (card)
                                             : idcard_card_get_name_en (card);
}

static void
update_buttons (KioskDemoTray *self)
{
  for (guint i = 0; i < self->buttons->len; i++)
    {
      g_autofree char *text =
          g_strdup_printf ((int) i == self->placed ? _ ("Lift: %s") : _ ("Place: %s"),
                           card_label (self->cards->pdata[i]));
      gtk_button_set_label (self->buttons->pdata[i], text);
    }
}

static gboolean
place_pending_cb (gpointer user_data)
{
  KioskDemoTray *self = user_data;
  g_autoptr (GError) error = NULL;

  self->swap_source = 0;
  if (!idcard_emulated_transport_place_card (kiosk_demo_get_transport (self->demo),
                                             self->cards->pdata[self->pending], &error))
    g_warning ("cannot place the demo card: %s", error->message);
  else
    self->placed = self->pending;
  update_buttons (self);
  return G_SOURCE_REMOVE;
}

static void
card_clicked_cb (GtkButton *button, KioskDemoTray *self)
{
  guint index;
  gboolean was_placed;

  if (!g_ptr_array_find (self->buttons, button, &index) || self->swap_source != 0)
    return;

  was_placed = self->placed >= 0;
  if (was_placed)
    {
      idcard_emulated_transport_lift_card (kiosk_demo_get_transport (self->demo));
      if ((int) index == self->placed)
        {
          self->placed = -1;
          update_buttons (self);
          return;
        }
      self->placed = -1;
    }
  self->pending = (int) index;
  self->swap_source = g_timeout_add (was_placed ? SWAP_DELAY_MS : 0, place_pending_cb, self);
}

/* The newest message in the spool folder of the demo registry. */
static void
show_newest_sms (KioskDemoTray *self)
{
  g_autoptr (GDir) dir = g_dir_open (kiosk_demo_get_sms_folder (self->demo), 0, NULL);
  g_autofree char *newest = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autofree char *path = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *text = NULL;
  const char *name;
  JsonObject *object;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".json") && g_strcmp0 (name, newest) > 0)
      {
        g_free (newest);
        newest = g_strdup (name);
      }
  if (newest == NULL)
    return;

  path = g_build_filename (kiosk_demo_get_sms_folder (self->demo), newest, NULL);
  if (!json_parser_load_from_file (parser, path, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  object = json_node_get_object (json_parser_get_root (parser));
  phone = core_mask_phone (json_object_get_string_member_with_default (object, "phone", ""));
  text = g_strdup_printf (_ ("SMS to %s:\n%s"), phone,
                          json_object_get_string_member_with_default (object, "text", ""));
  gtk_label_set_text (self->sms_label, text);
}

static void
sms_changed_cb (GFileMonitor *monitor,
                GFile *file,
                GFile *other,
                GFileMonitorEvent event,
                KioskDemoTray *self)
{
  if (event == G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT || event == G_FILE_MONITOR_EVENT_CREATED ||
      event == G_FILE_MONITOR_EVENT_MOVED_IN || event == G_FILE_MONITOR_EVENT_RENAMED)
    show_newest_sms (self);
}

static void
kiosk_demo_tray_dispose (GObject *object)
{
  KioskDemoTray *self = KIOSK_DEMO_TRAY (object);
  GtkWidget *child;

  g_clear_handle_id (&self->swap_source, g_source_remove);
  if (self->sms_monitor != NULL)
    g_file_monitor_cancel (self->sms_monitor);
  g_clear_object (&self->sms_monitor);
  g_clear_object (&self->demo);
  g_clear_pointer (&self->cards, g_ptr_array_unref);
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_DEMO_TRAY);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_demo_tray_parent_class)->dispose (object);
}

static void
kiosk_demo_tray_class_init (KioskDemoTrayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_demo_tray_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-demo-tray.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskDemoTray, revealer);
  gtk_widget_class_bind_template_child (widget_class, KioskDemoTray, card_box);
  gtk_widget_class_bind_template_child (widget_class, KioskDemoTray, staff_label);
  gtk_widget_class_bind_template_child (widget_class, KioskDemoTray, sms_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "demotray");
}

static void
kiosk_demo_tray_init (KioskDemoTray *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->placed = -1;
  self->buttons = g_ptr_array_new ();
}

/**
 * kiosk_demo_tray_set_demo:
 * @demo: the running demo
 */
void
kiosk_demo_tray_set_demo (KioskDemoTray *self, KioskDemo *demo)
{
  g_autofree char *staff = NULL;
  g_autoptr (GFile) sms_folder = NULL;

  g_return_if_fail (KIOSK_IS_DEMO_TRAY (self));
  g_return_if_fail (KIOSK_IS_DEMO (demo));
  g_return_if_fail (self->demo == NULL);

  self->demo = g_object_ref (demo);
  self->cards = kiosk_demo_list_cards (demo);
  for (guint i = 0; i < self->cards->len; i++)
    {
      GtkWidget *button = gtk_button_new ();
      gtk_widget_add_css_class (button, "demo-card");
      g_signal_connect (button, "clicked", G_CALLBACK (card_clicked_cb), self);
      gtk_box_append (self->card_box, button);
      g_ptr_array_add (self->buttons, button);
    }
  update_buttons (self);

  staff = g_strdup_printf (_ ("Demo staff account: %s, password %s"), KIOSK_DEMO_STAFF_USER,
                           KIOSK_DEMO_STAFF_PASSWORD);
  gtk_label_set_text (self->staff_label, staff);

  sms_folder = g_file_new_for_path (kiosk_demo_get_sms_folder (demo));
  self->sms_monitor = g_file_monitor_directory (sms_folder, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->sms_monitor != NULL)
    g_signal_connect (self->sms_monitor, "changed", G_CALLBACK (sms_changed_cb), self);
}

/**
 * kiosk_demo_tray_get_last_sms:
 *
 * Returns: the demo phone's newest message as shown
 */
const char *
kiosk_demo_tray_get_last_sms (KioskDemoTray *self)
{
  g_return_val_if_fail (KIOSK_IS_DEMO_TRAY (self), NULL);
  return gtk_label_get_text (self->sms_label);
}
