/* kiosk-password-peek.c: the button beside a password that shows or hides it, in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A password entry's own peek icon is a bare eye at the end of the field,
 * which many older people neither read as a button nor know the way of.
 * This button stands beside the field with the eye and the word for what a
 * tap does: 显示 (Show) while the password is hidden, 隐藏 (Hide) while it
 * is shown, and is named so for a screen reader ("显示密码", "隐藏密码").
 * It is a plain button, not a toggle: a toggle's box reads "tick to
 * choose", and the word already says what happens.
 *
 * The password is hidden again when its field is emptied (a page's reset,
 * a refused sign-in) and when the button leaves the screen, so the next
 * person never finds one on show.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-password-peek.h"

struct _KioskPasswordPeek
{
  GtkButton parent_instance;

  GtkPasswordEntry *entry;
  gulong changed_handler;
  GtkWidget *icon;
  GtkWidget *label;
  gboolean shown;
};

G_DEFINE_FINAL_TYPE (KioskPasswordPeek, kiosk_password_peek, GTK_TYPE_BUTTON)

enum
{
  PROP_0,
  PROP_ENTRY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_shown (KioskPasswordPeek *self, gboolean shown)
{
  GtkEditable *text =
      self->entry != NULL ? gtk_editable_get_delegate (GTK_EDITABLE (self->entry)) : NULL;

  self->shown = shown;
  /* the entry's own text, which its peek icon would toggle (none while
   * the entry is being taken apart) */
  if (GTK_IS_TEXT (text))
    gtk_text_set_visibility (GTK_TEXT (text), shown);
  /* the eye and the word say what a tap does next */
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_label_set_text (GTK_LABEL (self->label), shown ? _ ("Hide") : _ ("Show"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown ? _ ("Hide the password") : _ ("Show the password"), -1);
}

static void
entry_changed_cb (GtkEditable *entry, KioskPasswordPeek *self)
{
  if (self->shown && *gtk_editable_get_text (entry) == '\0')
    set_shown (self, FALSE);
}

static void
kiosk_password_peek_clicked (GtkButton *button)
{
  KioskPasswordPeek *self = KIOSK_PASSWORD_PEEK (button);

  set_shown (self, !self->shown);
}

static void
kiosk_password_peek_unmap (GtkWidget *widget)
{
  set_shown (KIOSK_PASSWORD_PEEK (widget), FALSE);

  GTK_WIDGET_CLASS (kiosk_password_peek_parent_class)->unmap (widget);
}

static void
kiosk_password_peek_dispose (GObject *object)
{
  kiosk_password_peek_set_entry (KIOSK_PASSWORD_PEEK (object), NULL);

  G_OBJECT_CLASS (kiosk_password_peek_parent_class)->dispose (object);
}

static void
kiosk_password_peek_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskPasswordPeek *self = KIOSK_PASSWORD_PEEK (object);

  switch (prop_id)
    {
      case PROP_ENTRY:
        g_value_set_object (value, self->entry);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_password_peek_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  KioskPasswordPeek *self = KIOSK_PASSWORD_PEEK (object);

  switch (prop_id)
    {
      case PROP_ENTRY:
        kiosk_password_peek_set_entry (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_password_peek_class_init (KioskPasswordPeekClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkButtonClass *button_class = GTK_BUTTON_CLASS (klass);

  object_class->dispose = kiosk_password_peek_dispose;
  object_class->get_property = kiosk_password_peek_get_property;
  object_class->set_property = kiosk_password_peek_set_property;
  widget_class->unmap = kiosk_password_peek_unmap;
  button_class->clicked = kiosk_password_peek_clicked;

  /**
   * KioskPasswordPeek:entry:
   *
   * The password the button shows and hides.
   */
  properties[PROP_ENTRY] =
      g_param_spec_object ("entry", NULL, NULL, GTK_TYPE_PASSWORD_ENTRY,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kiosk_password_peek_init (KioskPasswordPeek *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  self->icon = gtk_image_new ();
  self->label = gtk_label_new (NULL);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), self->icon);
  gtk_box_append (GTK_BOX (box), self->label);
  gtk_button_set_child (GTK_BUTTON (self), box);
  gtk_widget_add_css_class (GTK_WIDGET (self), "password-peek");
  /* the caret stays in the password: a key typed next goes there, and
   * Enter signs in rather than pressing this again */
  gtk_widget_set_focus_on_click (GTK_WIDGET (self), FALSE);
  set_shown (self, FALSE);
}

/**
 * kiosk_password_peek_new:
 * @entry: (nullable): the password to show and hide
 */
GtkWidget *
kiosk_password_peek_new (GtkPasswordEntry *entry)
{
  return g_object_new (KIOSK_TYPE_PASSWORD_PEEK, "entry", entry, NULL);
}

/**
 * kiosk_password_peek_get_entry:
 *
 * Returns: (transfer none) (nullable): the password the button shows and hides
 */
GtkPasswordEntry *
kiosk_password_peek_get_entry (KioskPasswordPeek *self)
{
  g_return_val_if_fail (KIOSK_IS_PASSWORD_PEEK (self), NULL);
  return self->entry;
}

void
kiosk_password_peek_set_entry (KioskPasswordPeek *self, GtkPasswordEntry *entry)
{
  g_return_if_fail (KIOSK_IS_PASSWORD_PEEK (self));
  g_return_if_fail (entry == NULL || GTK_IS_PASSWORD_ENTRY (entry));

  if (self->entry == entry)
    return;
  /* the password the button leaves is left hidden */
  set_shown (self, FALSE);
  if (self->entry != NULL)
    g_clear_signal_handler (&self->changed_handler, self->entry);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    self->changed_handler =
        g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
  set_shown (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENTRY]);
}

/* Whether the password is on show. */
gboolean
kiosk_password_peek_get_shown (KioskPasswordPeek *self)
{
  g_return_val_if_fail (KIOSK_IS_PASSWORD_PEEK (self), FALSE);
  return self->shown;
}
