/* kiosk-pick-list.c: one entry of a dictionary, picked from a large list by touch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A button showing the chosen entry's label; tapping it opens the
 * dictionary's entries in its own order as rows a finger hits (64 px), and
 * tapping a row chooses it. A long list (countries, trades) gets a search
 * field above it that filters by either language's label or by code, typed
 * on the on-screen keyboard (pinyin first on a Chinese kiosk, ABC on an
 * English one). The value is the entry's code, which is what a record
 * stores; the label is only ever looked up.
 *
 * The keyboard is docked under the page, outside the list's popover, so a
 * long list does not close on a tap outside it as a short one does: it
 * closes when a row is picked, on Clear and on Close, with its page, and
 * when another list opens or anything else on the page takes the focus (a
 * date, a field), so two lists are never open at once. A long list opened
 * while the keys are up (for another field) takes them over for its search.
 * While the keys are up, the list stands on their top edge, as high as the
 * screen leaves it, wherever its button is.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-i18n.h"
#include "kiosk-keyboard-dock.h"
#include "kiosk-keyboard.h"
#include "kiosk-pick-list.h"

/* the list's height when nothing else limits it */
#define LIST_HEIGHT 520
/* room kept between the list and the keys */
#define KEYBOARD_MARGIN 8
/* room kept between the list and the screen's top */
#define TOP_MARGIN 4

struct _KioskPickList
{
  GtkWidget parent_instance;

  GtkMenuButton *button;
  GtkLabel *value_label;
  GtkPopover *popover;
  GtkSearchEntry *search_entry;
  GtkScrolledWindow *scroller;
  GtkListBox *list;
  GtkLabel *nothing_label;
  GtkButton *clear_button;
  GtkButton *close_button;

  KioskKeyboardDock *dock; /* the window's, while mapped; unowned */
  GtkRoot *root;           /* watched for the focus while mapped; unowned */

  CoreDictionary *dictionary;
  char *code;
  guint n_visible;
};

G_DEFINE_FINAL_TYPE (KioskPickList, kiosk_pick_list, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_DICTIONARY,
  PROP_CODE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  SIGNAL_CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* the long list on show, if any: one at a time */
static KioskPickList *open_list;

/**
 * kiosk_pick_list_get_language:
 *
 * Returns: the language dictionary labels are shown in: the kiosk's
 *   current one, which it switches through LANGUAGE (Chinese by default)
 */
const char *
kiosk_pick_list_get_language (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return language != NULL && g_str_has_prefix (language, "en") ? CORE_LANGUAGE_EN
                                                               : CORE_LANGUAGE_ZH_CN;
}

static const CoreDictionaryEntry *
row_entry (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "entry");
}

static void
update_button (KioskPickList *self)
{
  const CoreDictionaryEntry *entry = NULL;

  if (self->dictionary != NULL && self->code != NULL)
    entry = core_dictionary_lookup (self->dictionary, self->code);
  if (entry != NULL)
    gtk_label_set_text (self->value_label,
                        core_dictionary_entry_get_label (entry, kiosk_pick_list_get_language ()));
  else
    /* a code the dictionary no longer has is shown as it is, for the form to name */
    gtk_label_set_text (self->value_label, self->code != NULL ? self->code : _ ("Choose"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), self->code != NULL);
}

static void
set_code (KioskPickList *self, const char *code)
{
  if (code != NULL && *code == '\0')
    code = NULL;
  if (g_strcmp0 (self->code, code) == 0)
    return;
  g_free (self->code);
  self->code = g_strdup (code);
  update_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

static gboolean
matches (const CoreDictionaryEntry *entry, const char *folded)
{
  g_autofree char *zh = NULL;
  g_autofree char *en = NULL;

  if (folded == NULL || *folded == '\0')
    return TRUE;
  zh = g_utf8_casefold (entry->label_zh_cn, -1);
  en = g_utf8_casefold (entry->label_en, -1);
  return strstr (zh, folded) != NULL || strstr (en, folded) != NULL ||
         g_ascii_strcasecmp (entry->code, folded) == 0;
}

static void
apply_filter (KioskPickList *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *stripped = g_strstrip (g_strdup (folded));

  self->n_visible = 0;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gboolean shown = matches (row_entry (GTK_LIST_BOX_ROW (row)), stripped);

      gtk_widget_set_visible (row, shown);
      self->n_visible += shown;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), self->n_visible == 0);
}

static void row_activated_cb (KioskPickList *self, GtkListBoxRow *row);

/* A row's button: what a tap on the row presses, and what assistive
 * technology can press (GTK 4.8 gives a list's rows no action). */
static void
row_clicked_cb (GtkButton *button, KioskPickList *self)
{
  row_activated_cb (self, GTK_LIST_BOX_ROW (gtk_widget_get_parent (GTK_WIDGET (button))));
}

/* The rows are made once, with the list: rows made anew at every opening
 * would be new widgets each time, which GTK 4.8 does not put on the
 * accessibility bus, so a screen reader would find no rows to pick. */
static void
add_rows (KioskPickList *self)
{
  guint n = self->dictionary != NULL ? core_dictionary_get_n_entries (self->dictionary) : 0;

  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *button = gtk_button_new ();
      GtkWidget *text = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_button_set_child (GTK_BUTTON (button), text);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_add_css_class (button, "pick-list-row");
      g_signal_connect (button, "clicked", G_CALLBACK (row_clicked_cb), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      /* a finger's height whatever the theme or text size */
      gtk_widget_set_size_request (row, -1, KIOSK_PICK_LIST_ROW_HEIGHT);
      g_object_set_data (G_OBJECT (row), "entry",
                         (gpointer) core_dictionary_get_entry (self->dictionary, i));
      gtk_list_box_append (self->list, row);
    }
}

/* The whole list, its rows named in the current language. */
static void
refresh (KioskPickList *self)
{
  const char *language = kiosk_pick_list_get_language ();
  gboolean searchable =
      self->dictionary != NULL &&
      core_dictionary_get_n_entries (self->dictionary) >= KIOSK_PICK_LIST_SEARCH_FROM;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      const char *label =
          core_dictionary_entry_get_label (row_entry (GTK_LIST_BOX_ROW (row)), language);

      GtkWidget *button = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      gtk_label_set_text (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), searchable);
  gtk_widget_set_visible (GTK_WIDGET (self->close_button), searchable);
  gtk_popover_set_autohide (self->popover, !searchable);
  kiosk_keyboard_request (GTK_EDITABLE (self->search_entry),
                          g_str_equal (language, CORE_LANGUAGE_EN) ? KIOSK_KEYBOARD_LAYER_LETTERS
                                                                   : KIOSK_KEYBOARD_LAYER_PINYIN);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filter (self);
  update_button (self);
}

/* Whether the on-screen keyboard is up, under a long list. */
static gboolean
keys_up (KioskPickList *self)
{
  return self->dock != NULL && kiosk_keyboard_dock_get_shown (self->dock) &&
         gtk_widget_get_visible (GTK_WIDGET (self->search_entry));
}

/* Whether the on-screen keyboard types into the search. */
static gboolean
keyboard_searching (KioskPickList *self)
{
  return keys_up (self) &&
         kiosk_keyboard_get_attached (kiosk_keyboard_dock_peek_keyboard (self->dock)) ==
             GTK_EDITABLE (self->search_entry);
}

/* Below the button, or above it when only there the whole popover fits:
 * GDK, left to flip the list, did not always (a list fills as it opens),
 * and a list squeezed to the screen's edge cuts its rows off. */
static GtkPositionType
side_with_room (KioskPickList *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  graphene_rect_t button;
  int needed = 0, below, above;

  if (root == NULL || !gtk_widget_compute_bounds (GTK_WIDGET (self->button), root, &button))
    return GTK_POS_BOTTOM;
  gtk_widget_measure (GTK_WIDGET (self->popover), GTK_ORIENTATION_VERTICAL, -1, NULL, &needed, NULL,
                      NULL);
  below = gtk_widget_get_height (root) - (int) (button.origin.y + button.size.height);
  above = (int) button.origin.y;
  return below < needed && above > below ? GTK_POS_TOP : GTK_POS_BOTTOM;
}

/* The list as high as it may be: clear of the keys while they are up (the
 * popover is a surface of its own, drawn over them). It then takes all the
 * height between the keys and the screen's top, over its own button and
 * the page: placed by its button, a button low on the page, near or under
 * the keys, left it a row or two. */
static void
fit_list (KioskPickList *self)
{
  int keyboard_height = 0, keys_top, chrome, rows;

  if (!keys_up (self))
    {
      gtk_scrolled_window_set_max_content_height (self->scroller, LIST_HEIGHT);
      gtk_popover_set_position (self->popover, side_with_room (self));
      return;
    }
  gtk_widget_measure (GTK_WIDGET (kiosk_keyboard_dock_peek_keyboard (self->dock)),
                      GTK_ORIENTATION_VERTICAL, gtk_widget_get_width (GTK_WIDGET (self->dock)),
                      NULL, &keyboard_height, NULL, NULL);
  keys_top = gtk_widget_get_height (GTK_WIDGET (self->dock)) - keyboard_height - KEYBOARD_MARGIN;
  /* above its button, slid down onto the keys' edge where it is too high
   * for the room above the button */
  gtk_popover_set_position (self->popover, GTK_POS_TOP);
  /* all of the popover but its rows: the search and buttons, its frame
   * (both measured, as a list opening is not laid out yet) */
  gtk_widget_measure (GTK_WIDGET (self->popover), GTK_ORIENTATION_VERTICAL, -1, NULL, &chrome, NULL,
                      NULL);
  gtk_widget_measure (GTK_WIDGET (self->scroller), GTK_ORIENTATION_VERTICAL, -1, NULL, &rows, NULL,
                      NULL);
  chrome -= rows;
  /* one row at least, to pick from */
  gtk_scrolled_window_set_max_content_height (
      self->scroller, MAX (keys_top - TOP_MARGIN - chrome, KIOSK_PICK_LIST_ROW_HEIGHT));
}

static void
dock_shown_cb (KioskPickList *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    fit_list (self);
}

/* The dock makes its keyboard when it is first needed, and says so once. */
static void
follow_keyboard (KioskPickList *self)
{
  KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (self->dock);

  if (keyboard != NULL)
    g_signal_connect_object (keyboard, "notify::attached", G_CALLBACK (dock_shown_cb), self,
                             G_CONNECT_SWAPPED);
}

/* Every opening starts from the whole list, in the current language. A
 * long list closes the one open before it, and takes the keys over for its
 * search when they are up already: keys typing into a field behind the
 * list would be keys the list covers. */
static void
popover_show_cb (KioskPickList *self)
{
  GtkWidget *panel = gtk_popover_get_child (self->popover);
  int frame = 0, inside = 0;

  /* as wide as its field at least: a short value ("副高级") on one line, not
   * one character a line in a panel as narrow as its longest word */
  gtk_widget_set_size_request (panel, -1, -1);
  gtk_widget_measure (GTK_WIDGET (self->popover), GTK_ORIENTATION_HORIZONTAL, -1, &frame, NULL,
                      NULL, NULL);
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &inside, NULL, NULL, NULL);
  gtk_widget_set_size_request (
      panel, MAX (0, gtk_widget_get_width (GTK_WIDGET (self)) - (frame - inside)), -1);
  refresh (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
    {
      if (open_list != NULL && open_list != self)
        gtk_popover_popdown (open_list->popover);
      open_list = self;
    }
  if (keys_up (self) && !keyboard_searching (self))
    kiosk_keyboard_dock_show_for (self->dock, GTK_EDITABLE (self->search_entry));
  fit_list (self);
}

/* The keyboard goes with the list it typed into, and what was searched for
 * (a person's country, say) goes with the list. */
static void
popover_closed_cb (KioskPickList *self)
{
  if (open_list == self)
    open_list = NULL;
  if (keyboard_searching (self))
    kiosk_keyboard_dock_dismiss (self->dock);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_emit (self, signals[SIGNAL_CLOSED], 0);
}

/* Anything else on the page taking the focus (a date or another list
 * opening, a field tapped) closes a long list, as a tap outside a short one
 * does; the keys, which type into its search, take no focus. */
static void
focus_changed_cb (KioskPickList *self)
{
  GtkWidget *focus = self->root != NULL ? gtk_root_get_focus (self->root) : NULL;

  if (open_list != self || focus == NULL || focus == GTK_WIDGET (self->button) ||
      gtk_widget_is_ancestor (focus, GTK_WIDGET (self->button)))
    return;
  gtk_popover_popdown (self->popover);
}

static void
close_cb (KioskPickList *self)
{
  gtk_popover_popdown (self->popover);
}

static void
search_changed_cb (KioskPickList *self)
{
  apply_filter (self);
}

static void
row_activated_cb (KioskPickList *self, GtkListBoxRow *row)
{
  set_code (self, row_entry (row)->code);
  gtk_popover_popdown (self->popover);
}

/* Enter in the search (or its accessible "activate") picks the one row the
 * search left: GTK 4.8 gives a list's rows no action assistive technology
 * could do. */
static void
search_activate_cb (KioskPickList *self)
{
  apply_filter (self);
  if (self->n_visible != 1)
    return;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_visible (row))
      {
        row_activated_cb (self, GTK_LIST_BOX_ROW (row));
        return;
      }
}

static void
clear_cb (KioskPickList *self)
{
  set_code (self, NULL);
  gtk_popover_popdown (self->popover);
}

/* GtkMenuButton (GTK 4.8) asks for one height whatever its width: that of
 * its value on as few lines as its natural width needs. Given less width,
 * the value needs more lines, and the height that takes is asked for here,
 * so the lines wrap inside the button rather than spill over its edges. */
static GtkSizeRequestMode
kiosk_pick_list_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kiosk_pick_list_measure (GtkWidget *widget,
                         GtkOrientation orientation,
                         int for_size,
                         int *minimum,
                         int *natural,
                         int *minimum_baseline,
                         int *natural_baseline)
{
  KioskPickList *self = KIOSK_PICK_LIST (widget);
  GtkWidget *label = GTK_WIDGET (self->value_label);
  int button_width, label_width, label_min_width, unwrapped_height, wrapped_height;

  gtk_widget_measure (GTK_WIDGET (self->button), orientation, -1, minimum, natural, NULL, NULL);
  if (orientation != GTK_ORIENTATION_VERTICAL || for_size < 0)
    return;
  /* the room the value has: the width less the button's frame and arrow */
  gtk_widget_measure (GTK_WIDGET (self->button), GTK_ORIENTATION_HORIZONTAL, -1, NULL,
                      &button_width, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_HORIZONTAL, -1, &label_min_width, &label_width, NULL,
                      NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL, -1, NULL, &unwrapped_height, NULL, NULL);
  gtk_widget_measure (label, GTK_ORIENTATION_VERTICAL,
                      MAX (label_min_width, for_size - (button_width - label_width)), NULL,
                      &wrapped_height, NULL, NULL);
  if (wrapped_height > unwrapped_height)
    *natural += wrapped_height - unwrapped_height;
  /* less would cut the value's lower lines */
  *minimum = *natural;
}

static void
kiosk_pick_list_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  gtk_widget_allocate (GTK_WIDGET (KIOSK_PICK_LIST (widget)->button), width, height, -1, NULL);
}

/* The keyboard dock of the window the list is in: the list watches it to
 * stay clear of the keys. */
static void
kiosk_pick_list_map (GtkWidget *widget)
{
  KioskPickList *self = KIOSK_PICK_LIST (widget);

  GTK_WIDGET_CLASS (kiosk_pick_list_parent_class)->map (widget);

  self->dock = KIOSK_KEYBOARD_DOCK (gtk_widget_get_ancestor (widget, KIOSK_TYPE_KEYBOARD_DOCK));
  self->root = gtk_widget_get_root (widget);
  g_signal_connect_object (self->root, "notify::focus-widget", G_CALLBACK (focus_changed_cb), self,
                           G_CONNECT_SWAPPED);
  if (self->dock != NULL)
    {
      g_signal_connect_object (self->dock, "notify::shown", G_CALLBACK (dock_shown_cb), self,
                               G_CONNECT_SWAPPED);
      /* keys already up for another field move to the search without
       * showing again: the list is fitted above them all the same (a
       * keyboard not made yet is followed once it is) */
      g_signal_connect_object (self->dock, "notify::keyboard", G_CALLBACK (follow_keyboard), self,
                               G_CONNECT_SWAPPED);
      follow_keyboard (self);
    }
}

/* A list that stays open on taps outside it closes with its page. */
static void
kiosk_pick_list_unmap (GtkWidget *widget)
{
  KioskPickList *self = KIOSK_PICK_LIST (widget);

  gtk_popover_popdown (self->popover);
  if (self->dock != NULL)
    {
      KioskKeyboard *keyboard = kiosk_keyboard_dock_peek_keyboard (self->dock);

      g_signal_handlers_disconnect_by_func (self->dock, dock_shown_cb, self);
      g_signal_handlers_disconnect_by_func (self->dock, follow_keyboard, self);
      if (keyboard != NULL)
        g_signal_handlers_disconnect_by_func (keyboard, dock_shown_cb, self);
    }
  if (self->root != NULL)
    g_signal_handlers_disconnect_by_func (self->root, focus_changed_cb, self);
  self->root = NULL;
  self->dock = NULL;

  GTK_WIDGET_CLASS (kiosk_pick_list_parent_class)->unmap (widget);
}

static void
kiosk_pick_list_dispose (GObject *object)
{
  KioskPickList *self = KIOSK_PICK_LIST (object);

  if (open_list == self)
    open_list = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (object), KIOSK_TYPE_PICK_LIST);
  g_clear_object (&self->dictionary);

  G_OBJECT_CLASS (kiosk_pick_list_parent_class)->dispose (object);
}

static void
kiosk_pick_list_finalize (GObject *object)
{
  KioskPickList *self = KIOSK_PICK_LIST (object);

  g_free (self->code);

  G_OBJECT_CLASS (kiosk_pick_list_parent_class)->finalize (object);
}

static void
kiosk_pick_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskPickList *self = KIOSK_PICK_LIST (object);

  switch (prop_id)
    {
      case PROP_DICTIONARY:
        g_value_set_object (value, self->dictionary);
        break;
      case PROP_CODE:
        g_value_set_string (value, self->code);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_pick_list_set_property (GObject *object,
                              guint prop_id,
                              const GValue *value,
                              GParamSpec *pspec)
{
  KioskPickList *self = KIOSK_PICK_LIST (object);

  switch (prop_id)
    {
      case PROP_DICTIONARY:
        self->dictionary = g_value_dup_object (value);
        add_rows (self);
        refresh (self);
        break;
      case PROP_CODE:
        kiosk_pick_list_set_code (self, g_value_get_string (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_pick_list_class_init (KioskPickListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_pick_list_dispose;
  object_class->finalize = kiosk_pick_list_finalize;
  object_class->get_property = kiosk_pick_list_get_property;
  object_class->set_property = kiosk_pick_list_set_property;

  properties[PROP_DICTIONARY] =
      g_param_spec_object ("dictionary", NULL, NULL, CORE_TYPE_DICTIONARY,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS |
                               G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskPickList:code:
   *
   * The chosen entry's code, or %NULL for none.
   */
  properties[PROP_CODE] =
      g_param_spec_string ("code", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskPickList::closed:
   *
   * The list closed, whether an entry was chosen or not.
   */
  signals[SIGNAL_CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                         NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-pick-list.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, button);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, value_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, popover);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, list);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, nothing_label);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, clear_button);
  gtk_widget_class_bind_template_child (widget_class, KioskPickList, close_button);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_closed_cb);
  widget_class->get_request_mode = kiosk_pick_list_get_request_mode;
  widget_class->measure = kiosk_pick_list_measure;
  widget_class->size_allocate = kiosk_pick_list_size_allocate;
  widget_class->map = kiosk_pick_list_map;
  widget_class->unmap = kiosk_pick_list_unmap;
  gtk_widget_class_set_css_name (widget_class, "kioskpicklist");
}

static void
kiosk_pick_list_init (KioskPickList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_button (self);
}

GtkWidget *
kiosk_pick_list_new (CoreDictionary *dictionary)
{
  g_return_val_if_fail (CORE_IS_DICTIONARY (dictionary), NULL);
  return g_object_new (KIOSK_TYPE_PICK_LIST, "dictionary", dictionary, NULL);
}

CoreDictionary *
kiosk_pick_list_get_dictionary (KioskPickList *self)
{
  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), NULL);
  return self->dictionary;
}

/**
 * kiosk_pick_list_get_code:
 *
 * Returns: (nullable): the chosen entry's code
 */
const char *
kiosk_pick_list_get_code (KioskPickList *self)
{
  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), NULL);
  return self->code;
}

void
kiosk_pick_list_set_code (KioskPickList *self, const char *code)
{
  g_return_if_fail (KIOSK_IS_PICK_LIST (self));
  set_code (self, code);
}

/* What the button shows: the chosen entry's label. */
const char *
kiosk_pick_list_get_shown_label (KioskPickList *self)
{
  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), NULL);
  return gtk_label_get_text (self->value_label);
}

/* Opens the list, as a tap on the button does. */
void
kiosk_pick_list_open (KioskPickList *self)
{
  g_return_if_fail (KIOSK_IS_PICK_LIST (self));
  gtk_menu_button_popup (self->button);
}

/**
 * kiosk_pick_list_get_search:
 *
 * Returns: (transfer none): the search field (shown for long lists), for
 *   the on-screen keyboard
 */
GtkEditable *
kiosk_pick_list_get_search (KioskPickList *self)
{
  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), NULL);
  return GTK_EDITABLE (self->search_entry);
}

guint
kiosk_pick_list_get_n_visible (KioskPickList *self)
{
  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), 0);
  return self->n_visible;
}

/**
 * kiosk_pick_list_find_row:
 * @label: an entry's label as shown
 *
 * Returns: (transfer none) (nullable): the row showing @label
 */
GtkWidget *
kiosk_pick_list_find_row (KioskPickList *self, const char *label)
{
  const char *language = kiosk_pick_list_get_language ();

  g_return_val_if_fail (KIOSK_IS_PICK_LIST (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (core_dictionary_entry_get_label (row_entry (GTK_LIST_BOX_ROW (row)), language),
                   label) == 0)
      return row;
  return NULL;
}

/**
 * kiosk_pick_list_set_name:
 * @name: what the value is, e.g. a form field's label
 *
 * Names the button for assistive technologies (and tests that drive the
 * kiosk through them); the button's text is the value.
 */
void
kiosk_pick_list_set_name (KioskPickList *self, const char *name)
{
  GtkWidget *inner;

  g_return_if_fail (KIOSK_IS_PICK_LIST (self));

  /* the menu button's own button is what a screen reader activates */
  inner = gtk_widget_get_first_child (GTK_WIDGET (self->button));
  gtk_accessible_update_property (
      GTK_ACCESSIBLE (inner != NULL ? inner : GTK_WIDGET (self->button)),
      GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}
