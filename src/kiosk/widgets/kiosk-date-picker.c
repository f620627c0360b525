/* kiosk-date-picker.c: a date or a month chosen by touch, without typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button showing the value; tapping it opens a panel in two steps. The
 * first shows the year with steps of one and ten and the twelve months; for
 * a date, tapping a month shows the second, that month's days. Choosing the
 * day (or, for a year-month field, the month) sets the value and closes the
 * panel, so a date is three taps from the year shown. Nothing is typed: a
 * kiosk's on-screen keyboard is slow for digits and dates typed by hand are
 * where most form errors are.
 *
 * Each step's header is a title, the year (the month) it shows, between
 * buttons that say how far they go ("‹ 1 year", "10 years »"): an arrow
 * beside a date alone ("‹ March 2024") was read as either the month shown
 * or the month the arrow leads to. Today's month and day carry a note
 * ("This month", "Today") under their number, apart from the chosen value's
 * ring, so a person sees where now is when counting back years.
 *
 * One step at a time keeps the panel low (a year row and two rows of months,
 * or a header and three rows of days): it fits above or below most fields,
 * where the year, months and days at once did not. The panel always opens
 * on the months, the value's month marked: the year is the part most often
 * to change, and it is only there; the day is one tap further.
 *
 * The panel keeps a margin from every edge of the window and from the
 * page's footer: GDK would slide a wide panel until it touched the
 * screen's edge, where a frame reads as cut off and a finger at the bezel
 * misses the outer days, and over the footer, whose Home, Back and the
 * page's action would be hidden. A field midway down a 720-line screen has
 * room for the panel on neither side: it then covers part of the field.
 *
 * An empty value is a value: "not given" for an optional field, and 至今
 * (until now) for an open-ended period, which the clear button is then named
 * after. Whether the date may lie in the future or before another field is
 * the record's rule, which the form checks with core and shows beside it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-date-picker.h"
#include "kiosk-page.h"

struct _KioskDatePicker
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkPopover *popover;
  GtkStack *steps;
  GtkLabel *name_label;
  GtkWidget *months_step;
  GtkWidget *days_step;
  GtkButton *back_button;
  GtkLabel *year_label;
  GtkLabel *month_label;
  GtkWidget *earlier10_button;
  GtkWidget *earlier_button;
  GtkWidget *earlier_month_button;
  GtkWidget *later_month_button;
  GtkGrid *month_grid;
  GtkGrid *day_grid;
  GtkButton *clear_button;
  GtkWidget *later_button;
  GtkWidget *later10_button;
  GtkWidget *month_buttons[12];
  GtkWidget *day_buttons[31];
  /* the "This month" and "Today" notes under the numbers */
  GtkWidget *month_notes[12];
  GtkWidget *day_notes[31];

  gboolean year_month;
  gboolean open_end;
  char *value;  /* "YYYY-MM-DD", "YYYY-MM" or NULL */
  char *latest; /* "YYYY-MM-DD": nothing after it can be tapped; NULL for no limit */

  /* what the panel shows; the value changes only when a day (a month) is tapped */
  guint shown_year;
  guint shown_month; /* 1…12 */

  guint place_tick; /* placing the panel once the window is laid out */

  /* today, as of the panel's opening */
  guint today_year;
  guint today_month;
  guint today_day;
};

G_DEFINE_FINAL_TYPE (KioskDatePicker, kiosk_date_picker, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_YEAR_MONTH,
  PROP_OPEN_END,
  PROP_VALUE,
  PROP_LATEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* a month's button */
static const char *const short_months[] = {
  N_ ("Jan"), N_ ("Feb"), N_ ("Mar"), N_ ("Apr"), N_ ("May"), N_ ("Jun"),
  N_ ("Jul"), N_ ("Aug"), N_ ("Sep"), N_ ("Oct"), N_ ("Nov"), N_ ("Dec"),
};

/* a month with its year, and a day's name */
static const char *const months[] = {
  N_ ("January"),   N_ ("February"), N_ ("March"),    N_ ("April"),
  N_ ("May"),       N_ ("June"),     N_ ("July"),     N_ ("August"),
  N_ ("September"), N_ ("October"),  N_ ("November"), N_ ("December"),
};

#define DAY_COLUMNS 11

/* no side of the panel nearer an edge of the window than this */
#define PANEL_MARGIN_PX KIOSK_DATE_PICKER_PANEL_MARGIN

/* Reads "YYYY-MM[-DD]" into its parts; FALSE for anything else. */
static gboolean
parse_value (const char *value, gboolean year_month, guint *year, guint *month, guint *day)
{
  guint64 y, m, d = 1;

  if (value == NULL)
    return FALSE;
  if (strlen (value) != (year_month ? 7 : 10) || value[4] != '-' ||
      (!year_month && value[7] != '-'))
    return FALSE;
  {
    g_autofree char *ys = g_strndup (value, 4);
    g_autofree char *ms = g_strndup (value + 5, 2);

    if (!g_ascii_string_to_unsigned (ys, 10, KIOSK_DATE_PICKER_MIN_YEAR, KIOSK_DATE_PICKER_MAX_YEAR,
                                     &y, NULL) ||
        !g_ascii_string_to_unsigned (ms, 10, 1, 12, &m, NULL))
      return FALSE;
  }
  if (!year_month && (!g_ascii_string_to_unsigned (value + 8, 10, 1, 31, &d, NULL) ||
                      d > g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y)))
    return FALSE;
  *year = y;
  *month = m;
  *day = d;
  return TRUE;
}

/* "March 2024" (2024年3月) */
static char *
month_text (guint year, guint month)
{
  /* TRANSLATORS: a month and its year in the date picker: %1$s the month's
   * name, %2$u the year, e.g. 2024年3月 */
  return g_strdup_printf (_ ("%1$s %2$u"), _ (months[month - 1]), year);
}

/* Marks (or unmarks) the button of today's month or day: a note under
 * its number, and a frame of its own colour. */
static void
mark_now (GtkWidget *button, GtkWidget *note, gboolean now, const char *text)
{
  gtk_label_set_text (GTK_LABEL (note), now ? text : "");
  gtk_widget_set_visible (note, now);
  if (now)
    gtk_widget_add_css_class (button, "date-picker-now");
  else
    gtk_widget_remove_css_class (button, "date-picker-now");
}

/* Keeps the panel PANEL_MARGIN_PX or more from each edge of the window
 * and from the page's footer: centred under (or over) the field where that
 * fits, moved along where not. GDK keeps a popup on the screen only, up to
 * its very edge, over anything. FALSE while the window is not laid out yet
 * (a panel opened as it is shown). */
static gboolean
place_panel (KioskDatePicker *self)
{
  GtkWidget *popover = GTK_WIDGET (self->popover);
  GtkWidget *field = GTK_WIDGET (self->button);
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), KIOSK_TYPE_PAGE);
  graphene_rect_t bounds;
  int width = 0, height = 0, root_width, root_height, x, y, top, bottom;
  int field_top, field_bottom, below, above;

  if (root == NULL || !gtk_widget_compute_bounds (field, root, &bounds) || bounds.size.width <= 0 ||
      gtk_widget_get_width (root) <= 0)
    return FALSE;
  root_width = gtk_widget_get_width (root);
  root_height = gtk_widget_get_height (root);
  gtk_widget_measure (popover, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (popover, GTK_ORIENTATION_VERTICAL, width, NULL, &height, NULL, NULL);

  x = (int) (bounds.origin.x + (bounds.size.width - width) / 2);
  x = MAX (MIN (x, root_width - PANEL_MARGIN_PX - width), PANEL_MARGIN_PX);
  top = PANEL_MARGIN_PX;
  bottom = root_height - PANEL_MARGIN_PX;
  /* the page's footer (Home, Back, the page's action) stays in sight and
   * within reach: the panel ends above it as above the window's edge */
  if (page != NULL)
    {
      GtkWidget *footer = kiosk_page_get_footer (KIOSK_PAGE (page));
      graphene_rect_t footer_bounds;

      if (gtk_widget_get_mapped (footer) &&
          gtk_widget_compute_bounds (footer, root, &footer_bounds))
        bottom = MIN (bottom, (int) footer_bounds.origin.y - PANEL_MARGIN_PX);
    }
  field_top = (int) bounds.origin.y;
  field_bottom = (int) (bounds.origin.y + bounds.size.height);
  below = bottom - field_bottom;
  above = field_top - top;

  /* the panel's left edge at x */
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  if (below >= height || above >= height)
    {
      /* under the field or, where there is room above it and not below, over it */
      gtk_popover_set_position (self->popover, below >= height ? GTK_POS_BOTTOM : GTK_POS_TOP);
      gtk_popover_set_pointing_to (
          self->popover,
          &(GdkRectangle){ x - (int) bounds.origin.x, 0, width, (int) bounds.size.height });
      return TRUE;
    }
  /* room on neither side (a field midway down a short screen): on the
   * side with more room, as near the field as the footer allows, over
   * part of it; the panel's top at y, under a line one pixel high (an
   * empty rectangle is no anchor to Wayland) */
  y = below >= above ? bottom - height : top;
  y = MAX (y, top);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_pointing_to (
      self->popover,
      &(GdkRectangle){ x - (int) bounds.origin.x, y - 1 - (int) bounds.origin.y, width, 1 });
  return TRUE;
}

static gboolean
place_panel_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (widget);

  if (gtk_widget_get_mapped (GTK_WIDGET (self->popover)) && !place_panel (self))
    return G_SOURCE_CONTINUE;
  return G_SOURCE_REMOVE;
}

/* the tick removed, by itself or with the widget */
static void
place_panel_tick_done (gpointer data)
{
  KIOSK_DATE_PICKER (data)->place_tick = 0;
}

/* Places the panel now, or once the window is laid out. */
static void
queue_place_panel (KioskDatePicker *self)
{
  if (place_panel (self) || self->place_tick != 0)
    return;
  self->place_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), place_panel_tick_cb, self,
                                                   place_panel_tick_done);
}

static void
update (KioskDatePicker *self)
{
  guint year = 0, month = 0, day = 0;
  gboolean has_value = parse_value (self->value, self->year_month, &year, &month, &day);
  guint last_year = KIOSK_DATE_PICKER_MAX_YEAR, last_month = 12, last_day = 31;
  guint days =
      g_date_get_days_in_month ((GDateMonth) self->shown_month, (GDateYear) self->shown_year);
  /* TRANSLATORS: the year the date picker shows, its title, e.g. 2024年 */
  g_autofree char *year_text = g_strdup_printf (C_ ("date picker", "%u"), self->shown_year);
  g_autofree char *shown_month = month_text (self->shown_year, self->shown_month);
  const char *empty = self->open_end     ? _ ("Until now")
                      : self->year_month ? _ ("Choose a month")
                                         : _ ("Choose a date");

  /* a stored value the picker cannot read is shown as it is, never as
   * "until now", and can be cleared */
  gtk_menu_button_set_label (self->button, self->value != NULL ? self->value : empty);
  gtk_label_set_text (self->year_label, year_text);
  gtk_label_set_text (self->month_label, shown_month);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->value != NULL);

  /* a limit reaches into the shown year (month) only when it is that year (month) */
  if (parse_value (self->latest, FALSE, &last_year, &last_month, &last_day))
    {
      if (self->shown_year < last_year)
        last_month = 12;
      if (self->shown_year < last_year || self->shown_month < last_month)
        last_day = 31;
    }
  gtk_widget_set_sensitive (self->earlier_button, self->shown_year > KIOSK_DATE_PICKER_MIN_YEAR);
  gtk_widget_set_sensitive (self->earlier10_button, self->shown_year > KIOSK_DATE_PICKER_MIN_YEAR);
  gtk_widget_set_sensitive (self->later_button, self->shown_year < last_year);
  gtk_widget_set_sensitive (self->later10_button, self->shown_year < last_year);
  gtk_widget_set_sensitive (self->earlier_month_button,
                            self->shown_year > KIOSK_DATE_PICKER_MIN_YEAR || self->shown_month > 1);
  gtk_widget_set_sensitive (self->later_month_button,
                            self->shown_year < last_year || self->shown_month < last_month);

  for (guint m = 1; m <= 12; m++)
    {
      gboolean now = self->shown_year == self->today_year && m == self->today_month;
      g_autofree char *month_name = month_text (self->shown_year, m);
      /* TRANSLATORS: the accessible name of this month's button in the
       * date picker, e.g. 2024年3月（本月） */
      g_autofree char *name =
          now ? g_strdup_printf (_ ("%s, this month"), month_name) : g_steal_pointer (&month_name);

      mark_now (self->month_buttons[m - 1], self->month_notes[m - 1], now, _ ("This month"));
      gtk_widget_set_sensitive (self->month_buttons[m - 1], m <= last_month);
      /* the value's month is marked, in the value's year */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->month_buttons[m - 1]),
                                    has_value && year == self->shown_year && m == month);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->month_buttons[m - 1]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
    }
  for (guint d = 1; d <= 31; d++)
    {
      GtkWidget *button = self->day_buttons[d - 1];
      gboolean today = self->shown_year == self->today_year &&
                       self->shown_month == self->today_month && d == self->today_day;
      /* TRANSLATORS: the accessible name of a day's button in the date
       * picker: %1$u the day, %2$s the month's name, %3$u the year, e.g.
       * 2024年3月17日 */
      g_autofree char *day_name = g_strdup_printf (
          _ ("%1$u %2$s %3$u"), d, _ (months[self->shown_month - 1]), self->shown_year);
      /* TRANSLATORS: the accessible name of today's button in the date
       * picker, e.g. 2024年3月17日（今天） */
      g_autofree char *name =
          today ? g_strdup_printf (_ ("%s, today"), day_name) : g_steal_pointer (&day_name);

      mark_now (button, self->day_notes[d - 1], today, _ ("Today"));

      /* the 30th of February is no day to tap, nor a day after the limit */
      gtk_widget_set_visible (button, d <= days);
      gtk_widget_set_sensitive (button, d <= days && d <= last_day);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button),
                                    has_value && year == self->shown_year &&
                                        month == self->shown_month && d == day);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                      -1);
    }
}

static void
show_step (KioskDatePicker *self, gboolean days)
{
  gtk_stack_set_visible_child (self->steps, days ? self->days_step : self->months_step);
  /* the days are wider than the months: placed again */
  queue_place_panel (self);
}

static void
set_value_take (KioskDatePicker *self, char *value)
{
  if (g_strcmp0 (self->value, value) == 0)
    {
      g_free (value);
      update (self);
      return;
    }
  g_free (self->value);
  self->value = value;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/* Keeps the panel from showing a month after the limit. */
static void
clamp_shown (KioskDatePicker *self)
{
  guint year, month, day;

  if (!parse_value (self->latest, FALSE, &year, &month, &day))
    return;
  if (self->shown_year > year || (self->shown_year == year && self->shown_month > month))
    {
      self->shown_year = year;
      self->shown_month = month;
    }
}

/* Shows the value's month, or this month when there is none yet. */
static void
popover_show_cb (KioskDatePicker *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  guint year, month, day;

  self->today_year = g_date_time_get_year (now);
  self->today_month = g_date_time_get_month (now);
  self->today_day = g_date_time_get_day_of_month (now);
  if (parse_value (self->value, self->year_month, &year, &month, &day))
    {
      self->shown_year = year;
      self->shown_month = month;
    }
  else
    {
      self->shown_year = self->today_year;
      self->shown_month = self->today_month;
    }
  clamp_shown (self);
  update (self);
  show_step (self, FALSE);
}

static void
step_year (KioskDatePicker *self, int step)
{
  int year = (int) self->shown_year + step;

  self->shown_year = CLAMP (year, KIOSK_DATE_PICKER_MIN_YEAR, KIOSK_DATE_PICKER_MAX_YEAR);
  clamp_shown (self);
  update (self);
}

static void
earlier10_cb (KioskDatePicker *self)
{
  step_year (self, -10);
}

static void
earlier_cb (KioskDatePicker *self)
{
  step_year (self, -1);
}

static void
later_cb (KioskDatePicker *self)
{
  step_year (self, 1);
}

static void
later10_cb (KioskDatePicker *self)
{
  step_year (self, 10);
}

/* A month before or after the one whose days are shown, its days shown. */
static void
step_month (KioskDatePicker *self, int step)
{
  int month = (int) self->shown_year * 12 + (int) self->shown_month - 1 + step;

  month = CLAMP (month, KIOSK_DATE_PICKER_MIN_YEAR * 12, KIOSK_DATE_PICKER_MAX_YEAR * 12 + 11);
  self->shown_year = month / 12;
  self->shown_month = month % 12 + 1;
  clamp_shown (self);
  update (self);
}

static void
earlier_month_cb (KioskDatePicker *self)
{
  step_month (self, -1);
}

static void
later_month_cb (KioskDatePicker *self)
{
  step_month (self, 1);
}

static void
back_cb (KioskDatePicker *self)
{
  show_step (self, FALSE);
}

static void
clear_cb (KioskDatePicker *self)
{
  set_value_take (self, NULL);
  gtk_popover_popdown (self->popover);
}

static void
month_clicked_cb (GtkButton *button, KioskDatePicker *self)
{
  self->shown_month = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "month"));
  if (self->year_month)
    {
      set_value_take (self, g_strdup_printf ("%04u-%02u", self->shown_year, self->shown_month));
      gtk_popover_popdown (self->popover);
      return;
    }
  update (self);
  show_step (self, TRUE);
}

static void
day_clicked_cb (GtkButton *button, KioskDatePicker *self)
{
  guint day = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "day"));

  set_value_take (self,
                  g_strdup_printf ("%04u-%02u-%02u", self->shown_year, self->shown_month, day));
  gtk_popover_popdown (self->popover);
}

/* A button of the panel: its number (or month), and under it a note shown
 * on today's only. */
static GtkWidget *
new_date_button (const char *text, GtkWidget **note)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  *note = gtk_label_new (NULL);
  gtk_widget_add_css_class (*note, "date-picker-note");
  gtk_box_append (GTK_BOX (box), *note);
  gtk_button_set_child (GTK_BUTTON (button), box);
  return button;
}

static void
build_buttons (KioskDatePicker *self)
{
  GtkWidget *group = NULL;

  for (guint m = 1; m <= 12; m++)
    {
      GtkWidget *button = new_date_button (_ (short_months[m - 1]), &self->month_notes[m - 1]);

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      g_object_set_data (G_OBJECT (button), "month", GUINT_TO_POINTER (m));
      gtk_widget_add_css_class (button, "date-picker-month");
      g_signal_connect (button, "clicked", G_CALLBACK (month_clicked_cb), self);
      gtk_grid_attach (self->month_grid, button, (m - 1) % 6, (m - 1) / 6, 1, 1);
      self->month_buttons[m - 1] = button;
    }
  group = NULL;
  for (guint d = 1; d <= 31; d++)
    {
      g_autofree char *text = g_strdup_printf ("%u", d);
      GtkWidget *button = new_date_button (text, &self->day_notes[d - 1]);

      if (group != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (group));
      group = button;
      g_object_set_data (G_OBJECT (button), "day", GUINT_TO_POINTER (d));
      gtk_widget_add_css_class (button, "date-picker-day");
      g_signal_connect (button, "clicked", G_CALLBACK (day_clicked_cb), self);
      gtk_grid_attach (self->day_grid, button, (d - 1) % DAY_COLUMNS, (d - 1) / DAY_COLUMNS, 1, 1);
      self->day_buttons[d - 1] = button;
    }
}

static void
kiosk_date_picker_constructed (GObject *object)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (object);

  G_OBJECT_CLASS (kiosk_date_picker_parent_class)->constructed (object);

  gtk_button_set_label (self->clear_button, self->open_end ? _ ("Until now") : _ ("Clear"));
  update (self);
}

static void
kiosk_date_picker_dispose (GObject *object)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (object);

  if (self->place_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->place_tick);
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_DATE_PICKER);

  G_OBJECT_CLASS (kiosk_date_picker_parent_class)->dispose (object);
}

static void
kiosk_date_picker_finalize (GObject *object)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (object);

  g_free (self->value);
  g_free (self->latest);

  G_OBJECT_CLASS (kiosk_date_picker_parent_class)->finalize (object);
}

static void
kiosk_date_picker_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (object);

  switch (prop_id)
    {
      case PROP_YEAR_MONTH:
        g_value_set_boolean (value, self->year_month);
        break;
      case PROP_OPEN_END:
        g_value_set_boolean (value, self->open_end);
        break;
      case PROP_VALUE:
        g_value_set_string (value, self->value);
        break;
      case PROP_LATEST:
        g_value_set_string (value, self->latest);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_date_picker_set_property (GObject *object,
                                guint prop_id,
                                const GValue *value,
                                GParamSpec *pspec)
{
  KioskDatePicker *self = KIOSK_DATE_PICKER (object);

  switch (prop_id)
    {
      case PROP_YEAR_MONTH:
        self->year_month = g_value_get_boolean (value);
        break;
      case PROP_OPEN_END:
        self->open_end = g_value_get_boolean (value);
        break;
      case PROP_VALUE:
        kiosk_date_picker_set_value (self, g_value_get_string (value));
        break;
      case PROP_LATEST:
        kiosk_date_picker_set_latest (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_date_picker_class_init (KioskDatePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_date_picker_constructed;
  object_class->dispose = kiosk_date_picker_dispose;
  object_class->finalize = kiosk_date_picker_finalize;
  object_class->get_property = kiosk_date_picker_get_property;
  object_class->set_property = kiosk_date_picker_set_property;

  /**
   * KioskDatePicker:year-month:
   *
   * Pick a month ("YYYY-MM") rather than a day ("YYYY-MM-DD").
   */
  properties[PROP_YEAR_MONTH] =
      g_param_spec_boolean ("year-month", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                                G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskDatePicker:open-end:
   *
   * An empty value means "until now" (至今), and says so.
   */
  properties[PROP_OPEN_END] =
      g_param_spec_boolean ("open-end", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                                G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskDatePicker:value:
   *
   * The date "YYYY-MM-DD" (a month "YYYY-MM"), or %NULL for none.
   */
  properties[PROP_VALUE] =
      g_param_spec_string ("value", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskDatePicker:latest:
   *
   * The last date "YYYY-MM-DD" that can be picked (today, for a date that
   * cannot lie in the future), or %NULL for no limit. A value already
   * set is kept: the form's check says what is wrong with it.
   */
  properties[PROP_LATEST] =
      g_param_spec_string ("latest", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-date-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, popover);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, steps);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, months_step);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, days_step);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, back_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, year_label);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, name_label);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, month_label);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, earlier10_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, earlier_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, earlier_month_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, later_month_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, month_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, day_grid);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, clear_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, later_button);
  gtk_widget_class_bind_template_child (widget_class, KioskDatePicker, later10_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, earlier10_cb);
  gtk_widget_class_bind_template_callback (widget_class, earlier_cb);
  gtk_widget_class_bind_template_callback (widget_class, later_cb);
  gtk_widget_class_bind_template_callback (widget_class, later10_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, earlier_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, later_month_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kioskdatepicker");
}

static void
kiosk_date_picker_init (KioskDatePicker *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown_year = self->today_year = g_date_time_get_year (now);
  self->shown_month = self->today_month = g_date_time_get_month (now);
  self->today_day = g_date_time_get_day_of_month (now);
  build_buttons (self);
}

/**
 * kiosk_date_picker_new:
 * @year_month: pick a month rather than a day
 * @open_end: an empty value means "until now"
 */
GtkWidget *
kiosk_date_picker_new (gboolean year_month, gboolean open_end)
{
  return g_object_new (KIOSK_TYPE_DATE_PICKER, "year-month", year_month, "open-end", open_end,
                       NULL);
}

/**
 * kiosk_date_picker_get_value:
 *
 * Returns: (nullable): "YYYY-MM-DD" ("YYYY-MM"), or %NULL when none is chosen
 */
const char *
kiosk_date_picker_get_value (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  return self->value;
}

/**
 * kiosk_date_picker_set_value:
 * @value: (nullable): a date (a month), or %NULL for none
 *
 * A value that is no date of the picker's kind (a record from elsewhere)
 * is shown as it is, for the form's check to name, not silently dropped.
 */
void
kiosk_date_picker_set_value (KioskDatePicker *self, const char *value)
{
  g_return_if_fail (KIOSK_IS_DATE_PICKER (self));

  set_value_take (self, (value != NULL && *value != '\0') ? g_strdup (value) : NULL);
}

gboolean
kiosk_date_picker_get_year_month (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), FALSE);
  return self->year_month;
}

gboolean
kiosk_date_picker_get_open_end (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), FALSE);
  return self->open_end;
}

/* What the picker shows: the value, or what an empty one means. */
const char *
kiosk_date_picker_get_shown_text (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  return gtk_menu_button_get_label (self->button);
}

/* Opens the panel, as a tap on the picker does. */
void
kiosk_date_picker_open (KioskDatePicker *self)
{
  g_return_if_fail (KIOSK_IS_DATE_PICKER (self));
  gtk_menu_button_popup (self->button);
}

void
kiosk_date_picker_close (KioskDatePicker *self)
{
  g_return_if_fail (KIOSK_IS_DATE_PICKER (self));
  gtk_menu_button_popdown (self->button);
}

/* The year the panel shows, for tests. */
guint
kiosk_date_picker_get_shown_year (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), 0);
  return self->shown_year;
}

/**
 * kiosk_date_picker_get_month_button:
 * @month: 1…12
 *
 * Returns: (transfer none): the button that picks @month
 */
GtkWidget *
kiosk_date_picker_get_month_button (KioskDatePicker *self, guint month)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  return self->month_buttons[month - 1];
}

/* Whether the panel shows the days of a month (else the year and months). */
gboolean
kiosk_date_picker_get_showing_days (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), FALSE);
  return gtk_stack_get_visible_child (self->steps) == self->days_step;
}

/**
 * kiosk_date_picker_get_back_button:
 *
 * Returns: (transfer none): the button above the days that goes back to the months
 */
GtkWidget *
kiosk_date_picker_get_back_button (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  return GTK_WIDGET (self->back_button);
}

/**
 * kiosk_date_picker_get_day_button:
 * @day: 1…31
 *
 * Returns: (transfer none): the button that picks @day of the month shown,
 *   on the panel's second step
 */
GtkWidget *
kiosk_date_picker_get_day_button (KioskDatePicker *self, guint day)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  g_return_val_if_fail (day >= 1 && day <= 31, NULL);
  return self->day_buttons[day - 1];
}

/**
 * kiosk_date_picker_set_name:
 * @name: what the value is, e.g. a form field's label
 *
 * Names the button for assistive technologies (and tests that drive the
 * kiosk through them), the button's text being the value, and heads the
 * panel with it: opening upward on a small screen, the panel can cover the
 * field's own label.
 */
void
kiosk_date_picker_set_name (KioskDatePicker *self, const char *name)
{
  GtkWidget *inner;

  g_return_if_fail (KIOSK_IS_DATE_PICKER (self));

  /* the menu button's own button is what a screen reader activates */
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->button));
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (inner != NULL ? inner : GTK_WIDGET (self->button)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_label_set_text (self->name_label, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), name != NULL && *name != '\0');
}

/**
 * kiosk_date_picker_set_latest:
 * @latest: (nullable): the last date "YYYY-MM-DD" that can be picked
 */
void
kiosk_date_picker_set_latest (KioskDatePicker *self, const char *latest)
{
  guint year, month, day;

  g_return_if_fail (KIOSK_IS_DATE_PICKER (self));
  g_return_if_fail (latest == NULL || parse_value (latest, FALSE, &year, &month, &day));

  if (g_strcmp0 (self->latest, latest) == 0)
    return;
  g_free (self->latest);
  self->latest = g_strdup (latest);
  clamp_shown (self);
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LATEST]);
}

const char *
kiosk_date_picker_get_latest (KioskDatePicker *self)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);

  return self->latest;
}

/**
 * kiosk_date_picker_get_year_step_button:
 * @years: -10, -1, 1 or 10
 *
 * Returns: (transfer none): the button above the months that shows the
 *   year @years before or after the one shown
 */
GtkWidget *
kiosk_date_picker_get_year_step_button (KioskDatePicker *self, int years)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);

  switch (years)
    {
      case -10:
        return self->earlier10_button;
      case -1:
        return self->earlier_button;
      case 1:
        return self->later_button;
      case 10:
        return self->later10_button;
      default:
        g_return_val_if_reached (NULL);
    }
}

/**
 * kiosk_date_picker_get_month_step_button:
 * @step: -1 or 1
 *
 * Returns: (transfer none): the button above the days that shows the
 *   days of the month before (after) the one shown
 */
GtkWidget *
kiosk_date_picker_get_month_step_button (KioskDatePicker *self, int step)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), NULL);
  g_return_val_if_fail (step == -1 || step == 1, NULL);

  return step < 0 ? self->earlier_month_button : self->later_month_button;
}

/**
 * kiosk_date_picker_get_now_marked:
 * @button: a month's or day's button of the panel
 *
 * Returns: whether @button is marked as this month (today): its note says
 *   so under its number
 */
gboolean
kiosk_date_picker_get_now_marked (KioskDatePicker *self, GtkWidget *button)
{
  g_return_val_if_fail (KIOSK_IS_DATE_PICKER (self), FALSE);

  for (guint i = 0; i < 31; i++)
    if (button == self->day_buttons[i] || (i < 12 && button == self->month_buttons[i]))
      {
        GtkLabel *note = GTK_LABEL (
            i < 12 && button == self->month_buttons[i] ? self->month_notes[i] : self->day_notes[i]);

        return gtk_widget_has_css_class (button, "date-picker-now") &&
               *gtk_label_get_text (note) != '\0';
      }
  g_return_val_if_reached (FALSE);
}
