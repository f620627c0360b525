/* kiosk-attachment-viewer-page.c: one attachment on the whole screen, zoomed and paged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * R-4.8 "view": a picture or a PDF the registry holds, as large as
 * the screen allows, with buttons to zoom (the picture then pans by touch)
 * and to turn a PDF's pages (drawn by poppler). The file is read from the
 * registry, opened and drawn on worker threads, and held by this page only:
 * leaving the page or a reset drops it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kiosk-enums.h"
#include "kiosk-attachment-viewer-page.h"
#include "kiosk-attachment-viewer-page-private.h"
#include "kiosk-attachments.h"
#include "kiosk-document.h"

static const double zoom_levels[] = { 1.0, 1.5, 2.0, 3.0 };

struct _KioskAttachmentViewerPage
{
  KioskPage parent_instance;

  GtkScrolledWindow *scroller;
  GtkPicture *picture;
  GtkLabel *status_label;
  GtkLabel *page_label;
  GtkWidget *previous_button;
  GtkWidget *next_button;
  GtkWidget *zoom_box;
  GtkWidget *zoom_out_button;
  GtkWidget *zoom_in_button;

  gint64 attachment_id;
  KioskPageId return_page;

  KioskDocument *document; /* the file, in memory only */
  guint page;
  guint zoom;       /* index in zoom_levels */
  guint shown_page; /* the page and zoom of the picture on show */
  guint shown_zoom;
  gboolean rendering; /* a page is being drawn */
  gboolean redraw;    /* and another is wanted after it */
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskAttachmentViewerPage, kiosk_attachment_viewer_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_ATTACHMENT_ID,
  PROP_RETURN_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void draw (KioskAttachmentViewerPage *self);

static void
set_status (KioskAttachmentViewerPage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

/* The registry keeps only files it could open itself, so one the kiosk
 * cannot open or draw was damaged on its way or where it is kept. */
static const char *
damaged_file_text (void)
{
  return _ ("This file is damaged and cannot be shown. Please upload it again.");
}

static void
update_controls (KioskAttachmentViewerPage *self)
{
  guint n_pages = self->document != NULL ? kiosk_document_get_n_pages (self->document) : 0;
  g_autofree char *text = g_strdup_printf (_ ("Page %u of %u"), self->page + 1, n_pages);
  /* no picture on show (loading, or a file or page that cannot be shown):
   * nothing to zoom, and no greyed buttons under the words that say why */
  gboolean picture = gtk_picture_get_paintable (self->picture) != NULL;

  gtk_label_set_text (self->page_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->page_label), n_pages > 1);
  gtk_widget_set_visible (self->previous_button, n_pages > 1);
  gtk_widget_set_visible (self->next_button, n_pages > 1);
  gtk_widget_set_sensitive (self->previous_button, self->page > 0);
  gtk_widget_set_sensitive (self->next_button, self->page + 1 < n_pages);
  /* Beside Previous and Next the zoom buttons keep their place when they
   * go (the row is centred): a finger tapping Next page after page meets
   * Next again on a page that cannot be shown, not what moved under it.
   * Kept but not mapped, they are neither drawn nor touched; GTK 4.8's
   * AT-SPI lists widgets that are merely unmapped, so they are hidden
   * from it too, and nobody hears of buttons that are not there. */
  gtk_widget_set_visible (self->zoom_box, picture || n_pages > 1);
  if (gtk_widget_get_child_visible (self->zoom_box) != picture)
    {
      gtk_widget_set_child_visible (self->zoom_box, picture);
      /* nothing moves, so nothing else has the row drawn again, with the
       * buttons or without them (GTK 4.8 does not on mapping) */
      gtk_widget_queue_draw (gtk_widget_get_parent (self->zoom_box));
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->zoom_box), GTK_ACCESSIBLE_STATE_HIDDEN,
                               !picture, -1);
  gtk_widget_set_sensitive (self->zoom_out_button, self->document != NULL && self->zoom > 0);
  gtk_widget_set_sensitive (self->zoom_in_button,
                            self->document != NULL && self->zoom + 1 < G_N_ELEMENTS (zoom_levels));
}

/* Shows a drawn page. At 1× it fits the view whatever the view's size by
 * the time it shows; zoomed in, it keeps its size and the view pans. */
static void
show_texture (KioskAttachmentViewerPage *self, GdkTexture *texture, guint zoom)
{
  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
  gtk_picture_set_can_shrink (self->picture, zoom == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->status_label), FALSE);
  self->shown_page = self->page;
  self->shown_zoom = zoom;
  update_controls (self);
}

/* Says why nothing is shown, with no empty frame beside it. The words
 * take the frame's place, so that the buttons under it stay where they
 * were: a finger turning the pages meets Next page again. */
static void
show_problem (KioskAttachmentViewerPage *self, const char *text)
{
  show_texture (self, NULL, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->scroller), FALSE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->status_label), TRUE);
  set_status (self, text);
}

/* Drops the file and its pictures, and stops what was on its way. */
static void
drop (KioskAttachmentViewerPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  show_texture (self, NULL, 0);
  self->page = 0;
  self->zoom = 0;
  self->rendering = FALSE;
  self->redraw = FALSE;
  set_status (self, NULL);
  update_controls (self);
}

static void
drawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskAttachmentViewerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture =
      kiosk_document_render_finish (KIOSK_DOCUMENT (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->document != KIOSK_DOCUMENT (source))
    return;
  self->rendering = FALSE;
  if (self->redraw)
    {
      self->redraw = FALSE;
      draw (self);
      return;
    }
  if (texture == NULL)
    {
      g_message ("an attachment's page cannot be drawn: %s", error->message);
      /* the same page drawn before at another size: the file is sound, the
       * larger size is what failed, and what is on show stays */
      if (gtk_picture_get_paintable (self->picture) != NULL && self->page == self->shown_page &&
          self->zoom != self->shown_zoom)
        {
          self->zoom = self->shown_zoom;
          update_controls (self);
          set_status (self, _ ("It cannot be shown larger."));
          return;
        }
      /* a PDF may have one bad page among good ones; a picture is its one
       * page, and headers that open but pixels that do not decode are a
       * damaged file */
      if (kiosk_document_get_n_pages (self->document) > 1)
        {
          show_problem (self, _ ("This page cannot be shown."));
          return;
        }
      /* nothing of it to zoom into */
      g_clear_object (&self->document);
      update_controls (self);
      show_problem (self, damaged_file_text ());
      return;
    }
  set_status (self, NULL);
  show_texture (self, texture, self->zoom);
}

/* Draws the current page at the current zoom, fitting the screen at 1×. */
static void
draw (KioskAttachmentViewerPage *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int height = gtk_widget_get_height (GTK_WIDGET (self->scroller));
  double zoom = zoom_levels[self->zoom];

  update_controls (self);
  if (self->document == NULL)
    return;
  if (self->rendering)
    {
      self->redraw = TRUE;
      return;
    }
  /* not laid out yet: the frame's middle at 1280×720 */
  if (width < 100 || height < 100)
    {
      width = 1200;
      height = 480;
    }
  self->rendering = TRUE;
  kiosk_document_render_async (self->document, self->page, (int) ((width - 16) * zoom),
                               (int) ((height - 16) * zoom), self->cancellable, drawn_cb,
                               g_object_ref (self));
}

static void
opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskAttachmentViewerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new_finish (result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (document == NULL)
    {
      g_message ("an attachment cannot be opened: %s", error->message);
      show_problem (self, damaged_file_text ());
      return;
    }
  g_set_object (&self->document, document);
  draw (self);
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskAttachmentViewerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncFile) file =
      sync_registry_attachment_read_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (file == NULL)
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("reading an attachment failed: %s", error->message);
      show_problem (self, problem);
      return;
    }
  kiosk_document_new_async (file->bytes, self->cancellable, opened_cb, g_object_ref (self));
}

static void
previous_cb (KioskAttachmentViewerPage *self)
{
  if (self->page == 0)
    return;
  self->page--;
  draw (self);
}

static void
next_cb (KioskAttachmentViewerPage *self)
{
  if (self->document == NULL || self->page + 1 >= kiosk_document_get_n_pages (self->document))
    return;
  self->page++;
  draw (self);
}

static void
zoom_in_cb (KioskAttachmentViewerPage *self)
{
  if (self->zoom + 1 >= G_N_ELEMENTS (zoom_levels))
    return;
  self->zoom++;
  draw (self);
}

static void
zoom_out_cb (KioskAttachmentViewerPage *self)
{
  if (self->zoom == 0)
    return;
  self->zoom--;
  draw (self);
}

static void
kiosk_attachment_viewer_page_shown (KioskPage *page)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (page);
  SyncRegistry *registry = kiosk_services_get_registry (kiosk_page_get_services (page));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));

  drop (self);
  if (self->attachment_id <= 0)
    {
      show_problem (self, _ ("There is nothing to show."));
      return;
    }
  if (kiosk_page_get_offline (page) || registry == NULL || token == NULL)
    {
      show_problem (self, _ ("Attachments are kept on the registry, which this kiosk cannot reach "
                             "now."));
      return;
    }
  self->cancellable = g_cancellable_new ();
  set_status (self, _ ("Loading…"));
  sync_registry_attachment_read_async (registry, token, self->attachment_id, FALSE,
                                       self->cancellable, read_cb, g_object_ref (self));
}

static void
kiosk_attachment_viewer_page_reset (KioskPage *page)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (page);

  drop (self);
  self->attachment_id = 0;
}

static void
kiosk_attachment_viewer_page_go_back (KioskPage *page)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (page);

  drop (self);
  kiosk_page_navigate (page, self->return_page, NULL);
}

/* the file is not kept once the page is out of sight */
static void
kiosk_attachment_viewer_page_unmap (GtkWidget *widget)
{
  drop (KIOSK_ATTACHMENT_VIEWER_PAGE (widget));
  GTK_WIDGET_CLASS (kiosk_attachment_viewer_page_parent_class)->unmap (widget);
}

static void
kiosk_attachment_viewer_page_dispose (GObject *object)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->document);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_ATTACHMENT_VIEWER_PAGE);

  G_OBJECT_CLASS (kiosk_attachment_viewer_page_parent_class)->dispose (object);
}

static void
kiosk_attachment_viewer_page_get_property (GObject *object,
                                           guint prop_id,
                                           GValue *value,
                                           GParamSpec *pspec)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (object);

  switch (prop_id)
    {
      case PROP_ATTACHMENT_ID:
        g_value_set_int64 (value, self->attachment_id);
        break;
      case PROP_RETURN_PAGE:
        g_value_set_enum (value, self->return_page);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_attachment_viewer_page_set_property (GObject *object,
                                           guint prop_id,
                                           const GValue *value,
                                           GParamSpec *pspec)
{
  KioskAttachmentViewerPage *self = KIOSK_ATTACHMENT_VIEWER_PAGE (object);

  switch (prop_id)
    {
      case PROP_ATTACHMENT_ID:
        if (self->attachment_id != g_value_get_int64 (value))
          {
            self->attachment_id = g_value_get_int64 (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_RETURN_PAGE:
        if (self->return_page != (KioskPageId) g_value_get_enum (value))
          {
            self->return_page = g_value_get_enum (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_attachment_viewer_page_class_init (KioskAttachmentViewerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_attachment_viewer_page_dispose;
  object_class->get_property = kiosk_attachment_viewer_page_get_property;
  object_class->set_property = kiosk_attachment_viewer_page_set_property;
  widget_class->unmap = kiosk_attachment_viewer_page_unmap;
  page_class->shown = kiosk_attachment_viewer_page_shown;
  page_class->reset = kiosk_attachment_viewer_page_reset;
  page_class->go_back = kiosk_attachment_viewer_page_go_back;

  /**
   * KioskAttachmentViewerPage:attachment-id:
   *
   * The attachment to show, as the registry numbers it (an argument).
   */
  properties[PROP_ATTACHMENT_ID] =
      g_param_spec_int64 ("attachment-id", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskAttachmentViewerPage:return-page:
   *
   * Where Back goes (an argument).
   */
  properties[PROP_RETURN_PAGE] =
      g_param_spec_enum ("return-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_HOME,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-attachment-viewer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, picture);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, page_label);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, previous_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, next_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, zoom_box);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, zoom_out_button);
  gtk_widget_class_bind_template_child (widget_class, KioskAttachmentViewerPage, zoom_in_button);
  gtk_widget_class_bind_template_callback (widget_class, previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, zoom_out_cb);
}

static void
kiosk_attachment_viewer_page_init (KioskAttachmentViewerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->return_page = KIOSK_PAGE_HOME;
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("View attachment"));
  update_controls (self);
}

/* Whether a page of the file is drawn and shown. */
gboolean
kiosk_attachment_viewer_page_get_showing (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), FALSE);
  return self->document != NULL && !self->rendering &&
         gtk_picture_get_paintable (self->picture) != NULL;
}

/**
 * kiosk_attachment_viewer_page_get_document:
 *
 * Returns: (transfer none) (nullable): the file the page holds
 */
KioskDocument *
kiosk_attachment_viewer_page_get_document (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), NULL);
  return self->document;
}

GdkPaintable *
kiosk_attachment_viewer_page_get_paintable (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), NULL);
  return gtk_picture_get_paintable (self->picture);
}

/**
 * kiosk_attachment_viewer_page_get_status_text:
 *
 * Returns: (nullable): what the page says instead of, or while loading, the
 *   file; %NULL while a page of it shows
 */
const char *
kiosk_attachment_viewer_page_get_status_text (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
             ? gtk_label_get_text (self->status_label)
             : NULL;
}

guint
kiosk_attachment_viewer_page_get_page (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), 0);
  return self->page;
}

double
kiosk_attachment_viewer_page_get_zoom (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), 0);
  return zoom_levels[self->zoom];
}

GtkScrolledWindow *
kiosk_attachment_viewer_page_get_scroller (KioskAttachmentViewerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENT_VIEWER_PAGE (self), NULL);
  return self->scroller;
}
