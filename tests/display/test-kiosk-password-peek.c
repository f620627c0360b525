/* test-kiosk-password-peek.c: the button beside a password that shows or hides it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * In a real window under Xvfb, with the kiosk's style: the button says in
 * a word what a tap does, is named so for a screen reader, shows and hides
 * the password, and hides it again when the field is emptied or the button
 * leaves the screen; it says what it does next also when the entry's own
 * menu showed or hid the password.
 */

#include "config.h"

#include "kiosk-display-test.h"
#include "kiosk-password-peek.h"

static GtkWindow *
window_with (GtkWidget *child)
{
  GtkCssProvider *css = gtk_css_provider_new ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_css_provider_load_from_resource (css, "/org/practitioner/Kiosk/ui/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_unref (css);
  gtk_widget_add_css_class (GTK_WIDGET (window), "kiosk");
  gtk_widget_set_valign (child, GTK_ALIGN_START);
  gtk_window_set_default_size (window, 800, 400);
  gtk_window_set_child (window, child);
  gtk_window_present (window);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, child, 10000));
  return window;
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* The word on the button, and what its eye and name say with it. */
static void
assert_says (GtkWidget *peek, const char *word, const char *name, const char *icon)
{
  GtkWidget *label = kiosk_test_find_by_type (peek, GTK_TYPE_LABEL);
  GtkWidget *image = kiosk_test_find_by_type (peek, GTK_TYPE_IMAGE);

  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, word);
  gtk_test_accessible_assert_property (peek, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (image)), ==, icon);
}

static gboolean
visible_text (GtkPasswordEntry *entry)
{
  return gtk_text_get_visibility (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (entry))));
}

static void
test_password_peek (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *entry = gtk_password_entry_new ();
  GtkWidget *peek = kiosk_password_peek_new (GTK_PASSWORD_ENTRY (entry));
  GtkWindow *window;

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), peek);
  window = window_with (box);
  g_assert_true (kiosk_test_wait_for (allocated, peek, 5000));

  /* a finger's target that shows a word beside its eye */
  g_assert_cmpint (gtk_widget_get_width (peek), >=, 48);
  g_assert_cmpint (gtk_widget_get_height (peek), >=, 48);
  g_assert_false (kiosk_password_peek_get_shown (KIOSK_PASSWORD_PEEK (peek)));
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse");
  kiosk_test_tap_widget (peek);
  g_assert_true (kiosk_password_peek_get_shown (KIOSK_PASSWORD_PEEK (peek)));
  g_assert_true (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Hide", "Hide the password", "view-conceal-symbolic");
  kiosk_test_tap_widget (peek);
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  /* emptied (a page's reset), the field hides what comes next */
  kiosk_test_tap_widget (peek);
  g_assert_true (visible_text (GTK_PASSWORD_ENTRY (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  /* off the screen (the page left), the password is hidden again */
  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse");
  kiosk_test_tap_widget (peek);
  g_assert_true (visible_text (GTK_PASSWORD_ENTRY (entry)));
  gtk_widget_set_visible (box, FALSE);
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  gtk_widget_set_visible (box, TRUE);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, peek, 5000));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "correct horse");

  gtk_window_destroy (window);
}

/* Whether an item of @model, or of its sections and submenus, does @action. */
static gboolean
menu_has_action (GMenuModel *model, const char *action)
{
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr (GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      while (g_menu_link_iter_next (links))
        {
          g_autoptr (GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }
  return FALSE;
}

/* GTK's own way to the password, "Show Text" in the entry's context menu:
 * the button says all the same that a tap hides it, and follows when the
 * menu hides it again; and what the menu showed is hidden as the button
 * leaves the screen. */
static void
test_entry_menu (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *entry = gtk_password_entry_new ();
  GtkWidget *peek = kiosk_password_peek_new (GTK_PASSWORD_ENTRY (entry));
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry)));
  GtkWindow *window;

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), peek);
  window = window_with (box);
  g_assert_true (kiosk_test_wait_for (allocated, peek, 5000));
  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse");
  /* the action of the menu's item, on the entry's text */
  g_assert_true (
      menu_has_action (gtk_text_get_extra_menu (GTK_TEXT (text)), "misc.toggle-visibility"));

  g_assert_true (gtk_widget_activate_action (text, "misc.toggle-visibility", NULL));
  g_assert_true (visible_text (GTK_PASSWORD_ENTRY (entry)));
  g_assert_true (kiosk_password_peek_get_shown (KIOSK_PASSWORD_PEEK (peek)));
  assert_says (peek, "Hide", "Hide the password", "view-conceal-symbolic");
  g_assert_true (gtk_widget_activate_action (text, "misc.toggle-visibility", NULL));
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  g_assert_false (kiosk_password_peek_get_shown (KIOSK_PASSWORD_PEEK (peek)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  /* shown by the menu, hidden by a tap on the button */
  g_assert_true (gtk_widget_activate_action (text, "misc.toggle-visibility", NULL));
  kiosk_test_tap_widget (peek);
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  /* shown by the menu, hidden as the page leaves */
  g_assert_true (gtk_widget_activate_action (text, "misc.toggle-visibility", NULL));
  gtk_widget_set_visible (box, FALSE);
  g_assert_false (visible_text (GTK_PASSWORD_ENTRY (entry)));
  assert_says (peek, "Show", "Show the password", "view-reveal-symbolic");

  gtk_window_destroy (window);
}

static gboolean
shows_text (gpointer entry)
{
  return visible_text (entry);
}

/* A real tap (through the X server) shows the password and leaves the
 * caret where it was: a physical keyboard's next key still types into the
 * field, and Enter signs in rather than pressing the button again. */
static void
test_tap_keeps_focus (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *entry = gtk_password_entry_new ();
  GtkWidget *peek = kiosk_password_peek_new (GTK_PASSWORD_ENTRY (entry));
  GtkWidget *text;
  GtkWindow *window;
  graphene_rect_t bounds;
  g_autofree char *tap = NULL;

  gtk_widget_set_hexpand (entry, TRUE);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), peek);
  window = window_with (box);
  gtk_window_fullscreen (window);
  g_assert_true (kiosk_test_wait_for (allocated, peek, 5000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  text = gtk_editable_get_delegate (GTK_EDITABLE (entry)) != NULL
             ? GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (entry)))
             : entry;
  gtk_editable_set_text (GTK_EDITABLE (entry), "correct horse");
  g_assert_true (gtk_widget_grab_focus (entry));
  g_assert_true (gtk_widget_has_focus (text));

  g_assert_true (kiosk_test_screen_bounds (peek, &bounds));
  tap = g_strdup_printf ("mousemove %d %d click 1", (int) (bounds.origin.x + bounds.size.width / 2),
                         (int) (bounds.origin.y + bounds.size.height / 2));
  kiosk_test_xdotool (tap);
  g_assert_true (kiosk_test_wait_for (shows_text, entry, 10000));
  g_assert_true (gtk_widget_has_focus (text));

  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/password-peek/show-hide", test_password_peek);
  g_test_add_func ("/password-peek/entry-menu", test_entry_menu);
  g_test_add_func ("/password-peek/tap-keeps-focus", test_tap_keeps_focus);
  return g_test_run ();
}
