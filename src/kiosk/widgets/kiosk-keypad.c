/* kiosk-keypad.c: a large on-screen numeric keypad for touch screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Types into a target GtkEditable, so the entry stays the single place where
 * the value lives (and where validation and accessibility already work). An
 * "X" key can be shown for resident ID numbers, whose check character may be X.
 */

#include "config.h"

#include "kiosk-editable-keys.h"
#include "kiosk-keypad.h"

struct _KioskKeypad
{
  GtkWidget parent_instance;

  GtkWidget *grid;
  GtkWidget *x_key;

  GtkEditable *target; /* weak */
  guint max_length;
};

G_DEFINE_FINAL_TYPE (KioskKeypad, kiosk_keypad, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TARGET,
  PROP_SHOW_X_KEY,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
insert_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeypad *self = KIOSK_KEYPAD (widget);

  if (self->target != NULL && !kiosk_editable_type_key (self->target, self->max_length,
                                                        g_variant_get_string (parameter, NULL)))
    gtk_widget_error_bell (widget);
}

static void
backspace_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeypad *self = KIOSK_KEYPAD (widget);

  if (self->target != NULL)
    kiosk_editable_delete_last (self->target);
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeypad *self = KIOSK_KEYPAD (widget);

  if (self->target != NULL)
    gtk_editable_set_text (self->target, "");
}

static void
kiosk_keypad_dispose (GObject *object)
{
  KioskKeypad *self = KIOSK_KEYPAD (object);

  g_clear_weak_pointer (&self->target);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_KEYPAD);

  G_OBJECT_CLASS (kiosk_keypad_parent_class)->dispose (object);
}

static void
kiosk_keypad_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskKeypad *self = KIOSK_KEYPAD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        g_value_set_object (value, self->target);
        break;
      case PROP_SHOW_X_KEY:
        g_value_set_boolean (value, kiosk_keypad_get_show_x_key (self));
        break;
      case PROP_MAX_LENGTH:
        g_value_set_uint (value, self->max_length);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_keypad_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskKeypad *self = KIOSK_KEYPAD (object);

  switch (prop_id)
    {
      case PROP_TARGET:
        kiosk_keypad_set_target (self, g_value_get_object (value));
        break;
      case PROP_SHOW_X_KEY:
        kiosk_keypad_set_show_x_key (self, g_value_get_boolean (value));
        break;
      case PROP_MAX_LENGTH:
        kiosk_keypad_set_max_length (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_keypad_class_init (KioskKeypadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_keypad_dispose;
  object_class->get_property = kiosk_keypad_get_property;
  object_class->set_property = kiosk_keypad_set_property;

  properties[PROP_TARGET] =
      g_param_spec_object ("target", NULL, NULL, GTK_TYPE_EDITABLE,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_X_KEY] =
      g_param_spec_boolean ("show-x-key", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MAX_LENGTH] =
      g_param_spec_uint ("max-length", NULL, NULL, 0, 64, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "keypad.insert", "s", insert_action);
  gtk_widget_class_install_action (widget_class, "keypad.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "keypad.clear", NULL, clear_action);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-keypad.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskKeypad, grid);
  gtk_widget_class_bind_template_child (widget_class, KioskKeypad, x_key);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keypad");
}

static void
kiosk_keypad_init (KioskKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kiosk_keypad_new (void)
{
  return g_object_new (KIOSK_TYPE_KEYPAD, NULL);
}

GtkEditable *
kiosk_keypad_get_target (KioskKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYPAD (self), NULL);
  return self->target;
}

/**
 * kiosk_keypad_set_target:
 * @target: (nullable): the editable the keys type into
 */
void
kiosk_keypad_set_target (KioskKeypad *self, GtkEditable *target)
{
  g_return_if_fail (KIOSK_IS_KEYPAD (self));
  g_return_if_fail (target == NULL || GTK_IS_EDITABLE (target));

  if (g_set_weak_pointer (&self->target, target))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET]);
}

gboolean
kiosk_keypad_get_show_x_key (KioskKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYPAD (self), FALSE);
  return gtk_widget_get_visible (self->x_key);
}

void
kiosk_keypad_set_show_x_key (KioskKeypad *self, gboolean show_x_key)
{
  g_return_if_fail (KIOSK_IS_KEYPAD (self));

  if (kiosk_keypad_get_show_x_key (self) == !!show_x_key)
    return;
  gtk_widget_set_visible (self->x_key, show_x_key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_X_KEY]);
}

guint
kiosk_keypad_get_max_length (KioskKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYPAD (self), 0);
  return self->max_length;
}

/**
 * kiosk_keypad_set_max_length:
 * @max_length: the most characters the keys may type; 0 for no limit
 */
void
kiosk_keypad_set_max_length (KioskKeypad *self, guint max_length)
{
  g_return_if_fail (KIOSK_IS_KEYPAD (self));

  if (self->max_length == max_length)
    return;
  self->max_length = max_length;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_LENGTH]);
}
