/* test-kiosk-usb-drive.c: what the kiosk reads of a USB stick
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A drive is read only when it is mounted nodev and nosuid, and of the
 * drive only regular files are listed and opened: a device node or a fifo
 * named like a picture is neither listed nor read (nor does it hang the
 * reading worker). The newest files are listed first.
 */

#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <utime.h>

#include "kiosk-removable-drives.h"
#include "kiosk-usb-picker-page-private.h"

static void
test_mount_options (void)
{
  /* as the kiosk's udev rule and udisks2 mount sticks */
  g_assert_true (kiosk_removable_drives_options_usable ("ro,nosuid,nodev,noexec,noatime"));
  g_assert_true (kiosk_removable_drives_options_usable (
      "rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022,codepage=437,"
      "iocharset=ascii,shortname=mixed,showexec,utf8,flush,errors=remount-ro,uhelper=udisks2"));
  g_assert_true (kiosk_removable_drives_options_usable ("nodev,nosuid"));

  g_assert_false (kiosk_removable_drives_options_usable ("rw,relatime"));
  g_assert_false (kiosk_removable_drives_options_usable ("ro,nosuid,noexec"));
  g_assert_false (kiosk_removable_drives_options_usable ("ro,nodev,noexec"));
  /* whole options only */
  g_assert_false (kiosk_removable_drives_options_usable ("ro,nodevx,nosuid"));
  g_assert_false (kiosk_removable_drives_options_usable ("ro,nodev,xnosuid"));
  g_assert_false (kiosk_removable_drives_options_usable ("ro,dev,suid,nodevice,nosuidx"));
  g_assert_false (kiosk_removable_drives_options_usable (""));
  g_assert_false (kiosk_removable_drives_options_usable (NULL));
}

static void
write_png (const char *path)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 48);
  g_autoptr (GError) error = NULL;

  gdk_pixbuf_fill (pixbuf, 0x336699ff);
  gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
  g_assert_no_error (error);
}

/* A fifo, and (where the test may make one) a character device, named as
 * pictures beside a real one: only the picture is listed or read. */
static void
test_special_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("usb-drive-XXXXXX", &error);
  g_autofree char *png = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.png", NULL);
  g_autofree char *device = g_build_filename (dir, "device.png", NULL);
  g_autofree char *nested = g_build_filename (dir, "scans", NULL);
  g_autofree char *nested_device = g_build_filename (nested, "zero.pdf", NULL);
  g_autoptr (GFile) root = NULL;
  g_auto (GStrv) listed = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gboolean devices;

  g_assert_no_error (error);
  write_png (png);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_cmpint (g_mkdir (nested, 0755), ==, 0);
  /* /dev/null's and /dev/zero's numbers: harmless here, if opened */
  devices = mknod (device, S_IFCHR | 0644, makedev (1, 3)) == 0 &&
            mknod (nested_device, S_IFCHR | 0644, makedev (1, 5)) == 0;
  if (!devices)
    g_test_message ("no device nodes (needs CAP_MKNOD): checking the fifo only");

  root = g_file_new_for_path (dir);
  listed = kiosk_usb_picker_list_drive (root);
  g_assert_cmpuint (g_strv_length (listed), ==, 1);
  g_assert_cmpstr (listed[0], ==, "photo.png");

  bytes = kiosk_usb_picker_read_file (dir, "photo.png", &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_clear_pointer (&bytes, g_bytes_unref);

  /* opened by name anyway (a file swapped after the listing): refused */
  bytes = kiosk_usb_picker_read_file (dir, "fifo.png", &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_null (bytes);
  g_clear_error (&error);
  if (devices)
    {
      bytes = kiosk_usb_picker_read_file (dir, "device.png", &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_null (bytes);
      g_clear_error (&error);
      bytes = kiosk_usb_picker_read_file (dir, "scans/zero.pdf", &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_null (bytes);
      g_clear_error (&error);
      g_unlink (device);
      g_unlink (nested_device);
    }
  g_unlink (png);
  g_unlink (fifo);
  g_rmdir (nested);
  g_rmdir (dir);
}

static void
write_file_at (const char *path, const char *contents, gint64 modified)
{
  g_autoptr (GError) error = NULL;
  struct utimbuf times = { .actime = modified, .modtime = modified };

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

/* A stick with more old documents than the page lists (and than the walk
 * keeps on its way), and the scan just made: the scan comes first and the
 * list stops at 48, newest first. A newer file that is no document takes
 * no place. */
static void
test_newest_first (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("usb-drive-XXXXXX", &error);
  g_autofree char *old_folder = g_build_filename (dir, "old", NULL);
  g_autofree char *scan = g_build_filename (dir, "zz-scan.png", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.pdf", NULL);
  g_autoptr (GFile) root = NULL;
  g_auto (GStrv) listed = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (old_folder, 0755), ==, 0);
  for (guint i = 0; i < 900; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/old-%03u.pdf", i % 2 ? old_folder : dir, i);

      /* one an hour, from 2020 on: old-899 is the newest of them */
      write_file_at (name, "%PDF-1.4 not really", 1577836800 + i * 3600);
    }
  write_png (scan);
  /* a name that says PDF, and text inside */
  write_file_at (notes, "just some notes, newer than the scan", now + 60);

  root = g_file_new_for_path (dir);
  listed = kiosk_usb_picker_list_drive (root);
  g_assert_cmpuint (g_strv_length (listed), ==, 48);
  g_assert_cmpstr (listed[0], ==, "zz-scan.png");
  g_assert_cmpstr (listed[1], ==, "old/old-899.pdf");
  g_assert_cmpstr (listed[2], ==, "old-898.pdf");
  g_assert_cmpstr (listed[47], ==, "old/old-853.pdf");

  for (guint i = 0; i < 900; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s/old-%03u.pdf", i % 2 ? old_folder : dir, i);

      g_unlink (name);
    }
  g_unlink (scan);
  g_unlink (notes);
  g_rmdir (old_folder);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/kiosk/usb-drive/mount-options", test_mount_options);
  g_test_add_func ("/kiosk/usb-drive/special-files", test_special_files);
  g_test_add_func ("/kiosk/usb-drive/newest-first", test_newest_first);
  return g_test_run ();
}
