/* kiosk-usb-picker-page.c: a file from the USB stick plugged in, picked by its thumbnail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * the person's scan may be on a USB stick. A walk-up
 * person may not browse the kiosk's files, so this is no file chooser: it
 * lists, as large thumbnails, the JPEG, PNG and PDF files of the removable
 * drive that KioskRemovableDrives found (judged by their first bytes, never
 * by their names; symbolic links and hidden files are skipped, so nothing
 * outside the drive is reached), and nothing else. The person taps one and
 * Upload: the file is read into memory and sent to the registry. A signed
 * form whose QR code the registry cannot read may be confirmed by staff:
 * Ask staff to confirm takes the same bytes to the form-confirm page. The upload
 * opens the file again, one folder at a time from the drive's root with
 * O_NOFOLLOW, so a file swapped for a link, or a folder swapped for a link,
 * after the listing still reaches nothing off the drive. Nothing is
 * copied to the kiosk's disk; the thumbnails are the page's and are dropped
 * when it is left or reset. The newest files come first, so the scan just
 * made is at the top however many old files the stick holds (among its
 * first 20,000 entries). Looking
 * through the drive reads only the listed files' first bytes, so the list
 * shows at once; the thumbnails are then
 * drawn one at a time, in the list's order, on a worker thread (a PDF's in
 * a renderer process of its own), each tile showing a spinner until its
 * picture comes, and a file that cannot be drawn stays listed, greyed,
 * saying so. A drive mounted without nodev and
 * nosuid (KioskRemovableDrives:usable) is not read at all: the person is
 * told the stick cannot be used, staff why.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "core-api-error.h"
#include "kiosk-enums.h"
#include "kiosk-attachments.h"
#include "kiosk-document.h"
#include "kiosk-removable-drives.h"
#include "kiosk-usb-picker-page.h"
#include "kiosk-usb-picker-page-private.h"

/* how deep into folders, how many entries looked at, how many of the
 * newest files kept on the way and how many listed: a stick is not an
 * archive, and one made to hold a million entries must not keep the
 * person waiting. Entries are cheap (no file is opened), so the walk
 * looks at many: the file system gives them in no useful order, and the
 * newest may come last. */
#define MAX_DEPTH 3
#define MAX_ENTRIES 20000
#define MAX_CANDIDATES 400
#define MAX_FILES 48
#define THUMBNAIL_WIDTH 240
#define THUMBNAIL_HEIGHT 180
/* enough of a file's start to tell what it is */
#define SNIFF_LENGTH 16

typedef struct
{
  GFile *file;
  char *relative; /* the path under the drive's root */
  char *name;
  const char *media_type;
  GdkTexture *thumbnail;
  gboolean damaged; /* its thumbnail could not be drawn */
  /* the tile's parts, owned by files_box */
  GtkWidget *tile;
  GtkImage *picture;
  GtkWidget *drawing; /* a spinner until the thumbnail comes */
  GtkWidget *damaged_label;
} UsbFile;

struct _KioskUsbPickerPage
{
  KioskPage parent_instance;

  GtkLabel *heading_label;
  GtkLabel *status_label;
  GtkSpinner *spinner;
  GtkFlowBox *files_box;
  GtkWidget *upload_button;
  GtkWidget *staff_button;

  char *kind; /* NULL: the signature form */
  gint64 record_id;
  KioskPageId return_page;

  KioskRemovableDrives *drives;
  GPtrArray *files;   /* UsbFile, what the page shows */
  int selected;       /* index in files, -1 for none */
  guint n_drawn;      /* files whose thumbnail is drawn or found damaged */
  gboolean busy;      /* looking through the drive or uploading */
  GBytes *unreadable; /* a form scan refused for its unreadable QR code */
  const char *unreadable_type;
  GCancellable *cancellable;
};

G_DEFINE_FINAL_TYPE (KioskUsbPickerPage, kiosk_usb_picker_page, KIOSK_TYPE_PAGE)

enum
{
  PROP_0,
  PROP_KIND,
  PROP_RECORD_ID,
  PROP_RETURN_PAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
usb_file_free (UsbFile *usb_file)
{
  g_clear_object (&usb_file->file);
  g_free (usb_file->relative);
  g_free (usb_file->name);
  g_clear_object (&usb_file->thumbnail);
  g_free (usb_file);
}

static void
set_status (KioskUsbPickerPage *self, const char *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
update_upload_button (KioskUsbPickerPage *self)
{
  gtk_widget_set_sensitive (self->upload_button, self->selected >= 0 && !self->busy);
}

/* Drops the list, its thumbnails and whatever is on its way. */
static void
clear (KioskUsbPickerPage *self)
{
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->files_box))) != NULL)
    gtk_flow_box_remove (self->files_box, child);
  g_ptr_array_set_size (self->files, 0);
  self->selected = -1;
  self->n_drawn = 0;
  self->busy = FALSE;
  g_clear_pointer (&self->unreadable, g_bytes_unref);
  gtk_widget_set_visible (self->staff_button, FALSE);
  gtk_spinner_set_spinning (self->spinner, FALSE);
  set_status (self, NULL);
  update_upload_button (self);
}

/* ---- opening a file of the drive, on a worker ---- */

/* Reads @relative, a path under the folder @root_path, refusing anything
 * that is not a regular file of at most KIOSK_DOCUMENT_MAX_SIZE bytes; only
 * its first @limit bytes if it is longer. Each
 * folder on the way is opened from the one before with O_NOFOLLOW, and no
 * part may be "." or "..", so neither a link nor a walk upwards leaves the
 * drive. */
static GBytes *
read_beneath (const char *root_path, const char *relative, gsize limit, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (relative, G_DIR_SEPARATOR_S, -1);
  g_autofree char *data = NULL;
  struct stat st;
  int dir_fd;
  int fd;
  gsize got = 0;
  gsize wanted;

  if (parts[0] == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME, "no file named");
      return NULL;
    }
  dir_fd = open (root_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "the drive's root: %s",
                   g_strerror (saved));
      return NULL;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      int next;

      if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        {
          g_close (dir_fd, NULL);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                               "a path that could leave the drive");
          return NULL;
        }
      /* O_NONBLOCK: a fifo swapped in must not hang the worker */
      next =
          openat (dir_fd, parts[i],
                  (last ? O_RDONLY | O_NONBLOCK : O_RDONLY | O_DIRECTORY) | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0)
        {
          int saved = errno;

          g_close (dir_fd, NULL);
          /* ELOOP is what O_NOFOLLOW says of a link */
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                       last ? "the file" : "a folder", g_strerror (saved));
          return NULL;
        }
      g_close (dir_fd, NULL);
      dir_fd = next;
    }
  fd = dir_fd;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0 ||
      st.st_size > KIOSK_DOCUMENT_MAX_SIZE)
    {
      g_close (fd, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           "not a regular file of a size the registry takes");
      return NULL;
    }
  wanted = MIN ((gsize) st.st_size, limit);
  data = g_malloc (wanted);
  while (got < wanted)
    {
      gssize n = read (fd, data + got, wanted - got);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      got += (gsize) n;
    }
  g_close (fd, NULL);
  if (got != wanted)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the file changed while read");
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), got);
}

typedef struct
{
  char *root_path;
  char *relative;
} ReadJob;

static void
read_job_free (ReadJob *job)
{
  g_free (job->root_path);
  g_free (job->relative);
  g_free (job);
}

static void
read_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  GBytes *bytes = read_beneath (job->root_path, job->relative, G_MAXSIZE, &error);

  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

/* ---- looking through the drive, on a worker ---- */

/* A regular file of the drive that may be a document, before its first
 * bytes are read. */
typedef struct
{
  GFile *file;
  char *name;
  gint64 modified; /* seconds since the epoch */
} Candidate;

static void
candidate_free (Candidate *candidate)
{
  g_object_unref (candidate->file);
  g_free (candidate->name);
  g_free (candidate);
}

/* Newest first: the scan a person has just made is the one they look
 * for, and a stick full of old files must not push it off the list. */
static int
compare_newest_first (gconstpointer a, gconstpointer b)
{
  const Candidate *first = *(Candidate *const *) a;
  const Candidate *second = *(Candidate *const *) b;

  if (first->modified != second->modified)
    return first->modified > second->modified ? -1 : 1;
  return g_utf8_collate (first->name, second->name);
}

static void
look_in (GFile *folder,
         guint depth,
         guint *entries_left,
         GPtrArray *candidates,
         GCancellable *cancellable)
{
  g_autoptr (GFileEnumerator) enumerator = NULL;
  GFileInfo *info;

  enumerator = g_file_enumerate_children (
      folder,
      G_FILE_ATTRIBUTE_STANDARD_NAME
      "," G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE
      "," G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN
      "," G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK "," G_FILE_ATTRIBUTE_TIME_MODIFIED,
      G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  if (enumerator == NULL)
    return;
  while (*entries_left > 0 &&
         g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, NULL) && info != NULL)
    {
      g_autoptr (GFile) child = NULL;
      GFileType type = g_file_info_get_file_type (info);
      Candidate *candidate;

      (*entries_left)--;
      /* links could lead off the drive; hidden files are the system's */
      if (g_file_info_get_is_symlink (info) || g_file_info_get_is_hidden (info))
        continue;
      child = g_file_get_child (folder, g_file_info_get_name (info));
      if (type == G_FILE_TYPE_DIRECTORY)
        {
          if (depth < MAX_DEPTH)
            look_in (child, depth + 1, entries_left, candidates, cancellable);
          continue;
        }
      if (type != G_FILE_TYPE_REGULAR || g_file_info_get_size (info) <= 0 ||
          g_file_info_get_size (info) > KIOSK_DOCUMENT_MAX_SIZE)
        continue;
      candidate = g_new0 (Candidate, 1);
      candidate->file = g_steal_pointer (&child);
      candidate->name = g_strdup (g_file_info_get_display_name (info));
      candidate->modified =
          (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
      g_ptr_array_add (candidates, candidate);
      /* only the newest are kept on the way */
      if (candidates->len >= 2 * MAX_CANDIDATES)
        {
          g_ptr_array_sort (candidates, compare_newest_first);
          g_ptr_array_set_size (candidates, MAX_CANDIDATES);
        }
    }
}

/* Up to MAX_FILES documents under @root, newest first: the walk looks at
 * no more than MAX_ENTRIES entries and keeps the MAX_CANDIDATES newest
 * files, and only those it lists have their first bytes read. */
static GPtrArray *
look_through (GFile *root, GCancellable *cancellable)
{
  g_autoptr (GPtrArray) candidates =
      g_ptr_array_new_with_free_func ((GDestroyNotify) candidate_free);
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) usb_file_free);
  guint entries_left = MAX_ENTRIES;

  look_in (root, 0, &entries_left, candidates, cancellable);
  g_ptr_array_sort (candidates, compare_newest_first);
  for (guint i = 0; i < candidates->len && found->len < MAX_FILES; i++)
    {
      Candidate *candidate = g_ptr_array_index (candidates, i);
      g_autofree char *relative = g_file_get_relative_path (root, candidate->file);
      g_autoptr (GBytes) head = NULL;
      const char *media_type = NULL;
      UsbFile *usb_file;

      if (g_cancellable_is_cancelled (cancellable))
        break;
      if (relative != NULL && g_file_peek_path (root) != NULL)
        head = read_beneath (g_file_peek_path (root), relative, SNIFF_LENGTH, NULL);
      /* the first bytes say what a file is; a name can say anything */
      if (head != NULL)
        media_type = kiosk_document_sniff (g_bytes_get_data (head, NULL), g_bytes_get_size (head));
      if (media_type == NULL)
        continue;
      usb_file = g_new0 (UsbFile, 1);
      usb_file->relative = g_steal_pointer (&relative);
      usb_file->file = g_object_ref (candidate->file);
      usb_file->name = g_strdup (candidate->name);
      usb_file->media_type = media_type;
      g_ptr_array_add (found, usb_file);
    }
  return found;
}

static void
look_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  GPtrArray *found = look_through (task_data, cancellable);

  if (g_task_return_error_if_cancelled (task))
    g_ptr_array_unref (found);
  else
    g_task_return_pointer (task, found, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * kiosk_usb_picker_list_drive:
 * @root: a drive's top folder
 *
 * What the page would list of @root, walked as the page walks it; blocks.
 *
 * Returns: (transfer full): the files' paths under @root, in the page's
 *   order
 */
GStrv
kiosk_usb_picker_list_drive (GFile *root)
{
  g_autoptr (GPtrArray) found = look_through (root, NULL);
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < found->len; i++)
    g_strv_builder_add (names, ((UsbFile *) g_ptr_array_index (found, i))->relative);
  return g_strv_builder_end (names);
}

/**
 * kiosk_usb_picker_read_file:
 *
 * Reads @relative under @root_path as an upload does; blocks.
 */
GBytes *
kiosk_usb_picker_read_file (const char *root_path, const char *relative, GError **error)
{
  return read_beneath (root_path, relative, G_MAXSIZE, error);
}

/**
 * kiosk_usb_picker_draw_thumbnail:
 *
 * Reads @relative under @root_path and draws the thumbnail the page shows
 * of it (a PDF's first page, in the renderer process); blocks.
 *
 * Returns: (transfer full) (nullable): the thumbnail, %NULL if the file
 *   cannot be read or drawn
 */
GdkTexture *
kiosk_usb_picker_draw_thumbnail (const char *root_path,
                                 const char *relative,
                                 GCancellable *cancellable,
                                 GError **error)
{
  g_autoptr (GBytes) bytes = read_beneath (root_path, relative, G_MAXSIZE, error);
  g_autoptr (KioskDocument) document = NULL;

  if (bytes == NULL)
    return NULL;
  document = kiosk_document_new (bytes, error);
  if (document == NULL)
    return NULL;
  return kiosk_document_render (document, 0, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT, cancellable, error);
}

/* ---- the page ---- */

static void
file_clicked_cb (GtkButton *button, KioskUsbPickerPage *self)
{
  GtkWidget *child;
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index"));

  if (self->busy || ((UsbFile *) g_ptr_array_index (self->files, index))->damaged)
    return;
  self->selected = index;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->files_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));

      if (tile == GTK_WIDGET (button))
        gtk_widget_add_css_class (tile, "picked");
      else
        gtk_widget_remove_css_class (tile, "picked");
    }
  update_upload_button (self);
}

/* A file's tile: a spinner where its thumbnail will be until it is drawn. */
static GtkWidget *
file_tile (KioskUsbPickerPage *self, UsbFile *usb_file, int index)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *overlay = gtk_overlay_new ();
  GtkWidget *picture = gtk_image_new ();
  GtkWidget *drawing = gtk_spinner_new ();
  GtkWidget *damaged = gtk_label_new (_ ("This file cannot be opened"));
  GtkWidget *label = gtk_label_new (usb_file->name);

  /* an image, not a picture: a picture's height follows its width, and the
   * tiles are as wide as the screen's column */
  gtk_image_set_pixel_size (GTK_IMAGE (picture), THUMBNAIL_WIDTH);
  gtk_widget_set_size_request (picture, THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
  gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (picture, GTK_ALIGN_CENTER);
  gtk_overlay_set_child (GTK_OVERLAY (overlay), picture);
  gtk_spinner_set_spinning (GTK_SPINNER (drawing), TRUE);
  gtk_widget_set_size_request (drawing, 48, 48);
  gtk_widget_set_halign (drawing, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (drawing, GTK_ALIGN_CENTER);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), drawing);
  gtk_label_set_wrap (GTK_LABEL (damaged), TRUE);
  gtk_label_set_justify (GTK_LABEL (damaged), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (damaged, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (damaged, FALSE);
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), damaged);
  gtk_box_append (GTK_BOX (box), overlay);
  /* a file's name is the person's data, in whatever language they wrote it */
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_widget_add_css_class (label, "field-value");
  gtk_widget_add_css_class (label, "may-ellipsize");
  gtk_box_append (GTK_BOX (box), label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "usb-file");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  usb_file->name, -1);
  g_object_set_data (G_OBJECT (button), "index", GINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (file_clicked_cb), self);
  usb_file->tile = button;
  usb_file->picture = GTK_IMAGE (picture);
  usb_file->drawing = drawing;
  usb_file->damaged_label = damaged;
  return button;
}

/* ---- drawing the thumbnails, one at a time on a worker ---- */

static void draw_next (KioskUsbPickerPage *self);

static void
draw_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GError *error = NULL;
  GdkTexture *thumbnail =
      kiosk_usb_picker_draw_thumbnail (job->root_path, job->relative, cancellable, &error);

  if (thumbnail == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, thumbnail, g_object_unref);
}

static void
drawn_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskUsbPickerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkTexture) thumbnail = g_task_propagate_pointer (G_TASK (result), &error);
  UsbFile *usb_file;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      self->n_drawn >= self->files->len)
    return; /* the list was dropped */
  usb_file = g_ptr_array_index (self->files, self->n_drawn);
  self->n_drawn++;
  gtk_widget_set_visible (usb_file->drawing, FALSE);
  if (thumbnail != NULL)
    {
      usb_file->thumbnail = g_steal_pointer (&thumbnail);
      gtk_image_set_from_paintable (usb_file->picture, GDK_PAINTABLE (usb_file->thumbnail));
    }
  else
    {
      /* the registry would refuse it too; the file's name is not logged */
      g_message ("a file of the USB stick cannot be drawn: %s", error->message);
      usb_file->damaged = TRUE;
      gtk_widget_set_visible (usb_file->damaged_label, TRUE);
      gtk_widget_set_sensitive (usb_file->tile, FALSE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (usb_file->tile),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      _ ("This file cannot be opened"), -1);
      gtk_widget_remove_css_class (usb_file->tile, "picked");
      if (self->selected == (int) self->n_drawn - 1)
        self->selected = -1;
      update_upload_button (self);
    }
  draw_next (self);
}

static void
draw_next (KioskUsbPickerPage *self)
{
  GFile *root = kiosk_removable_drives_get_root (self->drives);
  g_autoptr (GTask) task = NULL;
  ReadJob *job;

  if (self->n_drawn >= self->files->len || root == NULL || g_file_peek_path (root) == NULL)
    return;
  job = g_new0 (ReadJob, 1);
  job->root_path = g_strdup (g_file_peek_path (root));
  job->relative = g_strdup (((UsbFile *) g_ptr_array_index (self->files, self->n_drawn))->relative);
  task = g_task_new (NULL, self->cancellable, drawn_cb, g_object_ref (self));
  g_task_set_source_tag (task, draw_next);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, draw_thread);
}

static void
looked_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskUsbPickerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = g_task_propagate_pointer (G_TASK (result), &error);

  if (found == NULL)
    return; /* cancelled: the drive went, or the page was left */
  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  for (guint i = 0; i < found->len; i++)
    {
      UsbFile *usb_file = g_ptr_array_index (found, i);

      gtk_flow_box_append (self->files_box, file_tile (self, usb_file, (int) i));
    }
  g_ptr_array_extend_and_steal (self->files, g_steal_pointer (&found));
  set_status (self, self->files->len == 0
                        ? _ ("There is no JPEG, PNG or PDF file on this USB stick.")
                        : _ ("Tap the file to add, then Upload."));
  update_upload_button (self);
  draw_next (self);
}

static void
look (KioskUsbPickerPage *self)
{
  GFile *root;
  g_autoptr (GTask) task = NULL;

  clear (self);
  root = kiosk_removable_drives_get_root (self->drives);
  if (root == NULL)
    {
      set_status (self, _ ("Plug your USB stick into the kiosk."));
      return;
    }
  if (!kiosk_removable_drives_get_usable (self->drives))
    {
      set_status (self, _ ("This USB stick cannot be used at this kiosk. Please add your file "
                           "from your phone, or ask the staff for help.\n"
                           "For staff: the drive is not mounted nodev and nosuid, so the kiosk "
                           "does not read it; check the kiosk's mount rule (OPERATIONS.md)."));
      return;
    }
  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  set_status (self, _ ("Looking for pictures and PDF files on your USB stick…"));
  task = g_task_new (NULL, self->cancellable, looked_cb, g_object_ref (self));
  g_task_set_source_tag (task, look);
  g_task_set_task_data (task, g_object_ref (root), g_object_unref);
  g_task_run_in_thread (task, look_thread);
}

static void
uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskUsbPickerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonObject) stored = NULL;

  if (self->kind == NULL)
    stored = sync_registry_signature_form_scan_finish (SYNC_REGISTRY (source), result, &error);
  else
    stored = sync_registry_attachment_add_finish (SYNC_REGISTRY (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->busy = FALSE;
  gtk_spinner_set_spinning (self->spinner, FALSE);
  if (stored == NULL)
    {
      g_autofree char *problem = kiosk_attachments_describe_error (error);

      g_message ("uploading a file from a USB stick failed: %s", error->message);
      set_status (self, problem);
      /* only for the form, and only for a code that cannot be read: staff
       * never stand in for a code that names someone else */
      if (self->kind == NULL &&
          g_error_matches (error, CORE_API_ERROR, CORE_API_ERROR_FORM_QR_UNREADABLE))
        gtk_widget_set_visible (self->staff_button, self->unreadable != NULL);
      else
        g_clear_pointer (&self->unreadable, g_bytes_unref);
      update_upload_button (self);
      return;
    }
  clear (self);
  kiosk_page_navigate (KIOSK_PAGE (self), self->return_page, NULL);
}

static void
read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (KioskUsbPickerPage) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_task_propagate_pointer (G_TASK (result), &error);
  KioskPage *page = KIOSK_PAGE (self);
  SyncRegistry *registry = kiosk_services_get_registry (kiosk_page_get_services (page));
  const char *token = kiosk_visit_get_session_token (kiosk_page_get_visit (page));
  const char *media_type;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    g_message ("a file of the USB stick cannot be opened: %s", error->message);
  media_type = bytes != NULL && g_bytes_get_size (bytes) <= KIOSK_DOCUMENT_MAX_SIZE
                   ? kiosk_document_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes))
                   : NULL;
  if (media_type == NULL || registry == NULL || token == NULL)
    {
      self->busy = FALSE;
      gtk_spinner_set_spinning (self->spinner, FALSE);
      set_status (self, _ ("This file cannot be read any more. Is the USB stick still plugged "
                           "in?"));
      update_upload_button (self);
      return;
    }
  g_clear_pointer (&self->unreadable, g_bytes_unref);
  gtk_widget_set_visible (self->staff_button, FALSE);
  if (self->kind == NULL)
    {
      self->unreadable = g_bytes_ref (bytes);
      self->unreadable_type = media_type;
    }
  if (self->kind == NULL)
    sync_registry_signature_form_scan_async (registry, token, NULL, media_type, bytes,
                                             self->cancellable, uploaded_cb, g_object_ref (self));
  else
    sync_registry_attachment_add_async (registry, token, self->kind, self->record_id, media_type,
                                        bytes, self->cancellable, uploaded_cb, g_object_ref (self));
}

static void
upload_cb (KioskUsbPickerPage *self)
{
  UsbFile *usb_file;
  GFile *root = kiosk_removable_drives_get_root (self->drives);
  g_autoptr (GTask) task = NULL;
  ReadJob *job;

  if (self->busy || self->selected < 0 || (guint) self->selected >= self->files->len)
    return;
  usb_file = g_ptr_array_index (self->files, self->selected);
  if (usb_file->damaged)
    return;
  /* only ever a file of the drive shown, and only of a usable one */
  if (root == NULL || !kiosk_removable_drives_get_usable (self->drives) ||
      usb_file->relative == NULL || !g_file_has_prefix (usb_file->file, root) ||
      g_file_peek_path (root) == NULL)
    return;
  self->busy = TRUE;
  gtk_spinner_set_spinning (self->spinner, TRUE);
  set_status (self, _ ("Uploading…"));
  update_upload_button (self);
  job = g_new0 (ReadJob, 1);
  job->root_path = g_strdup (g_file_peek_path (root));
  job->relative = g_strdup (usb_file->relative);
  task = g_task_new (NULL, self->cancellable, read_cb, g_object_ref (self));
  g_task_set_source_tag (task, upload_cb);
  g_task_set_task_data (task, job, (GDestroyNotify) read_job_free);
  g_task_run_in_thread (task, read_thread);
}

static void
staff_cb (KioskUsbPickerPage *self)
{
  g_autoptr (GBytes) scan = NULL;

  if (self->busy || self->unreadable == NULL)
    return;
  scan = g_bytes_ref (self->unreadable);
  kiosk_page_navigate (KIOSK_PAGE (self), KIOSK_PAGE_FORM_CONFIRM, "scan", scan, "media-type",
                       self->unreadable_type, "return-page", self->return_page, NULL);
}

static void
drive_changed_cb (KioskUsbPickerPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    look (self);
}

static void
kiosk_usb_picker_page_shown (KioskPage *page)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (page);

  gtk_label_set_text (self->heading_label, self->kind == NULL
                                               ? _ ("Pick the scan of your signed form")
                                               : _ ("Pick a file from your USB stick"));
  look (self);
  if (kiosk_page_get_offline (page))
    set_status (self, _ ("Attachments are kept on the registry, which this kiosk cannot reach "
                         "now."));
}

static void
kiosk_usb_picker_page_reset (KioskPage *page)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (page);

  clear (self);
  g_clear_pointer (&self->kind, g_free);
  self->record_id = 0;
}

static void
kiosk_usb_picker_page_go_back (KioskPage *page)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (page);

  clear (self);
  kiosk_page_navigate (page, self->return_page, NULL);
}

/* the thumbnails are not kept once the page is out of sight */
static void
kiosk_usb_picker_page_unmap (GtkWidget *widget)
{
  clear (KIOSK_USB_PICKER_PAGE (widget));
  GTK_WIDGET_CLASS (kiosk_usb_picker_page_parent_class)->unmap (widget);
}

static void
kiosk_usb_picker_page_dispose (GObject *object)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->drives);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->unreadable, g_bytes_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), KIOSK_TYPE_USB_PICKER_PAGE);

  G_OBJECT_CLASS (kiosk_usb_picker_page_parent_class)->dispose (object);
}

static void
kiosk_usb_picker_page_finalize (GObject *object)
{
  g_free (KIOSK_USB_PICKER_PAGE (object)->kind);

  G_OBJECT_CLASS (kiosk_usb_picker_page_parent_class)->finalize (object);
}

static void
kiosk_usb_picker_page_get_property (GObject *object,
                                    guint prop_id,
                                    GValue *value,
                                    GParamSpec *pspec)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        g_value_set_string (value, self->kind);
        break;
      case PROP_RECORD_ID:
        g_value_set_int64 (value, self->record_id);
        break;
      case PROP_RETURN_PAGE:
        g_value_set_enum (value, self->return_page);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kiosk_usb_picker_page_set_property (GObject *object,
                                    guint prop_id,
                                    const GValue *value,
                                    GParamSpec *pspec)
{
  KioskUsbPickerPage *self = KIOSK_USB_PICKER_PAGE (object);

  switch (prop_id)
    {
      case PROP_KIND:
        if (g_strcmp0 (self->kind, g_value_get_string (value)) != 0)
          {
            g_free (self->kind);
            self->kind = g_value_dup_string (value);
            g_object_notify_by_pspec (object, pspec);
          }
        break;
      case PROP_RECORD_ID:
        if (self->record_id != g_value_get_int64 (value))
          {
            self->record_id = g_value_get_int64 (value);
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
kiosk_usb_picker_page_class_init (KioskUsbPickerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KioskPageClass *page_class = KIOSK_PAGE_CLASS (klass);

  object_class->dispose = kiosk_usb_picker_page_dispose;
  object_class->finalize = kiosk_usb_picker_page_finalize;
  object_class->get_property = kiosk_usb_picker_page_get_property;
  object_class->set_property = kiosk_usb_picker_page_set_property;
  widget_class->unmap = kiosk_usb_picker_page_unmap;
  page_class->shown = kiosk_usb_picker_page_shown;
  page_class->reset = kiosk_usb_picker_page_reset;
  page_class->go_back = kiosk_usb_picker_page_go_back;

  /**
   * KioskUsbPickerPage:kind:
   *
   * The kind of the record the file is for, %NULL for the signed signature
   * form (an argument).
   */
  properties[PROP_KIND] =
      g_param_spec_string ("kind", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskUsbPickerPage:record-id:
   *
   * The record the file is for (an argument).
   */
  properties[PROP_RECORD_ID] =
      g_param_spec_int64 ("record-id", NULL, NULL, 0, G_MAXINT64, 0,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * KioskUsbPickerPage:return-page:
   *
   * Where Back, and a finished upload, go (an argument).
   */
  properties[PROP_RETURN_PAGE] =
      g_param_spec_enum ("return-page", NULL, NULL, KIOSK_TYPE_PAGE_ID, KIOSK_PAGE_HOME,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (
      widget_class, "/org/practitioner/Kiosk/ui/pages/kiosk-usb-picker-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, files_box);
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, upload_button);
  gtk_widget_class_bind_template_child (widget_class, KioskUsbPickerPage, staff_button);
  gtk_widget_class_bind_template_callback (widget_class, upload_cb);
  gtk_widget_class_bind_template_callback (widget_class, staff_cb);
}

static void
kiosk_usb_picker_page_init (KioskUsbPickerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->return_page = KIOSK_PAGE_HOME;
  self->selected = -1;
  self->files = g_ptr_array_new_with_free_func ((GDestroyNotify) usb_file_free);
  self->drives = kiosk_removable_drives_new ();
  g_signal_connect_object (self->drives, "notify::root", G_CALLBACK (drive_changed_cb), self,
                           G_CONNECT_SWAPPED);
  kiosk_page_set_title (KIOSK_PAGE (self), _ ("Add from USB stick"));
}

gboolean
kiosk_usb_picker_page_get_busy (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), FALSE);
  return self->busy;
}

guint
kiosk_usb_picker_page_get_n_files (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), 0);
  return self->files->len;
}

/**
 * kiosk_usb_picker_page_get_n_drawn:
 *
 * Returns: how many of the files, from the first, have their thumbnail
 *   shown or are shown as damaged
 */
guint
kiosk_usb_picker_page_get_n_drawn (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), 0);
  return self->n_drawn;
}

/**
 * kiosk_usb_picker_page_get_file_damaged:
 *
 * Returns: whether the @index-th file was found damaged (its tile greyed)
 */
gboolean
kiosk_usb_picker_page_get_file_damaged (KioskUsbPickerPage *self, guint index)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), FALSE);
  return index < self->files->len && ((UsbFile *) g_ptr_array_index (self->files, index))->damaged;
}

/**
 * kiosk_usb_picker_page_get_file_name:
 *
 * Returns: (nullable): the name shown under the @index-th thumbnail
 */
const char *
kiosk_usb_picker_page_get_file_name (KioskUsbPickerPage *self, guint index)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), NULL);
  return index < self->files->len ? ((UsbFile *) g_ptr_array_index (self->files, index))->name
                                  : NULL;
}

/**
 * kiosk_usb_picker_page_get_file_tile:
 *
 * Returns: (transfer none) (nullable): the button of the file named @name
 */
GtkWidget *
kiosk_usb_picker_page_get_file_tile (KioskUsbPickerPage *self, const char *name)
{
  GtkWidget *child;

  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), NULL);

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->files_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *tile = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (tile), "index"));

      if (g_strcmp0 (kiosk_usb_picker_page_get_file_name (self, (guint) index), name) == 0)
        return tile;
    }
  return NULL;
}

GtkWidget *
kiosk_usb_picker_page_get_staff_button (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), NULL);
  return self->staff_button;
}

GtkWidget *
kiosk_usb_picker_page_get_upload_button (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), NULL);
  return self->upload_button;
}

const char *
kiosk_usb_picker_page_get_status_text (KioskUsbPickerPage *self)
{
  g_return_val_if_fail (KIOSK_IS_USB_PICKER_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
             ? gtk_label_get_text (self->status_label)
             : NULL;
}
