/* kiosk-attachments.c: a record's attachments as thumbnails, to view, add or delete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The box under a record's form: a tile per attachment the registry holds
 * (its thumbnail, what it is, View and Delete, Delete asking first), Add
 * from phone, and Add from USB stick while a removable drive is mounted.
 * The list and each thumbnail are fetched by the registry client (worker
 * threads) and decoded on a worker; the thumbnails live in this widget only
 * and kiosk_attachments_clear() drops them. Adding and viewing happen on
 * pages of their own: the box emits "add-from-phone", "add-from-usb" and
 * "view" for its page to navigate.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "core-api-error.h"
#include "kiosk-attachments.h"
#include "kiosk-confirmation.h"
#include "kiosk-document.h"
#include "kiosk-fold.h"
#include "kiosk-folding-scroller.h"
#include "kiosk-problem.h"
#include "kiosk-removable-drives.h"
#include "sync-client.h"

typedef struct
{
  KioskAttachments *self; /* unowned */
  gint64 id;
  GtkWidget *tile;
  GtkImage *picture;
  GtkStack *side; /* its words and buttons, or the question before deleting */
  GtkWidget *actions;
  GtkWidget *confirm;
  gboolean has_thumbnail;
} Tile;

struct _KioskAttachments
{
  GtkWidget parent_instance;

  GtkWidget *box;
  GtkWidget *notice;
  GtkWidget *flow;
  GtkWidget *scroller; /* the tiles' list */
  GtkWidget *folded;   /* the list, ending above a tile it would cut; hidden while it has none */
  GtkWidget *phone_button;
  GtkWidget *usb_button;

  KioskRemovableDrives *drives;
  SyncRegistry *registry;
  char *session_token;
  char *kind;
  gint64 record_id;
  GPtrArray *tiles; /* Tile */
  GCancellable *cancellable;
  gboolean loading;
};

G_DEFINE_FINAL_TYPE (KioskAttachments, kiosk_attachments, GTK_TYPE_WIDGET)

enum
{
  SIGNAL_ADD_FROM_PHONE,
  SIGNAL_ADD_FROM_USB,
  SIGNAL_VIEW,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_notice (KioskAttachments *self, const char *text)
{
  gtk_label_set_text (GTK_LABEL (self->notice), text != NULL ? text : "");
  gtk_widget_set_visible (self->notice, text != NULL);
}

static void
tile_free (Tile *tile)
{
  g_free (tile);
}

/* Drops the tiles and their thumbnails, and whatever is on its way. */
static void
drop_tiles (KioskAttachments *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  while ((child = gtk_widget_get_first_child (self->flow)) != NULL)
    gtk_flow_box_remove (GTK_FLOW_BOX (self->flow), child);
  gtk_widget_set_visible (self->folded, FALSE);
  g_ptr_array_set_size (self->tiles, 0);
  self->loading = FALSE;
}

static void
update_usb_button (KioskAttachments *self)
{
  gtk_widget_set_visible (self->usb_button, self->record_id > 0 && kiosk_removable_drives_get_root (
                                                                       self->drives) != NULL);
}

/* ---- thumbnails ---- */

typedef struct
{
  KioskAttachments *self;
  gint64 id;
} ThumbnailCall;

static Tile *
find_tile (KioskAttachments *self, gint64 id)
{
  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      if (tile->id == id)
        return tile;
    }
  return NULL;
}

static void
thumbnail_drawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autofree ThumbnailCall *call = user_data;
  g_autoptr (KioskAttachments) self = call->self;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) texture =
      kiosk_document_render_finish (KIOSK_DOCUMENT (source), result, &error);
  Tile *tile;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  tile = find_tile (self, call->id);
  if (tile == NULL)
    return;
  if (texture == NULL)
    {
      g_message ("an attachment's thumbnail cannot be drawn: %s", error->message);
      return;
    }
  gtk_image_set_from_paintable (tile->picture, GDK_PAINTABLE (texture));
  tile->has_thumbnail = TRUE;
}

static void
thumbnail_opened_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ThumbnailCall *call = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (KioskDocument) document = kiosk_document_new_finish (result, &error);

  if (document == NULL || find_tile (call->self, call->id) == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("an attachment's thumbnail cannot be opened: %s", error->message);
      g_object_unref (call->self);
      g_free (call);
      return;
    }
  kiosk_document_render_async (document, 0, KIOSK_ATTACHMENTS_THUMBNAIL_WIDTH,
                               KIOSK_ATTACHMENTS_THUMBNAIL_HEIGHT, call->self->cancellable,
                               thumbnail_drawn_cb, call);
}

static void
thumbnail_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ThumbnailCall *call = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SyncFile) file =
      sync_registry_attachment_read_finish (SYNC_REGISTRY (source), result, &error);

  if (file == NULL || find_tile (call->self, call->id) == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("an attachment's thumbnail cannot be read: %s", error->message);
      g_object_unref (call->self);
      g_free (call);
      return;
    }
  kiosk_document_new_async (file->bytes, call->self->cancellable, thumbnail_opened_cb, call);
}

/* ---- tiles ---- */

static void
view_clicked_cb (GtkButton *button, Tile *tile)
{
  g_signal_emit (tile->self, signals[SIGNAL_VIEW], 0, tile->id);
}

static void
ask_delete_cb (GtkButton *button, Tile *tile)
{
  gtk_stack_set_visible_child (tile->side, tile->confirm);
}

static void
keep_cb (KioskConfirmation *confirmation, Tile *tile)
{
  gtk_stack_set_visible_child (tile->side, tile->actions);
}

static void
deleted_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskAttachments) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer =
      sync_registry_attachment_delete_finish (SYNC_REGISTRY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (answer == NULL && !g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_NOT_FOUND))
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("deleting an attachment failed: %s", error->message);
      kiosk_attachments_reload (self);
      set_notice (self, problem);
      return;
    }
  kiosk_attachments_reload (self);
}

static void
delete_cb (KioskConfirmation *confirmation, Tile *tile)
{
  KioskAttachments *self = tile->self;

  if (self->registry == NULL)
    return;
  gtk_widget_set_sensitive (tile->tile, FALSE);
  sync_registry_attachment_delete_async (self->registry, self->session_token, tile->id,
                                         self->cancellable, deleted_cb, g_object_ref (self));
}

static GtkWidget *
tile_button (const char *label, const char *accessible, GCallback callback, Tile *tile)
{
  GtkWidget *button = gtk_button_new_with_label (label);

  gtk_widget_add_css_class (button, "attachment-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  g_signal_connect (button, "clicked", callback, tile);
  return button;
}

static char *
describe (JsonObject *attachment)
{
  const char *media_type =
      json_object_get_string_member_with_default (attachment, "media_type", "");
  gint64 pages = json_object_get_int_member_with_default (attachment, "pages", 1);
  gint64 size = json_object_get_int_member_with_default (attachment, "size", 0);
  g_autofree char *shown_size = g_format_size ((guint64) MAX (size, 0));

  if (g_str_equal (media_type, "application/pdf"))
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "PDF, %d page, %s", "PDF, %d pages, %s", (gulong) pages),
        (int) pages, shown_size);
  return g_strdup_printf (_ ("Picture, %s"), shown_size);
}

static void
add_tile (KioskAttachments *self, JsonObject *attachment, guint number)
{
  Tile *tile = g_new0 (Tile, 1);
  g_autofree char *caption = describe (attachment);
  g_autofree char *view_name = g_strdup_printf (_ ("View attachment %u"), number);
  g_autofree char *delete_name = g_strdup_printf (_ ("Delete attachment %u"), number);
  GtkWidget *picture;
  GtkWidget *side;
  GtkWidget *label;
  ThumbnailCall *call;

  tile->self = self;
  tile->id = json_object_get_int_member_with_default (attachment, "id", 0);
  /* the picture beside its words and buttons: a tile as low as its
   * buttons, so a form with little room left still shows one whole */
  tile->tile = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_add_css_class (tile->tile, "attachment-tile");
  kiosk_fold_keep_whole (tile->tile);

  /* an image, not a GtkPicture: a picture asks for its paintable's own
   * size, and the registry's thumbnails would make every tile that high */
  picture = gtk_image_new ();
  gtk_image_set_pixel_size (GTK_IMAGE (picture), KIOSK_ATTACHMENTS_THUMBNAIL_WIDTH);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, caption,
                                  -1);
  gtk_widget_add_css_class (picture, "attachment-thumbnail");
  tile->picture = GTK_IMAGE (picture);
  gtk_box_append (GTK_BOX (tile->tile), picture);

  /* Delete asks first, in the tile itself, in the place of its words and
   * buttons: a tile as high with the question as without, so nothing
   * moves under the finger and the list, which shows one tile whole at
   * least, shows the question whole too */
  side = gtk_stack_new ();
  gtk_stack_set_hhomogeneous (GTK_STACK (side), TRUE);
  gtk_stack_set_vhomogeneous (GTK_STACK (side), TRUE);
  gtk_widget_set_valign (side, GTK_ALIGN_CENTER);
  tile->side = GTK_STACK (side);
  gtk_box_append (GTK_BOX (tile->tile), side);

  tile->actions = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_valign (tile->actions, GTK_ALIGN_CENTER);
  label = gtk_label_new (caption);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "hint");
  gtk_box_append (GTK_BOX (tile->actions), label);

  /* Delete first, in the red of what cannot be undone: View, the harmless
   * action, keeps the place to the right where a finger goes on */
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
    GtkWidget *delete = tile_button (_ ("Delete"), delete_name, G_CALLBACK (ask_delete_cb), tile);

    gtk_widget_add_css_class (delete, "destructive-action");
    gtk_box_append (GTK_BOX (row), delete);
    gtk_box_append (GTK_BOX (row),
                    tile_button (_ ("View"), view_name, G_CALLBACK (view_clicked_cb), tile));
    gtk_box_append (GTK_BOX (tile->actions), row);
  }
  gtk_stack_add_child (tile->side, tile->actions);

  /* one line in the tile's own words' size, as close as its buttons:
   * the tile is as high as without the question */
  tile->confirm = kiosk_confirmation_new (_ ("Delete this file?"), _ ("Delete"), _ ("Keep"));
  kiosk_confirmation_set_max_width_chars (KIOSK_CONFIRMATION (tile->confirm), 20);
  kiosk_confirmation_set_spacing (KIOSK_CONFIRMATION (tile->confirm), 8);
  gtk_widget_set_valign (tile->confirm, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tile->confirm, "compact");
  gtk_widget_add_css_class (
      kiosk_confirmation_get_confirm_button (KIOSK_CONFIRMATION (tile->confirm)),
      "attachment-action");
  gtk_widget_add_css_class (
      kiosk_confirmation_get_cancel_button (KIOSK_CONFIRMATION (tile->confirm)),
      "attachment-action");
  g_signal_connect (tile->confirm, "confirmed", G_CALLBACK (delete_cb), tile);
  g_signal_connect (tile->confirm, "cancelled", G_CALLBACK (keep_cb), tile);
  gtk_stack_add_child (tile->side, tile->confirm);
  gtk_stack_set_visible_child (tile->side, tile->actions);

  gtk_flow_box_append (GTK_FLOW_BOX (self->flow), tile->tile);
  gtk_widget_set_visible (self->folded, TRUE);
  /* the list scrolls in what room the form leaves, but never shows less
   * than one tile whole: half a tile is a picture without its buttons */
  {
    GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (self->scroller);
    int row_height = 0;

    gtk_widget_measure (gtk_widget_get_parent (tile->tile), GTK_ORIENTATION_VERTICAL, -1,
                        &row_height, NULL, NULL, NULL);
    if (row_height > gtk_scrolled_window_get_min_content_height (scroller))
      gtk_scrolled_window_set_min_content_height (scroller, row_height);
  }
  g_ptr_array_add (self->tiles, tile);

  call = g_new0 (ThumbnailCall, 1);
  call->self = g_object_ref (self);
  call->id = tile->id;
  sync_registry_attachment_read_async (self->registry, self->session_token, tile->id, TRUE,
                                       self->cancellable, thumbnail_read_cb, call);
}

static void
listed_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskAttachments) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) answer =
      sync_registry_attachments_list_finish (SYNC_REGISTRY (source), result, &error);
  JsonArray *list;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  if (answer == NULL)
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("listing attachments failed: %s", error->message);
      set_notice (self, problem);
      return;
    }
  list = json_object_has_member (answer, "attachments")
             ? json_object_get_array_member (answer, "attachments")
             : NULL;
  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonNode *node = json_array_get_element (list, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_tile (self, json_node_get_object (node), i + 1);
    }
  set_notice (self, self->tiles->len == 0
                        ? _ ("Nothing is attached yet. Add a photo or a scan of the certificate "
                             "from your phone or a USB stick.")
                        : NULL);
}

/**
 * kiosk_attachments_reload:
 *
 * Asks the registry for the record's attachments again and shows them.
 */
void
kiosk_attachments_reload (KioskAttachments *self)
{
  g_return_if_fail (KIOSK_IS_ATTACHMENTS (self));

  drop_tiles (self);
  set_notice (self, NULL);
  update_usb_button (self);
  gtk_widget_set_visible (self->phone_button, self->record_id > 0);
  if (self->registry == NULL || self->kind == NULL || self->record_id <= 0)
    return;
  self->loading = TRUE;
  set_notice (self, _ ("Loading…"));
  sync_registry_attachments_list_async (self->registry, self->session_token, self->kind,
                                        self->record_id, self->cancellable, listed_cb,
                                        g_object_ref (self));
}

/**
 * kiosk_attachments_show_record:
 * @kind: an editable kind whose records take attachments
 * @record_id: the record, as saved
 *
 * Shows that record's attachments.
 */
void
kiosk_attachments_show_record (KioskAttachments *self,
                               SyncRegistry *registry,
                               const char *session_token,
                               const char *kind,
                               gint64 record_id)
{
  g_return_if_fail (KIOSK_IS_ATTACHMENTS (self));

  g_set_object (&self->registry, registry);
  g_free (self->session_token);
  self->session_token = g_strdup (session_token);
  g_free (self->kind);
  self->kind = g_strdup (kind);
  self->record_id = record_id;
  kiosk_attachments_reload (self);
}

/**
 * kiosk_attachments_clear:
 *
 * Forgets the record, its attachments and their thumbnails, and stops what
 * was on its way.
 */
void
kiosk_attachments_clear (KioskAttachments *self)
{
  g_return_if_fail (KIOSK_IS_ATTACHMENTS (self));

  drop_tiles (self);
  g_clear_object (&self->registry);
  g_clear_pointer (&self->session_token, g_free);
  g_clear_pointer (&self->kind, g_free);
  self->record_id = 0;
  set_notice (self, NULL);
  gtk_widget_set_visible (self->phone_button, FALSE);
  update_usb_button (self);
}

/**
 * kiosk_attachments_describe_error:
 * @error: what an attachment call failed with
 *
 * Returns: (transfer full): what the person reads
 */
char *
kiosk_attachments_describe_error (const GError *error)
{
  g_autoptr (KioskProblem) problem = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == SYNC_ERROR && error->code != SYNC_ERROR_BAD_RESPONSE)
    return g_strdup (_ ("Attachments are kept on the registry, which cannot be reached now. "
                        "Nothing was changed. Please try again later."));
  if (g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_SESSION_INVALID))
    return g_strdup (_ ("Your login has ended. Please log in again."));
  problem = kiosk_problem_new_for_error (error);
  return g_strdup (problem->message);
}

static void
phone_cb (KioskAttachments *self)
{
  g_signal_emit (self, signals[SIGNAL_ADD_FROM_PHONE], 0);
}

static void
usb_cb (KioskAttachments *self)
{
  g_signal_emit (self, signals[SIGNAL_ADD_FROM_USB], 0);
}

static void
kiosk_attachments_dispose (GObject *object)
{
  KioskAttachments *self = KIOSK_ATTACHMENTS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->tiles, g_ptr_array_unref);
  g_clear_object (&self->drives);
  g_clear_object (&self->registry);

  G_OBJECT_CLASS (kiosk_attachments_parent_class)->dispose (object);
}

static void
kiosk_attachments_finalize (GObject *object)
{
  KioskAttachments *self = KIOSK_ATTACHMENTS (object);

  g_free (self->session_token);
  g_free (self->kind);

  G_OBJECT_CLASS (kiosk_attachments_parent_class)->finalize (object);
}

static void
kiosk_attachments_class_init (KioskAttachmentsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kiosk_attachments_dispose;
  object_class->finalize = kiosk_attachments_finalize;

  /**
   * KioskAttachments::add-from-phone:
   *
   * The person asked to add a file from their phone.
   */
  signals[SIGNAL_ADD_FROM_PHONE] =
      g_signal_new ("add-from-phone", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);
  /**
   * KioskAttachments::add-from-usb:
   *
   * The person asked to add a file from the USB stick plugged in.
   */
  signals[SIGNAL_ADD_FROM_USB] =
      g_signal_new ("add-from-usb", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 0);
  /**
   * KioskAttachments::view:
   * @id: the attachment
   *
   * The person asked to see an attachment whole.
   */
  signals[SIGNAL_VIEW] = g_signal_new ("view", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kiosk_attachments_init (KioskAttachments *self)
{
  GtkWidget *top;
  GtkWidget *heading;

  self->tiles = g_ptr_array_new_with_free_func ((GDestroyNotify) tile_free);
  self->cancellable = g_cancellable_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _ ("Attachments"), -1);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_widget_add_css_class (self->box, "attachments-place");

  /* the heading and the ways to add share a line, so the form above keeps
   * its room; the tiles are a list under them, which scrolls in what room
   * the screen leaves */
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 16);
  heading = gtk_label_new (_ ("Attachments"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (top), heading);

  self->phone_button = gtk_button_new_with_label (_ ("Add from phone"));
  gtk_widget_add_css_class (self->phone_button, "attachment-add");
  gtk_widget_set_visible (self->phone_button, FALSE);
  g_signal_connect_swapped (self->phone_button, "clicked", G_CALLBACK (phone_cb), self);
  gtk_box_append (GTK_BOX (top), self->phone_button);
  self->usb_button = gtk_button_new_with_label (_ ("Add from USB stick"));
  gtk_widget_add_css_class (self->usb_button, "attachment-add");
  g_signal_connect_swapped (self->usb_button, "clicked", G_CALLBACK (usb_cb), self);
  gtk_box_append (GTK_BOX (top), self->usb_button);
  gtk_box_append (GTK_BOX (self->box), top);

  self->notice = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (self->notice), 0);
  gtk_label_set_wrap (GTK_LABEL (self->notice), TRUE);
  gtk_widget_add_css_class (self->notice, "hint");
  gtk_widget_set_visible (self->notice, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->notice);

  self->flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (self->flow), TRUE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->flow), 16);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->flow), 16);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), self->flow);
  self->folded = kiosk_folding_scroller_new (self->scroller);
  gtk_widget_set_visible (self->folded, FALSE);
  gtk_box_append (GTK_BOX (self->box), self->folded);

  self->drives = kiosk_removable_drives_new ();
  g_signal_connect_object (self->drives, "notify::root", G_CALLBACK (update_usb_button), self,
                           G_CONNECT_SWAPPED);
  update_usb_button (self);
}

gboolean
kiosk_attachments_get_loading (KioskAttachments *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), FALSE);
  return self->loading;
}

guint
kiosk_attachments_get_n_attachments (KioskAttachments *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), 0);
  return self->tiles->len;
}

/* How many tiles show their thumbnail (drawn and in memory). */
guint
kiosk_attachments_get_n_thumbnails (KioskAttachments *self)
{
  guint n = 0;

  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), 0);

  for (guint i = 0; i < self->tiles->len; i++)
    {
      Tile *tile = g_ptr_array_index (self->tiles, i);

      if (tile->has_thumbnail && gtk_image_get_paintable (tile->picture) != NULL)
        n++;
    }
  return n;
}

gint64
kiosk_attachments_get_id (KioskAttachments *self, guint index)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), 0);
  g_return_val_if_fail (index < self->tiles->len, 0);
  return ((Tile *) g_ptr_array_index (self->tiles, index))->id;
}

GtkWidget *
kiosk_attachments_get_tile (KioskAttachments *self, guint index)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), NULL);
  g_return_val_if_fail (index < self->tiles->len, NULL);
  return ((Tile *) g_ptr_array_index (self->tiles, index))->tile;
}

GtkWidget *
kiosk_attachments_get_phone_button (KioskAttachments *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), NULL);
  return self->phone_button;
}

GtkWidget *
kiosk_attachments_get_usb_button (KioskAttachments *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), NULL);
  return self->usb_button;
}

const char *
kiosk_attachments_get_notice (KioskAttachments *self)
{
  g_return_val_if_fail (KIOSK_IS_ATTACHMENTS (self), NULL);
  return gtk_widget_get_visible (self->notice) ? gtk_label_get_text (GTK_LABEL (self->notice))
                                               : NULL;
}
