/* kiosk-keypad.c: a large on-screen keypad for touch screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Types into a target GtkEditable, so the entry stays the single place where
 * the value lives (and where validation and accessibility already work). The
 * keys come from the layout: digits, digits with the X of resident ID numbers,
 * or digits and letters for captcha answers, shown upper-case (the registry
 * compares without case) in keyboard order so they are where people expect.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-editable-keys.h"
#include "kiosk-enums.h"
#include "kiosk-key.h"
#include "kiosk-keypad.h"

#define BACKSPACE "⌫"
/* where a layout has a free cell for Clear (a marker, never typed) */
#define CLEAR "⎚"

struct _KioskKeypad
{
  GtkWidget parent_instance;

  GtkStack *layouts; /* a grid of keys per layout, named by the layout's nick */

  GtkEditable *target; /* weak */
  KioskKeypadLayout layout;
  guint max_length;
};

G_DEFINE_FINAL_TYPE (KioskKeypad, kiosk_keypad, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_TARGET,
  PROP_LAYOUT,
  PROP_MAX_LENGTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Each layout's rows of keys, one character per key; a space leaves its cell
 * empty. Shorter rows are centred under the longer ones. Clear takes its
 * marked cell, as on a bank's PIN pad, or else spans a row under them all:
 * the digits' keypad is a row lower for it, which on a low screen with
 * large text is what keeps it above the fold beside a card's data. */
static const char *const digit_rows[] = { "123", "456", "789", CLEAR "0" BACKSPACE, NULL };
static const char *const id_number_rows[] = { "123", "456", "789", "X0" BACKSPACE, NULL };
static const char *const letter_rows[] = {
  "1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM" BACKSPACE, NULL,
};

static const char *const *
layout_rows (KioskKeypadLayout layout)
{
  switch (layout)
    {
      case KIOSK_KEYPAD_ID_NUMBER:
        return id_number_rows;
      case KIOSK_KEYPAD_LETTERS:
        return letter_rows;
      case KIOSK_KEYPAD_DIGITS:
      default:
        return digit_rows;
    }
}

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

static GtkWidget *
make_key (const char *label, const char *action, const char *insert)
{
  GtkWidget *button = kiosk_key_new (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (insert != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", insert);
  gtk_widget_set_focus_on_click (button, FALSE);
  gtk_widget_add_css_class (button, "keypad-key");
  return button;
}

static const char *layout_name (KioskKeypadLayout layout);

/* Every layout's keys are made once, up front: GTK 4.8 does not put widgets
 * made later on the accessibility bus, and a switch then costs nothing. The
 * grid joins the keypad before its keys do, so they find the keypad's actions. */
static void
build_layout (KioskKeypad *self, KioskKeypadLayout layout)
{
  const char *const *rows = layout_rows (layout);
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());
  GtkWidget *clear = NULL;
  glong columns = 0;
  int row;

  gtk_grid_set_row_homogeneous (grid, TRUE);
  gtk_grid_set_column_homogeneous (grid, TRUE);
  /* ten letter keys sit beside the form, so they stand closer together */
  gtk_grid_set_row_spacing (grid, layout == KIOSK_KEYPAD_LETTERS ? 6 : 12);
  gtk_grid_set_column_spacing (grid, layout == KIOSK_KEYPAD_LETTERS ? 4 : 12);
  gtk_stack_add_named (self->layouts, GTK_WIDGET (grid), layout_name (layout));

  for (row = 0; rows[row] != NULL; row++)
    columns = MAX (columns, g_utf8_strlen (rows[row], -1));

  for (row = 0; rows[row] != NULL; row++)
    {
      int column = (int) ((columns - g_utf8_strlen (rows[row], -1)) / 2);

      for (const char *p = rows[row]; *p != '\0'; p = g_utf8_next_char (p), column++)
        {
          char key[8] = { 0 };
          GtkWidget *button;

          g_unichar_to_utf8 (g_utf8_get_char (p), key);
          if (g_str_equal (key, " "))
            continue;
          if (g_str_equal (key, CLEAR))
            {
              clear = button = make_key (_ ("Clear"), "keypad.clear", NULL);
              gtk_widget_add_css_class (button, "keypad-clear");
            }
          else if (g_str_equal (key, BACKSPACE))
            {
              button = make_key (BACKSPACE, "keypad.backspace", NULL);
              gtk_widget_add_css_class (button, "keypad-backspace");
              gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                              GTK_ACCESSIBLE_PROPERTY_LABEL, _ ("Delete"), -1);
            }
          else
            button = make_key (key, "keypad.insert", key);
          gtk_grid_attach (grid, button, column, row, 1, 1);
        }
    }

  if (clear != NULL)
    return;
  clear = make_key (_ ("Clear"), "keypad.clear", NULL);
  gtk_widget_add_css_class (clear, "keypad-clear");
  gtk_grid_attach (grid, clear, 0, row, (int) columns, 1);
}

static const char *
layout_name (KioskKeypadLayout layout)
{
  g_autoptr (GEnumClass) enum_class = g_type_class_ref (KIOSK_TYPE_KEYPAD_LAYOUT);

  return g_enum_get_value (enum_class, layout)->value_nick;
}

static void
show_layout (KioskKeypad *self)
{
  gtk_stack_set_visible_child_name (self->layouts, layout_name (self->layout));
  if (self->layout == KIOSK_KEYPAD_LETTERS)
    gtk_widget_add_css_class (GTK_WIDGET (self), "letters");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "letters");
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
      case PROP_LAYOUT:
        g_value_set_enum (value, self->layout);
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
      case PROP_LAYOUT:
        kiosk_keypad_set_layout (self, g_value_get_enum (value));
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
  properties[PROP_LAYOUT] =
      g_param_spec_enum ("layout", NULL, NULL, KIOSK_TYPE_KEYPAD_LAYOUT, KIOSK_KEYPAD_DIGITS,
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
  gtk_widget_class_bind_template_child (widget_class, KioskKeypad, layouts);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keypad");
}

static void
kiosk_keypad_init (KioskKeypad *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  for (KioskKeypadLayout layout = KIOSK_KEYPAD_DIGITS; layout <= KIOSK_KEYPAD_LETTERS; layout++)
    build_layout (self, layout);
  show_layout (self);
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

KioskKeypadLayout
kiosk_keypad_get_layout (KioskKeypad *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYPAD (self), KIOSK_KEYPAD_DIGITS);
  return self->layout;
}

void
kiosk_keypad_set_layout (KioskKeypad *self, KioskKeypadLayout layout)
{
  g_return_if_fail (KIOSK_IS_KEYPAD (self));

  if (self->layout == layout)
    return;
  self->layout = layout;
  show_layout (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYOUT]);
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
