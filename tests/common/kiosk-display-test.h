/* kiosk-display-test.h: helpers for tests that drive the real kiosk window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "idcard-emulated-transport.h"
#include "kiosk-application.h"
#include "kiosk-pick-list.h"
#include "kiosk-window.h"

G_BEGIN_DECLS

typedef gboolean (*KioskTestCondition) (gpointer user_data);

KioskApplication *kiosk_test_start_application (KioskConfig *config, char **out_data_folder);
KioskApplication *kiosk_test_start_application_full (KioskConfig *config, IdcardReader *reader);
KioskApplication *kiosk_test_start_enrolled_kiosk (const char *folder,
                                                   const char *registry_url,
                                                   const char *device_token,
                                                   IdcardReader **out_reader,
                                                   IdcardEmulatedTransport **out_emulated);
KioskWindow *kiosk_test_get_window (KioskApplication *app);
KioskFlow *kiosk_test_flow (void);
gboolean kiosk_test_showing (KioskPageId id);
gboolean kiosk_test_wait_for_page (KioskPageId id, guint timeout_ms);
KioskPage *kiosk_test_page (KioskPageId id);
gboolean kiosk_test_wait_for (KioskTestCondition condition, gpointer user_data, guint timeout_ms);
void kiosk_test_spin (guint ms);
GtkWidget *kiosk_test_find_button (GtkWidget *root, const char *label);
void kiosk_test_tap_widget (GtkWidget *button);
void kiosk_test_tap (GtkWidget *root, const char *label);
gboolean kiosk_test_is_mapped (gpointer widget);
gboolean kiosk_test_is_unmapped (gpointer widget);
GtkWidget *kiosk_test_find_by_type (GtkWidget *root, GType type);
guint kiosk_test_count_labels (GtkWidget *root, const char *text);
void kiosk_test_pick (KioskPickList *picker, const char *label);
void kiosk_test_xdotool (const char *args);
gboolean kiosk_test_screen_bounds (GtkWidget *widget, graphene_rect_t *out_bounds);
double kiosk_test_font_px (GtkWidget *widget);
void kiosk_test_wait_drawn (GtkWidget *widget);
guint kiosk_test_pick_list_rows_above (KioskPickList *picker, double top);
GtkWidget *kiosk_test_pick_list_popover (KioskPickList *picker);
void kiosk_test_remove_tree (const char *path);
void kiosk_test_sign_in_staff (const char *user, const char *password);
double kiosk_test_luminance (const GdkRGBA *colour);
double kiosk_test_contrast (const GdkRGBA *a, const GdkRGBA *b);
GdkRGBA kiosk_test_text_colour (GtkWidget *widget);
void kiosk_test_lift_card (IdcardReader *reader, IdcardEmulatedTransport *emulated);
void kiosk_test_wait_idle_seconds (guint seconds);

G_END_DECLS
