/* fake-wlt-decoder.c: stands in for a vendor WLT decoder library in tests
 *
 * unpack_ok writes 102×126 BGR pixels bottom-up, as vendor libraries do: blue = stored
 * row, green = column, red = the first WLT byte; it wants licence 159.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <signal.h>

int unpack_ok (char *wlt, char *pixels, int licence);
int unpack_fail (char *wlt, char *pixels, int licence);
int unpack_crash (char *wlt, char *pixels, int licence);
int unpack_blank_only (char *wlt, char *pixels, int licence);

int
unpack_ok (char *wlt, char *pixels, int licence)
{
  if (licence != 159)
    return 0;
  for (int row = 0; row < 126; row++)
    for (int col = 0; col < 102; col++)
      {
        unsigned char *p = (unsigned char *) pixels + (row * 102 + col) * 3;

        p[0] = (unsigned char) row;
        p[1] = (unsigned char) col;
        p[2] = (unsigned char) wlt[0];
      }
  return 1;
}

int
unpack_fail (char *wlt, char *pixels, int licence)
{
  return 0;
}

int
unpack_crash (char *wlt, char *pixels, int licence)
{
  raise (SIGSEGV);
  return 1;
}

/* passes the probe (a blank photo) but fails on every real one */
int
unpack_blank_only (char *wlt, char *pixels, int licence)
{
  for (int i = 0; i < 1024; i++)
    if (wlt[i] != 0)
      return 0;
  return 1;
}
