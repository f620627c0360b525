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
 *
 * What the button says follows the entry's text itself, whatever showed or
 * hid it: GTK's password entry has ways of its own (its peek icon, and
 * "Show Text" in its context menu, the text's "misc.toggle-visibility"
 * action), and a button saying 显示 beside a password on show would leave
 * it there for the next person.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-password-peek.h"

struct _KioskPasswordPeek
{
  GtkButton parent_instance;

  GtkPasswordEntry *entry;
  GtkText *text; /* the entry's own, which shows or hides the password */
  gulong changed_handler;
  gulong visibility_handler;
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

/* Says what a tap does next: the eye, the word and the name. */
static void
follow_text (KioskPasswordPeek *self)
{
  gboolean shown = self->text != NULL && gtk_text_get_visibility (self->text);

  self->shown = shown;
  gtk_image_set_from_icon_name (GTK_IMAGE (self->icon),
                                shown ? "view-conceal-symbolic" : "view-reveal-symbolic");
  gtk_label_set_text (GTK_LABEL (self->label), shown ? _ ("Hide") : _ ("Show"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  shown ? _ ("Hide the password") : _ ("Show the password"), -1);
}

static void
set_shown (KioskPasswordPeek *self, gboolean shown)
{
  /* not once the entry is being taken apart and has let its text go; the
   * button follows through the text's notification */
  if (self->text != NULL &&
      gtk_editable_get_delegate (GTK_EDITABLE (self->entry)) == GTK_EDITABLE (self->text))
    gtk_text_set_visibility (self->text, shown);
  follow_text (self);
}

static void
visibility_changed_cb (GtkText *text, GParamSpec *pspec, KioskPasswordPeek *self)
{
  follow_text (self);
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
  if (self->text != NULL)
    g_clear_signal_handler (&self->visibility_handler, self->text);
  g_clear_object (&self->text);
  g_set_object (&self->entry, entry);
  if (entry != NULL)
    {
      GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (entry));

      self->changed_handler =
          g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), self);
      if (GTK_IS_TEXT (text))
        {
          self->text = GTK_TEXT (g_object_ref (text));
          self->visibility_handler = g_signal_connect (text, "notify::visibility",
                                                       G_CALLBACK (visibility_changed_cb), self);
        }
    }
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
