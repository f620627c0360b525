/* test-kiosk-page.c: the frame's scrolling middle, on a page of its own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page too tall for the screen, in a full-screen window of its own: its
 * middle ends above a button it would cut (the fold), and finds that place
 * again when what it holds changes with a reset; a finger that drags in the
 * band under the fold scrolls the middle; a list folded inside the page
 * (KioskFoldingScroller) keeps its fold whoever lays it out, and scrolls
 * from its own band; a reset takes the page back to its top, but a page
 * still fading out keeps its place until it is gone.
 */

#include "config.h"

#include "kiosk-confirmation.h"
#include "kiosk-fold.h"
#include "kiosk-folding-scroller.h"
#include "kiosk-display-test.h"

#define BUTTON_HEIGHT 80

/* ---- a page of buttons, taller than any screen ---- */

#define TEST_TYPE_TALL_PAGE (test_tall_page_get_type ())
G_DECLARE_FINAL_TYPE (TestTallPage, test_tall_page, TEST, TALL_PAGE, KioskPage)

struct _TestTallPage
{
  KioskPage parent_instance;

  GtkWidget *spacer; /* above the buttons: moves where they fall */
  int spacer_after_reset;
};

G_DEFINE_FINAL_TYPE (TestTallPage, test_tall_page, KIOSK_TYPE_PAGE)

/* as a page's reset changes what it shows (a form comes back) */
static void
test_tall_page_reset (KioskPage *page)
{
  TestTallPage *self = TEST_TALL_PAGE (page);

  if (self->spacer_after_reset > 0)
    gtk_widget_set_size_request (self->spacer, -1, self->spacer_after_reset);
}

static void
test_tall_page_class_init (TestTallPageClass *klass)
{
  KIOSK_PAGE_CLASS (klass)->reset = test_tall_page_reset;
}

static void
test_tall_page_init (TestTallPage *self)
{
}

/* Built as a template fills the middle: through GtkBuilder. */
static TestTallPage *
tall_page_new (guint n_buttons)
{
  const char *ui =
      "<interface><object class='TestTallPage' id='page'><child>"
      "<object class='GtkBox' id='box'><property name='orientation'>vertical</property>"
      "<child><object class='GtkLabel' id='spacer'>"
      "<property name='label'>A page too tall for the screen</property>"
      "</object></child></object></child></object></interface>";
  g_autoptr (GtkBuilder) builder = NULL;
  TestTallPage *page;
  GtkWidget *box;

  g_type_ensure (TEST_TYPE_TALL_PAGE);
  builder = gtk_builder_new_from_string (ui, -1);
  page = g_object_ref_sink (TEST_TALL_PAGE (gtk_builder_get_object (builder, "page")));
  page->spacer = GTK_WIDGET (gtk_builder_get_object (builder, "spacer"));
  box = GTK_WIDGET (gtk_builder_get_object (builder, "box"));
  for (guint i = 0; i < n_buttons; i++)
    {
      g_autofree char *label = g_strdup_printf ("Button %u", i);
      GtkWidget *button = gtk_button_new_with_label (label);

      gtk_widget_set_size_request (button, -1, BUTTON_HEIGHT);
      gtk_box_append (GTK_BOX (box), button);
    }
  return page;
}

/* ---- the window ---- */

static GtkWindow *window;
static GtkStack *stack;
static TestTallPage *tall;
static KioskPage *other;

static GtkScrolledWindow *
middle_of (KioskPage *page)
{
  return GTK_SCROLLED_WINDOW (
      kiosk_test_find_by_type (GTK_WIDGET (page), GTK_TYPE_SCROLLED_WINDOW));
}

static GtkAdjustment *
vadjustment (KioskPage *page)
{
  return gtk_scrolled_window_get_vadjustment (middle_of (page));
}

static gboolean
is_visible_child (gpointer page)
{
  return gtk_stack_get_visible_child (stack) == page && !gtk_stack_get_transition_running (stack);
}

/* Shows @page, with no transition, and waits until it is drawn. */
static void
show (KioskPage *page)
{
  gtk_stack_set_transition_type (stack, GTK_STACK_TRANSITION_TYPE_NONE);
  gtk_stack_set_visible_child (stack, GTK_WIDGET (page));
  g_assert_true (kiosk_test_wait_for (is_visible_child, page, 20000));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
}

/* How far down the middle reaches before the footer, were it not shortened. */
static int
middle_room (KioskPage *page)
{
  return gtk_widget_get_height (GTK_WIDGET (page)) -
         gtk_widget_get_height (kiosk_page_get_header (page)) -
         gtk_widget_get_height (kiosk_page_get_footer (page));
}

/* Makes the middle's room end halfway down a button with the page at its
 * top: a spacer of the height that puts a button's middle there. */
static int
spacer_cutting_a_button (KioskPage *page)
{
  int room = middle_room (page);

  return BUTTON_HEIGHT + (room - BUTTON_HEIGHT / 2) % BUTTON_HEIGHT;
}

static void
set_spacer (int height)
{
  gtk_widget_set_size_request (tall->spacer, -1, height);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
}

/* The label of a button the middle's view ends across, NULL for none. */
static const char *
cut_button (KioskPage *page)
{
  GtkWidget *middle = GTK_WIDGET (middle_of (page));
  int view = gtk_widget_get_height (middle);
  GtkWidget *box = gtk_viewport_get_child (
      GTK_VIEWPORT (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (middle))));

  for (GtkWidget *child = gtk_widget_get_first_child (box); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (GTK_IS_BUTTON (child) && gtk_widget_compute_bounds (child, middle, &bounds) &&
          bounds.origin.y < view - 0.5 && bounds.origin.y + bounds.size.height > view + 0.5)
        return gtk_button_get_label (GTK_BUTTON (child));
    }
  return NULL;
}

/* The middle's view, where it would have ended across a button, ends above
 * it instead, leaving a band over the footer. */
static void
test_fold_above_a_button (void)
{
  KioskPage *page = KIOSK_PAGE (tall);

  show (page);
  set_spacer (spacer_cutting_a_button (page));
  g_assert_cmpstr (cut_button (page), ==, NULL);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (middle_of (page))), <,
                   middle_room (page) - BUTTON_HEIGHT / 4);
}

static gboolean
scrolled_down (gpointer page)
{
  return gtk_adjustment_get_value (vadjustment (page)) > 100;
}

/* A finger pressed in the band under the fold and drawn upwards scrolls the
 * middle, as it would over the buttons. */
static void
test_band_drag_scrolls (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  graphene_rect_t middle, footer;
  g_autofree char *drag = NULL;
  double band_y;

  show (page);
  set_spacer (spacer_cutting_a_button (page));
  gtk_adjustment_set_value (vadjustment (page), 0);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_true (kiosk_test_screen_bounds (GTK_WIDGET (middle_of (page)), &middle));
  g_assert_true (kiosk_test_screen_bounds (kiosk_page_get_footer (page), &footer));
  g_assert_cmpfloat (footer.origin.y - (middle.origin.y + middle.size.height), >=, 8);
  band_y = (middle.origin.y + middle.size.height + footer.origin.y) / 2;

  /* real pointer input through the X server, in steps as a finger moves */
  drag = g_strdup_printf ("mousemove %d %d mousedown 1 mousemove %d %d mousemove %d %d "
                          "mousemove %d %d mouseup 1",
                          (int) (middle.origin.x + middle.size.width / 2), (int) band_y,
                          (int) (middle.origin.x + middle.size.width / 2), (int) band_y - 60,
                          (int) (middle.origin.x + middle.size.width / 2), (int) band_y - 120,
                          (int) (middle.origin.x + middle.size.width / 2), (int) band_y - 200);
  kiosk_test_xdotool (drag);
  g_assert_true (kiosk_test_wait_for (scrolled_down, page, 10000));
  gtk_adjustment_set_value (vadjustment (page), 0);
}

static gboolean
adjustment_moved (gpointer adjustment)
{
  return gtk_adjustment_get_value (adjustment) > 30;
}

/* A list of @n_rows buttons that scrolls in a view @height high, put at the
 * top of the tall page in a folding scroller, as a page's grid of tiles is:
 * returns the list's GtkScrolledWindow. */
static GtkWidget *
prepend_inner_list (guint n_rows, int height)
{
  GtkWidget *inner = gtk_scrolled_window_new ();
  GtkWidget *list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *folding = kiosk_folding_scroller_new (inner);

  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *button = gtk_button_new_with_label ("A button in a list");

      gtk_widget_set_size_request (button, -1, BUTTON_HEIGHT);
      gtk_box_append (GTK_BOX (list), button);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (inner), list);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (inner), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (folding, -1, height);
  gtk_box_prepend (GTK_BOX (gtk_widget_get_parent (tall->spacer)), folding);
  return inner;
}

static void
remove_inner_list (GtkWidget *inner)
{
  GtkWidget *folding = gtk_widget_get_parent (inner);

  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (folding)), folding);
}

/* A grid or list that scrolls inside the page ends above a button it would
 * cut too, and a finger dragging in the band under it scrolls it. */
static void
test_inner_band_drag_scrolls (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  /* two buttons and a half: the fold leaves the half as a band */
  GtkWidget *inner = prepend_inner_list (6, 5 * BUTTON_HEIGHT / 2);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (inner));
  g_autofree char *drag = NULL;
  graphene_rect_t view;
  int x, y;

  show (page);
  gtk_adjustment_set_value (vadjustment (page), 0);
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  g_assert_true (kiosk_test_screen_bounds (inner, &view));
  g_assert_cmpfloat (view.size.height, ==, 2 * BUTTON_HEIGHT);
  x = (int) (view.origin.x + view.size.width / 2);
  y = (int) (view.origin.y + view.size.height + BUTTON_HEIGHT / 4);
  drag = g_strdup_printf ("mousemove %d %d mousedown 1 mousemove %d %d mousemove %d %d "
                          "mousemove %d %d mouseup 1",
                          x, y, x, y - 30, x, y - 60, x, y - 100);
  kiosk_test_xdotool (drag);
  g_assert_true (kiosk_test_wait_for (adjustment_moved, adjustment, 10000));
  /* the page itself stayed */
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 0);
  remove_inner_list (inner);
}

/* The fold of a list inside the page is the list's own: laid out again by
 * its parent alone, without the page (a box that re-allocates what it
 * holds as it was), the list stays folded. */
static void
test_inner_fold_kept_without_the_page (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  GtkWidget *inner = prepend_inner_list (6, 5 * BUTTON_HEIGHT / 2);
  GtkWidget *folding = gtk_widget_get_parent (inner);

  show (page);
  g_assert_cmpint (gtk_widget_get_height (inner), ==, 2 * BUTTON_HEIGHT);
  g_assert_cmpint (kiosk_folding_scroller_get_band (KIOSK_FOLDING_SCROLLER (folding)), ==,
                   BUTTON_HEIGHT / 2);

  gtk_widget_queue_allocate (gtk_widget_get_parent (folding));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (inner), ==, 2 * BUTTON_HEIGHT);

  /* nor when the folding scroller itself is laid out again */
  gtk_widget_queue_allocate (folding);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (inner), ==, 2 * BUTTON_HEIGHT);
  remove_inner_list (inner);
}

/* An item of a list kept whole (a file's tile: its picture above or
 * beside its buttons), and a list's row, is shown whole or not at all: the
 * view ends above the item, not above its button with its picture cut,
 * nor across a row's lines. */
static void
test_inner_fold_keeps_items_whole (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  /* items of a picture over a button, two and three quarters in view:
   * the edge cuts the second's button */
  GtkWidget *inner = prepend_inner_list (0, 7 * BUTTON_HEIGHT / 4);
  GtkWidget *list = kiosk_fold_scroller_content (inner);

  for (guint i = 0; i < 4; i++)
    {
      GtkWidget *item = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      GtkWidget *picture = gtk_label_new ("A picture");
      GtkWidget *button = gtk_button_new_with_label ("A button in an item");

      gtk_widget_set_size_request (picture, -1, BUTTON_HEIGHT / 2);
      gtk_widget_set_size_request (button, -1, BUTTON_HEIGHT / 2);
      gtk_box_append (GTK_BOX (item), picture);
      gtk_box_append (GTK_BOX (item), button);
      kiosk_fold_keep_whole (item);
      gtk_box_append (GTK_BOX (list), item);
    }
  show (page);
  gtk_adjustment_set_value (vadjustment (page), 0);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpint (gtk_widget_get_height (inner), ==, BUTTON_HEIGHT);
  remove_inner_list (inner);

  /* so is a list's row, button or none: rows of two lines, one and three
   * quarters in view */
  {
    GtkWidget *rows = gtk_list_box_new ();
    graphene_rect_t second;

    inner = prepend_inner_list (0, 7 * BUTTON_HEIGHT / 4);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (inner), rows);
    for (guint i = 0; i < 4; i++)
      {
        GtkWidget *row = gtk_label_new ("A record\nits second line");

        gtk_widget_set_size_request (row, -1, BUTTON_HEIGHT);
        gtk_list_box_append (GTK_LIST_BOX (rows), row);
      }
    kiosk_test_wait_drawn (GTK_WIDGET (window));
    kiosk_test_wait_drawn (GTK_WIDGET (window));
    /* the view ends where the second row (the theme's padding round its
     * lines) begins */
    g_assert_true (gtk_widget_compute_bounds (
        GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), 1)), inner, &second));
    g_assert_cmpfloat (second.origin.y, <, 7 * BUTTON_HEIGHT / 4);
    g_assert_cmpint (gtk_widget_get_height (inner), ==, (int) second.origin.y);
    remove_inner_list (inner);
  }
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

static gboolean
is_unmapped (gpointer widget)
{
  return !gtk_widget_get_mapped (widget);
}

/* A band under a folded list high enough for a line of text says there is
 * more below, in words that are no button, and stops saying so once the
 * list is at its end; a band lower than that is left a gap. */
static void
test_inner_hint_more_below (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  /* half a button under two: a band of 40 px */
  GtkWidget *inner = prepend_inner_list (6, 5 * BUTTON_HEIGHT / 2);
  GtkWidget *folding = gtk_widget_get_parent (inner);
  GtkWidget *hint = kiosk_folding_scroller_get_hint (KIOSK_FOLDING_SCROLLER (folding));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (inner));
  g_autofree char *hidden = NULL;
  graphene_rect_t bounds;

  show (page);
  g_assert_true (kiosk_test_wait_for (is_mapped, hint, 10000));
  g_assert_true (gtk_widget_compute_bounds (hint, folding, &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, gtk_widget_get_height (inner));
  g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (folding));
  g_assert_false (gtk_widget_get_focusable (hint));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (hint)), ==,
                   GTK_ACCESSIBLE_ROLE_LABEL);
  /* for the eye only: not read where it shows, nor where it does not */
  hidden =
      gtk_test_accessible_check_state (GTK_ACCESSIBLE (hint), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
  g_assert_null (hidden);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) -
                                            gtk_adjustment_get_page_size (adjustment));
  g_assert_true (kiosk_test_wait_for (is_unmapped, hint, 10000));
  gtk_adjustment_set_value (adjustment, 0);
  g_assert_true (kiosk_test_wait_for (is_mapped, hint, 10000));
  remove_inner_list (inner);

  /* a quarter of a button: 20 px, no room for words */
  inner = prepend_inner_list (6, 9 * BUTTON_HEIGHT / 4);
  folding = gtk_widget_get_parent (inner);
  hint = kiosk_folding_scroller_get_hint (KIOSK_FOLDING_SCROLLER (folding));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpint (kiosk_folding_scroller_get_band (KIOSK_FOLDING_SCROLLER (folding)), ==,
                   BUTTON_HEIGHT / 4);
  g_assert_false (gtk_widget_get_mapped (hint));
  remove_inner_list (inner);
}

typedef struct
{
  KioskPage *page;
  GtkWidget *widget;
} InView;

static gboolean
whole_in_view (gpointer data)
{
  InView *in_view = data;
  GtkWidget *middle = GTK_WIDGET (middle_of (in_view->page));
  graphene_rect_t bounds;

  /* laid out: a widget mapped a moment ago has no place yet */
  return gtk_widget_get_mapped (in_view->widget) &&
         gtk_widget_compute_bounds (in_view->widget, middle, &bounds) && bounds.size.height > 0 &&
         bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (middle) + 0.5;
}

/* A question that appears at the page's end, below the fold, is scrolled
 * into view with its answers: a person who could not see them would not
 * know the tap was taken. */
static void
test_question_scrolled_into_view (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  GtkWidget *box = gtk_widget_get_parent (tall->spacer);
  GtkWidget *question = kiosk_confirmation_new ("Delete this?", "Delete", "Keep");
  InView in_view = { page, question };

  gtk_widget_set_visible (question, FALSE);
  gtk_box_append (GTK_BOX (box), question);
  show (page);
  gtk_adjustment_set_value (vadjustment (page), 0);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_false (whole_in_view (&in_view));

  gtk_widget_set_visible (question, TRUE);
  g_assert_true (kiosk_test_wait_for (whole_in_view, &in_view, 10000));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), >, 0);

  gtk_box_remove (GTK_BOX (box), question);
  gtk_adjustment_set_value (vadjustment (page), 0);
}

/* A reset takes the page on show to its top at once, and the fold follows
 * what the reset changed: no button cut where the content moved. */
static void
test_reset_to_top (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  int spacer;

  show (page);
  spacer = spacer_cutting_a_button (page);
  set_spacer (spacer);
  gtk_adjustment_set_value (vadjustment (page), 300);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 300);

  /* the reset moves the buttons half a button down */
  tall->spacer_after_reset = spacer + BUTTON_HEIGHT / 2;
  kiosk_page_reset (page);
  tall->spacer_after_reset = 0;
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 0);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 0);
  g_assert_cmpstr (cut_button (page), ==, NULL);
}

/* A list or grid that scrolls inside the page starts at its top again
 * too: the next person sees where it begins. */
static void
test_reset_inner_scroller (void)
{
  KioskPage *page = KIOSK_PAGE (tall);
  GtkWidget *inner = prepend_inner_list (10, 2 * BUTTON_HEIGHT);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (inner));

  show (page);
  gtk_adjustment_set_value (adjustment, 200);
  kiosk_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 200);

  kiosk_page_reset (page);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  remove_inner_list (inner);
}

/* The kiosk resets every page as a visit ends, the one still fading out
 * too: that page keeps its place while it shows, and is at its top once it
 * is gone and when it shows again. */
static void
test_reset_while_leaving (void)
{
  KioskPage *page = KIOSK_PAGE (tall);

  show (page);
  set_spacer (spacer_cutting_a_button (page));
  gtk_adjustment_set_value (vadjustment (page), 300);
  kiosk_test_wait_drawn (GTK_WIDGET (window));

  gtk_stack_set_transition_type (stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_transition_duration (stack, 1500);
  gtk_stack_set_visible_child (stack, GTK_WIDGET (other));
  g_assert_true (gtk_stack_get_transition_running (stack));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  kiosk_page_reset (page);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 300);

  g_assert_true (kiosk_test_wait_for (is_unmapped, page, 20000));
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 0);
  show (page);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment (page)), ==, 0);
  g_assert_cmpstr (cut_button (page), ==, NULL);
}

static gboolean
window_on_show (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_height (GTK_WIDGET (window)) > 300;
}

int
main (int argc, char **argv)
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  window = GTK_WINDOW (gtk_window_new ());
  stack = GTK_STACK (gtk_stack_new ());
  gtk_window_set_child (window, GTK_WIDGET (stack));
  gtk_window_fullscreen (window);
  gtk_window_present (window);
  g_assert_true (kiosk_test_wait_for (window_on_show, NULL, 20000));

  /* more buttons than the screen has room for, however high it is */
  tall = tall_page_new (gtk_widget_get_height (GTK_WIDGET (window)) / BUTTON_HEIGHT + 6);
  other = g_object_new (TEST_TYPE_TALL_PAGE, NULL);
  gtk_stack_add_child (stack, GTK_WIDGET (other));
  gtk_stack_add_child (stack, GTK_WIDGET (tall));
  g_object_unref (tall); /* the stack holds it */

  g_test_add_func ("/page/fold/above-a-button", test_fold_above_a_button);
  g_test_add_func ("/page/fold/band-drag-scrolls", test_band_drag_scrolls);
  g_test_add_func ("/page/fold/inner-band-drag-scrolls", test_inner_band_drag_scrolls);
  g_test_add_func ("/page/fold/inner-kept-without-the-page", test_inner_fold_kept_without_the_page);
  g_test_add_func ("/page/fold/inner-keeps-items-whole", test_inner_fold_keeps_items_whole);
  g_test_add_func ("/page/fold/inner-hint-more-below", test_inner_hint_more_below);
  g_test_add_func ("/page/fold/question-scrolled-into-view", test_question_scrolled_into_view);
  g_test_add_func ("/page/reset/to-top", test_reset_to_top);
  g_test_add_func ("/page/reset/while-leaving", test_reset_while_leaving);
  g_test_add_func ("/page/reset/inner-scroller", test_reset_inner_scroller);
  status = g_test_run ();

  gtk_window_destroy (window);
  return status;
}
