/* kiosk-card-reminder.c: "please take your ID card" over the whole window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shown when a visit ends (filed, cancelled, reset) while the card it used
 * is still on the reader, until the card is lifted: a card left behind is
 * the next person's to read. It covers the page and takes every touch, and
 * rings a short chime once when it appears (GtkMediaFile; a kiosk without
 * GTK's media backend shows the reminder silently). The chime is
 * ui/sounds/card-reminder.ogg, made for the kiosk (ui/sounds/README).
 *
 * The illustration and the chime are loaded at the first reminder: the
 * decoded picture is 1 MiB that an idle kiosk, which never reminds anyone,
 * would otherwise hold from its start.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-card-reminder.h"
#include "kiosk-illustration.h"

#define CHIME_RESOURCE "/org/practitioner/Kiosk/ui/sounds/card-reminder.ogg"

struct _KioskCardReminder
{
  GtkWidget parent_instance;

  GtkPicture *picture; /* empty until the first reminder */
  GtkLabel *title_label;
  GtkLabel *body_label;
  GtkMediaStream *chime; /* made at the first reminder */
};

G_DEFINE_FINAL_TYPE (KioskCardReminder, kiosk_card_reminder, GTK_TYPE_WIDGET)

static void
kiosk_card_reminder_dispose (GObject *object)
{
  KioskCardReminder *self = KIOSK_CARD_REMINDER (object);
  GtkWidget *child;

  if (self->chime != NULL)
    gtk_media_stream_pause (self->chime);
  g_clear_object (&self->chime);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_CARD_REMINDER);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_card_reminder_parent_class)->dispose (object);
}

/* Nothing under the reminder may be pressed while it shows. */
static gboolean
event_cb (GtkEventControllerLegacy *controller, GdkEvent *event, gpointer user_data)
{
  GdkEventType type = gdk_event_get_event_type (event);

  if (type == GDK_BUTTON_PRESS || type == GDK_BUTTON_RELEASE || type == GDK_TOUCH_BEGIN ||
      type == GDK_TOUCH_UPDATE || type == GDK_TOUCH_END)
    return GDK_EVENT_STOP;
  return GDK_EVENT_PROPAGATE;
}

static void
kiosk_card_reminder_class_init (KioskCardReminderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_card_reminder_dispose;

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-card-reminder.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskCardReminder, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskCardReminder, title_label);
  gtk_widget_class_bind_template_child (widget_class, KioskCardReminder, body_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardreminder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
kiosk_card_reminder_init (KioskCardReminder *self)
{
  GtkEventController *legacy;

  gtk_widget_init_template (GTK_WIDGET (self));
  legacy = gtk_event_controller_legacy_new ();
  g_signal_connect (legacy, "event", G_CALLBACK (event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), legacy);
}

/**
 * kiosk_card_reminder_show:
 *
 * Shows the reminder and rings the chime, unless it shows already.
 */
void
kiosk_card_reminder_show (KioskCardReminder *self)
{
  g_return_if_fail (KIOSK_IS_CARD_REMINDER (self));

  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  /* in the language of the visit that just ended; the window outlives
   * language switches, so the words are looked up each time */
  gtk_label_set_text (self->title_label, _ ("Please take your ID card"));
  gtk_label_set_text (self->body_label, _ ("Your card is still on the reader. This message goes "
                                           "away when you lift it."));
  if (gtk_picture_get_paintable (self->picture) == NULL)
    {
      g_autoptr (KioskIllustration) picture = kiosk_illustration_new ("place-card");
      gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (picture));
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  if (self->chime == NULL)
    self->chime = gtk_media_file_new_for_resource (CHIME_RESOURCE);
  /* from the start each time: a reminder follows the person's last tap */
  gtk_media_stream_seek (self->chime, 0);
  gtk_media_stream_play (self->chime);
}

void
kiosk_card_reminder_hide (KioskCardReminder *self)
{
  g_return_if_fail (KIOSK_IS_CARD_REMINDER (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * kiosk_card_reminder_get_title:
 *
 * Returns: what the reminder says, as shown
 */
const char *
kiosk_card_reminder_get_title (KioskCardReminder *self)
{
  g_return_val_if_fail (KIOSK_IS_CARD_REMINDER (self), NULL);
  return gtk_label_get_text (self->title_label);
}
