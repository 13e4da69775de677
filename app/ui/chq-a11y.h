/* chq-a11y.h: what a screen reader hears of the widgets GTK 4.8 names badly
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void chq_a11y_tidy        (GtkWidget *root);
void chq_a11y_wrap_labels (GtkWidget *widget);

G_END_DECLS
