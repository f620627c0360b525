/* kiosk-keyboard-dock.c: the window's content with the keyboard docked below
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content (the pages) fills the window; the on-screen keyboard slides up
 * under it, so the page shrinks rather than hides behind it, when a field
 * that asked for the keyboard (kiosk_keyboard_request()) gets the focus or
 * is tapped, and when a page opens with the focus in such a field. The page
 * keeps its size and only slides up, as far as needed to show the field
 * above the keyboard, as on a phone: no page is squeezed into the space
 * left, and the window never grows off the screen. The keyboard stays when
 * the focus moves to a button (Male, Female …) it does not cover, and goes
 * on "done", when a button it covers takes the focus, when a
 * field without a request takes the focus, and when the window says the
 * page changed (unless the new page's focus is in a field that asks for
 * it) or the visit ended.
 *
 * A real keyboard's keys pass through here on their way to the focused
 * field (a capture-phase controller), so a requested field on the pinyin
 * layer composes Chinese from them without any desktop input method.
 *
 * The keyboard itself is made when it is first needed (the first field
 * that calls it up, or kiosk_keyboard_dock_get_keyboard()), not with the
 * window: the welcome page never shows it, and its template is most of the
 * dock's cost before the first frame. Until then the revealer is empty and
 * measures nothing, as the hidden keyboard did.
 */

#include "config.h"

#include "kiosk-keyboard-dock.h"

/* room between the field and the keyboard */
#define FIELD_MARGIN 16

struct _KioskKeyboardDock
{
  GtkWidget parent_instance;

  GtkRevealer *revealer;
  KioskKeyboard *keyboard; /* %NULL until first needed */

  GtkWidget *content;
  GtkRoot *root;   /* watched for the focus */
  GtkWidget *page; /* the page on show: only its fields call the keys up */
};

G_DEFINE_FINAL_TYPE (KioskKeyboardDock, kiosk_keyboard_dock, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_CONTENT,
  PROP_KEYBOARD,
  PROP_SHOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void done_cb (KioskKeyboardDock *self);

/* The requested field @widget is part of (a GtkEntry's text, say), or %NULL;
 * @out_editable says whether it is in a field at all. */
static GtkEditable *
find_requested (KioskKeyboardDock *self, GtkWidget *widget, gboolean *out_editable)
{
  *out_editable = FALSE;
  for (GtkWidget *w = widget; w != NULL && w != GTK_WIDGET (self); w = gtk_widget_get_parent (w))
    {
      if (w == GTK_WIDGET (self->keyboard))
        return NULL;
      if (!GTK_IS_EDITABLE (w))
        continue;
      *out_editable = TRUE;
      if (kiosk_keyboard_get_requested (GTK_EDITABLE (w), NULL))
        return GTK_EDITABLE (w);
    }
  return NULL;
}

static void
set_shown (KioskKeyboardDock *self, gboolean shown)
{
  if (gtk_revealer_get_reveal_child (self->revealer) == shown)
    return;
  if (shown)
    gtk_widget_set_visible (GTK_WIDGET (kiosk_keyboard_dock_get_keyboard (self)), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOWN]);
}

/* Attaches the keyboard to @editable, on the layer it asked for when it is a
 * different field from the last. */
static void
attach (KioskKeyboardDock *self, GtkEditable *editable)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_get_keyboard (self);
  KioskKeyboardLayer layer;

  if (kiosk_keyboard_get_attached (keyboard) == editable)
    return;
  kiosk_keyboard_attach (keyboard, editable);
  if (editable != NULL && kiosk_keyboard_get_requested (editable, &layer))
    kiosk_keyboard_set_layer (keyboard, layer);
  /* the page slides to the new field */
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* Whether @widget is on the page on show (a page left keeps the focus in
 * its field when the next one has nothing to focus). */
static gboolean
on_page_shown (KioskKeyboardDock *self, GtkWidget *widget)
{
  return gtk_widget_is_ancestor (widget, GTK_WIDGET (self)) &&
         (self->page == NULL || gtk_widget_is_ancestor (widget, self->page));
}

/* Whether the keys, while up, cover part of @widget. */
static gboolean
covered_by_keys (KioskKeyboardDock *self, GtkWidget *widget)
{
  graphene_rect_t bounds;

  /* a popover floats over the page on a surface of its own, clear of the
   * keys; its bounds here would be where it hangs from, not where it is */
  if (!gtk_revealer_get_reveal_child (self->revealer) ||
      gtk_widget_get_native (widget) != gtk_widget_get_native (GTK_WIDGET (self)) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
    return FALSE;
  return bounds.origin.y + bounds.size.height >
         gtk_widget_get_height (GTK_WIDGET (self)) -
             gtk_widget_get_height (GTK_WIDGET (self->revealer));
}

static void
focus_changed_cb (KioskKeyboardDock *self)
{
  GtkWidget *focus = gtk_root_get_focus (self->root);
  gboolean in_field;
  GtkEditable *requested;

  /* a page left while the focus was still on its way into it (the stack
   * moves the focus after the switch) must not bring the keys up over the
   * next one */
  if (focus == NULL || !on_page_shown (self, focus))
    return;
  requested = find_requested (self, focus, &in_field);
  if (requested != NULL)
    kiosk_keyboard_dock_show_for (self, requested);
  else if (in_field)
    kiosk_keyboard_dock_dismiss (self); /* a field with keys of its own, or none */
  /* a button under the keys (a switch a form sends the focus to, to say
   * what is wrong with it): the keys give way so it can be seen */
  else if (covered_by_keys (self, focus))
    kiosk_keyboard_dock_dismiss (self);
}

/* A tap on the field that has the focus already brings the keyboard back
 * after "done". The press goes on to the field. */
static void
pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, KioskKeyboardDock *self)
{
  GtkWidget *picked = gtk_widget_pick (GTK_WIDGET (self), x, y, GTK_PICK_DEFAULT);
  gboolean in_field;
  GtkEditable *requested = picked != NULL ? find_requested (self, picked, &in_field) : NULL;

  if (requested != NULL)
    kiosk_keyboard_dock_show_for (self, requested);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint keyval,
                guint keycode,
                GdkModifierType state,
                KioskKeyboardDock *self)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;
  gboolean in_field;
  GtkEditable *requested =
      focus != NULL && on_page_shown (self, focus) ? find_requested (self, focus, &in_field) : NULL;

  if (requested == NULL)
    return FALSE;
  attach (self, requested);
  if (!kiosk_keyboard_handle_key (self->keyboard, keyval, state))
    return FALSE;
  /* the candidates for what staff type are on the keyboard */
  set_shown (self, TRUE);
  return TRUE;
}

/* Once it has slid away the keyboard is hidden, so assistive technology
 * does not offer keys nobody can see. */
static void
child_revealed_cb (KioskKeyboardDock *self)
{
  if (self->keyboard != NULL && !gtk_revealer_get_reveal_child (self->revealer) &&
      !gtk_revealer_get_child_revealed (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self->keyboard), FALSE);
}

static void
done_cb (KioskKeyboardDock *self)
{
  set_shown (self, FALSE);
}

static void
kiosk_keyboard_dock_measure (GtkWidget *widget,
                             GtkOrientation orientation,
                             int for_size,
                             int *minimum,
                             int *natural,
                             int *minimum_baseline,
                             int *natural_baseline)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (widget);
  int content_min = 0, content_nat = 0, keyboard_min = 0, keyboard_nat = 0;

  if (self->content != NULL)
    gtk_widget_measure (self->content, orientation, for_size, &content_min, &content_nat, NULL,
                        NULL);
  gtk_widget_measure (GTK_WIDGET (self->revealer), orientation, for_size, &keyboard_min,
                      &keyboard_nat, NULL, NULL);
  /* the keyboard covers the page's lower part, it does not add to it */
  *minimum = MAX (content_min, keyboard_min);
  *natural = MAX (content_nat, keyboard_nat);
}

/* How far the content slides up so the attached field (and what it keeps
 * in view under it, kiosk_keyboard_keep_in_view()) is above a keyboard
 * @keyboard_height high, with a little room below it. */
static int
content_offset (KioskKeyboardDock *self, int height, int keyboard_height)
{
  GtkWidget *field =
      self->keyboard != NULL ? GTK_WIDGET (kiosk_keyboard_get_attached (self->keyboard)) : NULL;
  GtkWidget *below;
  graphene_rect_t bounds, below_bounds;
  double bottom;

  if (keyboard_height <= 0 || field == NULL || self->content == NULL ||
      !gtk_widget_compute_bounds (field, self->content, &bounds))
    return 0;
  /* a field in a popover (a pick-list's search) floats over the page, on a
   * surface of its own the page's offset does not move: the popover keeps
   * clear of the keys itself */
  if (gtk_widget_get_native (field) != gtk_widget_get_native (self->content))
    return 0;
  bottom = bounds.origin.y + bounds.size.height + FIELD_MARGIN;
  below = kiosk_keyboard_get_kept_in_view (GTK_EDITABLE (field));
  if (below != NULL && gtk_widget_get_mapped (below) &&
      gtk_widget_compute_bounds (below, self->content, &below_bounds))
    bottom = MAX (bottom, below_bounds.origin.y + below_bounds.size.height + FIELD_MARGIN);
  if (bottom <= height - keyboard_height)
    return 0;
  /* never so far that the field's top goes off the screen */
  return (int) MIN (bottom - (height - keyboard_height), MAX (0, bounds.origin.y - FIELD_MARGIN));
}

static void
kiosk_keyboard_dock_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (widget);
  int keyboard_height = 0;

  gtk_widget_measure (GTK_WIDGET (self->revealer), GTK_ORIENTATION_VERTICAL, width, NULL,
                      &keyboard_height, NULL, NULL);
  keyboard_height = MIN (keyboard_height, height);
  if (self->content != NULL)
    {
      int offset = content_offset (self, height, keyboard_height);
      int laid_out_offset;

      gtk_widget_allocate (self->content, width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, -offset)));
      /* a message under the field that has just come on show has its place
       * only now that the content is laid out */
      laid_out_offset = content_offset (self, height, keyboard_height);
      if (laid_out_offset != offset)
        gtk_widget_allocate (
            self->content, width, height, -1,
            gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, -laid_out_offset)));
    }
  gtk_widget_allocate (
      GTK_WIDGET (self->revealer), width, keyboard_height, -1,
      gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, height - keyboard_height)));
}

static void
kiosk_keyboard_dock_root (GtkWidget *widget)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (widget);

  GTK_WIDGET_CLASS (kiosk_keyboard_dock_parent_class)->root (widget);

  self->root = gtk_widget_get_root (widget);
  g_signal_connect_object (self->root, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
kiosk_keyboard_dock_unroot (GtkWidget *widget)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (widget);

  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, focus_changed_cb, self);
  self->root = NULL;

  GTK_WIDGET_CLASS (kiosk_keyboard_dock_parent_class)->unroot (widget);
}

static void
kiosk_keyboard_dock_dispose (GObject *object)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (object);
  GtkWidget *child;

  self->content = NULL;
  g_clear_weak_pointer (&self->page);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_KEYBOARD_DOCK);
  self->keyboard = NULL; /* the revealer's child, gone with it */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kiosk_keyboard_dock_parent_class)->dispose (object);
}

static void
kiosk_keyboard_dock_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (object);

  switch (prop_id)
    {
      case PROP_CONTENT:
        g_value_set_object (value, self->content);
        break;
      case PROP_KEYBOARD:
        g_value_set_object (value, self->keyboard);
        break;
      case PROP_SHOWN:
        g_value_set_boolean (value, kiosk_keyboard_dock_get_shown (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_keyboard_dock_set_property (GObject *object,
                                  guint prop_id,
                                  const GValue *value,
                                  GParamSpec *pspec)
{
  KioskKeyboardDock *self = KIOSK_KEYBOARD_DOCK (object);

  switch (prop_id)
    {
      case PROP_CONTENT:
        kiosk_keyboard_dock_set_content (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* "keyboard-dock.done", for a page under the dock: as 完成, e.g. when the
 * page takes the focus to a button whose message the keys would hide. */
static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  set_shown (KIOSK_KEYBOARD_DOCK (widget), FALSE);
}

static void
kiosk_keyboard_dock_class_init (KioskKeyboardDockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_keyboard_dock_dispose;
  object_class->get_property = kiosk_keyboard_dock_get_property;
  object_class->set_property = kiosk_keyboard_dock_set_property;
  widget_class->measure = kiosk_keyboard_dock_measure;
  widget_class->size_allocate = kiosk_keyboard_dock_size_allocate;
  widget_class->root = kiosk_keyboard_dock_root;
  widget_class->unroot = kiosk_keyboard_dock_unroot;

  properties[PROP_CONTENT] =
      g_param_spec_object ("content", NULL, NULL, GTK_TYPE_WIDGET,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* %NULL until the keyboard is first needed; notified when it is made */
  properties[PROP_KEYBOARD] =
      g_param_spec_object ("keyboard", NULL, NULL, KIOSK_TYPE_KEYBOARD,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOWN] =
      g_param_spec_boolean ("shown", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-keyboard-dock.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskKeyboardDock, revealer);
  gtk_widget_class_bind_template_callback (widget_class, child_revealed_cb);
  gtk_widget_class_set_css_name (widget_class, "keyboarddock");
  gtk_widget_class_install_action (widget_class, "keyboard-dock.done", NULL, done_action);
}

static void
kiosk_keyboard_dock_init (KioskKeyboardDock *self)
{
  GtkGesture *press = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the part of the page slid up above the dock is not drawn */
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  /* both see events on their way down to the page, and let them go on */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  g_signal_connect (press, "pressed", G_CALLBACK (pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}

GtkWidget *
kiosk_keyboard_dock_new (void)
{
  return g_object_new (KIOSK_TYPE_KEYBOARD_DOCK, NULL);
}

/**
 * kiosk_keyboard_dock_get_content:
 *
 * Returns: (transfer none) (nullable): what fills the space above the keyboard
 */
GtkWidget *
kiosk_keyboard_dock_get_content (KioskKeyboardDock *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD_DOCK (self), NULL);
  return self->content;
}

/**
 * kiosk_keyboard_dock_set_content:
 * @content: (nullable): the pages
 *
 * The window builds its pages anew after a language switch and gives them
 * here; the keyboard's keys and names are made anew with them, in the new
 * language.
 */
void
kiosk_keyboard_dock_set_content (KioskKeyboardDock *self, GtkWidget *content)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD_DOCK (self));
  g_return_if_fail (content == NULL || GTK_IS_WIDGET (content));

  if (self->content == content)
    return;
  kiosk_keyboard_dock_dismiss (self);
  if (self->content != NULL)
    gtk_widget_unparent (self->content);
  self->content = content;
  /* under the keyboard, which is drawn over it */
  if (content != NULL)
    gtk_widget_insert_before (content, GTK_WIDGET (self), GTK_WIDGET (self->revealer));
  /* a keyboard made later is made in the language of the day */
  if (self->keyboard != NULL)
    kiosk_keyboard_retranslate (self->keyboard);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTENT]);
}

/**
 * kiosk_keyboard_dock_get_keyboard:
 *
 * The keyboard is made here the first time anything needs it: it starts
 * hidden, makes its keys when it is first shown, and starts its engines
 * loading when it is first mapped (kiosk_keyboard_new()).
 *
 * Returns: (transfer none): the keyboard
 */
KioskKeyboard *
kiosk_keyboard_dock_get_keyboard (KioskKeyboardDock *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD_DOCK (self), NULL);

  if (self->keyboard == NULL)
    {
      self->keyboard = KIOSK_KEYBOARD (kiosk_keyboard_new (NULL, NULL));
      g_signal_connect_object (self->keyboard, "done", G_CALLBACK (done_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_revealer_set_child (self->revealer, GTK_WIDGET (self->keyboard));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEYBOARD]);
    }
  return self->keyboard;
}

/**
 * kiosk_keyboard_dock_peek_keyboard:
 *
 * Returns: (transfer none) (nullable): the keyboard, or %NULL while
 *   nothing has needed it yet
 */
KioskKeyboard *
kiosk_keyboard_dock_peek_keyboard (KioskKeyboardDock *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD_DOCK (self), NULL);
  return self->keyboard;
}

gboolean
kiosk_keyboard_dock_get_shown (KioskKeyboardDock *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD_DOCK (self), FALSE);
  return gtk_revealer_get_reveal_child (self->revealer);
}

/**
 * kiosk_keyboard_dock_show_for:
 * @editable: a field in the content
 *
 * Shows the keyboard typing into @editable, on the layer it asked for.
 */
void
kiosk_keyboard_dock_show_for (KioskKeyboardDock *self, GtkEditable *editable)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD_DOCK (self));
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  attach (self, editable);
  set_shown (self, TRUE);
}

/**
 * kiosk_keyboard_dock_dismiss:
 *
 * Hides the keyboard and drops what was being written: the page changed.
 */
void
kiosk_keyboard_dock_dismiss (KioskKeyboardDock *self)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD_DOCK (self));

  if (self->keyboard == NULL)
    return; /* nothing was written, nor shown */
  kiosk_keyboard_end_input (self->keyboard, FALSE);
  kiosk_keyboard_attach (self->keyboard, NULL);
  set_shown (self, FALSE);
}

/**
 * kiosk_keyboard_dock_page_changed:
 * @page: the page that shows now
 *
 * Another page shows: the keyboard leaves the old page's field, dropping
 * what was being written, and comes up again at once when the new page
 * put the focus in a field that asks for it (manual filing's number, the
 * staff account), on that field's layer. A caret in a field with no keys
 * under it would leave staff at a touch screen nothing to type with. A
 * page with nothing to focus leaves the focus where it was, in the old
 * page's field: the keyboard does not come up for that one.
 */
void
kiosk_keyboard_dock_page_changed (KioskKeyboardDock *self, GtkWidget *page)
{
  GtkWidget *focus;
  gboolean in_field;
  GtkEditable *requested;

  g_return_if_fail (KIOSK_IS_KEYBOARD_DOCK (self));

  kiosk_keyboard_dock_dismiss (self);
  g_set_weak_pointer (&self->page, page);
  focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;
  if (focus == NULL || page == NULL || !gtk_widget_is_ancestor (focus, page))
    return;
  requested = find_requested (self, focus, &in_field);
  if (requested != NULL)
    kiosk_keyboard_dock_show_for (self, requested);
}

/**
 * kiosk_keyboard_dock_end_visit:
 *
 * As kiosk_keyboard_dock_dismiss(), and the keyboard forgets everything it
 * learned from this person's typing.
 */
void
kiosk_keyboard_dock_end_visit (KioskKeyboardDock *self)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD_DOCK (self));

  kiosk_keyboard_dock_dismiss (self);
  if (self->keyboard != NULL)
    kiosk_keyboard_forget (self->keyboard);
}
