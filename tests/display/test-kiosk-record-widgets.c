/* test-kiosk-record-widgets.c: the date picker and the pick-list, driven by taps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each widget in a real window under Xvfb, opened and tapped the way a
 * finger does (the menu button's popover, its buttons and rows activated).
 */

#include "config.h"

#include "core-dictionary-set.h"
#include "kiosk-date-picker.h"
#include "kiosk-display-test.h"
#include "kiosk-pick-list.h"

static GtkWindow *
window_with (GtkWidget *child)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* at the top, as in a form, with room for the panel below it */
  gtk_widget_set_valign (child, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), child);
  gtk_window_set_default_size (window, 1000, 760);
  gtk_window_set_child (window, box);
  gtk_window_present (window);
  g_assert_true (kiosk_test_wait_for ((KioskTestCondition) gtk_widget_get_mapped, child, 10000));
  return window;
}

static void
tap (GtkWidget *widget)
{
  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_widget_activate (widget);
  kiosk_test_spin (300); /* a button answers its activation after its press shows */
}

static GtkWidget *
find_button (GtkWidget *root, const char *accessible_or_label)
{
  GtkWidget *button = kiosk_test_find_button (root, accessible_or_label);

  g_assert_nonnull (button);
  return button;
}

/* Year back one and ten, month, day: three kinds of taps give the date, the
 * day closes the panel; days a month does not have cannot be tapped. */
static void
test_date_picker (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (FALSE, FALSE));
  GtkWindow *window = window_with (GTK_WIDGET (picker));
  GtkWidget *day;
  GtkWidget *popover_child;

  g_assert_null (kiosk_date_picker_get_value (picker));
  kiosk_date_picker_set_value (picker, "2019-07-01");
  kiosk_date_picker_open (picker);
  day = kiosk_date_picker_get_day_button (picker, 30);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, day, 5000));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2019);

  popover_child = gtk_widget_get_ancestor (day, GTK_TYPE_POPOVER);
  tap (find_button (popover_child, "‹"));
  tap (find_button (popover_child, "«"));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2008);
  /* only browsing so far: the value stays until a day is tapped */
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2019-07-01");

  tap (kiosk_date_picker_get_month_button (picker, 2));
  /* 2008 is a leap year: the 29th of February is there, the 30th is not */
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 29)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 30)));
  tap (find_button (popover_child, "›"));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 29)));

  tap (kiosk_date_picker_get_month_button (picker, 6));
  tap (kiosk_date_picker_get_day_button (picker, 30));
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2009-06-30");
  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "2009-06-30");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, day, 5000));

  /* opened again, the panel shows the value's year */
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, day, 5000));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2009);
  tap (find_button (popover_child, "Clear"));
  g_assert_null (kiosk_date_picker_get_value (picker));

  gtk_window_destroy (window);
}

/* A date that cannot lie in the future: nothing after the limit can be
 * tapped, and the year steps stop at its year. */
static void
test_date_picker_latest (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (FALSE, FALSE));
  GtkWindow *window = window_with (GTK_WIDGET (picker));
  GtkWidget *day = kiosk_date_picker_get_day_button (picker, 1);
  GtkWidget *popover_child;

  kiosk_date_picker_set_latest (picker, "2020-05-15");
  kiosk_date_picker_set_value (picker, "2010-05-01");
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, day, 5000));
  popover_child = gtk_widget_get_ancestor (day, GTK_TYPE_POPOVER);

  /* ten years on is the limit's year: no further, and no month after May */
  tap (find_button (popover_child, "»"));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2020);
  g_assert_false (gtk_widget_is_sensitive (find_button (popover_child, "»")));
  g_assert_false (gtk_widget_is_sensitive (find_button (popover_child, "›")));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 5)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 6)));
  /* in May, the 15th is the last day to tap */
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 15)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 16)));
  /* in April of that year, every day of April */
  tap (kiosk_date_picker_get_month_button (picker, 4));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 30)));
  /* a year earlier, every month again */
  tap (find_button (popover_child, "‹"));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 12)));
  g_assert_true (gtk_widget_is_sensitive (find_button (popover_child, "›")));
  tap (kiosk_date_picker_get_month_button (picker, 12));
  tap (kiosk_date_picker_get_day_button (picker, 31));
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2019-12-31");
  gtk_window_destroy (window);
}

/* A month field is picked with the month; an open end is cleared as "until now". */
static void
test_year_month_open_end (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (TRUE, TRUE));
  GtkWindow *window = window_with (GTK_WIDGET (picker));
  GtkWidget *month = kiosk_date_picker_get_month_button (picker, 11);
  guint shown;

  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "Until now");
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  g_assert_false (gtk_widget_get_mapped (kiosk_date_picker_get_day_button (picker, 1)));
  shown = kiosk_date_picker_get_shown_year (picker);
  tap (find_button (gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER), "‹"));
  tap (month);
  {
    g_autofree char *expected = g_strdup_printf ("%04u-11", shown - 1);
    g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, expected);
  }
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, month, 5000));

  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  tap (find_button (gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER), "Until now"));
  g_assert_null (kiosk_date_picker_get_value (picker));
  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "Until now");
  gtk_window_destroy (window);
}

static CoreDictionarySet *
dictionaries (void)
{
  g_autoptr (GError) error = NULL;
  CoreDictionarySet *set =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);

  g_assert_no_error (error);
  return set;
}

/* A short list: every entry a row of 64 px or more, no search; a tap picks
 * the code, and the button shows the label. */
static void
test_pick_list_short (void)
{
  g_autoptr (CoreDictionarySet) set = dictionaries ();
  CoreDictionary *degrees = core_dictionary_set_lookup (set, "degrees");
  KioskPickList *list = KIOSK_PICK_LIST (kiosk_pick_list_new (degrees));
  GtkWindow *window = window_with (GTK_WIDGET (list));
  const CoreDictionaryEntry *entry = core_dictionary_get_entry (degrees, 1);
  const char *label = core_dictionary_entry_get_label (entry, kiosk_pick_list_get_language ());
  GtkWidget *row;
  int height = 0;

  g_assert_null (kiosk_pick_list_get_code (list));
  kiosk_pick_list_open (list);
  row = kiosk_pick_list_find_row (list, label);
  g_assert_nonnull (row);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, row, 5000));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (kiosk_pick_list_get_search (list))));
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==,
                    core_dictionary_get_n_entries (degrees));
  gtk_widget_measure (row, GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >=, 64);

  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  kiosk_test_spin (50);
  g_assert_cmpstr (kiosk_pick_list_get_code (list), ==, entry->code);
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (list), ==, label);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, row, 5000));

  kiosk_pick_list_set_code (list, NULL);
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (list), !=, label);
  gtk_window_destroy (window);
}

/* A long list has a search field: typing narrows the rows to the matches,
 * by either language's label; nothing matching says so. */
static void
test_pick_list_search (void)
{
  g_autoptr (CoreDictionarySet) set = dictionaries ();
  CoreDictionary *nations = core_dictionary_set_lookup (set, "nations");
  KioskPickList *list = KIOSK_PICK_LIST (kiosk_pick_list_new (nations));
  GtkWindow *window = window_with (GTK_WIDGET (list));
  GtkEditable *search = kiosk_pick_list_get_search (list);
  const CoreDictionaryEntry *hui = core_dictionary_lookup (nations, "03");
  GtkWidget *row;

  g_assert_nonnull (hui);
  kiosk_pick_list_open (list);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, search, 5000));
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==,
                    core_dictionary_get_n_entries (nations));

  gtk_editable_set_text (search, hui->label_zh_cn);
  kiosk_test_spin (300); /* the search field waits a moment before it says it changed */
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 1);
  row = kiosk_pick_list_find_row (
      list, core_dictionary_entry_get_label (hui, kiosk_pick_list_get_language ()));
  g_assert_true (gtk_widget_get_visible (row));

  gtk_editable_set_text (search, "HUI");
  kiosk_test_spin (300);
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 1);

  gtk_editable_set_text (search, "没有这个民族");
  kiosk_test_spin (300);
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 0);

  gtk_editable_set_text (search, "HUI");
  kiosk_test_spin (300);
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
  kiosk_test_spin (50);
  g_assert_cmpstr (kiosk_pick_list_get_code (list), ==, "03");

  /* Enter (assistive technology's activate) in a search that left one row
   * picks it; with more rows left it picks none */
  kiosk_pick_list_set_code (list, NULL);
  kiosk_pick_list_open (list);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, search, 5000));
  g_signal_emit_by_name (search, "activate");
  g_assert_null (kiosk_pick_list_get_code (list));
  gtk_editable_set_text (search, hui->label_zh_cn);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (kiosk_pick_list_get_code (list), ==, "03");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, search, 5000));

  /* opened again, the whole list is back */
  kiosk_pick_list_open (list);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, search, 5000));
  g_assert_cmpstr (gtk_editable_get_text (search), ==, "");
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==,
                    core_dictionary_get_n_entries (nations));
  gtk_window_destroy (window);
}

int
main (int argc, char **argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/record-widgets/date-picker", test_date_picker);
  g_test_add_func ("/record-widgets/date-picker-latest", test_date_picker_latest);
  g_test_add_func ("/record-widgets/year-month-open-end", test_year_month_open_end);
  g_test_add_func ("/record-widgets/pick-list-short", test_pick_list_short);
  g_test_add_func ("/record-widgets/pick-list-search", test_pick_list_search);
  return g_test_run ();
}
