/* kiosk-pick-list.h: one entry of a dictionary, picked from a large list by touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "core-dictionary.h"

G_BEGIN_DECLS

/* Longer lists get a search field above them. */
#define KIOSK_PICK_LIST_SEARCH_FROM 12
/* The least height of a row, in pixels. */
#define KIOSK_PICK_LIST_ROW_HEIGHT 64

#define KIOSK_TYPE_PICK_LIST (kiosk_pick_list_get_type ())

G_DECLARE_FINAL_TYPE (KioskPickList, kiosk_pick_list, KIOSK, PICK_LIST, GtkWidget)

GtkWidget *kiosk_pick_list_new (CoreDictionary *dictionary);

CoreDictionary *kiosk_pick_list_get_dictionary (KioskPickList *self);
const char *kiosk_pick_list_get_code (KioskPickList *self);
void kiosk_pick_list_set_code (KioskPickList *self, const char *code);
const char *kiosk_pick_list_get_shown_label (KioskPickList *self);

void kiosk_pick_list_open (KioskPickList *self);
GtkEditable *kiosk_pick_list_get_search (KioskPickList *self);
guint kiosk_pick_list_get_n_visible (KioskPickList *self);
GtkWidget *kiosk_pick_list_find_row (KioskPickList *self, const char *label);

const char *kiosk_pick_list_get_language (void);

void kiosk_pick_list_set_name (KioskPickList *self, const char *name);

G_END_DECLS
