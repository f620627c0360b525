/* kiosk-keyboard.c: the on-screen keyboard: pinyin, handwriting, letters, digits
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A kiosk has no desktop input method, and many practitioners cannot spell
 * pinyin reliably, so the keyboard offers what Chinese government
 * self-service terminals offer: 拼音 (letters spell pinyin; a bar of
 * candidates, a page at a time, gives the characters, or a whole phrase),
 * 手写 (write a character in a box; it is recognised after every stroke),
 * ABC and 123. Space, delete, clear and "done" are on every layer.
 *
 * It types into the GtkEditable it is attached to, at the caret. A field
 * asks for the keyboard with kiosk_keyboard_request(), naming the layer it
 * opens with; KioskKeyboardDock shows the keyboard for such a field. Staff
 * with a real keyboard type pinyin through kiosk_keyboard_handle_key():
 * letters compose, digits and space choose, Backspace and Escape edit.
 *
 * When the keyboard is first shown its keys are made and its engines load
 * on worker threads: the welcome page and a visit without a text field
 * never hold them (the handwriting model alone is some 25 MiB), and loading
 * takes milliseconds; the handwriting model is closed again at the end of
 * every visit (kiosk_keyboard_forget()). Until the engines are ready, or
 * when their data is missing, the bar says so and the letter and digit keys
 * keep working. Every key, candidate and layer has an accessible name in the
 * kiosk's language, translated again by kiosk_keyboard_retranslate() after
 * a language switch.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "input-paths.h"
#include "kiosk-handwriting-pad.h"
#include "kiosk-key.h"
#include "kiosk-keyboard.h"

#define CANDIDATES_PER_PAGE 6
#define HANDWRITING_RESULTS (3 * CANDIDATES_PER_PAGE)
/* keys are two columns wide, so shorter rows can sit half a key in */
#define GRID_COLUMNS 24

typedef struct
{
  const char *text;
  const char *name; /* N_() msgid; NULL: the text names itself */
} Key;

static const Key digit_rows[3][10] = {
  {
      { "1", NULL },
      { "2", NULL },
      { "3", NULL },
      { "4", NULL },
      { "5", NULL },
      { "6", NULL },
      { "7", NULL },
      { "8", NULL },
      { "9", NULL },
      { "0", NULL },
  },
  {
      { "、", N_ ("Enumeration comma") },
      { "，", N_ ("Comma") },
      { "。", N_ ("Full stop") },
      { "·", N_ ("Middle dot") },
      { "（", N_ ("Left parenthesis") },
      { "）", N_ ("Right parenthesis") },
      { "—", N_ ("Dash") },
      { "：", N_ ("Colon") },
      { "；", N_ ("Semicolon") },
      { "？", N_ ("Question mark") },
  },
  {
      { "！", N_ ("Exclamation mark") },
      { "“", N_ ("Left quotation mark") },
      { "”", N_ ("Right quotation mark") },
      { "《", N_ ("Left title mark") },
      { "》", N_ ("Right title mark") },
      { "-", N_ ("Hyphen") },
      { "/", N_ ("Slash") },
      { "@", N_ ("At sign") },
      { ".", N_ ("Point") },
      { "#", N_ ("Number sign") },
  },
};

static const char *const letter_rows[] = { "qwertyuiop", "asdfghjkl", "zxcvbnm" };

/* after the last row of letters on the ABC layer, for Latin names */
static const Key latin_marks[] = {
  { "'", N_ ("Apostrophe") },
  { "-", N_ ("Hyphen") },
  { ".", N_ ("Point") },
};

struct _KioskKeyboard
{
  GtkWidget parent_instance;

  GtkLabel *preedit_label;
  GtkLabel *message_label;
  GtkWidget *candidate_scroller;
  GtkBox *candidate_box;
  GtkWidget *previous_page_button;
  GtkWidget *next_page_button;
  GtkStack *layer_stack;
  GtkGrid *pinyin_grid;
  GtkWidget *handwriting_box;
  KioskHandwritingPad *pad;
  GtkBox *handwriting_keys;
  GtkGrid *letters_grid;
  GtkGrid *digits_grid;
  GtkBox *bottom_row;
  GtkWidget *layer_buttons[4];
  GtkWidget *shift_key;
  gboolean keys_made; /* on first show */

  InputPinyinEngine *pinyin;
  InputHandwritingEngine *handwriting;
  GCancellable *cancellable;
  GCancellable *recognition; /* the handwriting being recognised */
  GStrv written;             /* its candidates */
  guint written_page;

  GtkEditable *attached; /* weak */
  KioskKeyboardLayer layer;
  gboolean capitals;
};

G_DEFINE_FINAL_TYPE (KioskKeyboard, kiosk_keyboard, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (KioskKeyboardLayer,
                    kiosk_keyboard_layer,
                    G_DEFINE_ENUM_VALUE (KIOSK_KEYBOARD_LAYER_PINYIN, "pinyin"),
                    G_DEFINE_ENUM_VALUE (KIOSK_KEYBOARD_LAYER_HANDWRITING, "handwriting"),
                    G_DEFINE_ENUM_VALUE (KIOSK_KEYBOARD_LAYER_LETTERS, "letters"),
                    G_DEFINE_ENUM_VALUE (KIOSK_KEYBOARD_LAYER_DIGITS, "digits"))

/* a field's request for the keyboard: its first layer + 1 */
static GQuark
request_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-request");
}

/* the keyboard a field is attached to, so a new request reaches it */
static GQuark
attached_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-attached");
}

enum
{
  PROP_0,
  PROP_PINYIN_ENGINE,
  PROP_HANDWRITING_ENGINE,
  PROP_LAYER,
  PROP_ATTACHED,
  PROP_PROBLEMS,
  N_PROPS
};

enum
{
  DONE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *const layer_names[] = { "pinyin", "handwriting", "letters", "digits" };

static void refresh (KioskKeyboard *self);

/* ---- typing into the attached editable ---- */

static void
commit (KioskKeyboard *self, const char *text)
{
  int position;

  if (self->attached == NULL || text == NULL || *text == '\0')
    return;
  gtk_editable_delete_selection (self->attached);
  position = gtk_editable_get_position (self->attached);
  gtk_editable_insert_text (self->attached, text, -1, &position);
  gtk_editable_set_position (self->attached, position);
}

static void
delete_before_caret (KioskKeyboard *self)
{
  int start, end;

  if (self->attached == NULL)
    return;
  if (gtk_editable_get_selection_bounds (self->attached, &start, &end))
    {
      gtk_editable_delete_selection (self->attached);
      return;
    }
  end = gtk_editable_get_position (self->attached);
  if (end > 0)
    gtk_editable_delete_text (self->attached, end - 1, end);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* ---- handwriting ---- */

static void
clear_written (KioskKeyboard *self)
{
  g_cancellable_cancel (self->recognition);
  g_clear_object (&self->recognition);
  g_clear_pointer (&self->written, g_strfreev);
  self->written_page = 0;
}

static void
recognized_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskKeyboard) self = user_data;
  g_autoptr (GError) error = NULL;
  GStrv written =
      input_handwriting_engine_recognize_finish (INPUT_HANDWRITING_ENGINE (source), result, &error);

  /* a newer stroke, a rewrite or a choice made it stale */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->recognition);
  if (written == NULL)
    g_warning ("handwriting was not recognised: %s", error->message);
  g_strfreev (self->written);
  self->written = written;
  self->written_page = 0;
  refresh (self);
}

/* As the person writes: every finished stroke is recognised afresh. */
static void
ink_changed_cb (KioskKeyboard *self)
{
  clear_written (self);
  if (!kiosk_handwriting_pad_get_empty (self->pad) &&
      input_handwriting_engine_get_state (self->handwriting) == INPUT_ENGINE_STATE_READY)
    {
      self->recognition = g_cancellable_new ();
      input_handwriting_engine_recognize_async (
          self->handwriting, kiosk_handwriting_pad_get_ink (self->pad), HANDWRITING_RESULTS,
          self->recognition, recognized_cb, g_object_ref (self));
    }
  refresh (self);
}

static guint
n_written (KioskKeyboard *self)
{
  return self->written != NULL ? g_strv_length (self->written) : 0;
}

static void
choose_written (KioskKeyboard *self, guint index)
{
  g_autofree char *text = NULL;

  if (index >= n_written (self))
    return;
  text = g_strdup (self->written[index]);
  commit (self, text);
  kiosk_handwriting_pad_clear (self->pad);
}

/* ---- the current input: a pinyin composition or handwriting ---- */

static gboolean
pinyin_ready (KioskKeyboard *self)
{
  return input_pinyin_engine_get_state (self->pinyin) == INPUT_ENGINE_STATE_READY;
}

/**
 * kiosk_keyboard_end_input:
 * @keep: type what is shown (the pinyin as spelled, the first handwriting
 *   candidate) rather than drop it
 *
 * Ends a pinyin composition or handwriting in progress.
 */
void
kiosk_keyboard_end_input (KioskKeyboard *self, gboolean keep)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD (self));

  if (input_pinyin_engine_get_composing (self->pinyin))
    {
      g_autofree char *text = input_pinyin_engine_take_text (self->pinyin);

      if (keep)
        commit (self, text);
    }
  if (!kiosk_handwriting_pad_get_empty (self->pad))
    {
      if (keep && n_written (self) > 0)
        choose_written (self, 0);
      kiosk_handwriting_pad_clear (self->pad);
    }
}

/* ---- key actions ---- */

static void
letter_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);
  const char *letter = g_variant_get_string (parameter, NULL);

  switch (input_pinyin_engine_get_state (self->pinyin))
    {
      case INPUT_ENGINE_STATE_READY:
        if (!input_pinyin_engine_append (self->pinyin, letter[0]))
          gtk_widget_error_bell (widget);
        break;
      case INPUT_ENGINE_STATE_FAILED:
        /* without pinyin data the letters are still letters */
        commit (self, letter);
        break;
      case INPUT_ENGINE_STATE_UNLOADED:
      case INPUT_ENGINE_STATE_LOADING:
      default:
        gtk_widget_error_bell (widget);
        break;
    }
}

static void
type_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  commit (self, g_variant_get_string (parameter, NULL));
}

static void
space_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  /* as in every input method: space takes the first candidate */
  if (input_pinyin_engine_get_composing (self->pinyin))
    {
      g_autofree char *text = input_pinyin_engine_choose_on_page (self->pinyin, 0);
      commit (self, text);
    }
  else if (!kiosk_handwriting_pad_get_empty (self->pad) && n_written (self) > 0)
    choose_written (self, self->written_page * CANDIDATES_PER_PAGE);
  else
    commit (self, " ");
}

static void
backspace_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  if (input_pinyin_engine_backspace (self->pinyin))
    return;
  if (kiosk_handwriting_pad_remove_last_stroke (self->pad))
    return;
  delete_before_caret (self);
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  kiosk_keyboard_end_input (self, FALSE);
  if (self->attached != NULL)
    gtk_editable_set_text (self->attached, "");
}

static void
done_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  kiosk_keyboard_end_input (self, TRUE);
  g_signal_emit (self, signals[DONE], 0);
}

static void
candidate_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);
  guint index = g_variant_get_uint32 (parameter);

  if (self->layer == KIOSK_KEYBOARD_LAYER_HANDWRITING)
    choose_written (self, self->written_page * CANDIDATES_PER_PAGE + index);
  else
    {
      g_autofree char *text = input_pinyin_engine_choose_on_page (self->pinyin, index);
      commit (self, text);
    }
}

static void
page_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);
  int delta = g_variant_get_int32 (parameter);

  if (self->layer == KIOSK_KEYBOARD_LAYER_HANDWRITING)
    {
      guint pages = (n_written (self) + CANDIDATES_PER_PAGE - 1) / CANDIDATES_PER_PAGE;

      if (delta > 0 && self->written_page + 1 < pages)
        self->written_page++;
      else if (delta < 0 && self->written_page > 0)
        self->written_page--;
      refresh (self);
    }
  else if (delta > 0)
    input_pinyin_engine_page_down (self->pinyin);
  else
    input_pinyin_engine_page_up (self->pinyin);
}

static void
rewrite_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  kiosk_handwriting_pad_clear (KIOSK_KEYBOARD (widget)->pad);
}

static void update_letter_case (KioskKeyboard *self);

static void
layer_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  const char *name = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (layer_names); i++)
    if (g_str_equal (name, layer_names[i]))
      kiosk_keyboard_set_layer (KIOSK_KEYBOARD (widget), (KioskKeyboardLayer) i);
}

static void
shift_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  self->capitals = !self->capitals;
  update_letter_case (self);
}

/* ---- building the keys ----
 *
 * Every key is made once and changed in place (labels, names, case): GTK 4.8
 * keeps serving removed widgets on the accessibility bus, where they would
 * shadow the new ones. Words on keys and their names are kept as msgids, so
 * kiosk_keyboard_retranslate() can translate them again. */

static GQuark
label_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-label");
}

static GQuark
name_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-name");
}

static GQuark
letter_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-letter");
}

/* @label_msgid, @name_msgid: (nullable): N_() strings, translated now and
 * after every language switch */
static void
set_words (GtkWidget *widget, const char *label_msgid, const char *name_msgid)
{
  if (label_msgid != NULL)
    {
      g_object_set_qdata (G_OBJECT (widget), label_quark (), (gpointer) label_msgid);
      gtk_button_set_label (GTK_BUTTON (widget), _ (label_msgid));
    }
  if (name_msgid != NULL)
    g_object_set_qdata (G_OBJECT (widget), name_quark (), (gpointer) name_msgid);
  if (name_msgid != NULL || label_msgid != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _ (name_msgid != NULL ? name_msgid : label_msgid), -1);
}

static void
translate_words (GtkWidget *widget)
{
  const char *label_msgid = g_object_get_qdata (G_OBJECT (widget), label_quark ());
  const char *name_msgid = g_object_get_qdata (G_OBJECT (widget), name_quark ());

  if (label_msgid != NULL || name_msgid != NULL)
    set_words (widget, label_msgid, name_msgid);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    translate_words (child);
}

/* A key labelled @text; its accessible name is @text too unless set_words()
 * gives it one. */
static GtkWidget *
make_key (const char *text, const char *action, GVariant *target)
{
  GtkWidget *key = kiosk_key_new (text);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (key), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (key), target);
  /* the field keeps the focus, and with it the caret */
  gtk_widget_set_focus_on_click (key, FALSE);
  gtk_widget_add_css_class (key, "key");
  gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  return key;
}

/* A key that stays on (the current layer, capitals) looks pressed and says
 * so to assistive technology. Plain buttons rather than toggle buttons:
 * pressing a toggle button through AT-SPI does not toggle it in GTK 4.8. */
static void
set_key_on (GtkWidget *key, gboolean on)
{
  if (on)
    gtk_widget_add_css_class (key, "key-on");
  else
    gtk_widget_remove_css_class (key, "key-on");
  gtk_accessible_update_state (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_STATE_PRESSED,
                               on ? GTK_ACCESSIBLE_TRISTATE_TRUE : GTK_ACCESSIBLE_TRISTATE_FALSE,
                               -1);
}

/* Lays a row of @n keys out, centred on the 24-column grid. */
static void
place_row (GtkGrid *grid, GtkWidget **keys, guint n, guint row)
{
  guint offset = GRID_COLUMNS / 2 - n;

  for (guint i = 0; i < n; i++)
    gtk_grid_attach (grid, keys[i], (int) (offset + 2 * i), (int) row, 2, 1);
}

static void
build_pinyin_keys (KioskKeyboard *self)
{
  for (guint row = 0; row < G_N_ELEMENTS (letter_rows); row++)
    {
      GtkWidget *keys[12];
      guint n = 0;

      for (const char *p = letter_rows[row]; *p != '\0'; p++)
        {
          char text[2] = { *p, '\0' };
          keys[n++] = make_key (text, "keyboard.letter", g_variant_new_string (text));
        }
      if (row == G_N_ELEMENTS (letter_rows) - 1)
        {
          keys[n] = make_key ("'", "keyboard.letter", g_variant_new_string ("'"));
          set_words (keys[n++], NULL, N_ ("Syllable separator"));
        }
      place_row (self->pinyin_grid, keys, n, row);
    }
  set_words (GTK_WIDGET (self->pinyin_grid), NULL, N_ ("Pinyin keys"));
}

static void
build_letter_keys (KioskKeyboard *self)
{
  for (guint row = 0; row < G_N_ELEMENTS (letter_rows); row++)
    {
      GtkWidget *keys[12];
      guint n = 0;

      if (row == G_N_ELEMENTS (letter_rows) - 1)
        {
          self->shift_key = make_key ("⇧", "keyboard.shift", NULL);
          set_words (self->shift_key, NULL, N_ ("Capital letters"));
          keys[n++] = self->shift_key;
        }
      for (const char *p = letter_rows[row]; *p != '\0'; p++)
        {
          char text[2] = { *p, '\0' };

          keys[n] = make_key (text, "keyboard.type", g_variant_new_string (text));
          g_object_set_qdata (G_OBJECT (keys[n++]), letter_quark (), GINT_TO_POINTER (*p));
        }
      if (row == G_N_ELEMENTS (letter_rows) - 1)
        for (guint i = 0; i < G_N_ELEMENTS (latin_marks); i++)
          {
            keys[n] = make_key (latin_marks[i].text, "keyboard.type",
                                g_variant_new_string (latin_marks[i].text));
            set_words (keys[n++], NULL, latin_marks[i].name);
          }
      place_row (self->letters_grid, keys, n, row);
    }
  set_words (GTK_WIDGET (self->letters_grid), NULL, N_ ("Letter keys"));
}

/* The letters' labels, names and what they type follow the shift key. */
static void
update_letter_case (KioskKeyboard *self)
{
  for (GtkWidget *key = gtk_widget_get_first_child (GTK_WIDGET (self->letters_grid)); key != NULL;
       key = gtk_widget_get_next_sibling (key))
    {
      char letter = (char) GPOINTER_TO_INT (g_object_get_qdata (G_OBJECT (key), letter_quark ()));
      char text[2] = { self->capitals ? g_ascii_toupper (letter) : letter, '\0' };

      if (letter == 0)
        continue;
      gtk_button_set_label (GTK_BUTTON (key), text);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (key), g_variant_new_string (text));
      gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
    }
  if (self->keys_made)
    set_key_on (self->shift_key, self->capitals);
}

static void
build_digit_keys (KioskKeyboard *self)
{
  for (guint row = 0; row < G_N_ELEMENTS (digit_rows); row++)
    {
      GtkWidget *keys[10];

      for (guint i = 0; i < G_N_ELEMENTS (digit_rows[row]); i++)
        {
          const Key *key = &digit_rows[row][i];

          keys[i] = make_key (key->text, "keyboard.type", g_variant_new_string (key->text));
          set_words (keys[i], NULL, key->name);
        }
      place_row (self->digits_grid, keys, G_N_ELEMENTS (keys), row);
    }
  set_words (GTK_WIDGET (self->digits_grid), NULL, N_ ("Digit and punctuation keys"));
}

static void
build_handwriting_keys (KioskKeyboard *self)
{
  GtkWidget *rewrite = make_key ("", "keyboard.rewrite", NULL);

  set_words (rewrite, N_ ("Rewrite"), NULL);
  gtk_widget_add_css_class (rewrite, "word-key");
  gtk_box_append (self->handwriting_keys, rewrite);
  set_words (GTK_WIDGET (self->pad), NULL, N_ ("Handwriting pad"));
  set_words (GTK_WIDGET (self->handwriting_box), NULL, N_ ("Handwriting"));
}

/* the candidates of a page, made once and filled in by refresh() */
static void
build_candidate_keys (KioskKeyboard *self)
{
  for (guint i = 0; i < CANDIDATES_PER_PAGE; i++)
    {
      GtkWidget *key = make_key ("", "keyboard.candidate", g_variant_new_uint32 (i));

      gtk_widget_add_css_class (key, "candidate");
      gtk_widget_set_visible (key, FALSE);
      gtk_box_append (self->candidate_box, key);
    }
  set_words (self->previous_page_button, NULL, N_ ("Previous candidates"));
  set_words (self->next_page_button, NULL, N_ ("More candidates"));
}

static void
sync_layer_buttons (KioskKeyboard *self)
{
  if (!self->keys_made)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->layer_buttons); i++)
    set_key_on (self->layer_buttons[i], i == self->layer);
}

static void
build_bottom_row (KioskKeyboard *self)
{
  /* visible label (a msgid, or as it is), accessible name */
  static const struct
  {
    const char *label;
    gboolean translated;
    const char *name;
  } layers[] = {
    { N_ ("Pinyin"), TRUE, NULL },
    { N_ ("Handwriting"), TRUE, NULL },
    { "ABC", FALSE, N_ ("English letters") },
    { "123", FALSE, N_ ("Digits and punctuation") },
  };
  static const struct
  {
    const char *label;
    const char *name;
    const char *action;
    const char *css;
  } edits[] = {
    { N_ ("Space"), NULL, "keyboard.space", "space-key" },
    { NULL, N_ ("Delete"), "keyboard.backspace", NULL },
    { N_ ("Clear"), NULL, "keyboard.clear", "word-key" },
    { N_ ("Done"), NULL, "keyboard.done", "suggested-action" },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (layers) == G_N_ELEMENTS (layer_names));
  for (guint i = 0; i < G_N_ELEMENTS (layers); i++)
    {
      GtkWidget *button =
          make_key (layers[i].label, "keyboard.layer", g_variant_new_string (layer_names[i]));

      set_words (button, layers[i].translated ? layers[i].label : NULL, layers[i].name);
      gtk_widget_add_css_class (button, "word-key");
      self->layer_buttons[i] = button;
      gtk_box_append (self->bottom_row, button);
    }
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      GtkWidget *key = make_key (edits[i].label != NULL ? "" : "⌫", edits[i].action, NULL);

      set_words (key, edits[i].label, edits[i].name);
      if (edits[i].css != NULL)
        gtk_widget_add_css_class (key, edits[i].css);
      if (g_str_equal (edits[i].action, "keyboard.done"))
        gtk_widget_add_css_class (key, "word-key");
      gtk_box_append (self->bottom_row, key);
    }
}

/* The keys are made when the keyboard is first shown, not with the window:
 * an idle kiosk on its welcome page never shows them, and they are most of
 * what the keyboard holds. They come on the layer and in the case set
 * before. */
static void
make_keys (KioskKeyboard *self)
{
  if (self->keys_made)
    return;
  build_pinyin_keys (self);
  build_letter_keys (self);
  build_digit_keys (self);
  build_handwriting_keys (self);
  build_candidate_keys (self);
  build_bottom_row (self);
  self->keys_made = TRUE;
  update_letter_case (self);
  sync_layer_buttons (self);
  refresh (self);
}

/**
 * kiosk_keyboard_retranslate:
 *
 * Translates every key, name and hint again, into the kiosk's language now.
 */
void
kiosk_keyboard_retranslate (KioskKeyboard *self)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD (self));

  translate_words (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("On-screen keyboard"), -1);
  refresh (self);
}

/* ---- the candidate bar ---- */

static char *
engine_message (KioskKeyboard *self, gboolean *problem)
{
  InputEngineState state;
  const GError *error;

  *problem = FALSE;
  if (self->layer == KIOSK_KEYBOARD_LAYER_PINYIN)
    {
      state = input_pinyin_engine_get_state (self->pinyin);
      error = input_pinyin_engine_get_error (self->pinyin);
      if (state == INPUT_ENGINE_STATE_READY)
        return input_pinyin_engine_get_composing (self->pinyin)
                   ? NULL
                   : g_strdup (_ ("Type the pinyin, then tap the characters you mean."));
      if (state == INPUT_ENGINE_STATE_FAILED)
        {
          *problem = TRUE;
          /* both fail together when the engines' module is missing */
          if (input_handwriting_engine_get_state (self->handwriting) == INPUT_ENGINE_STATE_FAILED)
            return g_strdup_printf (_ ("Pinyin input is not available: %s. The letter keys type "
                                       "letters."),
                                    error != NULL ? error->message : "");
          return g_strdup_printf (_ ("Pinyin input is not available: %s. The letter keys type "
                                     "letters; handwriting may still work."),
                                  error != NULL ? error->message : "");
        }
      return g_strdup (_ ("Preparing pinyin input…"));
    }
  if (self->layer == KIOSK_KEYBOARD_LAYER_HANDWRITING)
    {
      state = input_handwriting_engine_get_state (self->handwriting);
      error = input_handwriting_engine_get_error (self->handwriting);
      if (state == INPUT_ENGINE_STATE_READY)
        return kiosk_handwriting_pad_get_empty (self->pad)
                   ? g_strdup (_ ("Write one character in the box."))
                   : NULL;
      if (state == INPUT_ENGINE_STATE_FAILED)
        {
          *problem = TRUE;
          if (input_pinyin_engine_get_state (self->pinyin) == INPUT_ENGINE_STATE_FAILED)
            return g_strdup_printf (_ ("Handwriting input is not available: %s. Use ABC or 123."),
                                    error != NULL ? error->message : "");
          return g_strdup_printf (_ ("Handwriting input is not available: %s. Use pinyin, ABC "
                                     "or 123."),
                                  error != NULL ? error->message : "");
        }
      return g_strdup (_ ("Preparing handwriting input…"));
    }
  return NULL;
}

static GStrv
candidates_on_page (KioskKeyboard *self, gboolean *previous, gboolean *next)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  *previous = *next = FALSE;
  if (self->layer == KIOSK_KEYBOARD_LAYER_PINYIN && pinyin_ready (self))
    {
      *previous = input_pinyin_engine_get_page (self->pinyin) > 0;
      *next = input_pinyin_engine_get_page (self->pinyin) + 1 <
              input_pinyin_engine_get_n_pages (self->pinyin);
      return input_pinyin_engine_dup_page (self->pinyin);
    }
  if (self->layer == KIOSK_KEYBOARD_LAYER_HANDWRITING && self->written != NULL)
    {
      guint first = self->written_page * CANDIDATES_PER_PAGE;
      guint n = n_written (self);

      for (guint i = first; i < n && i < first + CANDIDATES_PER_PAGE; i++)
        g_strv_builder_add (builder, self->written[i]);
      *previous = self->written_page > 0;
      *next = first + CANDIDATES_PER_PAGE < n;
    }
  return g_strv_builder_end (builder);
}

static void
refresh (KioskKeyboard *self)
{
  g_autofree char *preedit = NULL;
  g_autofree char *message = NULL;
  g_auto (GStrv) candidates = NULL;
  gboolean problem, previous, next;
  guint i = 0;

  if (self->layer == KIOSK_KEYBOARD_LAYER_PINYIN)
    preedit = input_pinyin_engine_dup_preedit (self->pinyin);
  gtk_label_set_text (self->preedit_label, preedit != NULL ? preedit : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preedit_label), preedit != NULL);

  message = engine_message (self, &problem);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (problem)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "keyboard-problem");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "keyboard-problem");

  candidates = candidates_on_page (self, &previous, &next);
  for (GtkWidget *key = gtk_widget_get_first_child (GTK_WIDGET (self->candidate_box)); key != NULL;
       key = gtk_widget_get_next_sibling (key), i++)
    {
      const char *text = i < g_strv_length (candidates) ? candidates[i] : NULL;

      gtk_widget_set_visible (key, text != NULL);
      if (text != NULL)
        {
          /* "Candidate 1: 清华": the number is the digit that picks it */
          g_autofree char *name = g_strdup_printf (_ ("Candidate %u: %s"), i + 1, text);

          gtk_button_set_label (GTK_BUTTON (key), text);
          gtk_accessible_update_property (GTK_ACCESSIBLE (key), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                          -1);
        }
    }
  gtk_widget_set_visible (self->candidate_scroller, candidates[0] != NULL);
  gtk_widget_set_visible (self->previous_page_button, previous || next);
  gtk_widget_set_visible (self->next_page_button, previous || next);
  gtk_widget_set_sensitive (self->previous_page_button, previous);
  gtk_widget_set_sensitive (self->next_page_button, next);
}

static void
engine_changed_cb (KioskKeyboard *self)
{
  refresh (self);
}

static void
engine_state_cb (KioskKeyboard *self)
{
  refresh (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEMS]);
}

/* ---- the object ---- */

static void
kiosk_keyboard_constructed (GObject *object)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (object);

  G_OBJECT_CLASS (kiosk_keyboard_parent_class)->constructed (object);

  /* the packaged data unless the environment names other files (tests) */
  if (self->pinyin == NULL)
    {
      const char *dir = g_getenv ("PRACTITIONER_KIOSK_PINYIN_DATA");
      self->pinyin = input_pinyin_engine_new (dir != NULL ? dir : INPUT_PINYIN_DATA_DIR);
    }
  if (self->handwriting == NULL)
    {
      const char *model = g_getenv ("PRACTITIONER_KIOSK_HANDWRITING_MODEL");
      self->handwriting =
          input_handwriting_engine_new (model != NULL ? model : INPUT_HANDWRITING_MODEL);
    }
  input_pinyin_engine_set_page_size (self->pinyin, CANDIDATES_PER_PAGE);
  g_signal_connect_object (self->pinyin, "changed", G_CALLBACK (engine_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->pinyin, "notify::state", G_CALLBACK (engine_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->handwriting, "notify::state", G_CALLBACK (engine_state_cb), self,
                           G_CONNECT_SWAPPED);

  kiosk_keyboard_retranslate (self);
}

/* A keyboard starts hidden (kiosk_keyboard_init()): it is shown before
 * anything maps it or measures it as more than nothing, and has its keys by
 * then. */
static void
kiosk_keyboard_show (GtkWidget *widget)
{
  make_keys (KIOSK_KEYBOARD (widget));
  GTK_WIDGET_CLASS (kiosk_keyboard_parent_class)->show (widget);
}

/* The first field that calls the keyboard up starts the engines loading
 * off the main loop (and the first of each visit the handwriting model,
 * closed when the last visit ended); they are ready a few frames later.
 * An engine that failed is not tried again. */
static void
kiosk_keyboard_map (GtkWidget *widget)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (widget);

  GTK_WIDGET_CLASS (kiosk_keyboard_parent_class)->map (widget);
  if (input_pinyin_engine_get_state (self->pinyin) == INPUT_ENGINE_STATE_UNLOADED)
    input_pinyin_engine_load_async (self->pinyin, self->cancellable, NULL, NULL);
  if (input_handwriting_engine_get_state (self->handwriting) == INPUT_ENGINE_STATE_UNLOADED)
    input_handwriting_engine_load_async (self->handwriting, self->cancellable, NULL, NULL);
}

static void
kiosk_keyboard_dispose (GObject *object)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (object);
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  clear_written (self);
  if (self->attached != NULL)
    g_object_set_qdata (G_OBJECT (self->attached), attached_quark (), NULL);
  g_clear_weak_pointer (&self->attached);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_KEYBOARD);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->pinyin);
  g_clear_object (&self->handwriting);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kiosk_keyboard_parent_class)->dispose (object);
}

static void
kiosk_keyboard_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (object);

  switch (prop_id)
    {
      case PROP_PINYIN_ENGINE:
        g_value_set_object (value, self->pinyin);
        break;
      case PROP_HANDWRITING_ENGINE:
        g_value_set_object (value, self->handwriting);
        break;
      case PROP_LAYER:
        g_value_set_enum (value, self->layer);
        break;
      case PROP_ATTACHED:
        g_value_set_object (value, self->attached);
        break;
      case PROP_PROBLEMS:
        g_value_take_boxed (value, kiosk_keyboard_dup_problems (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_keyboard_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KioskKeyboard *self = KIOSK_KEYBOARD (object);

  switch (prop_id)
    {
      case PROP_PINYIN_ENGINE:
        self->pinyin = g_value_dup_object (value);
        break;
      case PROP_HANDWRITING_ENGINE:
        self->handwriting = g_value_dup_object (value);
        break;
      case PROP_LAYER:
        kiosk_keyboard_set_layer (self, g_value_get_enum (value));
        break;
      case PROP_ATTACHED:
        kiosk_keyboard_attach (self, g_value_get_object (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_keyboard_class_init (KioskKeyboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kiosk_keyboard_constructed;
  widget_class->show = kiosk_keyboard_show;
  widget_class->map = kiosk_keyboard_map;
  object_class->dispose = kiosk_keyboard_dispose;
  object_class->get_property = kiosk_keyboard_get_property;
  object_class->set_property = kiosk_keyboard_set_property;

  properties[PROP_PINYIN_ENGINE] =
      g_param_spec_object ("pinyin-engine", NULL, NULL, INPUT_TYPE_PINYIN_ENGINE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HANDWRITING_ENGINE] =
      g_param_spec_object ("handwriting-engine", NULL, NULL, INPUT_TYPE_HANDWRITING_ENGINE,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAYER] = g_param_spec_enum (
      "layer", NULL, NULL, KIOSK_TYPE_KEYBOARD_LAYER, KIOSK_KEYBOARD_LAYER_PINYIN,
      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ATTACHED] =
      g_param_spec_object ("attached", NULL, NULL, GTK_TYPE_EDITABLE,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEMS] =
      g_param_spec_boxed ("problems", NULL, NULL, G_TYPE_STRV,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KioskKeyboard::done:
   *
   * The person tapped "done" (完成): what was being written is typed, and
   * the keyboard may go.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "keyboard.letter", "s", letter_action);
  gtk_widget_class_install_action (widget_class, "keyboard.type", "s", type_action);
  gtk_widget_class_install_action (widget_class, "keyboard.space", NULL, space_action);
  gtk_widget_class_install_action (widget_class, "keyboard.backspace", NULL, backspace_action);
  gtk_widget_class_install_action (widget_class, "keyboard.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "keyboard.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "keyboard.candidate", "u", candidate_action);
  gtk_widget_class_install_action (widget_class, "keyboard.page", "i", page_action);
  gtk_widget_class_install_action (widget_class, "keyboard.rewrite", NULL, rewrite_action);
  gtk_widget_class_install_action (widget_class, "keyboard.shift", NULL, shift_action);
  gtk_widget_class_install_action (widget_class, "keyboard.layer", "s", layer_action);

  g_type_ensure (KIOSK_TYPE_HANDWRITING_PAD);
  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/widgets/kiosk-keyboard.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, KioskKeyboard, name)
  BIND (preedit_label);
  BIND (message_label);
  BIND (candidate_scroller);
  BIND (candidate_box);
  BIND (previous_page_button);
  BIND (next_page_button);
  BIND (layer_stack);
  BIND (pinyin_grid);
  BIND (handwriting_box);
  BIND (pad);
  BIND (handwriting_keys);
  BIND (letters_grid);
  BIND (digits_grid);
  BIND (bottom_row);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, ink_changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "keyboard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_keyboard_init (KioskKeyboard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  /* until something calls it up: the keys are made then */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * kiosk_keyboard_new:
 * @pinyin: (nullable): the pinyin engine; %NULL for one on the packaged data
 * @handwriting: (nullable): the handwriting engine; %NULL for one on the
 *   packaged model
 *
 * The keyboard starts hidden, as a popover does: its keys are made when it
 * is first shown, and its engines start loading on worker threads then.
 */
GtkWidget *
kiosk_keyboard_new (InputPinyinEngine *pinyin, InputHandwritingEngine *handwriting)
{
  g_return_val_if_fail (pinyin == NULL || INPUT_IS_PINYIN_ENGINE (pinyin), NULL);
  g_return_val_if_fail (handwriting == NULL || INPUT_IS_HANDWRITING_ENGINE (handwriting), NULL);

  return g_object_new (KIOSK_TYPE_KEYBOARD, "pinyin-engine", pinyin, "handwriting-engine",
                       handwriting, NULL);
}

/**
 * kiosk_keyboard_request:
 * @editable: a field that wants the on-screen keyboard
 * @first_layer: the layer the keyboard opens with for it, e.g. pinyin for a
 *   Chinese name, ABC for a Latin one
 *
 * Fields without a request never call the keyboard up. A field whose kind
 * changes asks again (a document number after the document type changed):
 * a keyboard typing into it then turns to the new layer at once.
 */
void
kiosk_keyboard_request (GtkEditable *editable, KioskKeyboardLayer first_layer)
{
  KioskKeyboard *keyboard;
  guint request = first_layer + 1;

  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail ((guint) first_layer < G_N_ELEMENTS (layer_names));

  if (GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (editable), request_quark ())) == request)
    return;
  g_object_set_qdata (G_OBJECT (editable), request_quark (), GUINT_TO_POINTER (request));
  keyboard = g_object_get_qdata (G_OBJECT (editable), attached_quark ());
  if (keyboard != NULL)
    kiosk_keyboard_set_layer (keyboard, first_layer);
}

/**
 * kiosk_keyboard_get_requested:
 * @out_first_layer: (out) (optional): the layer it asked for
 *
 * Returns: whether @editable asked for the keyboard
 */
gboolean
kiosk_keyboard_get_requested (GtkEditable *editable, KioskKeyboardLayer *out_first_layer)
{
  guint request;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), FALSE);

  request = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (editable), request_quark ()));
  if (request == 0)
    return FALSE;
  if (out_first_layer != NULL)
    *out_first_layer = (KioskKeyboardLayer) (request - 1);
  return TRUE;
}

static GQuark
keep_in_view_quark (void)
{
  return g_quark_from_static_string ("kiosk-keyboard-keep-in-view");
}

/**
 * kiosk_keyboard_keep_in_view:
 * @editable: a field that asked for the keyboard
 * @below: (nullable): a widget under the field, e.g. the line that says
 *   what is wrong with it; it must live as long as @editable
 *
 * The keyboard makes room for @below too, whenever it is on show, so what
 * is said about the field is not hidden behind the keys typing into it.
 */
void
kiosk_keyboard_keep_in_view (GtkEditable *editable, GtkWidget *below)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (below == NULL || GTK_IS_WIDGET (below));

  g_object_set_qdata (G_OBJECT (editable), keep_in_view_quark (), below);
}

/**
 * kiosk_keyboard_get_kept_in_view:
 *
 * Returns: (transfer none) (nullable): the widget under @editable the
 *   keyboard makes room for
 */
GtkWidget *
kiosk_keyboard_get_kept_in_view (GtkEditable *editable)
{
  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  return g_object_get_qdata (G_OBJECT (editable), keep_in_view_quark ());
}

/**
 * kiosk_keyboard_attach:
 * @editable: (nullable): the field the keys type into; %NULL for none
 *
 * What was being written for the previous field is typed there first.
 */
void
kiosk_keyboard_attach (KioskKeyboard *self, GtkEditable *editable)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD (self));
  g_return_if_fail (editable == NULL || GTK_IS_EDITABLE (editable));

  if (self->attached == editable)
    return;
  kiosk_keyboard_end_input (self, TRUE);
  if (self->attached != NULL)
    g_object_set_qdata (G_OBJECT (self->attached), attached_quark (), NULL);
  g_set_weak_pointer (&self->attached, editable);
  if (editable != NULL)
    g_object_set_qdata (G_OBJECT (editable), attached_quark (), self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ATTACHED]);
}

/**
 * kiosk_keyboard_get_attached:
 *
 * Returns: (transfer none) (nullable): the field the keys type into
 */
GtkEditable *
kiosk_keyboard_get_attached (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);
  return self->attached;
}

KioskKeyboardLayer
kiosk_keyboard_get_layer (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), KIOSK_KEYBOARD_LAYER_PINYIN);
  return self->layer;
}

/* What was being written on the old layer is typed first. */
void
kiosk_keyboard_set_layer (KioskKeyboard *self, KioskKeyboardLayer layer)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD (self));
  g_return_if_fail ((guint) layer < G_N_ELEMENTS (layer_names));

  if (self->layer != layer)
    {
      kiosk_keyboard_end_input (self, TRUE);
      self->layer = layer;
      gtk_stack_set_visible_child_name (self->layer_stack, layer_names[layer]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAYER]);
    }
  sync_layer_buttons (self);
  refresh (self);
}

/**
 * kiosk_keyboard_handle_key:
 * @keyval: a key pressed on a real keyboard
 * @state: its modifiers
 *
 * On the pinyin layer, a real keyboard composes as the on-screen one does:
 * letters (and ' between syllables) go to the pinyin, 1 to 6 choose on the
 * page, space the first candidate, Enter types the letters as they are,
 * Backspace takes the last letter back, Escape drops the pinyin, Page Up and
 * Page Down (or - and =) turn pages. Any other key first types the pinyin as
 * spelled, then does what it does.
 *
 * Returns: %TRUE when the keyboard took the key
 */
gboolean
kiosk_keyboard_handle_key (KioskKeyboard *self, guint keyval, GdkModifierType state)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), FALSE);

  if (self->layer != KIOSK_KEYBOARD_LAYER_PINYIN || self->attached == NULL ||
      !pinyin_ready (self) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK)) != 0)
    return FALSE;

  if (keyval >= GDK_KEY_a && keyval <= GDK_KEY_z)
    {
      if (!input_pinyin_engine_append (self->pinyin, (char) ('a' + (keyval - GDK_KEY_a))))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }
  if (!input_pinyin_engine_get_composing (self->pinyin))
    return FALSE;

  switch (keyval)
    {
      case GDK_KEY_apostrophe:
        input_pinyin_engine_append (self->pinyin, '\'');
        return TRUE;
      case GDK_KEY_space:
        text = input_pinyin_engine_choose_on_page (self->pinyin, 0);
        commit (self, text);
        return TRUE;
      case GDK_KEY_Return:
      case GDK_KEY_KP_Enter:
      case GDK_KEY_ISO_Enter:
        text = input_pinyin_engine_take_text (self->pinyin);
        commit (self, text);
        return TRUE;
      case GDK_KEY_BackSpace:
        input_pinyin_engine_backspace (self->pinyin);
        return TRUE;
      case GDK_KEY_Escape:
        input_pinyin_engine_cancel (self->pinyin);
        return TRUE;
      case GDK_KEY_Page_Down:
      case GDK_KEY_equal:
        input_pinyin_engine_page_down (self->pinyin);
        return TRUE;
      case GDK_KEY_Page_Up:
      case GDK_KEY_minus:
        input_pinyin_engine_page_up (self->pinyin);
        return TRUE;
      default:
        break;
    }
  if (keyval >= GDK_KEY_1 && keyval < GDK_KEY_1 + CANDIDATES_PER_PAGE)
    {
      text = input_pinyin_engine_choose_on_page (self->pinyin, keyval - GDK_KEY_1);
      commit (self, text);
      return TRUE;
    }
  if (keyval >= GDK_KEY_KP_1 && keyval < GDK_KEY_KP_1 + CANDIDATES_PER_PAGE)
    {
      text = input_pinyin_engine_choose_on_page (self->pinyin, keyval - GDK_KEY_KP_1);
      commit (self, text);
      return TRUE;
    }
  /* modifiers alone change nothing yet */
  if (gdk_keyval_to_unicode (keyval) == 0 && keyval >= GDK_KEY_Shift_L && keyval <= GDK_KEY_Hyper_R)
    return TRUE;
  text = input_pinyin_engine_take_text (self->pinyin);
  commit (self, text);
  return FALSE;
}

/**
 * kiosk_keyboard_forget:
 *
 * For the end of a visit: drops whatever is being written and everything the
 * pinyin engine learned, so nothing of this person is suggested to the next.
 * The handwriting model is closed until the keyboard is next shown: it is
 * the largest thing an idle kiosk would hold, and opens in milliseconds.
 * The pinyin data stays (a fresh libpinyin context leaks at every load).
 */
void
kiosk_keyboard_forget (KioskKeyboard *self)
{
  g_return_if_fail (KIOSK_IS_KEYBOARD (self));

  kiosk_keyboard_end_input (self, FALSE);
  self->capitals = FALSE;
  update_letter_case (self);
  input_pinyin_engine_forget_async (self->pinyin, self->cancellable, NULL, NULL);
  input_handwriting_engine_unload (self->handwriting);
  refresh (self);
}

/**
 * kiosk_keyboard_get_pinyin_engine:
 *
 * Returns: (transfer none): the pinyin engine
 */
InputPinyinEngine *
kiosk_keyboard_get_pinyin_engine (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);
  return self->pinyin;
}

/**
 * kiosk_keyboard_get_handwriting_engine:
 *
 * Returns: (transfer none): the handwriting engine
 */
InputHandwritingEngine *
kiosk_keyboard_get_handwriting_engine (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);
  return self->handwriting;
}

/**
 * kiosk_keyboard_dup_problems:
 *
 * Returns: (transfer full): why pinyin or handwriting input is not
 *   available, for staff; empty when both work (or are still loading)
 */
GStrv
kiosk_keyboard_dup_problems (KioskKeyboard *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const GError *error;

  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);

  if ((error = input_pinyin_engine_get_error (self->pinyin)) != NULL &&
      input_pinyin_engine_get_state (self->pinyin) == INPUT_ENGINE_STATE_FAILED)
    {
      g_autofree char *problem =
          g_strdup_printf (_ ("Pinyin input is not available: %s"), error->message);
      g_strv_builder_add (builder, problem);
    }
  if ((error = input_handwriting_engine_get_error (self->handwriting)) != NULL &&
      input_handwriting_engine_get_state (self->handwriting) == INPUT_ENGINE_STATE_FAILED)
    {
      g_autofree char *problem =
          g_strdup_printf (_ ("Handwriting input is not available: %s"), error->message);
      g_strv_builder_add (builder, problem);
    }
  return g_strv_builder_end (builder);
}

/**
 * kiosk_keyboard_get_message:
 *
 * Returns: (nullable): what the candidate bar says: a hint, or why pinyin or
 *   handwriting input is not available
 */
const char *
kiosk_keyboard_get_message (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/**
 * kiosk_keyboard_get_preedit:
 *
 * Returns: (nullable): the pinyin being composed, as the bar shows it
 */
const char *
kiosk_keyboard_get_preedit (KioskKeyboard *self)
{
  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->preedit_label)))
    return NULL;
  return gtk_label_get_text (self->preedit_label);
}

/**
 * kiosk_keyboard_dup_candidates:
 *
 * Returns: (transfer full): the candidates the bar shows now
 */
GStrv
kiosk_keyboard_dup_candidates (KioskKeyboard *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KIOSK_IS_KEYBOARD (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->candidate_box));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      g_strv_builder_add (builder, gtk_button_get_label (GTK_BUTTON (child)));
  return g_strv_builder_end (builder);
}
