/* test-kiosk-keypad.c: the keypad's layouts and what its keys type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kiosk-keypad.h"

/* The keys of the layout in use. */
static GtkWidget *
shown_grid (KioskKeypad *keypad)
{
  GtkWidget *stack = gtk_widget_get_first_child (GTK_WIDGET (keypad));

  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* The keys of @keypad as one string in the order they were laid out, a key
 * per character: ⌫ for delete, # for Clear. */
static char *
keys_of (KioskKeypad *keypad)
{
  GString *keys = g_string_new (NULL);
  GtkWidget *grid = shown_grid (keypad);

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (child));

      if (gtk_widget_has_css_class (child, "keypad-clear"))
        g_string_append_c (keys, '#');
      else
        g_string_append (keys, label);
    }
  return g_string_free (keys, FALSE);
}

/* The key labelled @label, or Clear for "#". */
static GtkWidget *
key (KioskKeypad *keypad, const char *label)
{
  GtkWidget *grid = shown_grid (keypad);

  for (GtkWidget *child = gtk_widget_get_first_child (grid); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_str_equal (label, "#")
            ? gtk_widget_has_css_class (child, "keypad-clear")
            : g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
      return child;
  return NULL;
}

static void
tap (KioskKeypad *keypad, const char *label)
{
  GtkWidget *button = key (keypad, label);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

/* Each layout has exactly its keys, and changing the layout shows them; the
 * keys are made once, so assistive technologies see them from the start. */
static void
test_layouts (void)
{
  g_autoptr (KioskKeypad) keypad = g_object_ref_sink (KIOSK_KEYPAD (kiosk_keypad_new ()));
  g_autofree char *digits = NULL;
  g_autofree char *id_number = NULL;
  g_autofree char *letters = NULL;
  g_autofree char *digits_again = NULL;
  GtkWidget *q_key;

  g_assert_cmpint (kiosk_keypad_get_layout (keypad), ==, KIOSK_KEYPAD_DIGITS);
  digits = keys_of (keypad);
  /* Clear in the cell left of 0, which the digits have free */
  g_assert_cmpstr (digits, ==, "123456789#0⌫");

  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_ID_NUMBER);
  id_number = keys_of (keypad);
  g_assert_cmpstr (id_number, ==, "123456789X0⌫#");

  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_LETTERS);
  letters = keys_of (keypad);
  g_assert_cmpstr (letters, ==, "1234567890QWERTYUIOPASDFGHJKLZXCVBNM⌫#");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (keypad), "letters"));

  q_key = key (keypad, "Q");
  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_DIGITS);
  digits_again = keys_of (keypad);
  g_assert_cmpstr (digits_again, ==, digits);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (keypad), "letters"));
  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_LETTERS);
  g_assert_true (key (keypad, "Q") == q_key);
}

/* Keys type at the end of the target up to its length; delete and Clear edit it. */
static void
test_typing (void)
{
  g_autoptr (KioskKeypad) keypad = g_object_ref_sink (KIOSK_KEYPAD (kiosk_keypad_new ()));
  g_autoptr (GtkWidget) entry = g_object_ref_sink (gtk_entry_new ());
  GtkEditable *editable = GTK_EDITABLE (entry);

  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_ID_NUMBER);
  kiosk_keypad_set_target (keypad, editable);
  kiosk_keypad_set_max_length (keypad, 3);
  tap (keypad, "1");
  tap (keypad, "X");
  tap (keypad, "0");
  tap (keypad, "9"); /* one too many: refused */
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "1X0");
  tap (keypad, "⌫");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "1X");
  tap (keypad, "#");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "");

  kiosk_keypad_set_layout (keypad, KIOSK_KEYPAD_LETTERS);
  tap (keypad, "Q");
  tap (keypad, "7");
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "Q7");
}

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* Enter or Space on a key, or a screen reader's click action (both are
 * gtk_widget_activate()), types at once, once for every activation: the
 * same key twice in a row types twice, as in the 00 of a phone number. */
static void
test_activation (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *entry = gtk_entry_new ();
  KioskKeypad *keypad = KIOSK_KEYPAD (kiosk_keypad_new ());
  GtkEditable *editable = GTK_EDITABLE (entry);
  gboolean timed_out = FALSE;
  guint guard;

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (keypad));
  gtk_window_set_child (GTK_WINDOW (window), box);
  kiosk_keypad_set_target (keypad, editable);
  gtk_window_present (GTK_WINDOW (window));
  /* on screen, as a key a person activates is; the guard only stops a hang */
  guard = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  while (!gtk_widget_get_mapped (key (keypad, "0")) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (guard);

  g_assert_true (gtk_widget_activate (key (keypad, "1")));
  g_assert_true (gtk_widget_activate (key (keypad, "0")));
  g_assert_true (gtk_widget_activate (key (keypad, "0")));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "100");
  g_assert_true (gtk_widget_activate (key (keypad, "⌫")));
  g_assert_cmpstr (gtk_editable_get_text (editable), ==, "10");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/keypad/layouts", test_layouts);
  g_test_add_func ("/kiosk/keypad/typing", test_typing);
  g_test_add_func ("/kiosk/keypad/activation", test_activation);
  return g_test_run ();
}
