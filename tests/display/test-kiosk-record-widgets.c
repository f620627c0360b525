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
  static GtkCssProvider *css;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  /* the kiosk's look with large text: its targets, its fonts at their largest */
  if (css == NULL)
    {
      css = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (css, "/org/practitioner/Kiosk/ui/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
  gtk_widget_add_css_class (GTK_WIDGET (window), "kiosk");
  gtk_widget_add_css_class (GTK_WIDGET (window), "large-text");

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
flag_cb (gpointer instance, gboolean *flag)
{
  *flag = TRUE;
}

static gboolean
flag_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static void
tap (GtkWidget *widget)
{
  gboolean clicked = FALSE;
  gulong handler = g_signal_connect (widget, "clicked", G_CALLBACK (flag_cb), &clicked);

  g_assert_true (gtk_widget_is_sensitive (widget));
  gtk_widget_activate (widget);
  /* a button answers its activation after its press shows */
  g_assert_true (kiosk_test_wait_for (flag_set, &clicked, 5000));
  g_signal_handler_disconnect (widget, handler);
}

static GtkWidget *
find_button (GtkWidget *root, const char *accessible_or_label)
{
  GtkWidget *button = kiosk_test_find_button (root, accessible_or_label);

  g_assert_nonnull (button);
  return button;
}

/* Where @popover's panel is on the screen: a popover is a surface of its
 * own, which GDK places relative to the window's. */
static gboolean
panel_bounds (GtkWidget *popover, graphene_rect_t *out)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (popover));
  GtkWidget *contents = gtk_widget_get_first_child (popover);
  GtkNative *parent = gtk_widget_get_native (gtk_widget_get_parent (popover));
  double popover_x, popover_y, parent_x, parent_y;

  if (surface == NULL || !gdk_surface_get_mapped (surface) ||
      !gtk_widget_compute_bounds (contents, popover, out))
    return FALSE;
  gtk_native_get_surface_transform (GTK_NATIVE (popover), &popover_x, &popover_y);
  gtk_native_get_surface_transform (parent, &parent_x, &parent_y);
  out->origin.x += gdk_popup_get_position_x (GDK_POPUP (surface)) + popover_x - parent_x;
  out->origin.y += gdk_popup_get_position_y (GDK_POPUP (surface)) + popover_y - parent_y;
  return TRUE;
}

/* Whether the panel is on show with the height its step needs: it takes
 * that size a frame or two after the step is shown. */
static gboolean
panel_has_its_size (gpointer popover)
{
  graphene_rect_t bounds;
  int needed = 0;

  if (!panel_bounds (popover, &bounds))
    return FALSE;
  gtk_widget_measure (gtk_widget_get_first_child (popover), GTK_ORIENTATION_VERTICAL,
                      (int) bounds.size.width, &needed, NULL, NULL, NULL);
  return needed <= (int) (bounds.size.height + 0.5);
}

/* The panel has what it needs, inside the window's screen. */
static void
assert_panel_fits (GtkWidget *popover)
{
  GdkMonitor *monitor =
      g_list_model_get_item (gdk_display_get_monitors (gdk_display_get_default ()), 0);
  GtkWidget *contents = gtk_widget_get_first_child (popover);
  GdkRectangle screen;
  graphene_rect_t bounds;
  int needed = 0;

  gdk_monitor_get_geometry (monitor, &screen);
  g_object_unref (monitor);
  /* a panel that never gets its size fails below */
  kiosk_test_wait_for (panel_has_its_size, popover, 5000);
  g_assert_true (panel_bounds (popover, &bounds));
  gtk_widget_measure (contents, GTK_ORIENTATION_VERTICAL, (int) bounds.size.width, &needed, NULL,
                      NULL, NULL);
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, screen.height);
  g_assert_cmpint (needed, <=, (int) (bounds.size.height + 0.5));
  /* the step, with its margins, fits on a 720-line screen above the page's
   * footer (87 px high there with large text): where a field leaves it room
   * on neither side, the panel covers part of the field, never the footer
   * (the fit test checks every form) */
  g_assert_cmpfloat (bounds.size.height + 2 * KIOSK_DATE_PICKER_PANEL_MARGIN, <=, 720 - 87);
}

/* Whether the panel, placed, keeps its margin from every edge of the window. */
static gboolean
panel_in_margin (gpointer popover)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (gtk_widget_get_parent (popover)));
  graphene_rect_t bounds;

  return panel_has_its_size (popover) && panel_bounds (popover, &bounds) &&
         bounds.origin.x >= KIOSK_DATE_PICKER_PANEL_MARGIN &&
         bounds.origin.y >= KIOSK_DATE_PICKER_PANEL_MARGIN &&
         bounds.origin.x + bounds.size.width <=
             gtk_widget_get_width (window) - KIOSK_DATE_PICKER_PANEL_MARGIN &&
         bounds.origin.y + bounds.size.height <=
             gtk_widget_get_height (window) - KIOSK_DATE_PICKER_PANEL_MARGIN;
}

static void
assert_panel_margin (GtkWidget *popover)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (gtk_widget_get_parent (popover)));
  graphene_rect_t bounds;

  /* a panel that never gets there fails below, with its place */
  kiosk_test_wait_for (panel_in_margin, popover, 5000);
  g_assert_true (panel_bounds (popover, &bounds));
  g_test_message ("panel at %.0f,%.0f %.0f × %.0f in a window of %d × %d", bounds.origin.x,
                  bounds.origin.y, bounds.size.width, bounds.size.height,
                  gtk_widget_get_width (window), gtk_widget_get_height (window));
  g_assert_true (panel_in_margin (popover));
}

/* Year back one and ten, a month, then the month's days: three kinds of
 * taps give the date, the day closes the panel; days a month does not have
 * cannot be tapped. */
static void
test_date_picker (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (FALSE, FALSE));
  GtkWindow *window = window_with (GTK_WIDGET (picker));
  GtkWidget *month;
  GtkWidget *popover_child;

  g_assert_null (kiosk_date_picker_get_value (picker));
  kiosk_date_picker_set_value (picker, "2019-07-01");
  kiosk_date_picker_set_name (picker, "Date of birth");
  kiosk_date_picker_open (picker);
  /* it opens on the months, the value's month marked */
  month = kiosk_date_picker_get_month_button (picker, 7);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  g_assert_false (kiosk_date_picker_get_showing_days (picker));
  g_assert_false (gtk_widget_get_mapped (kiosk_date_picker_get_day_button (picker, 1)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (month)));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2019);

  popover_child = gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER);
  assert_panel_fits (popover_child);
  /* headed by the field it picks for, whose own label it may cover */
  g_assert_cmpuint (kiosk_test_count_labels (popover_child, "Date of birth"), ==, 1);
  tap (kiosk_date_picker_get_year_step_button (picker, -1));
  tap (kiosk_date_picker_get_year_step_button (picker, -10));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2008);
  /* only browsing so far: the value stays until a day is tapped */
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2019-07-01");

  tap (kiosk_date_picker_get_month_button (picker, 2));
  /* a month goes on to its days, under a title that names it */
  g_assert_true (kiosk_date_picker_get_showing_days (picker));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_day_button (picker, 1), 5000));
  g_assert_false (gtk_widget_get_mapped (kiosk_date_picker_get_month_button (picker, 2)));
  g_assert_cmpuint (kiosk_test_count_labels (popover_child, "February 2008"), ==, 1);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (kiosk_date_picker_get_back_button (picker))),
                   ==, "Back to the months");
  assert_panel_fits (popover_child);
  /* each day is named for a screen reader with its month and year */
  gtk_test_accessible_assert_property (kiosk_date_picker_get_day_button (picker, 17),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "17 February 2008");
  /* the months before and after, their days shown */
  tap (kiosk_date_picker_get_month_step_button (picker, -1));
  g_assert_cmpuint (kiosk_test_count_labels (popover_child, "January 2008"), ==, 1);
  g_assert_true (kiosk_date_picker_get_showing_days (picker));
  tap (kiosk_date_picker_get_month_step_button (picker, -1));
  g_assert_cmpuint (kiosk_test_count_labels (popover_child, "December 2007"), ==, 1);
  tap (kiosk_date_picker_get_month_step_button (picker, 1));
  tap (kiosk_date_picker_get_month_step_button (picker, 1));
  g_assert_cmpuint (kiosk_test_count_labels (popover_child, "February 2008"), ==, 1);
  /* 2008 is a leap year: the 29th of February is there, the 30th is not */
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 29)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 30)));
  g_assert_false (gtk_widget_get_visible (kiosk_date_picker_get_day_button (picker, 30)));
  /* back to the months, the year kept */
  tap (kiosk_date_picker_get_back_button (picker));
  g_assert_false (kiosk_date_picker_get_showing_days (picker));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_month_button (picker, 2), 5000));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2008);
  tap (kiosk_date_picker_get_year_step_button (picker, 1));
  tap (kiosk_date_picker_get_month_button (picker, 2));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 29)));
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2019-07-01");

  tap (kiosk_date_picker_get_back_button (picker));
  tap (kiosk_date_picker_get_month_button (picker, 6));
  tap (kiosk_date_picker_get_day_button (picker, 30));
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2009-06-30");
  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "2009-06-30");
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, popover_child, 5000));

  /* opened again, the panel shows the value's year and months */
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  g_assert_false (kiosk_date_picker_get_showing_days (picker));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2009);
  g_assert_true (gtk_toggle_button_get_active (
      GTK_TOGGLE_BUTTON (kiosk_date_picker_get_month_button (picker, 6))));
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
  GtkWidget *month = kiosk_date_picker_get_month_button (picker, 1);

  kiosk_date_picker_set_latest (picker, "2020-05-15");
  kiosk_date_picker_set_value (picker, "2010-05-01");
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));

  /* ten years on is the limit's year: no further, and no month after May */
  tap (kiosk_date_picker_get_year_step_button (picker, 10));
  g_assert_cmpuint (kiosk_date_picker_get_shown_year (picker), ==, 2020);
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_year_step_button (picker, 10)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_year_step_button (picker, 1)));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 5)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 6)));
  /* in May, the 15th is the last day to tap */
  tap (kiosk_date_picker_get_month_button (picker, 5));
  g_assert_true (kiosk_date_picker_get_showing_days (picker));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 15)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 16)));
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 31)));
  /* and no month after it */
  g_assert_false (gtk_widget_is_sensitive (kiosk_date_picker_get_month_step_button (picker, 1)));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_month_step_button (picker, -1)));
  /* in April of that year, every day of April */
  tap (kiosk_date_picker_get_back_button (picker));
  tap (kiosk_date_picker_get_month_button (picker, 4));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_day_button (picker, 30)));
  /* a year earlier, every month again */
  tap (kiosk_date_picker_get_back_button (picker));
  tap (kiosk_date_picker_get_year_step_button (picker, -1));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_month_button (picker, 12)));
  g_assert_true (gtk_widget_is_sensitive (kiosk_date_picker_get_year_step_button (picker, 1)));
  tap (kiosk_date_picker_get_month_button (picker, 12));
  tap (kiosk_date_picker_get_day_button (picker, 31));
  g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, "2019-12-31");
  gtk_window_destroy (window);
}

/* A month field is picked with the month; an open end is cleared as "until
 * now", a choice under the months. */
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
  assert_panel_fits (gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER));
  shown = kiosk_date_picker_get_shown_year (picker);
  tap (kiosk_date_picker_get_year_step_button (picker, -1));
  /* a month ends a month field: no days */
  tap (month);
  g_assert_false (kiosk_date_picker_get_showing_days (picker));
  {
    g_autofree char *expected = g_strdup_printf ("%04u-11", shown - 1);
    g_assert_cmpstr (kiosk_date_picker_get_value (picker), ==, expected);
  }
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, month, 5000));

  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  /* "until now" is a value, not a step to other years: apart from the
   * steps, under the months and as wide as they are */
  {
    GtkWidget *popover = gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER);
    GtkWidget *until = find_button (popover, "Until now");
    GtkWidget *later = kiosk_date_picker_get_year_step_button (picker, 10);
    graphene_rect_t until_bounds, first, last, step;

    kiosk_test_wait_drawn (popover);
    g_assert_true (gtk_widget_compute_bounds (until, popover, &until_bounds));
    g_assert_true (gtk_widget_compute_bounds (kiosk_date_picker_get_month_button (picker, 1),
                                              popover, &first));
    g_assert_true (gtk_widget_compute_bounds (kiosk_date_picker_get_month_button (picker, 12),
                                              popover, &last));
    g_assert_true (gtk_widget_compute_bounds (later, popover, &step));
    g_assert_cmpfloat (until_bounds.origin.y, >=, last.origin.y + last.size.height);
    g_assert_cmpfloat (until_bounds.origin.y, >=, step.origin.y + step.size.height);
    g_assert_cmpfloat (until_bounds.origin.x, <=, first.origin.x + 0.5);
    g_assert_cmpfloat (until_bounds.origin.x + until_bounds.size.width, >=,
                       last.origin.x + last.size.width - 0.5);
    g_assert_cmpint (gtk_widget_get_height (until), >=, 48);
    tap (until);
  }
  g_assert_null (kiosk_date_picker_get_value (picker));
  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "Until now");

  /* a stored value that is no date is shown as it is, not as an open end */
  kiosk_date_picker_set_value (picker, "2024-13");
  g_assert_cmpstr (kiosk_date_picker_get_shown_text (picker), ==, "2024-13");
  gtk_window_destroy (window);
}

static gboolean
allocated (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* The note under @button's number ("Today", "This month") is read as the
 * kiosk's other text is: as large as its smallest (0.9 em, 20 px of the
 * body's 22), in large text too. */
static void
assert_note_readable (GtkWidget *button, const char *note)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (button));
  GtkWidget *box = gtk_button_get_child (GTK_BUTTON (button));
  GtkWidget *label = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), note) == 0)
      label = child;
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_test_message ("«%s» in %.1f px beside the body's %.1f px", note, kiosk_test_font_px (label),
                  kiosk_test_font_px (window));
  g_assert_cmpfloat (kiosk_test_font_px (label), >=, 0.9 * kiosk_test_font_px (window) - 0.5);
}

/* A button of the panel's headers: a target for a finger, named in words. */
static void
assert_step_button (GtkWidget *button, const char *name, const char *label)
{
  /* laid out a frame after the panel's step shows */
  g_assert_true (kiosk_test_wait_for (allocated, button, 5000));
  g_assert_cmpint (gtk_widget_get_width (button), >=, 48);
  g_assert_cmpint (gtk_widget_get_height (button), >=, 48);
  gtk_test_accessible_assert_property (button, GTK_ACCESSIBLE_PROPERTY_LABEL, name);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, label);
}

/* The picker names months in the kiosk's language (English here), whatever
 * the machine's locale says a month is called. */
static const char *const english_months[] = { "January",   "February", "March",    "April",
                                              "May",       "June",     "July",     "August",
                                              "September", "October",  "November", "December" };

/* Where now is: this month and today carry a note under their number and
 * are named so for a screen reader, apart from the chosen value, which
 * keeps its own mark; the headers title the year and month shown between
 * buttons that say where they go. */
static void
test_date_picker_now (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (FALSE, FALSE));
  GtkWindow *window = window_with (GTK_WIDGET (picker));
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint year = g_date_time_get_year (now);
  guint month = g_date_time_get_month (now);
  guint day = g_date_time_get_day_of_month (now);
  guint days = g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year);
  /* a value in another month of this year */
  guint chosen = month % 12 + 1;
  g_autofree char *value = g_strdup_printf ("%04u-%02u-01", year, chosen);
  g_autofree char *year_text = g_strdup_printf ("%u", year);
  g_autofree char *month_name = NULL;
  g_autofree char *day_name = NULL;
  GtkWidget *popover;

  kiosk_date_picker_set_value (picker, value);
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_month_button (picker, month), 5000));
  popover =
      gtk_widget_get_ancestor (kiosk_date_picker_get_month_button (picker, 1), GTK_TYPE_POPOVER);
  g_assert_cmpuint (kiosk_test_count_labels (popover, year_text), ==, 1);
  assert_step_button (kiosk_date_picker_get_year_step_button (picker, -10), "10 years earlier",
                      "« 10 years");
  assert_step_button (kiosk_date_picker_get_year_step_button (picker, -1), "1 year earlier",
                      "‹ 1 year");
  assert_step_button (kiosk_date_picker_get_year_step_button (picker, 1), "1 year later",
                      "1 year ›");
  assert_step_button (kiosk_date_picker_get_year_step_button (picker, 10), "10 years later",
                      "10 years »");

  /* this month, and no other, is marked; the chosen month is chosen */
  for (guint m = 1; m <= 12; m++)
    {
      GtkWidget *button = kiosk_date_picker_get_month_button (picker, m);

      g_assert_cmpint (kiosk_date_picker_get_now_marked (picker, button), ==, m == month);
      g_assert_cmpint (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)), ==, m == chosen);
    }
  g_assert_cmpuint (kiosk_test_count_labels (popover, "This month"), ==, 1);
  assert_note_readable (kiosk_date_picker_get_month_button (picker, month), "This month");
  month_name =
      g_strdup_printf ("%s %d, this month", english_months[month - 1], g_date_time_get_year (now));
  gtk_test_accessible_assert_property (kiosk_date_picker_get_month_button (picker, month),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, month_name);
  /* a year before, no month is this month */
  tap (kiosk_date_picker_get_year_step_button (picker, -1));
  for (guint m = 1; m <= 12; m++)
    g_assert_false (
        kiosk_date_picker_get_now_marked (picker, kiosk_date_picker_get_month_button (picker, m)));
  g_assert_cmpuint (kiosk_test_count_labels (popover, "This month"), ==, 0);
  tap (kiosk_date_picker_get_year_step_button (picker, 1));

  /* this month's days: today, and no other day, is marked */
  tap (kiosk_date_picker_get_month_button (picker, month));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_day_button (picker, 1), 5000));
  assert_step_button (kiosk_date_picker_get_back_button (picker), "Back to the months",
                      "Back to the months");
  assert_step_button (kiosk_date_picker_get_month_step_button (picker, -1), "1 month earlier",
                      "‹ 1 month");
  assert_step_button (kiosk_date_picker_get_month_step_button (picker, 1), "1 month later",
                      "1 month ›");
  for (guint d = 1; d <= days; d++)
    g_assert_cmpint (
        kiosk_date_picker_get_now_marked (picker, kiosk_date_picker_get_day_button (picker, d)), ==,
        d == day);
  g_assert_cmpuint (kiosk_test_count_labels (popover, "Today"), ==, 1);
  assert_note_readable (kiosk_date_picker_get_day_button (picker, day), "Today");
  day_name = g_strdup_printf ("%u %s %d, today", day, english_months[month - 1],
                              g_date_time_get_year (now));
  gtk_test_accessible_assert_property (kiosk_date_picker_get_day_button (picker, day),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, day_name);
  /* a month on, no day is today */
  tap (kiosk_date_picker_get_month_step_button (picker, 1));
  g_assert_cmpuint (kiosk_test_count_labels (popover, "Today"), ==, 0);
  for (guint d = 1; d <= 31; d++)
    g_assert_false (
        kiosk_date_picker_get_now_marked (picker, kiosk_date_picker_get_day_button (picker, d)));
  kiosk_date_picker_close (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, popover, 5000));
  gtk_window_destroy (window);
}

/* The panel keeps its margin from the window's edges where its field is
 * narrow against one of them, at either step. */
static void
test_date_picker_margin (void)
{
  KioskDatePicker *picker = KIOSK_DATE_PICKER (kiosk_date_picker_new (FALSE, FALSE));
  GtkWindow *window;
  GtkWidget *popover;
  GtkWidget *month = kiosk_date_picker_get_month_button (picker, 1);

  /* a field of 240 px at the window's right edge, the panel much wider */
  gtk_widget_set_halign (GTK_WIDGET (picker), GTK_ALIGN_END);
  gtk_widget_set_size_request (GTK_WIDGET (picker), 240, -1);
  window = window_with (GTK_WIDGET (picker));
  kiosk_date_picker_set_value (picker, "2019-07-01");
  kiosk_date_picker_open (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  popover = gtk_widget_get_ancestor (month, GTK_TYPE_POPOVER);
  assert_panel_margin (popover);
  tap (month);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_day_button (picker, 31), 5000));
  assert_panel_margin (popover);
  /* back to the smaller months, and on to the days again */
  tap (kiosk_date_picker_get_back_button (picker));
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped, month, 5000));
  assert_panel_fits (popover);
  assert_panel_margin (popover);
  tap (month);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_mapped,
                                      kiosk_date_picker_get_day_button (picker, 31), 5000));
  assert_panel_fits (popover);
  assert_panel_margin (popover);
  kiosk_date_picker_close (picker);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, popover, 5000));
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
  g_assert_cmpstr (kiosk_pick_list_get_code (list), ==, entry->code);
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (list), ==, label);
  g_assert_true (kiosk_test_wait_for (kiosk_test_is_unmapped, row, 5000));

  kiosk_pick_list_set_code (list, NULL);
  g_assert_cmpstr (kiosk_pick_list_get_shown_label (list), !=, label);
  gtk_window_destroy (window);
}

typedef struct
{
  const char *text;
  gboolean said;
} SearchWait;

static void
search_changed_cb (GtkEditable *search, SearchWait *wait)
{
  /* a text replaced is emptied first, which the field says at once */
  if (g_strcmp0 (gtk_editable_get_text (search), wait->text) == 0)
    wait->said = TRUE;
}

static gboolean
search_said (gpointer wait)
{
  return ((SearchWait *) wait)->said;
}

/* Types @text into a list's @search, and waits until the field says it
 * changed to it: it waits a moment for more typing first. */
static void
search_for (GtkEditable *search, const char *text)
{
  SearchWait wait = { text, FALSE };
  gulong handler =
      g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), &wait);

  gtk_editable_set_text (search, text);
  g_assert_true (kiosk_test_wait_for (search_said, &wait, 5000));
  g_signal_handler_disconnect (search, handler);
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

  search_for (search, hui->label_zh_cn);
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 1);
  row = kiosk_pick_list_find_row (
      list, core_dictionary_entry_get_label (hui, kiosk_pick_list_get_language ()));
  g_assert_true (gtk_widget_get_visible (row));

  search_for (search, "HUI");
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 1);

  search_for (search, "没有这个民族");
  g_assert_cmpuint (kiosk_pick_list_get_n_visible (list), ==, 0);

  search_for (search, "HUI");
  g_signal_emit_by_name (gtk_widget_get_parent (row), "row-activated", row);
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
  g_test_add_func ("/record-widgets/date-picker-now", test_date_picker_now);
  g_test_add_func ("/record-widgets/date-picker-margin", test_date_picker_margin);
  g_test_add_func ("/record-widgets/pick-list-short", test_pick_list_short);
  g_test_add_func ("/record-widgets/pick-list-search", test_pick_list_search);
  return g_test_run ();
}
