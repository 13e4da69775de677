/* chq-location.h: ChqLocation, a place where a course is given
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "chq-types.h"

G_BEGIN_DECLS

#define CHQ_TYPE_LOCATION (chq_location_get_type ())

G_DECLARE_FINAL_TYPE (ChqLocation, chq_location, CHQ, LOCATION, GObject)

ChqLocation *chq_location_new                (void);

const char  *chq_location_get_city           (ChqLocation *self);
const char  *chq_location_get_postcode       (ChqLocation *self);
const char  *chq_location_get_province       (ChqLocation *self);
const char  *chq_location_get_province_label (ChqLocation *self);

/* The five Walloon provinces as API words: "liege", "namur", "hainaut", "luxembourg",
 * "brabant_wallon" (a distance course has no location, so "distance" is not one). */
gboolean     chq_province_is_valid           (const char  *word);
const char  *chq_province_get_label          (const char  *word);

G_END_DECLS
