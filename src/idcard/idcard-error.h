/* idcard-error.h: the error domain of libidcard (document numbers, frames, readers)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define IDCARD_ERROR (idcard_error_quark ())

/**
 * IdcardError:
 *
 * Errors of libidcard. The codes from %IDCARD_ERROR_SAM_FRAME_CHECKSUM to
 * %IDCARD_ERROR_NO_CONTENT are the SAM status codes (SW3) of a response frame;
 * idcard_frame_status_to_error() maps them.
 */
typedef enum
{
  IDCARD_ERROR_FAILED,
  IDCARD_ERROR_INVALID_NUMBER, /* a document number breaks its rule */
  IDCARD_ERROR_INVALID_DATA,   /* card text, a card file or a configuration is malformed */
  IDCARD_ERROR_FRAME,          /* a received frame is malformed (length, preamble) */
  IDCARD_ERROR_CHECKSUM,       /* a received frame's XOR checksum does not match */
  IDCARD_ERROR_TIMEOUT,        /* the reader did not answer in time */
  IDCARD_ERROR_NO_DEVICE,      /* the reader is gone (unplugged) or was never there */
  IDCARD_ERROR_ACCESS,         /* no permission to open the reader */
  IDCARD_ERROR_IO,             /* any other transfer failure */
  IDCARD_ERROR_NOT_SUPPORTED,  /* the device or the operation is not supported */
  IDCARD_ERROR_CANCELLED,      /* the operation was cancelled */
  IDCARD_ERROR_PHOTO_DECODER,  /* the configured WLT decoder failed */
  /* SAM status codes (SW3) */
  IDCARD_ERROR_SAM_FRAME_CHECKSUM, /* 0x10 the SAM got a frame with a bad checksum */
  IDCARD_ERROR_SAM_FRAME_LENGTH,   /* 0x11 the SAM got a frame with a bad length */
  IDCARD_ERROR_SAM_COMMAND,        /* 0x21 the SAM rejected the command */
  IDCARD_ERROR_SAM_FORBIDDEN,      /* 0x23 operation not permitted */
  IDCARD_ERROR_SAM_UNKNOWN,        /* 0x24 the SAM reports an unidentified error */
  IDCARD_ERROR_CARD_AUTH_FAILED,   /* 0x31 the card did not authenticate the SAM */
  IDCARD_ERROR_SAM_AUTH_FAILED,    /* 0x32 the SAM did not authenticate the card */
  IDCARD_ERROR_VERIFY_FAILED,      /* 0x33 information verification failed */
  IDCARD_ERROR_CARD_TYPE,          /* 0x40 card type not recognised */
  IDCARD_ERROR_READ_FAILED,        /* 0x41 reading the card failed */
  IDCARD_ERROR_RANDOM_FAILED,      /* 0x47 getting a random number failed */
  IDCARD_ERROR_SAM_SELF_TEST,      /* 0x60 the SAM failed its self-test */
  IDCARD_ERROR_SAM_UNAUTHORIZED,   /* 0x66 the SAM is not authorised for use */
  IDCARD_ERROR_NO_CARD,            /* 0x80 no card on the reader */
  IDCARD_ERROR_SELECT_FAILED,      /* 0x81 selecting the card failed */
  IDCARD_ERROR_NO_CONTENT,         /* 0x91 the card has no content for this item */
  IDCARD_ERROR_SAM_STATUS,         /* any other status code the SAM returns */
} IdcardError;

GQuark idcard_error_quark (void);

G_END_DECLS
