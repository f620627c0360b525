/* media-pdf-limits.h: what the PDF renderer may use, shared with its callers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The renderer's address space: poppler, cairo and fontconfig need about
 * 100 MiB, a page drawn at the largest side 64 MiB more. */
#define MEDIA_PDF_MAX_MEMORY (512UL * 1024 * 1024)
/* CPU seconds for one PDF: an ordinary 20-page scan takes well under one. */
#define MEDIA_PDF_MAX_CPU_SECONDS 10
/* Wall-clock seconds the callers wait before they kill it: the CPU limit
 * and some, for a renderer that waits instead of working. */
#define MEDIA_PDF_TIMEOUT_SECONDS 20
/* The largest file it reads (the registry's and the kiosk's own limit). */
#define MEDIA_PDF_MAX_SIZE (10 * 1024 * 1024)
/* The largest side of a drawn page, in pixels. */
#define MEDIA_PDF_MAX_SIDE 4096
