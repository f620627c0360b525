/* kiosk-lockdown.c: what a walk-up person with a keyboard cannot do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kiosk is one full-screen window. A USB keyboard plugged into it must not
 * open a way around it, and GTK 4.8 offers these:
 *
 * - The GTK inspector, which can show any page and run any action. GTK opens
 *   it when it starts with GTK_DEBUG=interactive, and on Ctrl+Shift+I or
 *   Ctrl+Shift+D through every GtkWindow's "enable-debugging" keybinding
 *   signal, whose class handler asks only the user's GSettings key
 *   org.gtk.gtk4.Settings.Debug enable-inspector-keybinding (true by default
 *   on Debian 12). gtk_window_set_interactive_debugging() changes neither.
 *   So GTK_DEBUG leaves the environment before GTK starts, and a handler on
 *   each window answers "enable-debugging" before the class handler can:
 *   handled, nothing opened.
 * - Every text entry's context menu and touch selection popover (cut, copy,
 *   paste, insert emoji), the emoji chooser (Ctrl+. and Ctrl+;), pasting
 *   (Ctrl+V, Shift+Insert, the middle button) and dropping text. Each GtkText
 *   is locked down as it is realized, through an emission hook, so entries
 *   that pages add later are covered too: "menu.popup" off, the no-emoji
 *   hint kept (GtkText then keeps "misc.insert-emoji" off), the clipboard
 *   signals stopped, its drop target removed, and every press but a primary
 *   click taken before GtkText sees it. A touch only focuses the entry with
 *   the caret at the end, so no touch selection, and no popover for it, starts;
 *   and an entry focused as its page opens has nothing selected (GtkSettings'
 *   gtk-entry-select-on-focus off) and its caret at the end, so a key tapped
 *   adds to its text.
 * - Selectable labels, whose text could be selected and copied: made plain.
 *
 * A clipboard outlives the visit that filled it: the flow calls
 * kiosk_lockdown_clear_clipboards() at every reset and staff sign-out.
 *
 * `practitioner-kiosk --windowed --inspector` keeps the inspector for
 * development; nothing else here changes with it.
 */

#include "config.h"

#include "kiosk-lockdown.h"

struct _KioskLockdown
{
  GObject parent_instance;

  gboolean allow_inspector;
  guint realize_signal;
  gulong realize_hook;
};

G_DEFINE_FINAL_TYPE (KioskLockdown, kiosk_lockdown, G_TYPE_OBJECT)

static GQuark
lockdown_done_quark (void)
{
  return g_quark_from_static_string ("kiosk-lockdown-done");
}

/* ---- windows: no inspector ---- */

static gboolean
refuse_debugging_cb (GtkWindow *window, gboolean toggle, gpointer user_data)
{
  g_message ("a key asked for the GTK inspector; it is off on this kiosk");
  /* before GtkWindow's class handler, which would open it */
  g_signal_stop_emission_by_name (window, "enable-debugging");
  return TRUE;
}

static void
lock_down_window (GtkWindow *window)
{
  g_signal_connect (window, "enable-debugging", G_CALLBACK (refuse_debugging_cb), NULL);
  /* a page that opens on a filled entry would have its text selected,
   * and the first key tapped would replace all of it */
  g_object_set (gtk_widget_get_settings (GTK_WIDGET (window)), "gtk-entry-select-on-focus", FALSE,
                NULL);
}

/* ---- text entries: no menus, no emoji, no clipboard, no drops ---- */

static void
keep_no_emoji_hint (GtkText *text)
{
  GtkInputHints hints = gtk_text_get_input_hints (text);

  if ((hints & GTK_INPUT_HINT_NO_EMOJI) == 0)
    gtk_text_set_input_hints (text, hints | GTK_INPUT_HINT_NO_EMOJI);
}

static void
refuse_signal_cb (GtkText *text)
{
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (text);

  /* handlers run before the class handler of these run-last signals */
  g_signal_stop_emission (text, hint->signal_id, hint->detail);
}

static void
text_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, GtkText *text)
{
  GtkEventController *controller = GTK_EVENT_CONTROLLER (gesture);
  GdkDevice *device = gtk_event_controller_get_current_event_device (controller);
  GdkEvent *event = gtk_event_controller_get_current_event (controller);
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));

  if (device != NULL && gdk_device_get_source (device) == GDK_SOURCE_TOUCHSCREEN)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      gtk_text_grab_focus_without_selecting (text);
      gtk_editable_set_position (GTK_EDITABLE (text), -1);
      return;
    }
  if (button != GDK_BUTTON_PRIMARY || (event != NULL && gdk_event_triggers_context_menu (event)))
    {
      /* the context menu, and the middle button's paste of the selection */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
remove_drop_targets (GtkWidget *widget)
{
  g_autoptr (GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);

  {
    /* observing is costly while the list lives; it lives only here */
    g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_DROP_TARGET (controller) || GTK_IS_DROP_TARGET_ASYNC (controller))
          g_ptr_array_add (targets, g_steal_pointer (&controller));
      }
  }
  for (guint i = 0; i < targets->len; i++)
    gtk_widget_remove_controller (widget, g_ptr_array_index (targets, i));
}

/* Focus given without a tap (a page opening on the entry) leaves the
 * caret where it last was, the start for a filled entry: keys tapped next
 * would go before the text. */
static void
text_focused_cb (GtkEventControllerFocus *focus, GtkText *text)
{
  if (!gtk_editable_get_selection_bounds (GTK_EDITABLE (text), NULL, NULL))
    gtk_editable_set_position (GTK_EDITABLE (text), -1);
}

static void
lock_down_text (GtkText *text)
{
  static const char *const refused_signals[] = {
    "copy-clipboard",
    "cut-clipboard",
    "paste-clipboard",
    "insert-emoji",
  };
  GtkGesture *press = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_action_set_enabled (GTK_WIDGET (text), "menu.popup", FALSE);
  keep_no_emoji_hint (text);
  g_signal_connect (text, "notify::input-hints", G_CALLBACK (keep_no_emoji_hint), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (refused_signals); i++)
    g_signal_connect (text, refused_signals[i], G_CALLBACK (refuse_signal_cb), NULL);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (press), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (press), GTK_PHASE_CAPTURE);
  gtk_event_controller_set_static_name (GTK_EVENT_CONTROLLER (press), "kiosk-lockdown-press");
  g_signal_connect (press, "pressed", G_CALLBACK (text_pressed_cb), text);
  gtk_widget_add_controller (GTK_WIDGET (text), GTK_EVENT_CONTROLLER (press));
  g_signal_connect (focus, "enter", G_CALLBACK (text_focused_cb), text);
  gtk_widget_add_controller (GTK_WIDGET (text), focus);

  remove_drop_targets (GTK_WIDGET (text));

  /* a menu asked for before this text was realized never shows */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (text)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      gtk_popover_popdown (GTK_POPOVER (child));
}

/* ---- labels: nothing to select and copy ---- */

static void
keep_unselectable (GtkLabel *label)
{
  if (gtk_label_get_selectable (label))
    gtk_label_set_selectable (label, FALSE);
}

static void
lock_down_label (GtkLabel *label)
{
  keep_unselectable (label);
  g_signal_connect (label, "notify::selectable", G_CALLBACK (keep_unselectable), NULL);
}

/* Called for every widget of the process as it is realized, before it can
 * be shown or take input. */
static gboolean
widget_realized_cb (GSignalInvocationHint *hint,
                    guint n_values,
                    const GValue *values,
                    gpointer user_data)
{
  KioskLockdown *self = user_data;
  GObject *widget = g_value_get_object (&values[0]);

  if (g_object_get_qdata (widget, lockdown_done_quark ()) != NULL)
    return TRUE;
  if (GTK_IS_TEXT (widget))
    lock_down_text (GTK_TEXT (widget));
  else if (GTK_IS_LABEL (widget))
    lock_down_label (GTK_LABEL (widget));
  else if (GTK_IS_WINDOW (widget) && !self->allow_inspector)
    lock_down_window (GTK_WINDOW (widget));
  else
    return TRUE;
  g_object_set_qdata (widget, lockdown_done_quark (), GINT_TO_POINTER (TRUE));
  return TRUE;
}

static void
kiosk_lockdown_dispose (GObject *object)
{
  KioskLockdown *self = KIOSK_LOCKDOWN (object);

  if (self->realize_hook != 0)
    g_signal_remove_emission_hook (self->realize_signal, self->realize_hook);
  self->realize_hook = 0;

  G_OBJECT_CLASS (kiosk_lockdown_parent_class)->dispose (object);
}

static void
kiosk_lockdown_class_init (KioskLockdownClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kiosk_lockdown_dispose;
}

static void
kiosk_lockdown_init (KioskLockdown *self)
{
}

/**
 * kiosk_lockdown_scrub_environment:
 *
 * Removes GTK_DEBUG, so that GTK_DEBUG=interactive cannot open the
 * inspector. GTK reads it once, when it starts: call this before.
 */
void
kiosk_lockdown_scrub_environment (void)
{
  if (g_getenv ("GTK_DEBUG") == NULL)
    return;
  g_message ("GTK_DEBUG is ignored: the kiosk runs without GTK debugging (see --inspector)");
  g_unsetenv ("GTK_DEBUG");
}

/**
 * kiosk_lockdown_new:
 * @allow_inspector: keep the GTK inspector's keys, for development
 *
 * Locks down every window, text entry and label that the process realizes
 * from now on, until the returned object is disposed. Call once, after GTK
 * has started and before the first window is shown.
 */
KioskLockdown *
kiosk_lockdown_new (gboolean allow_inspector)
{
  g_autoptr (GTypeClass) widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
  KioskLockdown *self = g_object_new (KIOSK_TYPE_LOCKDOWN, NULL);

  self->allow_inspector = allow_inspector;
  /* the class made, and its signals with it, before any widget is */
  self->realize_signal = g_signal_lookup ("realize", G_TYPE_FROM_CLASS (widget_class));
  self->realize_hook =
      g_signal_add_emission_hook (self->realize_signal, 0, widget_realized_cb, self, NULL);
  return self;
}

gboolean
kiosk_lockdown_get_allow_inspector (KioskLockdown *self)
{
  g_return_val_if_fail (KIOSK_IS_LOCKDOWN (self), FALSE);
  return self->allow_inspector;
}

/**
 * kiosk_lockdown_clear_clipboards:
 *
 * Empties the clipboard and the primary selection of @display, whoever
 * filled them: nothing one person selected or copied reaches the next.
 */
void
kiosk_lockdown_clear_clipboards (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
  gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
  /* now, not whenever the main loop next writes to the display server */
  gdk_display_flush (display);
}
