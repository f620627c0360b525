/* kiosk-alpha-keypad.c: a large on-screen keypad of letters and digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For captcha answers on a kiosk without a keyboard: every letter and digit
 * as a large key, letters shown upper-case (the registry compares without
 * case), in the order of a keyboard so the letters are where people expect
 * them. Like KioskKeypad it types into a target GtkEditable.
 */

#include "config.h"

#include "kiosk-editable-keys.h"
#include "kiosk-alpha-keypad.h"

struct _KioskAlphaKeypad
{
  GtkWidget parent_instance;

  GtkGrid *grid;

  GtkEditable *target; /* weak */
  guint max_length;
};

G_DEFINE_FINAL_TYPE (KioskAlphaKeypad, kiosk_alpha_keypad, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TARGET,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const rows[] = {
  "1234567890",
  "QWERTYUIOP",
  "ASDFGHJKL",
  "ZXCVBNM",
};

static void
insert_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (widget);

  if (self->target != NULL && !kiosk_editable_type_key (self->target, self->max_length,
                                                        g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

static void
backspace_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (widget);

  if (self->target != NULL)
    kiosk_editable_delete_last (self->target);
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (widget);

  if (self->target != NULL)
    gtk_editable_set_text (self->target, "");
}

static void
add_keys (KioskAlphaKeypad *self)
{
  for (guint row = 0; row < G_N_ELEMENTS (rows); row++)
    {
      guint len = (guint) strlen (rows[row]);
      /* the shorter rows are roughly centred under the longer ones */
      guint offset = (10 - len) / 2;

      for (guint i = 0; i < len; i++)
        {
          char key[2] = { rows[row][i], '\0' };
          GtkWidget *button = gtk_button_new_with_label (key);

          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "alpha-keypad.insert");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", key);
          gtk_widget_set_focus_on_click (button, FALSE);
          gtk_widget_add_css_class (button, "alpha-key");
          gtk_grid_attach (self->grid, button, (int) (offset + i), (int) row, 1, 1);
        }
    }
}

static void
kiosk_alpha_keypad_dispose (GObject *object)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (object);
  GtkWidget *child;

  g_clear_weak_pointer (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_ALPHA_KEYPAD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_alpha_keypad_parent_class)->dispose (object);
}

static void
kiosk_alpha_keypad_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        g_value_set_object (value, self->target);
        break;
      case PROP_MAX_LENGTH:
        g_value_set_uint (value, self->max_length);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_alpha_keypad_set_property (GObject *object,
                                 guint prop_id,
                                 const GValue *value,
                                 GParamSpec *pspec)
{
  KioskAlphaKeypad *self = KIOSK_ALPHA_KEYPAD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        kiosk_alpha_keypad_set_target (self, g_value_get_object (value));
        break;
      case PROP_MAX_LENGTH:
        kiosk_alpha_keypad_set_max_length (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_alpha_keypad_class_init (KioskAlphaKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_alpha_keypad_dispose;
  object_class->get_property = kiosk_alpha_keypad_get_property;
  object_class->set_property = kiosk_alpha_keypad_set_property;

  properties[PROP_TARGET] =
      g_param_spec_object ("target", NULL, NULL, GTK_TYPE_EDITABLE,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_LENGTH] =
      g_param_spec_uint ("max-length", NULL, NULL, 0, 64, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "alpha-keypad.insert", "s", insert_action);
  gtk_widget_class_install_action (widget_class, "alpha-keypad.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "alpha-keypad.clear", NULL, clear_action);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-alpha-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAlphaKeypad, grid);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "alphakeypad");
}

static void
kiosk_alpha_keypad_init (KioskAlphaKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_keys (self);
}

GtkWidget *
kiosk_alpha_keypad_new (void)
{
  return g_object_new (KIOSK_TYPE_ALPHA_KEYPAD, NULL);
}

GtkEditable *
kiosk_alpha_keypad_get_target (KioskAlphaKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_ALPHA_KEYPAD (self), NULL);
  return self->target;
}

/**
 * kiosk_alpha_keypad_set_target:
 * @target: (nullable): the editable the keys type into
 */
void
kiosk_alpha_keypad_set_target (KioskAlphaKeypad *self, GtkEditable *target)
{
  g_return_if_fail (KIOSK_IS_ALPHA_KEYPAD (self));
  g_return_if_fail (target == NULL || GTK_IS_EDITABLE (target));

  if (g_set_weak_pointer (&self->target, target))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

guint
kiosk_alpha_keypad_get_max_length (KioskAlphaKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_ALPHA_KEYPAD (self), 0);
  return self->max_length;
}

/**
 * kiosk_alpha_keypad_set_max_length:
 * @max_length: the most characters the keys may type; 0 for no limit
 */
void
kiosk_alpha_keypad_set_max_length (KioskAlphaKeypad *self, guint max_length)
{
  g_return_if_fail (KIOSK_IS_ALPHA_KEYPAD (self));

  if (self->max_length == max_length)
    return;
  self->max_length = max_length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
}
