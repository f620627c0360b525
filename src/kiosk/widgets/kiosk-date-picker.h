/* kiosk-date-picker.h: a date or a month chosen by touch, without typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KIOSK_DATE_PICKER_MIN_YEAR 1900
#define KIOSK_DATE_PICKER_MAX_YEAR 2100
/* how far the open panel keeps from each edge of the window, in px */
#define KIOSK_DATE_PICKER_PANEL_MARGIN 16

#define KIOSK_TYPE_DATE_PICKER (kiosk_date_picker_get_type ())

G_DECLARE_FINAL_TYPE (KioskDatePicker, kiosk_date_picker, KIOSK, DATE_PICKER, GtkWidget)

GtkWidget *kiosk_date_picker_new (gboolean year_month, gboolean open_end);

const char *kiosk_date_picker_get_value (KioskDatePicker *self);
void kiosk_date_picker_set_value (KioskDatePicker *self, const char *value);
const char *kiosk_date_picker_get_latest (KioskDatePicker *self);
void kiosk_date_picker_set_latest (KioskDatePicker *self, const char *latest);
gboolean kiosk_date_picker_get_year_month (KioskDatePicker *self);
gboolean kiosk_date_picker_get_open_end (KioskDatePicker *self);
const char *kiosk_date_picker_get_shown_text (KioskDatePicker *self);

void kiosk_date_picker_open (KioskDatePicker *self);
void kiosk_date_picker_close (KioskDatePicker *self);
guint kiosk_date_picker_get_shown_year (KioskDatePicker *self);
GtkWidget *kiosk_date_picker_get_month_button (KioskDatePicker *self, guint month);
GtkWidget *kiosk_date_picker_get_day_button (KioskDatePicker *self, guint day);
GtkWidget *kiosk_date_picker_get_back_button (KioskDatePicker *self);
gboolean kiosk_date_picker_get_showing_days (KioskDatePicker *self);
GtkWidget *kiosk_date_picker_get_year_step_button (KioskDatePicker *self, int years);
GtkWidget *kiosk_date_picker_get_month_step_button (KioskDatePicker *self, int step);
gboolean kiosk_date_picker_get_now_marked (KioskDatePicker *self, GtkWidget *button);

void kiosk_date_picker_set_name (KioskDatePicker *self, const char *name);

G_END_DECLS
