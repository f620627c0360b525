/* test-kiosk-frame.c: the frame and the theme read right at every size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the fit test cannot see from one screen: text that grows with the
 * window's scale class (1080p) as the body text does, on the pages a person
 * uses most, and the number keys and Home and Back as much wider; the
 * settings page's − and + as large as the text; the home
 * page's section tiles white and outlined, to tap like buttons, with
 * readable titles; the welcome page's buttons clear of the banner that
 * says the reader is missing; "already registered" told as information,
 * a wrong captcha as an error, to the eye and to a screen reader; the
 * welcome page in Chinese in one typeface, the CJK font's simplified
 * Chinese face.
 */

#include "config.h"

#include "kiosk-display-test.h"
#include "kiosk-record-form-page-private.h"
#include "kiosk-sms-page-private.h"
#include "kiosk-staff-login-page-private.h"
#include "kiosk-staff-peer.h"

#define USER "wang.fang"
#define PASSWORD "correct horse battery"
#define TOKEN "frame-device-token-0123456789abcdef"

static KioskApplication *app;
static KioskWindow *window;
static KioskStaffPeer *peer;

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

/* The first mapped widget under @root, depth first, that @match takes. */
static GtkWidget *
find_widget (GtkWidget *root, WidgetMatch match, gconstpointer data)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_class (GtkWidget *widget, gconstpointer css_class)
{
  return gtk_widget_has_css_class (widget, css_class);
}

static gboolean
is_label (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
font_changed (gpointer before)
{
  return kiosk_test_font_px (GTK_WIDGET (window)) != *(double *) before;
}

/* The window as its height would make it, @scale "scale-small" (up to 959
 * lines) or "scale-large"; waits until its style has followed. */
static void
set_scale (const char *scale)
{
  double before = kiosk_test_font_px (GTK_WIDGET (window));

  if (gtk_widget_has_css_class (GTK_WIDGET (window), scale))
    return;
  gtk_widget_remove_css_class (GTK_WIDGET (window), "scale-small");
  gtk_widget_remove_css_class (GTK_WIDGET (window), "scale-large");
  gtk_widget_add_css_class (GTK_WIDGET (window), scale);
  g_assert_true (kiosk_test_wait_for (font_changed, &before, 5000));
  /* laid out again for the new sizes */
  kiosk_test_wait_drawn (GTK_WIDGET (window));
}

static void
collect_fonts (GtkWidget *widget, GHashTable *sizes)
{
  if (!gtk_widget_get_mapped (widget) || (GTK_IS_NATIVE (widget) && widget != GTK_WIDGET (window)))
    return;
  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_hash_table_insert (sizes, g_object_ref (widget),
                         g_memdup2 ((double[]){ kiosk_test_font_px (widget) }, sizeof (double)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_fonts (child, sizes);
}

static void
begin_session (void)
{
  g_autoptr (JsonObject) person = json_object_new ();

  json_object_set_string_member (person, "name", "陈建国");
  json_object_set_string_member (person, "doc_type", "resident_id");
  json_object_set_string_member (person, "doc_number", "440305198507091236");
  json_object_set_string_member (person, "login_phone", "13800138000");
  kiosk_visit_begin_session (kiosk_window_get_visit (window), "session-1", person);
}

static gboolean
form_ready (gpointer page)
{
  return kiosk_record_form_page_get_ready (page);
}

static gboolean
transition_done (gpointer user_data)
{
  GtkWidget *stack = kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_flow ()), GTK_TYPE_STACK);

  return !gtk_stack_get_transition_running (GTK_STACK (stack));
}

/* Shows @id as a person reaches it; the card page with a card. */
static void
show_page (KioskPageId id)
{
  KioskFlow *flow = kiosk_test_flow ();

  if ((kiosk_page_table_lookup (id)->flags & KIOSK_PAGE_NEEDS_STAFF) != 0)
    kiosk_test_sign_in_staff (USER, PASSWORD);
  if ((kiosk_page_table_lookup (id)->flags & KIOSK_PAGE_NEEDS_SESSION) != 0)
    begin_session ();
  if (id == KIOSK_PAGE_CARD)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *path =
          g_build_filename (g_getenv ("DEMO_CARDS_DIR"), "resident-chen-jianguo.json", NULL);
      g_autoptr (IdcardCard) card = idcard_card_new_from_file (path, &error);

      g_assert_no_error (error);
      g_assert_true (kiosk_flow_go_to (flow, id, "card", card, NULL));
    }
  else if (id == KIOSK_PAGE_RECORD_FORM)
    {
      g_assert_true (kiosk_flow_go_to (flow, id, "kind", "education", NULL));
      g_assert_true (kiosk_test_wait_for (form_ready, kiosk_test_page (id), 10000));
    }
  else
    g_assert_true (kiosk_flow_go_to (flow, id, NULL));
  g_assert_true (kiosk_test_wait_for (transition_done, NULL, 20000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
}

/* Every text on the pages a person uses most grows with the screen as the
 * window's own font does, from 1280×800 to 1920×1080: a size fixed in
 * pixels (the footer, the keypad, the pill) would stay small on the large
 * screen. */
static void
test_text_grows_with_screen (void)
{
  const KioskPageId pages[] = {
    KIOSK_PAGE_ATTRACT, KIOSK_PAGE_CARD,  KIOSK_PAGE_REGISTER, KIOSK_PAGE_LOGIN,
    KIOSK_PAGE_HOME,    KIOSK_PAGE_STAFF, KIOSK_PAGE_SETTINGS, KIOSK_PAGE_RECORD_FORM,
  };
  g_autoptr (GString) problems = g_string_new (NULL);
  double small_px, large_px;

  set_scale ("scale-small");
  small_px = kiosk_test_font_px (GTK_WIDGET (window));
  for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
    {
      g_autoptr (GHashTable) small = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
      g_autoptr (GHashTable) large = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
      GHashTableIter iter;
      gpointer label, size;

      show_page (pages[p]);
      collect_fonts (GTK_WIDGET (window), small);
      set_scale ("scale-large");
      large_px = kiosk_test_font_px (GTK_WIDGET (window));
      collect_fonts (GTK_WIDGET (window), large);
      set_scale ("scale-small");

      g_assert_cmpuint (g_hash_table_size (small), >, 5);
      g_hash_table_iter_init (&iter, small);
      while (g_hash_table_iter_next (&iter, &label, &size))
        {
          double *grown = g_hash_table_lookup (large, label);
          double expected = *(double *) size * large_px / small_px;

          /* a text the page changed meanwhile (the clock) */
          if (grown == NULL)
            continue;
          g_test_message ("%s «%s»: %.1f px, %.1f px at 1080p", kiosk_page_id_to_string (pages[p]),
                          gtk_label_get_text (label), *(double *) size, *grown);
          /* a pixel either way for rounding */
          if (*grown < expected - 1 || *grown > expected + 1)
            g_string_append_printf (problems,
                                    "%s: «%s» is %.1f px at 800 and %.1f px at 1080p, "
                                    "not %.1f px as the window's text grows\n",
                                    kiosk_page_id_to_string (pages[p]), gtk_label_get_text (label),
                                    *(double *) size, *grown, expected);
        }
    }
  g_assert_cmpstr (problems->str, ==, "");
}

static gboolean
is_key (GtkWidget *widget, gconstpointer text)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "keypad-key") &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), text) == 0;
}

/* what a finger sees of @widget: its border box, padding included */
static double
outer_width (GtkWidget *widget)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, widget, &bounds));
  return bounds.size.width;
}

/* The number keys (the card page's, which fill their column, and the
 * register page's, as wide as they need) and the frame's Home and Back
 * are as much wider at 1080p as their text is larger: a key that kept its
 * 800-line width would hold a digit half as large again in the same
 * narrow box. */
static void
test_keys_grow_with_screen (void)
{
  const char *scales[] = { "scale-small", "scale-large" };
  const struct
  {
    KioskPageId page;
    const char *name;
    WidgetMatch match;
    const char *data;
  } buttons[] = {
    { KIOSK_PAGE_CARD, "the card page's key 5", is_key, "5" },
    { KIOSK_PAGE_CARD, "Home", has_class, "frame-home" },
    { KIOSK_PAGE_CARD, "Back", has_class, "frame-back" },
    { KIOSK_PAGE_REGISTER, "the register page's key 5", is_key, "5" },
  };
  double text_ratio;

  set_scale ("scale-large");
  text_ratio = kiosk_test_font_px (GTK_WIDGET (window));
  set_scale ("scale-small");
  text_ratio /= kiosk_test_font_px (GTK_WIDGET (window));

  for (guint b = 0; b < G_N_ELEMENTS (buttons); b++)
    {
      GtkWidget *button;
      double widths[G_N_ELEMENTS (scales)];

      show_page (buttons[b].page);
      button = find_widget (GTK_WIDGET (kiosk_test_page (buttons[b].page)), buttons[b].match,
                            buttons[b].data);
      g_assert_nonnull (button);
      for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
        {
          set_scale (scales[s]);
          widths[s] = outer_width (button);
          g_test_message ("%s: %s is %.0f × %d px, its text %.0f px", scales[s], buttons[b].name,
                          widths[s], gtk_widget_get_height (button), kiosk_test_font_px (button));
        }
      set_scale ("scale-small");

      g_test_message ("%s grows %.2f× in width, the text %.2f×", buttons[b].name,
                      widths[1] / widths[0], text_ratio);
      g_assert_cmpfloat (widths[1] / widths[0], >=, text_ratio * 0.9);
      g_assert_cmpfloat (widths[1] / widths[0], <=, text_ratio * 1.1);
    }
}

/* The settings page's − and + are icons: they are drawn at least as large
 * as the body text beside them, at either scale and text size. */
static void
test_spin_buttons_legible (void)
{
  const char *scales[] = { "scale-small", "scale-large" };
  GtkWidget *spin;

  show_page (KIOSK_PAGE_SETTINGS);
  spin = kiosk_test_find_by_type (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_SETTINGS)),
                                  GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      guint n_icons = 0;

      set_scale (scales[s]);
      for (GtkWidget *child = gtk_widget_get_first_child (spin); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          GtkWidget *icon;

          if (!GTK_IS_BUTTON (child))
            continue;
          icon = kiosk_test_find_by_type (child, GTK_TYPE_IMAGE);
          g_assert_nonnull (icon);
          g_test_message ("%s: the spin button's icon is %d px high, the text %.0f px", scales[s],
                          gtk_widget_get_height (icon), kiosk_test_font_px (GTK_WIDGET (window)));
          g_assert_cmpint (gtk_widget_get_height (icon), >=,
                           (int) kiosk_test_font_px (GTK_WIDGET (window)));
          n_icons++;
        }
      g_assert_cmpuint (n_icons, ==, 2);
    }
  set_scale ("scale-small");
}

/* The window as drawn now, to read the colour of its pixels. */
static GdkTexture *
render_window (void)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  g_autoptr (GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr (GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static GdkRGBA
pixel (GdkTexture *texture, const guchar *data, double x, double y)
{
  gsize stride = gdk_texture_get_width (texture) * 4;
  /* GDK_MEMORY_DEFAULT: B, G, R, A premultiplied; the window is opaque */
  const guchar *p = data + (gsize) y * stride + (gsize) x * 4;

  return (GdkRGBA){ p[2] / 255.0, p[1] / 255.0, p[0] / 255.0, 1 };
}

static gboolean
tiles_on (gpointer page)
{
  GtkWidget *flow_box = kiosk_test_find_by_type (page, GTK_TYPE_FLOW_BOX);

  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (!gtk_widget_is_sensitive (gtk_widget_get_first_child (child)))
      return FALSE;
  return TRUE;
}

/* The home page's section tiles, the registry answering, look like what a
 * finger taps: light cards with a border that stands out from the page
 * (3:1) and titles that read well on them (4.5:1), not the grey of a
 * button that is off. */
static void
test_section_tiles_look_tappable (void)
{
  KioskPage *page;
  GtkWidget *flow_box;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;
  GdkRGBA white = { 1, 1, 1, 1 };
  guint n_tiles = 0;

  show_page (KIOSK_PAGE_HOME);
  page = kiosk_test_page (KIOSK_PAGE_HOME);
  g_assert_true (kiosk_test_wait_for (tiles_on, page, 10000));
  /* drawn as they are on */
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  texture = render_window ();
  data = g_malloc (gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4);
  gdk_texture_download (texture, data, gdk_texture_get_width (texture) * 4);

  flow_box = kiosk_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX);
  for (GtkWidget *child = gtk_widget_get_first_child (flow_box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_widget_get_first_child (child);
      GtkWidget *title = kiosk_test_find_by_type (tile, GTK_TYPE_LABEL);
      graphene_rect_t bounds;
      GdkRGBA background, border, text;
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      gtk_style_context_get_color (gtk_widget_get_style_context (title), &text);
      G_GNUC_END_IGNORE_DEPRECATIONS

      g_assert_true (gtk_widget_compute_bounds (tile, GTK_WIDGET (window), &bounds));
      /* just inside the border at the top's middle, and on it */
      background =
          pixel (texture, data, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + 6);
      border =
          pixel (texture, data, bounds.origin.x + bounds.size.width / 2, bounds.origin.y + 0.5);
      g_test_message ("tile «%s»: background luminance %.2f, border contrast %.1f:1, title "
                      "contrast %.1f:1",
                      gtk_label_get_text (GTK_LABEL (title)), kiosk_test_luminance (&background),
                      kiosk_test_contrast (&border, &white),
                      kiosk_test_contrast (&text, &background));
      g_assert_cmpfloat (kiosk_test_luminance (&background), >, 0.95);
      g_assert_cmpfloat (kiosk_test_contrast (&border, &white), >=, 3);
      g_assert_cmpfloat (kiosk_test_contrast (&text, &background), >=, 4.5);
      n_tiles++;
    }
  g_assert_cmpuint (n_tiles, ==, 9);
}

/* No reader: the welcome page's banner says so; its buttons keep a clear
 * gap below it. */
static void
test_reader_banner_spacing (void)
{
  GtkWidget *english;
  GtkWidget *banner;
  graphene_rect_t banner_bounds, button_bounds;

  show_page (KIOSK_PAGE_ATTRACT);
  english = kiosk_test_find_button (GTK_WIDGET (window), "English");
  g_assert_nonnull (english);
  banner =
      find_widget (GTK_WIDGET (kiosk_test_page (KIOSK_PAGE_ATTRACT)), has_class, "reader-missing");
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_compute_bounds (banner, GTK_WIDGET (window), &banner_bounds));
  g_assert_true (gtk_widget_compute_bounds (english, GTK_WIDGET (window), &button_bounds));
  g_test_message ("the buttons are %.0f px below the banner",
                  button_bounds.origin.y - (banner_bounds.origin.y + banner_bounds.size.height));
  g_assert_cmpfloat (button_bounds.origin.y - (banner_bounds.origin.y + banner_bounds.size.height),
                     >=, 16);
}

/* Whether @text, @length bytes, holds a Han character. */
static gboolean
has_han (const char *text, int length)
{
  for (const char *c = text; c < text + length; c = g_utf8_next_char (c))
    if (g_unichar_get_script (g_utf8_get_char (c)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

/* "«run»: Family" into @found for every run of every label on show under
 * @widget drawn in another face than @chinese expects: on a Chinese page,
 * the CJK font's simplified Chinese face alone; on an English page, DejaVu
 * Sans, and that Chinese face for Han characters. */
static void
collect_other_faces (GtkWidget *widget, gboolean chinese, GString *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));
      PangoLayoutIter *iter = pango_layout_get_iter (layout);

      do
        {
          PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
          const char *text = pango_layout_get_text (layout);
          g_autoptr (PangoFontDescription) font = NULL;
          const char *family, *expected;

          if (run == NULL)
            continue;
          text += run->item->offset;
          font = pango_font_describe (run->item->analysis.font);
          family = pango_font_description_get_family (font);
          expected =
              chinese || has_han (text, run->item->length) ? "Noto Sans CJK SC" : "DejaVu Sans";
          /* on an English page CJK punctuation may come from the Chinese face */
          if (g_strcmp0 (family, expected) != 0 &&
              (chinese || g_strcmp0 (family, "Noto Sans CJK SC") != 0))
            g_string_append_printf (found, "«%.*s»: %s\n", run->item->length, text, family);
        }
      while (pango_layout_iter_next_run (iter));
      pango_layout_iter_free (iter);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_other_faces (child, chinese, found);
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* The welcome page in Chinese is drawn in the simplified Chinese face of
 * the CJK font alone, its Latin letters and digits too, whatever the
 * locale: not in the Japanese face that fontconfig falls back to for Han
 * characters in a C locale, nor with a Latin font beside it (a second face
 * for every text size to load before the first frame). In English, the
 * Chinese on it (the 中文 button; on other pages a person's name or
 * address) is in that Chinese face too, not the Japanese one. Again in
 * Chinese after a visit in English. A panel that opens over the page (a
 * pick-list, the date picker: popovers, which the theme gives the
 * desktop's font) is in the page's typeface too. */
static void
test_chinese_in_one_typeface (void)
{
  const char *languages[] = { "zh_CN", "en", "zh_CN" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      gboolean chinese = g_str_equal (languages[l], "zh_CN");
      g_autoptr (GString) others = g_string_new (NULL);
      GtkWidget *panel = gtk_popover_new ();

      kiosk_application_set_language (app, languages[l]);
      show_page (KIOSK_PAGE_ATTRACT);
      gtk_popover_set_child (GTK_POPOVER (panel), gtk_label_new ("学历 Education 2019"));
      gtk_widget_set_parent (panel, gtk_window_get_child (GTK_WINDOW (window)));
      gtk_popover_popup (GTK_POPOVER (panel));
      g_assert_true (
          kiosk_test_wait_for (is_mapped, gtk_popover_get_child (GTK_POPOVER (panel)), 10000));
      collect_other_faces (GTK_WIDGET (window), chinese, others);
      gtk_widget_unparent (panel);
      g_assert_cmpstr (others->str, ==, "");
    }
}

static gboolean
is_red (gpointer widget)
{
  GdkRGBA rgba = kiosk_test_text_colour (widget);

  return rgba.red > 0.5 && rgba.green < 0.3 && rgba.blue < 0.3;
}

static gboolean
is_not_red (gpointer widget)
{
  return !is_red (widget);
}

/* "Already registered" is information with a way on (log in), not a
 * mistake: not in the red of an error, which a wrong captcha still is;
 * a screen reader names the box for the same kind, in either language.
 * The way on is the frame's primary action, in the page's language. */
static void
test_registered_is_information (void)
{
  const struct
  {
    const char *language;
    const char *information;
    const char *problem;
    const char *log_in;
    const char *registering;
  } names[] = {
    { "zh_CN", "提示", "问题", "去登录", "注册" },
    { "en", "Information", "Problem", "Log in instead", "Register" },
  };
  g_autoptr (GError) registered =
      g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_ALREADY_ENABLED, "already enabled");
  g_autoptr (GError) captcha =
      g_error_new_literal (CORE_API_ERROR, CORE_API_ERROR_CAPTCHA_WRONG, "captcha wrong");

  for (guint l = 0; l < G_N_ELEMENTS (names); l++)
    {
      KioskSmsPage *page;
      GtkWidget *label;
      GtkWidget *box;

      /* the pages are built again in the language */
      kiosk_application_set_language (app, names[l].language);
      show_page (KIOSK_PAGE_REGISTER);
      page = KIOSK_SMS_PAGE (kiosk_test_page (KIOSK_PAGE_REGISTER));

      kiosk_sms_page_show_error (page, registered);
      label = find_widget (GTK_WIDGET (page), is_label, kiosk_sms_page_get_shown_problem (page));
      g_assert_nonnull (label);
      g_assert_true (kiosk_test_wait_for (is_not_red, label, 5000));
      g_assert_false (gtk_widget_has_css_class (label, "error-message"));
      box = find_widget (GTK_WIDGET (page), has_class, "sms-problem");
      g_assert_nonnull (box);
      gtk_test_accessible_assert_property (box, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           names[l].information);
      g_assert_nonnull (
          kiosk_test_find_button (kiosk_page_get_primary (KIOSK_PAGE (page)), names[l].log_in));

      kiosk_sms_page_show_error (page, captcha);
      g_assert_true (kiosk_test_wait_for (is_red, label, 5000));
      gtk_test_accessible_assert_property (box, GTK_ACCESSIBLE_PROPERTY_LABEL, names[l].problem);
      /* a wrong captcha is fixed on the form, which registers */
      g_assert_nonnull (kiosk_test_find_button (kiosk_page_get_primary (KIOSK_PAGE (page)),
                                                names[l].registering));

      /* and back: the name follows the kind each time */
      kiosk_sms_page_show_error (page, registered);
      gtk_test_accessible_assert_property (box, GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           names[l].information);
      kiosk_page_reset (KIOSK_PAGE (page));
    }
  kiosk_application_set_language (app, "zh_CN");
}

int
main (int argc, char *argv[])
{
  g_autoptr (KioskConfig) config = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (CoreDictionarySet) dictionaries = NULL;
  g_autofree char *keyfile = NULL;
  g_autofree char *token_folder = NULL;
  g_autofree char *data_folder = NULL;
  int status;

  kiosk_application_setup_locale ();
  g_test_init (&argc, &argv, NULL);

  peer = kiosk_staff_peer_new ();
  kiosk_staff_peer_add_account (peer, USER, PASSWORD);
  /* the pick-lists the record form shows, and a record of each kind, whose
   * numbers the home page's tiles show */
  dictionaries =
      core_dictionary_set_new_from_directory (core_dictionary_set_get_default_directory (), &error);
  g_assert_no_error (error);
  {
    g_autoptr (JsonNode) served = core_dictionary_set_to_json_node (dictionaries);
    g_autofree char *json = json_to_string (served, FALSE);
    guint n_kinds = 0;
    const CoreRecordKind *kinds = core_record_kinds_get (&n_kinds);

    kiosk_staff_peer_set_dictionaries (peer, json);
    for (guint k = 0; k < n_kinds; k++)
      if (kinds[k].editable)
        {
          g_autoptr (JsonArray) records = json_array_new ();

          kiosk_staff_peer_set_records (peer, kinds[k].name, records);
        }
  }
  keyfile = kiosk_staff_peer_write_enrolment (peer, TOKEN, &token_folder);
  config = kiosk_config_new_defaults ();
  g_assert_true (kiosk_config_load_keyfile (config, keyfile, &error));
  g_assert_no_error (error);
  app = kiosk_test_start_application (config, &data_folder);
  window = kiosk_test_get_window (app);

  g_test_add_func ("/frame/text-grows-with-screen", test_text_grows_with_screen);
  g_test_add_func ("/frame/keys-grow-with-screen", test_keys_grow_with_screen);
  g_test_add_func ("/frame/spin-buttons-legible", test_spin_buttons_legible);
  g_test_add_func ("/frame/section-tiles-look-tappable", test_section_tiles_look_tappable);
  g_test_add_func ("/frame/reader-banner-spacing", test_reader_banner_spacing);
  g_test_add_func ("/frame/registered-is-information", test_registered_is_information);
  g_test_add_func ("/frame/chinese-in-one-typeface", test_chinese_in_one_typeface);
  status = g_test_run ();

  g_application_quit (G_APPLICATION (app));
  g_object_unref (app);
  kiosk_staff_peer_free (peer);
  kiosk_test_remove_tree (data_folder);
  kiosk_test_remove_tree (token_folder);
  return status;
}
